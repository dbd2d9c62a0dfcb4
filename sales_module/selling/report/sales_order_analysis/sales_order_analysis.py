# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Order Analysis (ERPNext's report, filters and columns): every open order line with what is
delivered, billed and pending, how many days it is late, and how long delivery took."""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Max, Sum
from frappe.utils import flt, getdate, nowdate

from sales_module.controllers.recompute import billed_qty_by_line
from sales_module.engine import order_line_progress
from sales_module.engine.quantities import QTY_PRECISION
from sales_module.exceptions import InvalidDatesError
from sales_module.utils.currency import company_currency, currency_precision

Filters = frappe._dict
# beyond this many lines, a grouped read of the whole table beats a list of names in the query
LONGEST_NAME_LIST = 2000
CLOSED_STATUSES = ("Closed", "On Hold", "Cancelled", "Draft")
SUMMED = (
	"qty", "delivered_qty", "pending_qty", "billed_qty", "qty_to_bill", "amount", "billed_amount",
	"pending_amount", "delivered_qty_amount",
)  # fmt: skip


def execute(filters: Filters | None = None):
	filters = Filters(filters or {})
	validate_filters(filters)
	lines = order_lines(filters)
	currency = company_currency()
	precision, today = currency_precision(currency), nowdate()
	data = [line_row(line, currency, precision, today) for line in lines]
	if filters.get("group_by_so"):
		data = grouped_by_order(data)
	return get_columns(filters), data, None, get_chart(data)


def validate_filters(filters: Filters):
	if filters.get("from_date") and filters.get("to_date"):
		if getdate(filters.to_date) < getdate(filters.from_date):
			frappe.throw(_("To Date cannot be before From Date"), InvalidDatesError, title=_("Invalid Dates"))


def as_list(value) -> list:
	if not value:
		return []
	if isinstance(value, str):
		parsed = (
			frappe.parse_json(value) if value.startswith("[") else [part.strip() for part in value.split(",")]
		)
		return [part for part in parsed if part]
	return list(value)


def order_lines(filters: Filters) -> list[frappe._dict]:
	"""Open submitted order lines through the permission-aware list query."""
	item = "`tabSales Order Item`"
	conditions = [["Sales Order", "docstatus", "=", 1], ["Sales Order", "status", "not in", CLOSED_STATUSES]]
	if filters.get("from_date"):
		conditions.append(["Sales Order", "transaction_date", ">=", getdate(filters.from_date)])
	if filters.get("to_date"):
		conditions.append(["Sales Order", "transaction_date", "<=", getdate(filters.to_date)])
	if orders := as_list(filters.get("sales_order")):
		conditions.append(["Sales Order", "name", "in", orders])
	if statuses := as_list(filters.get("status")):
		conditions.append(["Sales Order", "status", "in", statuses])
	if filters.get("warehouse"):
		conditions.append(["Sales Order Item", "warehouse", "=", filters.warehouse])
	lines = frappe.get_list(
		"Sales Order",
		filters=conditions,
		fields=[
			"name as sales_order", "status", "customer", "transaction_date as date", "conversion_rate",
			f"{item}.name as so_detail", f"{item}.item_code", f"{item}.description", f"{item}.qty",
			f"{item}.delivered_qty", f"{item}.conversion_factor",
			f"{item}.base_rate", f"{item}.base_amount", f"{item}.billed_amt", f"{item}.delivery_date",
			f"{item}.warehouse",
		],
		order_by="`tabSales Order`.transaction_date asc, `tabSales Order`.name asc, " + f"{item}.idx asc",
	)  # fmt: skip
	details = [line.so_detail for line in lines]
	last, billed = last_deliveries(details), billed_by_line(details)
	for line in lines:
		line.last_delivery = last.get(line.so_detail)
		line.billed_stock_qty = billed.get(line.so_detail, 0)
	return lines


def last_deliveries(details: list[str]) -> dict[str, object]:
	"""The latest delivery date of each order line: Delivery Notes and invoices that updated stock."""
	if not details:
		return {}
	last: dict[str, object] = {}
	for line_doctype, doctype, extra in (
		("Delivery Note Item", "Delivery Note", None),
		("Sales Invoice Item", "Sales Invoice", "update_stock"),
	):
		line, voucher = frappe.qb.DocType(line_doctype), frappe.qb.DocType(doctype)
		condition = (voucher.docstatus == 1) & (voucher.is_return == 0) & (Coalesce(line.so_detail, "") != "")
		if len(details) <= LONGEST_NAME_LIST:
			condition &= line.so_detail.isin(details)
		query = (
			frappe.qb.from_(line)
			.join(voucher)
			.on(voucher.name == line.parent)
			.select(line.so_detail, Max(voucher.posting_date))
			.where(condition)
			.groupby(line.so_detail)
		)
		if extra:
			query = query.where(voucher[extra] == 1)
		for detail, day in query.run():
			if day and (detail not in last or getdate(day) > getdate(last[detail])):
				last[detail] = day
	return last


def billed_by_line(details: list[str]) -> dict[str, float]:
	"""Stock qty billed per order line by submitted invoices."""
	if len(details) <= LONGEST_NAME_LIST:
		return billed_qty_by_line("so_detail", details)
	line, invoice = frappe.qb.DocType("Sales Invoice Item"), frappe.qb.DocType("Sales Invoice")
	return {
		detail: flt(qty)
		for detail, qty in frappe.qb.from_(line)
		.join(invoice)
		.on(invoice.name == line.parent)
		.select(line.so_detail, Sum(line.stock_qty))
		.where((invoice.docstatus == 1) & (Coalesce(line.so_detail, "") != ""))
		.groupby(line.so_detail)
		.run()
	}


def line_row(line: frappe._dict, currency: str, precision: int, today: str) -> dict:
	billed_qty = flt(flt(line.billed_stock_qty) / (flt(line.conversion_factor) or 1), QTY_PRECISION)
	billed_amount = flt(flt(line.billed_amt) * flt(line.conversion_rate or 1), precision)
	progress = order_line_progress(
		line.qty, line.delivered_qty, billed_qty, line.base_rate, line.base_amount, billed_amount,
		line.date, line.delivery_date, line.last_delivery, today, precision,
	)  # fmt: skip
	return {
		"sales_order": line.sales_order, "status": line.status, "customer": line.customer, "date": line.date,
		"delivery_date": line.delivery_date, "item_code": line.item_code, "description": line.description,
		"warehouse": line.warehouse, "qty": flt(line.qty), "delivered_qty": flt(line.delivered_qty),
		"pending_qty": flt(progress.pending_qty), "billed_qty": billed_qty, "qty_to_bill": flt(progress.qty_to_bill),
		"amount": flt(line.base_amount), "billed_amount": billed_amount,
		"pending_amount": flt(progress.pending_amount), "delivered_qty_amount": flt(progress.delivered_qty_amount),
		"delay": progress.delay, "time_taken_to_deliver": progress.time_taken_to_deliver,
		"currency": currency,
	}  # fmt: skip


def grouped_by_order(rows: list[dict]) -> list[dict]:
	"""One row per order: its lines' figures summed, the longest delay, the latest delivery."""
	grouped: dict[str, dict] = {}
	for row in rows:
		order = grouped.get(row["sales_order"])
		if order is None:
			grouped[row["sales_order"]] = {**row, "item_code": None, "description": None, "warehouse": None}
			continue
		for field in SUMMED:
			order[field] = flt(order[field] + row[field], QTY_PRECISION if "qty" in field else 2)
		order["delay"] = max(order["delay"], row["delay"])
		taken = [
			value
			for value in (order["time_taken_to_deliver"], row["time_taken_to_deliver"])
			if value is not None
		]
		order["time_taken_to_deliver"] = max(taken) if taken and order["pending_qty"] == 0 else None
		order["delivery_date"] = max(getdate(order["delivery_date"]), getdate(row["delivery_date"]))
	return list(grouped.values())


def get_columns(filters: Filters) -> list[dict]:
	def column(label, fieldname, fieldtype="Float", options=None, width=100):
		return {
			"label": label,
			"fieldname": fieldname,
			"fieldtype": fieldtype,
			"options": options,
			"width": width,
		}

	columns = [
		column(_("Date"), "date", "Date", width=90),
		column(_("Status"), "status", "Data", width=130),
		column(_("Sales Order"), "sales_order", "Link", "Sales Order", 160),
		column(_("Customer"), "customer", "Link", "Customer", 150),
		column(_("Delivery Date"), "delivery_date", "Date", width=100),
		column(_("Delay (in Days)"), "delay", "Int", width=100),
	]
	if not filters.get("group_by_so"):
		columns += [
			column(_("Item Code"), "item_code", "Link", "Item", 130),
			column(_("Description"), "description", "Small Text", width=150),
			column(_("Warehouse"), "warehouse", "Link", "Warehouse", 120),
		]
	money = {"fieldtype": "Currency", "options": "currency"}
	columns += [
		column(_("Qty"), "qty"),
		column(_("Delivered Qty"), "delivered_qty"),
		column(_("Qty to Deliver"), "pending_qty"),
		column(_("Billed Qty"), "billed_qty"),
		column(_("Qty to Bill"), "qty_to_bill"),
		{**column(_("Amount"), "amount", width=110), **money},
		{**column(_("Billed Amount"), "billed_amount", width=110), **money},
		{**column(_("Pending Amount"), "pending_amount", width=130), **money},
		{**column(_("Amount Delivered"), "delivered_qty_amount", width=120), **money},
		column(_("Time Taken to Deliver"), "time_taken_to_deliver", "Int", width=120),
	]
	return columns


def get_chart(data: list[dict]) -> dict:
	delivered = sum(row["delivered_qty_amount"] for row in data)
	ordered = sum(row["amount"] for row in data)
	billed = sum(row["billed_amount"] for row in data)
	return {
		"data": {
			"labels": [
				_("Amount Delivered"),
				_("Pending Delivery"),
				_("Billed Amount"),
				_("Pending Billing"),
			],
			"datasets": [
				{"values": [flt(delivered), flt(ordered - delivered), flt(billed), flt(ordered - billed)]}
			],
		},
		"type": "bar",
		"fieldtype": "Currency",
	}
