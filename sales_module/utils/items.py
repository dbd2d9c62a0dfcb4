"""Item masters and unit conversions for many lines at once (one query each)."""

import frappe
from frappe.utils import flt

ITEM_FIELDS = (
	"name", "item_name", "description", "item_group", "brand", "stock_uom", "disabled", "is_sales_item",
	"is_stock_item", "max_discount", "grant_commission", "weight_per_unit", "weight_uom",
)  # fmt: skip


def get_item_masters(item_codes) -> dict[str, frappe._dict]:
	"""{item_code: master fields} of the items that exist."""
	codes = list(set(item_codes))
	if not codes:
		return {}
	table = frappe.qb.DocType("Item")
	rows = (
		frappe.qb.from_(table)
		.select(*(table[field] for field in ITEM_FIELDS))
		.where(table.name.isin(codes))
		.run(as_dict=True)
	)
	return {item.name: item for item in rows}


def get_conversion_factors(item_codes) -> dict[tuple[str, str], float]:
	"""{(item_code, uom): factor} from the items' UOM tables (the stock unit is not listed: factor 1)."""
	codes = list(set(item_codes))
	if not codes:
		return {}
	table = frappe.qb.DocType("UOM Conversion Detail")
	rows = (
		frappe.qb.from_(table)
		.select(table.parent, table.uom, table.conversion_factor)
		.where((table.parenttype == "Item") & table.parent.isin(codes))
		.run()
	)
	return {(parent, uom): flt(factor) for parent, uom, factor in rows}
