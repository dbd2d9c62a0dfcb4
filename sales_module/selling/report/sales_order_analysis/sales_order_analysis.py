# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Order Analysis (ERPNext's report, filters and columns): every open order line with what is
delivered, billed and pending, how many days it is late, and how long delivery took."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, nowdate

from sales_module.engine import order_line_progress
from sales_module.engine.quantities import QTY_PRECISION
from sales_module.exceptions import InvalidDatesError
from sales_module.stock.delivery import last_deliveries
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.reports import permitted

Filters = frappe._dict
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
	precision, today = currency_precision(currency), getdate(nowdate())
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


LINE_FIELDS = (
	"sales_order", "status", "customer", "date", "conversion_rate", "so_detail", "item_code", "description",
	"qty", "delivered_qty", "conversion_factor", "base_rate", "base_amount", "billed_amt",
	"billed_stock_qty", "delivery_date", "warehouse", "idx",
)  # fmt: skip
BATCH = 5000  # orders per lookup of their deliveries and invoices


def order_lines(filters: Filters) -> list[frappe._dict]:
	"""Open submitted order lines, restricted as Frappe's list view restricts Sales Orders (roles, User
	Permissions), in order of their orders' dates; the lines delivered in full with their last delivery
	date, looked up through the indexed order links of delivery and invoice lines."""
	order, item = frappe.qb.DocType("Sales Order"), frappe.qb.DocType("Sales Order Item")
	query = (
		frappe.qb.from_(order)
		.join(item)
		.on((item.parent == order.name) & (item.parenttype == "Sales Order"))
		.select(
			order.name, order.status, order.customer, order.transaction_date, order.conversion_rate,
			item.name, item.item_code, item.description, item.qty, item.delivered_qty, item.conversion_factor,
			item.base_rate, item.base_amount, item.billed_amt, item.billed_stock_qty, item.delivery_date,
			item.warehouse, item.idx,
		)
		.where((order.docstatus == 1) & order.status.notin(CLOSED_STATUSES))
	)  # fmt: skip
	if filters.get("from_date"):
		query = query.where(order.transaction_date >= getdate(filters.from_date))
	if filters.get("to_date"):
		query = query.where(order.transaction_date <= getdate(filters.to_date))
	if orders := as_list(filters.get("sales_order")):
		query = query.where(order.name.isin(orders))
	if statuses := as_list(filters.get("status")):
		query = query.where(order.status.isin(statuses))
	if filters.get("warehouse"):
		query = query.where(item.warehouse == filters.warehouse)
	# sorted here rather than by the database, which would sort through a temporary table
	rows = sorted(
		permitted(query, "Sales Order").run(), key=lambda values: (values[3], values[0], values[-1])
	)
	lines = [frappe._dict(zip(LINE_FIELDS, values, strict=True)) for values in rows]
	# only a line delivered in full has a time taken to deliver
	complete = list(
		dict.fromkeys(line.sales_order for line in lines if flt(line.delivered_qty) >= flt(line.qty))
	)
	last_delivery = {}
	for start in range(0, len(complete), BATCH):
		last_delivery.update(last_deliveries(complete[start : start + BATCH]))
	for line in lines:
		line.last_delivery = last_delivery.get(line.so_detail)
	return lines


def line_row(line: frappe._dict, currency: str, precision: int, today) -> dict:
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
