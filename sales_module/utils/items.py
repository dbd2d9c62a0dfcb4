"""Item masters and unit conversions for many lines at once, kept as reference data.

Each process reads an item's master fields and units once (one query for all the items of a document
not yet known) and keeps them until a reference record changes: an Item's save, deletion or rename
calls `reference_data_changed`. Items that do not exist are not remembered, so an item made since is
found on its first use.
"""

import frappe
from frappe.utils import flt

from sales_module.utils.cache import reference_data

ITEM_FIELDS = (
	"name", "item_name", "description", "item_group", "brand", "stock_uom", "disabled", "is_sales_item",
	"is_stock_item", "max_discount", "grant_commission", "weight_per_unit", "weight_uom",
)  # fmt: skip


def get_item_masters(item_codes) -> dict[str, frappe._dict]:
	"""{item_code: master fields} of the items that exist (shared copies: do not change them)."""
	item_codes = set(item_codes)
	known = known_items()
	load_items({code for code in item_codes if code and code not in known})
	return {code: known[code].master for code in item_codes if code in known}


def get_conversion_factors(item_codes) -> dict[tuple[str, str], float]:
	"""{(item_code, uom): factor} from the items' UOM tables (the stock unit is not listed: factor 1)."""
	item_codes = set(item_codes)
	known = known_items()
	load_items({code for code in item_codes if code and code not in known})
	return {
		(code, uom): factor
		for code in item_codes
		if code in known
		for uom, factor in known[code].factors.items()
	}


def get_stock_items(item_codes) -> set[str]:
	return {code for code, item in get_item_masters(item_codes).items() if item.is_stock_item}


def known_items() -> dict[str, frappe._dict]:
	return reference_data("items", dict)


def load_items(codes: set[str]):
	"""Read the items not yet known (masters and unit tables, a query each) into the process's copy."""
	if not codes:
		return
	table = frappe.qb.DocType("Item")
	masters = (
		frappe.qb.from_(table)
		.select(*(table[field] for field in ITEM_FIELDS))
		.where(table.name.isin(list(codes)))
		.run(as_dict=True)
	)
	if not masters:
		return
	units = frappe.qb.DocType("UOM Conversion Detail")
	factors: dict[str, dict[str, float]] = {item.name: {} for item in masters}
	for parent, uom, factor in (
		frappe.qb.from_(units)
		.select(units.parent, units.uom, units.conversion_factor)
		.where((units.parenttype == "Item") & units.parent.isin(list(factors)))
		.run()
	):
		factors[parent][uom] = flt(factor)
	known = known_items()
	for item in masters:
		known[item.name] = frappe._dict(master=item, factors=factors[item.name])
