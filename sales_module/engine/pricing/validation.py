"""Save-time checks of a Pricing Rule (ERPNext's, minus the ones needing the database)."""

from ..errors import EngineValidationError
from ..money import HUNDRED, ONE, ZERO
from ..text import N_, term
from .constants import (
	AMOUNT,
	DISCOUNT_AMOUNT,
	DISCOUNT_PERCENTAGE,
	PARTY_FIELDS,
	PERCENTAGE,
	RATE,
	TARGET_TABLES,
	TRANSACTION,
)
from .model import PricingRule


def validate_pricing_rule(rule: object) -> PricingRule:
	"""Save-time checks (ERPNext's, minus the ones needing the database). Raises EngineValidationError."""
	rule = PricingRule.from_obj(rule)
	if rule.apply_on not in (*TARGET_TABLES, TRANSACTION):
		_fail(N_("Pricing Rule {0}: invalid Apply On {1}"), rule.name, rule.apply_on, code="invalid_apply_on")
	if rule.apply_on != TRANSACTION and not rule.targets:
		_fail(
			N_("Pricing Rule {0}: add at least one {1}"),
			rule.name,
			term(rule.apply_on),
			code="missing_targets",
		)
	if rule.applicable_for and rule.applicable_for not in PARTY_FIELDS:
		_fail(
			N_("Pricing Rule {0}: invalid Applicable For {1}"),
			rule.name,
			rule.applicable_for,
			code="invalid_party",
		)
	if rule.applicable_for and not rule.party:
		_fail(
			N_("Pricing Rule {0}: {1} is required"),
			rule.name,
			term(rule.applicable_for),
			code="missing_party",
		)
	_validate_ranges(rule)
	_validate_discounts(rule)
	_validate_recursion(rule)
	return rule


def _validate_ranges(rule: PricingRule) -> None:
	for low, high, label in (
		(rule.min_qty, rule.max_qty, N_("Qty")),
		(rule.min_amt, rule.max_amt, N_("Amount")),
	):
		if low < ZERO or high < ZERO:
			_fail(
				N_("Pricing Rule {0}: Min and Max {1} cannot be negative"),
				rule.name,
				label,
				code="negative_limit",
			)
		if high and low > high:
			_fail(
				N_("Pricing Rule {0}: Min {1} cannot be greater than Max {1}"),
				rule.name,
				label,
				code="min_gt_max",
			)
	if rule.valid_from and rule.valid_upto and rule.valid_from > rule.valid_upto:
		_fail(N_("Pricing Rule {0}: Valid From must be before Valid Upto"), rule.name, code="invalid_dates")


def _validate_discounts(rule: PricingRule) -> None:
	if rule.is_product_discount:
		if rule.mixed_conditions and not rule.free_item:
			_fail(
				N_("Pricing Rule {0}: mixed conditions need a Free Item"), rule.name, code="mixed_same_item"
			)
		return
	if rule.rate_or_discount not in (RATE, DISCOUNT_PERCENTAGE, DISCOUNT_AMOUNT):
		_fail(
			N_("Pricing Rule {0}: invalid Rate or Discount {1}"),
			rule.name,
			rule.rate_or_discount,
			code="invalid_kind",
		)
	if min(rule.rate, rule.discount_amount, rule.discount_percentage) < ZERO:
		_fail(
			N_("Pricing Rule {0}: rate and discounts cannot be negative"), rule.name, code="negative_discount"
		)
	if rule.discount_percentage > HUNDRED:
		_fail(N_("Pricing Rule {0}: discount cannot exceed 100%"), rule.name, code="discount_over_100")
	if rule.margin_type and rule.margin_type not in (PERCENTAGE, AMOUNT):
		_fail(
			N_("Pricing Rule {0}: invalid Margin Type {1}"),
			rule.name,
			rule.margin_type,
			code="invalid_margin",
		)


def _validate_recursion(rule: PricingRule) -> None:
	if not rule.is_recursive:
		return
	if rule.recurse_for < ONE:
		_fail(N_("Pricing Rule {0}: Recurse Every must be at least 1"), rule.name, code="invalid_recursion")
	if rule.mixed_conditions:
		_fail(
			N_("Pricing Rule {0}: recursion cannot be combined with mixed conditions"),
			rule.name,
			code="recursion_mixed",
		)
	if rule.min_qty and rule.apply_recursion_over > rule.min_qty:
		_fail(
			N_("Pricing Rule {0}: Apply Recursion Over cannot exceed Min Qty"),
			rule.name,
			code="recursion_over",
		)


def _fail(template: str, *params: object, code: str) -> None:
	raise EngineValidationError(template, *params, code=code)
