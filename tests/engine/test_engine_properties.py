"""Hypothesis properties: exact totals in both currencies, order independence, no negative rates,
exact payment schedules."""

import os
from decimal import ROUND_HALF_UP, Decimal

from engine_helpers import assert_invariants, context
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sales_module.engine import (
	EngineValidationError,
	RuleIndex,
	TaxRow,
	build_payment_schedule,
	calculate_totals,
	price_document,
	validate_tax_rows,
)

# ENGINE_HYPOTHESIS_EXAMPLES=2000 for a deeper local run; no deadline: these are not timing tests.
PROPERTY_SETTINGS = settings(
	max_examples=int(os.environ.get("ENGINE_HYPOTHESIS_EXAMPLES", "150")),
	deadline=None,
	database=None,
	suppress_health_check=[HealthCheck.too_slow],
)
CHARGE_TYPES = [
	"Actual",
	"On Net Total",
	"On Previous Row Amount",
	"On Previous Row Total",
	"On Item Quantity",
]


def decimals(low: str, high: str, places: int):
	return st.decimals(
		min_value=Decimal(low), max_value=Decimal(high), places=places, allow_nan=False, allow_infinity=False
	)


@st.composite
def tax_tables(draw):
	rows = []
	for idx in range(draw(st.integers(0, 5))):
		kind = draw(
			st.sampled_from(CHARGE_TYPES if idx else [t for t in CHARGE_TYPES if "Previous" not in t])
		)
		row = {
			"charge_type": kind,
			"account_head": f"ACC{draw(st.integers(0, 3))}",
			"rate": draw(decimals("0", "30", 3)),
			"tax_amount": draw(decimals("0", "100", 2)),
			"row_id": draw(st.integers(1, idx)) if idx else 0,
			"included_in_print_rate": draw(st.booleans()),
		}
		rows.append(row)
		try:  # keep the inclusive flag only where ERPNext would allow it
			validate_tax_rows([TaxRow.from_obj(r) for r in rows])
		except EngineValidationError:
			row["included_in_print_rate"] = False
	return rows


@st.composite
def documents(draw):
	precision = draw(st.sampled_from([0, 2]))
	lines = [
		{
			"name": f"L{i}",
			"qty": draw(decimals("0", "100", 3)),
			"rate": draw(decimals("0", "5000", 4)),
			"conversion_factor": draw(st.sampled_from([1, 6, "0.5"])),
			"item_tax_rate": draw(st.sampled_from([{}, {"ACC1": Decimal(0)}, {"ACC2": Decimal("7.5")}])),
		}
		for i in range(draw(st.integers(0, 12)))
	]
	options = {
		"precision": precision,
		"base_precision": draw(st.sampled_from([0, 2, 3])),
		"conversion_rate": draw(decimals("0.0001", "1000", 6).filter(lambda rate: rate > 0)),
		"apply_discount_on": draw(st.sampled_from(["Grand Total", "Net Total"])),
		"disable_rounded_total": draw(st.booleans()),
		"rounding_unit": draw(st.sampled_from(["1", "0.05"] if precision == 2 else ["1"])),
	}
	discount = draw(st.sampled_from(["none", "pct", "amount"]))
	if discount == "pct":
		options["additional_discount_percentage"] = draw(decimals("0", "100", 2))
	elif discount == "amount":
		options["discount_amount"] = draw(decimals("0", "500", precision))
	return lines, draw(tax_tables()), options


@PROPERTY_SETTINGS
@given(documents())
def test_totals_invariant_holds_exactly_in_both_currencies(document):
	lines, taxes, options = document
	try:
		result = calculate_totals(lines, taxes, **options)
	except EngineValidationError as err:
		assume(err.code not in ("discount_too_large", "no_basis"))
		raise
	assert_invariants(result)
	step = Decimal(1).scaleb(-options["base_precision"])
	rate = options["conversion_rate"]
	assert result.base_grand_total == (result.grand_total * rate).quantize(step, rounding=ROUND_HALF_UP)
	if not options["disable_rounded_total"]:
		assert abs(result.rounding_adjustment) <= Decimal(options["rounding_unit"]) / 2
	for line, totals in zip(lines, result.lines, strict=True):
		step = Decimal(1).scaleb(-options["precision"])
		assert totals.amount == (line["qty"] * line["rate"]).quantize(step, rounding=ROUND_HALF_UP)


ITEMS = {"A": ("G2", "B1"), "B": ("G2", "B2"), "C": ("G1", "B1"), "D": ("G3", "B2"), "E": ("G3", "")}
GROUP_TREE = {"G1": ("G1", "ROOT"), "G2": ("G2", "G1", "ROOT"), "G3": ("G3", "ROOT"), "ROOT": ("ROOT",)}


@st.composite
def pricing_rules(draw, name):
	apply_on = draw(st.sampled_from(["Item Code", "Item Group", "Brand", "Transaction"]))
	values = {
		"Item Code": list(ITEMS),
		"Item Group": list(GROUP_TREE),
		"Brand": ["B1", "B2"],
		"Transaction": ["x"],
	}
	targets = draw(st.lists(st.sampled_from(values[apply_on]), min_size=1, max_size=3, unique=True))
	kind = draw(st.sampled_from(["Rate", "Discount Percentage", "Discount Amount"]))
	product = draw(st.integers(0, 5)) == 0
	rule = {
		"name": name,
		"apply_on": apply_on,
		"targets": [(t, draw(st.sampled_from(["", "", "Box"]))) for t in targets]
		if apply_on != "Transaction"
		else [],
		"rate_or_discount": kind,
		"rate": draw(decimals("0", "300", 2)),
		"discount_percentage": draw(decimals("0", "100", 2)),
		"discount_amount": draw(decimals("0", "400", 2)),
		"margin_type": draw(st.sampled_from(["", "", "Percentage", "Amount"])),
		"margin_rate_or_amount": draw(decimals("0", "50", 2)),
		"min_qty": draw(st.sampled_from([0, 0, 5, 10])),
		"max_qty": draw(st.sampled_from([0, 0, 15])),
		"min_amt": draw(st.sampled_from([0, 0, 500])),
		"priority": draw(st.integers(0, 3)),
		"applicable_for": draw(st.sampled_from(["", "", "Customer", "Territory"])),
		"customer": "C1",
		"territory": draw(st.sampled_from(["Germany", "France"])),
		"apply_multiple_pricing_rules": draw(st.booleans()),
		"apply_discount_on_rate": draw(st.booleans()),
		"mixed_conditions": draw(st.booleans()),
		"price_or_product_discount": "Product" if product else "Price",
		"free_item": draw(st.sampled_from(["", "F"])),
		"same_item": draw(st.booleans()),
		"is_recursive": draw(st.booleans()),
		"recurse_for": draw(st.sampled_from([1, 3, 10])),
		"creation": draw(st.integers(0, 5)),
	}
	return rule


@st.composite
def priced_documents(draw):
	rules = [draw(pricing_rules(f"R{i:02d}")) for i in range(draw(st.integers(1, 12)))]
	lines = []
	for i in range(draw(st.integers(1, 8))):
		item = draw(st.sampled_from(list(ITEMS)))
		lines.append(
			{
				"name": f"L{i}",
				"item_code": item,
				"item_group": ITEMS[item][0],
				"brand": ITEMS[item][1],
				"qty": draw(st.integers(1, 20)),
				"uom": draw(st.sampled_from(["Nos", "Box"])),
				"stock_uom": "Nos",
				"conversion_factor": 1,
				"price_list_rate": draw(decimals("0", "200", 2)),
				"max_discount": draw(st.sampled_from([0, 0, 25])),
			}
		)
	return rules, lines


def _snapshot(result):
	lines = {
		line.name: (
			line.rate,
			line.price_list_rate,
			line.discount_percentage,
			line.pricing_rules,
			line.explanation,
		)
		for line in result.lines
	}
	return lines, result.free_items, result.transaction


PRICING_CONTEXT = context(item_group_ancestors=GROUP_TREE)


@PROPERTY_SETTINGS
@given(priced_documents(), st.randoms(use_true_random=False))
def test_pricing_is_independent_of_line_and_rule_order(document, random):
	rules, lines = document
	expected = _snapshot(price_document(lines, RuleIndex(rules), PRICING_CONTEXT))
	shuffled_rules, shuffled_lines = rules[:], lines[:]
	random.shuffle(shuffled_rules)
	random.shuffle(shuffled_lines)
	assert _snapshot(price_document(shuffled_lines, RuleIndex(shuffled_rules), PRICING_CONTEXT)) == expected


@PROPERTY_SETTINGS
@given(priced_documents())
def test_discounts_never_produce_a_negative_rate(document):
	rules, lines = document
	result = price_document(lines, RuleIndex(rules), PRICING_CONTEXT)
	for line, priced in zip(lines, result.lines, strict=True):
		assert priced.rate >= 0
		assert priced.discount_amount == (priced.rate_with_margin or priced.price_list_rate) - priced.rate
		if line["max_discount"] and priced.discount_amount > 0 and priced.rate > 0:
			base = priced.rate_with_margin or priced.price_list_rate
			assert priced.discount_amount <= base * line["max_discount"] / 100 + Decimal("0.01")
	for free in result.free_items:
		assert free.qty > 0 and free.qty == free.qty.to_integral_value()


@st.composite
def payment_terms(draw):
	parts = draw(st.lists(decimals("0.01", "60", 2), min_size=0, max_size=5))
	last = Decimal(100) - sum(parts, Decimal(0))
	assume(last > 0)
	return [{"invoice_portion": p, "credit_days": 30 * i} for i, p in enumerate([*parts, last])]


@PROPERTY_SETTINGS
@given(
	payment_terms(),
	decimals("-100000", "1000000", 2),
	st.sampled_from([0, 2]),
	st.sampled_from([0, 2, 3]),
	decimals("0.001", "500", 4).filter(lambda rate: rate > 0),
)
def test_payment_schedule_sums_exactly(terms, total, precision, base_precision, rate):
	total = total.quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)
	rows = build_payment_schedule(
		terms, "2024-02-29", total, conversion_rate=rate, precision=precision, base_precision=base_precision
	)
	assert sum(row.payment_amount for row in rows) == total
	base_total = (total * rate).quantize(Decimal(1).scaleb(-base_precision), rounding=ROUND_HALF_UP)
	assert sum(row.base_payment_amount for row in rows) == base_total
	assert [row.invoice_portion for row in rows] == [term["invoice_portion"] for term in terms]
