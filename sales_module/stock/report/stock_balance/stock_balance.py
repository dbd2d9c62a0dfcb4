# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Sum
from frappe.utils import flt, getdate

from sales_module.engine.quantities import QTY_PRECISION
from sales_module.exceptions import InvalidDatesError

Filters = frappe._dict


def execute(filters: Filters | None = None) -> tuple[list[dict], list[dict]]:
	"""Opening stock, stock in, stock out and balance per item and warehouse over a period (stock unit)."""
	filters = Filters(filters or {})
	validate_filters(filters)
	return get_columns(), get_data(filters)


def validate_filters(filters: Filters):
	if not (filters.get("from_date") and filters.get("to_date")):
		frappe.throw(_("From Date and To Date are required"), frappe.MandatoryError)
	if getdate(filters.to_date) < getdate(filters.from_date):
		frappe.throw(_("To Date cannot be before From Date"), InvalidDatesError, title=_("Invalid Dates"))


def get_columns() -> list[dict]:
	quantity = {"fieldtype": "Float", "width": 110}
	return [
		{"label": _("Item"), "fieldname": "item_code", "fieldtype": "Link", "options": "Item", "width": 160},
		{"label": _("Item Name"), "fieldname": "item_name", "fieldtype": "Data", "width": 160},
		{
			"label": _("Warehouse"),
			"fieldname": "warehouse",
			"fieldtype": "Link",
			"options": "Warehouse",
			"width": 150,
		},
		{
			"label": _("Stock UOM"),
			"fieldname": "stock_uom",
			"fieldtype": "Link",
			"options": "UOM",
			"width": 90,
		},
		{"label": _("Opening Qty"), "fieldname": "opening_qty", **quantity},
		{"label": _("In Qty"), "fieldname": "in_qty", **quantity},
		{"label": _("Out Qty"), "fieldname": "out_qty", **quantity},
		{"label": _("Balance Qty"), "fieldname": "bal_qty", **quantity},
	]


def get_data(filters: Filters) -> list[dict]:
	sle, item = frappe.qb.DocType("Stock Ledger Entry"), frappe.qb.DocType("Item")
	before = sle.posting_date < getdate(filters.from_date)
	within = sle.posting_date >= getdate(filters.from_date)
	query = (
		frappe.qb.from_(sle)
		.join(item)
		.on(item.name == sle.item_code)
		.select(
			sle.item_code,
			item.item_name,
			sle.warehouse,
			item.stock_uom,
			Sum(Case().when(before, sle.actual_qty).else_(0)).as_("opening_qty"),
			Sum(Case().when(within & (sle.actual_qty > 0), sle.actual_qty).else_(0)).as_("in_qty"),
			Sum(Case().when(within & (sle.actual_qty < 0), -sle.actual_qty).else_(0)).as_("out_qty"),
			Sum(sle.actual_qty).as_("bal_qty"),
		)
		.where((sle.is_cancelled == 0) & (sle.posting_date <= getdate(filters.to_date)))
		.groupby(sle.item_code, sle.warehouse)
		.orderby(sle.item_code)
		.orderby(sle.warehouse)
	)
	if filters.item_code:
		query = query.where(sle.item_code == filters.item_code)
	if filters.warehouse:
		warehouses = frappe.get_all(
			"Warehouse", filters={"name": ("descendants of (inclusive)", filters.warehouse)}, pluck="name"
		)
		query = query.where(sle.warehouse.isin(warehouses or [filters.warehouse]))
	rows = query.run(as_dict=True)
	for row in rows:
		for fieldname in ("opening_qty", "in_qty", "out_qty", "bal_qty"):
			row[fieldname] = flt(row[fieldname], QTY_PRECISION)
	return rows
