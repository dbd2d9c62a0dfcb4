"""Line pricing: rule matching on items, groups, brands, parties and limits; conflicts; rates; the
price index; mixed conditions; the rule index reused across documents."""

import pytest
from engine_helpers import D, context, line, price, rule

from sales_module.engine import (
	RuleIndex,
	price_line,
)

# (case, rules, line overrides, context overrides, expected rate, expected applied rules)
PRICE_CASES = [
	("item code %", [rule("R1", discount_percentage=10)], {}, {}, "90", ["R1"]),
	(
		"item group via ancestor",
		[
			rule(
				"R1", apply_on="Item Group", item_groups=[{"item_group": "Computers"}], discount_percentage=20
			)
		],
		{},
		{},
		"80",
		["R1"],
	),
	(
		"item group root",
		[rule("R1", apply_on="Item Group", item_groups=["All Item Groups"], discount_percentage=5)],
		{},
		{},
		"95",
		["R1"],
	),
	(
		"other group no match",
		[rule("R1", apply_on="Item Group", item_groups=["Tablets"], discount_percentage=5)],
		{},
		{},
		"100",
		[],
	),
	(
		"brand",
		[rule("R1", apply_on="Brand", brands=[{"brand": "Acme"}], discount_percentage=7)],
		{},
		{},
		"93",
		["R1"],
	),
	(
		"discount amount",
		[rule("R1", rate_or_discount="Discount Amount", discount_amount=15)],
		{},
		{},
		"85",
		["R1"],
	),
	("rate replaces price", [rule("R1", rate_or_discount="Rate", rate=80)], {}, {}, "80", ["R1"]),
	(
		"rate per stock uom x factor",
		[rule("R1", rate_or_discount="Rate", rate=5)],
		{"uom": "Box", "conversion_factor": 12, "price_list_rate": 70},
		{},
		"60",
		["R1"],
	),
	(
		"rate for uom row",
		[rule("R1", items=[{"item_code": "A", "uom": "Box"}], rate_or_discount="Rate", rate=55)],
		{"uom": "Box", "conversion_factor": 12},
		{},
		"55",
		["R1"],
	),
	(
		"uom row skips other uom",
		[rule("R1", items=[{"item_code": "A", "uom": "Box"}], discount_percentage=10)],
		{},
		{},
		"100",
		[],
	),
	(
		"margin % then discount",
		[rule("R1", margin_type="Percentage", margin_rate_or_amount=10, discount_percentage=10)],
		{},
		{},
		"99",
		["R1"],
	),
	(
		"margin amount",
		[rule("R1", margin_type="Amount", margin_rate_or_amount=20, discount_percentage=0)],
		{},
		{},
		"120",
		["R1"],
	),
	(
		"min qty met (stock qty)",
		[rule("R1", min_qty=10, discount_percentage=10)],
		{"qty": 1, "uom": "Box", "conversion_factor": 12},
		{},
		"90",
		["R1"],
	),
	("min qty not met", [rule("R1", min_qty=10, discount_percentage=10)], {"qty": 9}, {}, "100", []),
	("max qty exceeded", [rule("R1", max_qty=5, discount_percentage=10)], {"qty": 6}, {}, "100", []),
	("min amount met", [rule("R1", min_amt=500, discount_percentage=10)], {"qty": 5}, {}, "90", ["R1"]),
	("min amount not met", [rule("R1", min_amt=500, discount_percentage=10)], {"qty": 4}, {}, "100", []),
	("max amount exceeded", [rule("R1", max_amt=300, discount_percentage=10)], {"qty": 4}, {}, "100", []),
	("before valid_from", [rule("R1", valid_from="2024-06-01", discount_percentage=10)], {}, {}, "100", []),
	("after valid_upto", [rule("R1", valid_upto="2024-04-30", discount_percentage=10)], {}, {}, "100", []),
	(
		"inside validity",
		[rule("R1", valid_from="2024-05-01", valid_upto="2024-05-01", discount_percentage=10)],
		{},
		{},
		"90",
		["R1"],
	),
	(
		"customer match",
		[rule("R1", applicable_for="Customer", customer="C1", discount_percentage=10)],
		{},
		{},
		"90",
		["R1"],
	),
	(
		"customer mismatch",
		[rule("R1", applicable_for="Customer", customer="C2", discount_percentage=10)],
		{},
		{},
		"100",
		[],
	),
	(
		"customer group ancestor",
		[
			rule(
				"R1",
				applicable_for="Customer Group",
				customer_group="All Customer Groups",
				discount_percentage=10,
			)
		],
		{},
		{},
		"90",
		["R1"],
	),
	(
		"customer group mismatch",
		[rule("R1", applicable_for="Customer Group", customer_group="Wholesale", discount_percentage=10)],
		{},
		{},
		"100",
		[],
	),
	(
		"territory ancestor",
		[rule("R1", applicable_for="Territory", territory="Germany", discount_percentage=10)],
		{},
		{},
		"90",
		["R1"],
	),
	(
		"territory mismatch",
		[rule("R1", applicable_for="Territory", territory="France", discount_percentage=10)],
		{},
		{},
		"100",
		[],
	),
	(
		"sales partner",
		[rule("R1", applicable_for="Sales Partner", sales_partner="SP", discount_percentage=10)],
		{},
		{"sales_partner": "SP"},
		"90",
		["R1"],
	),
	(
		"sales partner missing",
		[rule("R1", applicable_for="Sales Partner", sales_partner="SP", discount_percentage=10)],
		{},
		{},
		"100",
		[],
	),
	(
		"campaign",
		[rule("R1", applicable_for="Campaign", campaign="Spring", discount_percentage=10)],
		{},
		{"campaign": "Spring"},
		"90",
		["R1"],
	),
	(
		"for price list match",
		[rule("R1", for_price_list="Standard Selling", discount_percentage=10)],
		{},
		{},
		"90",
		["R1"],
	),
	(
		"for price list mismatch",
		[rule("R1", for_price_list="Wholesale", discount_percentage=10)],
		{},
		{},
		"100",
		[],
	),
	("company mismatch", [rule("R1", company="Other", discount_percentage=10)], {}, {}, "100", []),
	("currency mismatch", [rule("R1", currency="USD", discount_percentage=10)], {}, {}, "100", []),
	("disabled ignored", [rule("R1", disable=1, discount_percentage=10)], {}, {}, "100", []),
	("buying only ignored", [rule("R1", selling=0, buying=1, discount_percentage=10)], {}, {}, "100", []),
	(
		"coupon rule without coupon",
		[rule("R1", coupon_code_based=1, discount_percentage=10)],
		{},
		{},
		"100",
		[],
	),
	(
		"coupon rule with its coupon",
		[rule("R1", coupon_code_based=1, discount_percentage=10)],
		{},
		{"coupon_pricing_rules": ["R1"]},
		"90",
		["R1"],
	),
	(
		"coupon of another rule",
		[rule("R1", coupon_code_based=1, discount_percentage=10)],
		{},
		{"coupon_pricing_rules": ["R9"]},
		"100",
		[],
	),
	(
		"free line untouched",
		[rule("R1", discount_percentage=10)],
		{"is_free_item": 1, "rate": 0},
		{},
		"0",
		[],
	),
	(
		"ignore pricing rule",
		[rule("R1", discount_percentage=10)],
		{},
		{"ignore_pricing_rule": True},
		"100",
		[],
	),
	# conflicts resolved deterministically
	(
		"higher priority wins",
		[
			rule("R1", discount_percentage=10, priority=1),
			rule("R2", apply_on="Item Group", item_groups=["Laptops"], discount_percentage=20, priority=5),
		],
		{},
		{},
		"80",
		["R2"],
	),
	(
		"item beats group at same priority",
		[
			rule("R1", discount_percentage=10, priority=3),
			rule("R2", apply_on="Item Group", item_groups=["Laptops"], discount_percentage=20, priority=3),
		],
		{},
		{},
		"90",
		["R1"],
	),
	(
		"group beats brand",
		[
			rule("R1", apply_on="Brand", brands=["Acme"], discount_percentage=10),
			rule("R2", apply_on="Item Group", item_groups=["Laptops"], discount_percentage=20),
		],
		{},
		{},
		"80",
		["R2"],
	),
	(
		"customer beats territory",
		[
			rule("R1", applicable_for="Territory", territory="Berlin", discount_percentage=10),
			rule("R2", applicable_for="Customer", customer="C1", discount_percentage=20),
		],
		{},
		{},
		"80",
		["R2"],
	),
	(
		"party condition beats none",
		[
			rule("R1", discount_percentage=10),
			rule("R2", applicable_for="Territory", territory="Berlin", discount_percentage=20),
		],
		{},
		{},
		"80",
		["R2"],
	),
	(
		"newer creation wins",
		[
			rule("R1", discount_percentage=10, creation="2024-02-01 10:00:00"),
			rule("R2", discount_percentage=20, creation="2024-01-01 10:00:00"),
		],
		{},
		{},
		"90",
		["R1"],
	),
	(
		"name breaks ties",
		[rule("R1", discount_percentage=10), rule("R2", discount_percentage=20)],
		{},
		{},
		"80",
		["R2"],
	),
	(
		"apply multiple when all allow",
		[
			rule("R1", discount_percentage=10, apply_multiple_pricing_rules=1),
			rule("R2", discount_percentage=5, apply_multiple_pricing_rules=1, priority=2),
		],
		{},
		{},
		"85",
		["R1", "R2"],
	),
	(
		"apply multiple needs all",
		[
			rule("R1", discount_percentage=10, apply_multiple_pricing_rules=1),
			rule("R2", discount_percentage=5, priority=2),
		],
		{},
		{},
		"95",
		["R2"],
	),
	(
		"cascading percentages",
		[
			rule("R1", discount_percentage=10, apply_multiple_pricing_rules=1, priority=1),
			rule(
				"R2",
				discount_percentage=10,
				apply_multiple_pricing_rules=1,
				apply_discount_on_rate=1,
				priority=2,
			),
		],
		{},
		{},
		"81",
		["R1", "R2"],
	),
	(
		"percentage plus amount",
		[
			rule("R1", discount_percentage=10, apply_multiple_pricing_rules=1, priority=1),
			rule(
				"R2",
				rate_or_discount="Discount Amount",
				discount_amount=5,
				apply_multiple_pricing_rules=1,
				priority=2,
			),
		],
		{},
		{},
		"85",
		["R1", "R2"],
	),
	(
		"rate then discount",
		[
			rule("R1", rate_or_discount="Rate", rate=80, apply_multiple_pricing_rules=1, priority=1),
			rule("R2", discount_percentage=10, apply_multiple_pricing_rules=1, priority=2),
		],
		{},
		{},
		"72",
		["R1", "R2"],
	),
	# limits
	("max_discount clamps", [rule("R1", discount_percentage=30)], {"max_discount": 20}, {}, "80", ["R1"]),
	(
		"max_discount clamps amounts",
		[rule("R1", rate_or_discount="Discount Amount", discount_amount=50)],
		{"max_discount": 25},
		{},
		"75",
		["R1"],
	),
	("within max_discount", [rule("R1", discount_percentage=15)], {"max_discount": 20}, {}, "85", ["R1"]),
	(
		"never negative",
		[rule("R1", rate_or_discount="Discount Amount", discount_amount=150)],
		{},
		{},
		"0",
		["R1"],
	),
	(
		"over 100% never negative",
		[
			rule("R1", discount_percentage=60, apply_multiple_pricing_rules=1),
			rule("R2", discount_percentage=70, apply_multiple_pricing_rules=1),
		],
		{},
		{},
		"0",
		["R1", "R2"],
	),
	(
		"rate precision",
		[rule("R1", discount_percentage="33.333")],
		{"price_list_rate": "10"},
		{},
		"6.67",
		["R1"],
	),
	(
		"zero-decimal currency",
		[rule("R1", discount_percentage="12.5")],
		{"price_list_rate": "999"},
		{"rate_precision": 0},
		"874",
		["R1"],
	),
]


@pytest.mark.parametrize(
	("case", "rules", "line_fields", "ctx_fields", "rate", "applied"),
	PRICE_CASES,
	ids=[c[0] for c in PRICE_CASES],
)
def test_line_pricing(case, rules, line_fields, ctx_fields, rate, applied):
	result = price(rules, [line(**line_fields)], **ctx_fields).lines[0]
	assert result.rate == D(rate)
	assert list(result.pricing_rules) == applied
	assert result.rate >= 0
	assert result.discount_amount == (result.rate_with_margin or result.price_list_rate) - result.rate


def test_margin_fields():
	rules = [
		rule(
			"R1",
			margin_type="Percentage",
			margin_rate_or_amount=10,
			discount_percentage=0,
			apply_multiple_pricing_rules=1,
		),
		rule(
			"R2",
			margin_type="Percentage",
			margin_rate_or_amount=5,
			discount_percentage=0,
			apply_multiple_pricing_rules=1,
		),
	]
	result = price(rules, [line()]).lines[0]
	assert (result.margin_type, result.margin_rate_or_amount, result.rate_with_margin) == (
		"Percentage",
		15,
		115,
	)
	mixed = price(
		[
			*rules[:1],
			rule("R3", margin_type="Amount", margin_rate_or_amount=2, apply_multiple_pricing_rules=1),
		],
		[line()],
	)
	assert (mixed.lines[0].margin_type, mixed.lines[0].margin_rate_or_amount, mixed.lines[0].rate) == (
		"Amount",
		12,
		112,
	)


@pytest.mark.parametrize(
	("mixed", "expected"),
	[(True, ["90", "90.00", "100"]), (False, ["100", "100", "100"])],
)
def test_mixed_conditions_sum_across_lines(mixed, expected):
	rules = [
		rule(
			"R1",
			apply_on="Item Group",
			item_groups=["Computers"],
			min_qty=10,
			discount_percentage=10,
			mixed_conditions=int(mixed),
		)
	]
	lines = [
		line("r1", qty=6),
		line(
			"r2",
			item_code="B",
			qty=2,
			uom="Box",
			conversion_factor=2,
			price_list_rate="100.00",
			item_group="Tablets",
		),
		line("r3", item_code="X", qty=50, item_group="Other"),
	]
	result = price(rules, lines)
	assert [r.rate for r in result.lines] == [D(e) for e in expected]


def test_mixed_conditions_amount():
	rules = [rule("R1", items=["A", "B"], min_amt=1000, discount_percentage=10, mixed_conditions=1)]
	lines = [line("r1", qty=6), line("r2", item_code="B", qty=5)]
	assert [r.rate for r in price(rules, lines).lines] == [D(90), D(90)]
	assert [r.rate for r in price(rules, lines[:1]).lines] == [D(100)]


def test_price_list_rate_resolved_from_price_index():
	from sales_module.engine import PriceIndex, PricingContext, RuleIndex, price_document

	index = PriceIndex(
		[{"item_code": "A", "price_list": "Standard Selling", "uom": "Nos", "price_list_rate": 40}]
	)
	ctx = context()
	result = price_document(
		[line(price_list_rate=None)], RuleIndex([rule("R1", discount_percentage=50)]), ctx, price_index=index
	)
	assert (result.lines[0].price_list_rate, result.lines[0].rate) == (40, 20)
	assert isinstance(ctx, PricingContext)


def test_price_line_uses_document_lines_for_mixed_conditions():
	rules = RuleIndex([rule("R1", items=["A", "B"], min_qty=5, discount_percentage=10, mixed_conditions=1)])
	others = [line("r2", item_code="B", qty=4)]
	assert price_line(line(qty=1), rules, context(), document_lines=others).rate == 90
	assert price_line(line(qty=1), rules, context()).rate == 100


def test_rule_details_table():
	result = price(
		[rule("R1", discount_percentage=10), rule("T1", apply_on="Transaction", discount_percentage=5)],
		[line()],
	)
	assert result.rule_details() == [
		{"pricing_rule": "R1", "item_code": "A", "child_docname": "r1", "rule_applied": 1},
		{"pricing_rule": "T1", "item_code": "", "child_docname": "", "rule_applied": 1},
	]


def test_index_is_reusable_across_document_contexts():
	rules = RuleIndex(
		[
			rule("R1", applicable_for="Customer", customer="C1", discount_percentage=10),
			rule("R2", valid_upto="2024-05-31", discount_percentage=5, priority=0),
		]
	)
	first = price_line(line(), rules, context(customer="C1"))
	second = price_line(line(), rules, context(customer="C2"))
	later = price_line(line(), rules, context(customer="C2", posting_date="2024-06-01"))
	again = price_line(line(), rules, context(customer="C1"))
	assert [r.pricing_rules for r in (first, second, later, again)] == [("R1",), ("R2",), (), ("R1",)]


def test_documents_and_rows_as_attribute_objects():
	from types import SimpleNamespace

	rules = RuleIndex(
		[
			SimpleNamespace(
				name="R1",
				apply_on="Item Code",
				items=[SimpleNamespace(item_code="A", uom="")],
				discount_percentage=10,
			)
		]
	)
	row = SimpleNamespace(**line())
	assert price_line(row, rules, context()).rate == 90


def test_a_line_without_any_price_is_unpriced_unless_free_or_made_zero_by_a_rule():
	from sales_module.engine import PriceIndex, price_document

	index = PriceIndex(
		[{"item_code": "A", "price_list": "Standard Selling", "uom": "Nos", "price_list_rate": 40}]
	)
	lines = [
		line("priced", price_list_rate=None),
		line("missing", item_code="B", price_list_rate=None),
		line("free", item_code="B", price_list_rate=None, is_free_item=1, rate=0),
		line("given", item_code="B", price_list_rate=0),
	]
	result = price_document(lines, RuleIndex([]), context(), price_index=index)
	assert [(r.name, r.price_found, r.is_unpriced) for r in result.lines] == [
		("priced", True, False),
		("missing", False, True),
		("free", False, False),
		("given", True, False),
	]
	wholly_discounted = price_document(
		[line("missing", item_code="B", price_list_rate=None)],
		RuleIndex([rule("R1", items=["B"], discount_percentage=100)]),
		context(),
		price_index=index,
	).lines[0]
	assert (wholly_discounted.rate, wholly_discounted.price_found, wholly_discounted.is_unpriced) == (
		0,
		False,
		False,
	)
	assert price_line(
		line("r1", price_list_rate=None), RuleIndex([]), context(), price_index=index
	).price_found
