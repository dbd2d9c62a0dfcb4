from decimal import Decimal

import pytest
from engine_helpers import D, line, price, rule

from sales_module.engine import FreeItem, reconcile_free_items


def product(name, **fields):
	return rule(name, price_or_product_discount="Product", **fields)


# (case, rule fields, line qty, expected free (item, qty) or None)
FREE_CASES = [
	("same item default qty 1", {"same_item": 1}, 3, ("A", "1")),
	("same item free_qty 2", {"same_item": 1, "free_qty": 2}, 3, ("A", "2")),
	("other item", {"free_item": "F", "free_qty": 1}, 3, ("F", "1")),
	("blank free item means same item", {}, 3, ("A", "1")),
	("below min qty: nothing", {"free_item": "F", "min_qty": 5}, 4, None),
	(
		"recursive buy 10 get 1 (25 -> 2)",
		{"same_item": 1, "is_recursive": 1, "recurse_for": 10, "free_qty": 1},
		25,
		("A", "2"),
	),
	(
		"recursive floors, never 1.5",
		{"same_item": 1, "is_recursive": 1, "recurse_for": 10, "free_qty": 1},
		15,
		("A", "1"),
	),
	(
		"recursive below one step",
		{"same_item": 1, "is_recursive": 1, "recurse_for": 10, "free_qty": 1},
		9,
		None,
	),
	(
		"recursive every 3 get 2",
		{"free_item": "F", "is_recursive": 1, "recurse_for": 3, "free_qty": 2},
		10,
		("F", "6"),
	),
	(
		"recursion over threshold",
		{"same_item": 1, "is_recursive": 1, "recurse_for": 5, "apply_recursion_over": 10, "min_qty": 10},
		21,
		("A", "2"),
	),
	(
		"unrounded when round_free_qty off",
		{"same_item": 1, "is_recursive": 1, "recurse_for": 10, "round_free_qty": 0},
		15,
		("A", "1.5"),
	),
	("fractional fixed qty floors to 0", {"free_item": "F", "free_qty": "0.5"}, 3, None),
]


@pytest.mark.parametrize(("case", "fields", "qty", "expected"), FREE_CASES, ids=[c[0] for c in FREE_CASES])
def test_free_items(case, fields, qty, expected):
	result = price([product("P1", **fields)], [line(qty=qty)])
	found = [(item.item_code, item.qty) for item in result.free_items]
	assert found == ([] if expected is None else [(expected[0], D(expected[1]))])
	assert result.lines[0].rate == 100  # product rules leave the paid line's price alone


def test_free_row_fields():
	result = price(
		[product("P1", free_item="F", free_qty=2, free_item_uom="Box", free_item_rate="1.50")], [line()]
	)
	item = result.free_items[0]
	assert (item.uom, item.rate, item.pricing_rule, item.source_lines) == (
		"Box",
		Decimal("1.50"),
		"P1",
		("r1",),
	)
	assert item.as_row() == {
		"item_code": "F",
		"qty": Decimal(2),
		"uom": "Box",
		"price_list_rate": Decimal("1.50"),
		"rate": Decimal("1.50"),
		"is_free_item": 1,
		"pricing_rules": ["P1"],
	}
	assert result.lines[0].explanation_text == ["P1: free 2 x F for item A, priority 0"]


def test_same_rule_on_two_lines_gives_one_row_with_summed_qty():
	rules = [product("P1", apply_on="Item Group", item_groups=["Computers"], free_item="F", free_qty=1)]
	result = price(rules, [line("r1"), line("r2", item_code="B")])
	assert [(i.item_code, i.qty, i.source_lines) for i in result.free_items] == [("F", D(2), ("r1", "r2"))]


def test_mixed_condition_free_item_counted_once():
	rules = [product("P1", items=["A", "B"], mixed_conditions=1, min_qty=5, free_item="F", free_qty=1)]
	result = price(rules, [line("r1", qty=3), line("r2", item_code="B", qty=3)])
	assert [(i.item_code, i.qty, i.source_lines) for i in result.free_items] == [("F", D(1), ("r1", "r2"))]


def test_existing_free_rows_are_not_repriced_or_counted():
	rules = [product("P1", same_item=1, min_qty=5, mixed_conditions=0)]
	lines = [line("r1", qty=4), line("free", qty=1, is_free_item=1, rate=0, pricing_rules='["P1"]')]
	assert price(rules, lines).free_items == []


def _free(item, qty, rule_name="P1"):
	return FreeItem(item, D(qty), "Nos", D(0), rule_name, ("r1",), "")


def _row(name, item, qty, rules="P1", rate=0, free=1):
	return {
		"name": name,
		"item_code": item,
		"qty": qty,
		"rate": rate,
		"is_free_item": free,
		"pricing_rules": rules,
	}


@pytest.mark.parametrize(
	("case", "existing", "desired", "add", "update", "remove"),
	[
		("add missing", [], [_free("F", 1)], ["F"], [], []),
		("unchanged row kept", [_row("x1", "F", 1)], [_free("F", 1)], [], [], []),
		("qty change updates in place", [_row("x1", "F", 1)], [_free("F", 3)], [], ["x1"], []),
		("no longer earned: removed", [_row("x1", "F", 1)], [], [], [], ["x1"]),
		("duplicates collapse", [_row("x1", "F", 1), _row("x2", "F", 1)], [_free("F", 1)], [], [], ["x2"]),
		("json rule list", [_row("x1", "F", 1, rules='["P1"]')], [_free("F", 1)], [], [], []),
		("user free rows untouched", [_row("x1", "F", 1, rules="")], [], [], [], []),
		("paid rows untouched", [_row("x1", "F", 1, free=0)], [], [], [], []),
		("other rule's row replaced", [_row("x1", "F", 1, rules="P2")], [_free("F", 1)], ["F"], [], ["x1"]),
	],
)
def test_reconcile_free_items(case, existing, desired, add, update, remove):
	plan = reconcile_free_items(existing, desired)
	assert [item.item_code for item in plan.add] == add
	assert [name for name, _ in plan.update] == update
	assert plan.remove == remove


def test_free_row_follows_quantity_changes():
	rules = [product("P1", same_item=1, is_recursive=1, recurse_for=10)]
	rows = [line("r1", qty=20)]
	plan = reconcile_free_items(rows, price(rules, rows).free_items)
	assert [(i.item_code, i.qty) for i in plan.add] == [("A", D(2))]
	rows.append(_row("f1", "A", 2))
	assert reconcile_free_items(rows, price(rules, rows).free_items).add == []
	rows[0]["qty"] = 35
	plan = reconcile_free_items(rows, price(rules, rows).free_items)
	assert [(name, item.qty) for name, item in plan.update] == [("f1", D(3))]
	rows[0]["qty"] = 5
	assert reconcile_free_items(rows, price(rules, rows).free_items).remove == ["f1"]
