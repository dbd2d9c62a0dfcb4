from decimal import Decimal

import pytest

from sales_module.engine import EngineValidationError, expand_bundle, expand_bundles

KIT = [{"item_code": "Cable", "qty": 2, "uom": "Nos"}, {"item_code": "Charger", "qty": "0.5", "uom": "Nos"}]


@pytest.mark.parametrize(
	("case", "line", "expected"),
	[
		(
			"stock qty given",
			{"name": "r1", "item_code": "KIT", "stock_qty": 3},
			[("Cable", "6"), ("Charger", "1.5")],
		),
		(
			"qty x conversion factor",
			{"name": "r1", "item_code": "KIT", "qty": 2, "conversion_factor": 5},
			[("Cable", "20"), ("Charger", "5")],
		),
		(
			"float input",
			{"name": "r1", "item_code": "KIT", "qty": 0.1},
			[("Cable", "0.2"), ("Charger", "0.05")],
		),
	],
)
def test_expand_bundle(case, line, expected):
	rows = expand_bundle(line, KIT)
	assert [(row.item_code, row.qty) for row in rows] == [(item, Decimal(qty)) for item, qty in expected]
	assert {(row.parent_item, row.parent_detail_docname) for row in rows} == {("KIT", "r1")}


def test_expand_bundles_keeps_line_order_and_skips_plain_items():
	lines = [
		{"name": "r1", "item_code": "KIT", "qty": 1, "warehouse": "Stores"},
		{"name": "r2", "item_code": "Plain", "qty": 4},
		{"name": "r3", "item_code": "KIT", "qty": 2},
	]
	rows = expand_bundles(lines, {"KIT": KIT})
	assert [(row.parent_detail_docname, row.item_code, row.qty) for row in rows] == [
		("r1", "Cable", Decimal(2)),
		("r1", "Charger", Decimal("0.5")),
		("r3", "Cable", Decimal(4)),
		("r3", "Charger", Decimal(1)),
	]
	assert rows[0].as_dict()["warehouse"] == "Stores"


def test_qty_precision_and_invalid_component():
	rows = expand_bundle({"name": "r1", "item_code": "KIT", "qty": "0.333"}, KIT, qty_precision=2)
	assert [row.qty for row in rows] == [Decimal("0.67"), Decimal("0.17")]
	with pytest.raises(EngineValidationError) as err:
		expand_bundle({"name": "r1", "item_code": "KIT", "qty": 1}, [{"item_code": "X", "qty": 0}])
	assert err.value.code == "component_qty"
