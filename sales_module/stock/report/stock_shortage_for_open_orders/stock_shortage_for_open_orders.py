# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Stock Shortage for Open Orders (beyond ERPNext): the open order lines that the stock in their
warehouse will not cover, earliest delivery date first. Each item's stock in hand goes to the lines
in delivery-date order; what a line cannot get is its shortage."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.engine import allocate_in_order
from sales_module.engine.quantities import QTY_PRECISION


def execute(filters=None):
	filters = frappe._dict(filters or {})
	lines = open_stock_lines(filters)
	bins = {
		(row.item_code, row.warehouse): row
		for row in frappe.get_all(
			"Bin",
			filters={"item_code": ("in", list({line.item_code for line in lines}) or [""])},
			fields=["item_code", "warehouse", "actual_qty", "reserved_qty", "projected_qty"],
		)
	}
	by_bin: dict[tuple, list] = {}
	for line in lines:
		by_bin.setdefault((line.item_code, line.warehouse), []).append(line)
	data = []
	for key, bin_lines in by_bin.items():
		stock = bins.get(key) or frappe._dict(actual_qty=0, reserved_qty=0, projected_qty=0)
		covered = allocate_in_order(
			[line.pending for line in bin_lines], max(flt(stock.actual_qty), 0), QTY_PRECISION
		)
		for line, share in zip(bin_lines, covered, strict=True):
			shortage = flt(line.pending - flt(share), QTY_PRECISION)
			if shortage <= 0 and not filters.get("show_covered"):
				continue
			data.append(
				{
					"sales_order": line.sales_order, "customer": line.customer, "delivery_date": line.delivery_date,
					"item_code": line.item_code, "warehouse": line.warehouse, "pending_qty": line.pending,
					"actual_qty": flt(stock.actual_qty), "reserved_qty": flt(stock.reserved_qty),
					"projected_qty": flt(stock.projected_qty), "covered_qty": flt(share), "shortage_qty": shortage,
				}
			)  # fmt: skip
	data.sort(key=lambda row: (row["delivery_date"], row["sales_order"], row["item_code"]))
	return get_columns(), data


def open_stock_lines(filters) -> list[frappe._dict]:
	"""Stock lines of open orders still to deliver (in stock units), earliest delivery first."""
	item = "`tabSales Order Item`"
	conditions = [
		["Sales Order", "docstatus", "=", 1],
		["Sales Order", "status", "in", ("To Deliver and Bill", "To Deliver")],
	]
	for fieldname in ("item_code", "warehouse"):
		if filters.get(fieldname):
			conditions.append(["Sales Order Item", fieldname, "=", filters[fieldname]])
	if filters.get("customer"):
		conditions.append(["Sales Order", "customer", "=", filters.customer])
	rows = frappe.get_list(
		"Sales Order",
		filters=conditions,
		fields=[
			"name as sales_order", "customer", f"{item}.item_code", f"{item}.warehouse", f"{item}.delivery_date",
			f"{item}.stock_qty", f"{item}.delivered_qty", f"{item}.conversion_factor",
		],
		order_by=f"{item}.delivery_date asc, `tabSales Order`.name asc, {item}.idx asc",
	)  # fmt: skip
	stock_items = set(
		frappe.get_all(
			"Item",
			filters={"name": ("in", list({row.item_code for row in rows}) or [""]), "is_stock_item": 1},
			pluck="name",
		)
	)
	lines = []
	for row in rows:
		row.pending = flt(
			flt(row.stock_qty) - flt(row.delivered_qty) * flt(row.conversion_factor or 1), QTY_PRECISION
		)
		if row.item_code in stock_items and row.warehouse and row.pending > 0:
			lines.append(row)
	return lines


def get_columns() -> list[dict]:
	qty = {"fieldtype": "Float", "width": 100}
	return [
		{"label": _("Delivery Date"), "fieldname": "delivery_date", "fieldtype": "Date", "width": 100},
		{
			"label": _("Sales Order"),
			"fieldname": "sales_order",
			"fieldtype": "Link",
			"options": "Sales Order",
			"width": 150,
		},
		{
			"label": _("Customer"),
			"fieldname": "customer",
			"fieldtype": "Link",
			"options": "Customer",
			"width": 150,
		},
		{
			"label": _("Item Code"),
			"fieldname": "item_code",
			"fieldtype": "Link",
			"options": "Item",
			"width": 140,
		},
		{
			"label": _("Warehouse"),
			"fieldname": "warehouse",
			"fieldtype": "Link",
			"options": "Warehouse",
			"width": 120,
		},
		{"label": _("Qty to Deliver"), "fieldname": "pending_qty", **qty},
		{"label": _("Actual Qty"), "fieldname": "actual_qty", **qty},
		{"label": _("Reserved Qty"), "fieldname": "reserved_qty", **qty},
		{"label": _("Projected Qty"), "fieldname": "projected_qty", **qty},
		{"label": _("Covered Qty"), "fieldname": "covered_qty", **qty},
		{"label": _("Shortage Qty"), "fieldname": "shortage_qty", **qty},
	]
