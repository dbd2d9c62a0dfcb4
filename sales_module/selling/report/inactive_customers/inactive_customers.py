# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Inactive Customers (ERPNext's report and filters): customers with no order (or invoice) for at least
the given number of days, with their last one and their lifetime figures (company currency, net)."""

import frappe
from frappe import _
from frappe.utils import cint, date_diff, flt, nowdate

from sales_module.exceptions import InvalidValueError


def execute(filters=None):
	filters = frappe._dict(filters or {})
	days = cint(filters.get("days_since_last_order") or 60)
	doctype = filters.get("doctype") or "Sales Order"
	if doctype not in ("Sales Order", "Sales Invoice") or days <= 0:
		frappe.throw(
			_("Choose Sales Order or Sales Invoice and a number of days above zero"),
			InvalidValueError,
			title=_("Inactive Customers"),
		)
	date_field = "transaction_date" if doctype == "Sales Order" else "posting_date"
	lifetime = frappe.get_list(
		doctype,
		filters=[[doctype, "docstatus", "=", 1]],
		fields=[
			"customer",
			"count(name) as number_of_orders",
			"sum(base_net_total) as total_order_value",
			f"max({date_field}) as last_order_date",
		],
		group_by="customer",
		order_by=None,
	)
	today = nowdate()
	inactive = [row for row in lifetime if date_diff(today, row.last_order_date) >= days]
	last_amounts = last_order_amounts(doctype, date_field, inactive)
	masters = {
		row.name: row
		for row in frappe.get_all(
			"Customer",
			filters={"name": ("in", [row.customer for row in inactive] or [""])},
			fields=["name", "customer_name", "territory", "customer_group"],
		)
	}
	data = []
	for row in sorted(inactive, key=lambda row: row.last_order_date):
		master = masters.get(row.customer) or frappe._dict()
		data.append(
			{
				"customer": row.customer, "customer_name": master.customer_name, "territory": master.territory,
				"customer_group": master.customer_group, "number_of_orders": cint(row.number_of_orders),
				"total_order_value": flt(row.total_order_value), "last_order_amount": last_amounts.get(row.customer, 0),
				"last_order_date": row.last_order_date, "days_since_last_order": date_diff(today, row.last_order_date),
			}
		)  # fmt: skip
	return get_columns(doctype), data


def last_order_amounts(doctype: str, date_field: str, rows: list) -> dict[str, float]:
	"""The value of each customer's documents on its last day (one grouped query)."""
	last_day = {row.customer: str(row.last_order_date) for row in rows}
	if not last_day:
		return {}
	amounts: dict[str, float] = {}
	for row in frappe.get_list(
		doctype,
		filters=[[doctype, "docstatus", "=", 1], [doctype, "customer", "in", list(last_day)]],
		fields=["customer", f"{date_field} as day", "sum(base_net_total) as amount"],
		group_by=f"customer, {date_field}",
		order_by=None,
	):
		if str(row.day) == last_day[row.customer]:
			amounts[row.customer] = flt(row.amount)
	return amounts


def get_columns(doctype: str) -> list[dict]:
	return [
		{
			"label": _("Customer"),
			"fieldname": "customer",
			"fieldtype": "Link",
			"options": "Customer",
			"width": 160,
		},
		{"label": _("Customer Name"), "fieldname": "customer_name", "fieldtype": "Data", "width": 160},
		{
			"label": _("Territory"),
			"fieldname": "territory",
			"fieldtype": "Link",
			"options": "Territory",
			"width": 120,
		},
		{
			"label": _("Customer Group"),
			"fieldname": "customer_group",
			"fieldtype": "Link",
			"options": "Customer Group",
			"width": 120,
		},
		{"label": _("Number of Order"), "fieldname": "number_of_orders", "fieldtype": "Int", "width": 110},
		{
			"label": _("Total Order Value"),
			"fieldname": "total_order_value",
			"fieldtype": "Currency",
			"width": 130,
		},
		{
			"label": _("Last Order Amount"),
			"fieldname": "last_order_amount",
			"fieldtype": "Currency",
			"width": 130,
		},
		{"label": _("Last Order Date"), "fieldname": "last_order_date", "fieldtype": "Date", "width": 110},
		{
			"label": _("Days Since Last Order"),
			"fieldname": "days_since_last_order",
			"fieldtype": "Int",
			"width": 120,
		},
	]
