"""Update Items on a submitted order: what a request changes, and the lines it may not change."""

from datetime import date
from decimal import Decimal

import pytest

from sales_module.engine import (
	EngineValidationError,
	check_line_change,
	check_line_removal,
	kept_rate,
	plan_line_changes,
)


def line(name="L1", idx=1, **fields):
	values = {
		"name": name,
		"idx": idx,
		"item_code": "W",
		"qty": 10,
		"rate": 100,
		"uom": "Nos",
		"conversion_factor": 1,
		"delivery_date": "2026-01-10",
		"delivered_qty": 0,
		"billed_amt": 0,
		"billed_stock_qty": 0,
	}
	values.update(fields)
	return values


def code_of(call, *args, **kwargs) -> str:
	with pytest.raises(EngineValidationError) as raised:
		call(*args, **kwargs)
	return raised.value.code


def test_unchanged_lines_plan_nothing():
	stored = [line(), line("L2", 2, item_code="S")]
	requested = [
		{"docname": "L1", "item_code": "W", "qty": "10.000", "rate": 100.0, "uom": "Nos",
		 "conversion_factor": 1, "delivery_date": "2026-01-10"},
		{"docname": "L2", "qty": 10},
	]  # fmt: skip
	plan = plan_line_changes(stored, requested)
	assert plan.is_empty


def test_only_changed_fields_are_planned():
	stored = [line(), line("L2", 2)]
	plan = plan_line_changes(
		stored,
		[
			{"docname": "L1", "qty": 12, "rate": "100.001"},
			{"docname": "L2", "rate": 90, "delivery_date": date(2026, 2, 1), "uom": "Box"},
		],
	)
	assert [(update.name, update.changes) for update in plan.updates] == [
		("L1", {"qty": Decimal("12")}),
		("L2", {"rate": Decimal("90"), "uom": "Box", "delivery_date": date(2026, 2, 1)}),
	]
	assert plan.additions == () and plan.removals == ()


def test_new_lines_and_removed_lines():
	stored = [line(), line("L2", 2), line("L3", 3)]
	plan = plan_line_changes(
		stored,
		[{"docname": "L2"}, {"item_code": "S", "qty": 3, "rate": 5, "note": "ignored", "uom": None}],
	)
	assert plan.removals == ("L1", "L3")
	assert plan.additions == ({"item_code": "S", "qty": 3, "rate": 5},)
	assert plan.updates == ()


def test_blank_values_and_a_zero_conversion_factor_are_not_sent_values():
	stored = [line(uom="Box", conversion_factor=10)]
	plan = plan_line_changes(
		stored,
		[
			{"docname": "L1", "qty": "", "rate": None, "conversion_factor": 0, "delivery_date": ""},
			{"item_code": "S", "qty": 1, "rate": "", "conversion_factor": 0},
		],
	)
	assert plan.updates == ()
	assert plan.additions == ({"item_code": "S", "qty": 1},)


@pytest.mark.parametrize(
	"requested, code",
	[
		("[]", "invalid_line"),
		([["L1"]], "invalid_line"),
		([{"qty": 2}], "invalid_line"),
		([{"docname": "nope"}], "unknown_line"),
		([{"docname": "L1"}, {"docname": "L1"}], "duplicate_line"),
		([{"docname": "L1", "item_code": "X"}], "item_changed"),
		([{"docname": "L1", "qty": "many"}], "invalid_number"),
	],
)
def test_malformed_requests_are_refused(requested, code):
	assert code_of(plan_line_changes, [line()], requested) == code


def test_removing_a_delivered_or_billed_line_is_refused():
	check_line_removal(line())
	assert code_of(check_line_removal, line(delivered_qty=1)) == "line_delivered"
	assert code_of(check_line_removal, line(billed_amt=100)) == "line_billed"
	assert code_of(check_line_removal, line(billed_stock_qty=1, rate=0)) == "line_billed"
	check_line_removal(line(draft_documents=[]))
	check_line_removal(line(draft_documents=[None, ""]))
	with pytest.raises(EngineValidationError, match="draft DN-2, DN-9") as raised:
		check_line_removal(line(draft_documents=["DN-9", "DN-2", "DN-9"]))
	assert raised.value.code == "line_in_draft"


def recalculated(**fields):
	values = {"qty": 10, "stock_qty": 10, "rate": 100, "amount": 1000, "conversion_factor": 1}
	values.update(fields)
	return values


def test_quantity_down_to_what_was_delivered_and_billed_is_allowed():
	stored = line(delivered_qty=4, billed_amt=600, billed_stock_qty=6)
	check_line_change(stored, recalculated(qty=6, stock_qty=6, amount=600))


def test_quantity_below_delivered_is_refused_in_the_stock_unit():
	stored = line(uom="Box", conversion_factor=10, delivered_qty=2)  # 20 in stock units
	with pytest.raises(EngineValidationError) as raised:
		check_line_change(stored, recalculated(qty=19, stock_qty=19, conversion_factor=1, amount=1900))
	assert raised.value.code == "below_delivered"
	assert raised.value.message == "Row 1: quantity 19 of Item W is below the 20 already delivered"
	# the same 20 in boxes of 10 is fine
	check_line_change(stored, recalculated(qty=2, stock_qty=20, conversion_factor=10, amount=2000))


def test_quantity_or_amount_below_billed_is_refused():
	stored = line(billed_amt=500, billed_stock_qty=5)
	assert code_of(check_line_change, stored, recalculated(qty=4, stock_qty=4, amount=400)) == "below_billed"
	# billed by amount only: the amount decides
	stored = line(billed_amt=500)
	assert (
		code_of(check_line_change, stored, recalculated(qty=10, stock_qty=10, rate=100, amount=499.99))
		== "below_billed_amount"
	)


def test_rate_of_a_billed_line_cannot_change():
	stored = line(billed_amt=100, billed_stock_qty=1)
	assert code_of(check_line_change, stored, recalculated(rate=90, amount=900)) == "rate_billed"
	check_line_change(stored, recalculated(rate="100.004", qty=12, stock_qty=12, amount=1200))
	check_line_change(line(), recalculated(rate=90, amount=900))


def test_kept_rate_shows_the_gap_to_the_list_price():
	figures = kept_rate(80, 100, 2)
	assert (figures.rate, figures.discount_amount, figures.discount_percentage) == (80, 20, 20)
	assert kept_rate(120, 100, 2).discount_amount == 0
	assert kept_rate(5, 0, 2).discount_percentage == 0
	assert not kept_rate(5, 0, 2).use_pricing
