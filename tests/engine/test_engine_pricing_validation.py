"""Pricing Rule definitions: normalisation, save-time validation and the index's duplicate check."""

from decimal import Decimal

import pytest
from engine_helpers import rule

from sales_module.engine import EngineValidationError, PricingRule, RuleIndex, validate_pricing_rule


def test_duplicate_rule_names_rejected():
	with pytest.raises(EngineValidationError) as err:
		RuleIndex([rule("R1"), rule("R1")])
	assert err.value.code == "duplicate_rule"


@pytest.mark.parametrize(
	("fields", "code"),
	[
		({"items": []}, "missing_targets"),
		({"apply_on": "Warehouse"}, "invalid_apply_on"),
		({"applicable_for": "Customer"}, "missing_party"),
		({"applicable_for": "Supplier", "supplier": "S"}, "invalid_party"),
		({"min_qty": 10, "max_qty": 5}, "min_gt_max"),
		({"min_amt": -1}, "negative_limit"),
		({"valid_from": "2024-02-01", "valid_upto": "2024-01-01"}, "invalid_dates"),
		({"discount_percentage": 120}, "discount_over_100"),
		({"discount_amount": -1, "rate_or_discount": "Discount Amount"}, "negative_discount"),
		({"rate_or_discount": "Bogus"}, "invalid_kind"),
		({"margin_type": "Bogus", "margin_rate_or_amount": 1}, "invalid_margin"),
		({"price_or_product_discount": "Product", "mixed_conditions": 1}, "mixed_same_item"),
		(
			{"price_or_product_discount": "Product", "free_item": "F", "is_recursive": 1, "recurse_for": 0},
			"invalid_recursion",
		),
		(
			{
				"price_or_product_discount": "Product",
				"free_item": "F",
				"is_recursive": 1,
				"recurse_for": 2,
				"mixed_conditions": 1,
			},
			"recursion_mixed",
		),
		(
			{
				"price_or_product_discount": "Product",
				"free_item": "F",
				"is_recursive": 1,
				"recurse_for": 2,
				"min_qty": 2,
				"apply_recursion_over": 3,
			},
			"recursion_over",
		),
	],
)
def test_validate_pricing_rule(fields, code):
	with pytest.raises(EngineValidationError) as err:
		validate_pricing_rule(rule("R1", **fields))
	assert err.value.code == code


def test_valid_rule_passes_validation():
	assert validate_pricing_rule(rule("R1", discount_percentage=10, min_qty=1, max_qty=5)).name == "R1"


def test_rule_from_dataclass_and_index_len():
	direct = PricingRule(
		"R1", targets=(("A", ""),), discount_percentage="10", priority="3", valid_from="2024-01-01"
	)
	assert (direct.discount_percentage, direct.priority, str(direct.valid_from)) == (
		Decimal(10),
		3,
		"2024-01-01",
	)
	assert len(RuleIndex([direct, rule("R2", disable=1)])) == 1
