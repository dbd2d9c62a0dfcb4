# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Customer Acquisition and Loyalty (ERPNext's report, filters and columns): per month or per
territory, customers invoiced for the first time ever versus those who came back, and the revenue of
each (company currency, net; credit notes negative)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Min
from frappe.utils import flt, getdate

from sales_module.engine import acquisition_by_group, period_ranges
from sales_module.exceptions import InvalidValueError
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.reports import validate_period


def execute(filters=None):
	filters = validate_period(filters)
	view = filters.get("view_type") or "Monthly"
	if view not in ("Monthly", "Territory Wise"):
		frappe.throw(
			_("View Type must be Monthly or Territory Wise"),
			InvalidValueError,
			title=_("Customer Acquisition and Loyalty"),
		)
	invoices = frappe.get_list(
		"Sales Invoice",
		filters=[
			["Sales Invoice", "docstatus", "=", 1],
			["Sales Invoice", "posting_date", "between", [filters.from_date, filters.to_date]],
		],
		fields=["customer", "territory", "posting_date", "base_net_total"],
		order_by=None,
	)
	first_days = first_invoice_days({row.customer for row in invoices})
	if view == "Monthly":
		with engine_errors(_("Customer Acquisition and Loyalty")):
			periods = period_ranges(filters.from_date, filters.to_date, "Monthly")
		windows = {(period.year, period.start.month): (period.start, period.end) for period in periods}
		rows = [
			(
				(getdate(row.posting_date).year, getdate(row.posting_date).month),
				row.customer,
				row.base_net_total,
			)
			for row in invoices
		]
	else:
		windows = {row.territory: (filters.from_date, filters.to_date) for row in invoices}
		rows = [(row.territory, row.customer, row.base_net_total) for row in invoices]
	groups = acquisition_by_group(rows, first_days, windows)
	data = []
	for key in sorted(groups, key=str):
		figures = {field: flt(value) if "revenue" in field else value for field, value in groups[key].items()}
		if view == "Monthly":
			data.append(
				{"year": key[0], "month": _(getdate(f"{key[0]}-{key[1]:02d}-01").strftime("%B")), **figures}
			)
		else:
			data.append({"territory": key, **figures})
	return get_columns(view), data


def first_invoice_days(customers: set[str]) -> dict[str, object]:
	"""Each customer's first-ever invoice date (any period): whether it is new is judged against it."""
	if not customers:
		return {}
	invoice = frappe.qb.DocType("Sales Invoice")
	return dict(
		frappe.qb.from_(invoice)
		.select(invoice.customer, Min(invoice.posting_date))
		.where((invoice.docstatus == 1) & (invoice.is_return == 0) & invoice.customer.isin(list(customers)))
		.groupby(invoice.customer)
		.run()
	)


def get_columns(view: str) -> list[dict]:
	leading = (
		[
			{"label": _("Year"), "fieldname": "year", "fieldtype": "Data", "width": 80},
			{"label": _("Month"), "fieldname": "month", "fieldtype": "Data", "width": 100},
		]
		if view == "Monthly"
		else [
			{
				"label": _("Territory"),
				"fieldname": "territory",
				"fieldtype": "Link",
				"options": "Territory",
				"width": 150,
			}
		]
	)
	count = {"fieldtype": "Int", "width": 120}
	money = {"fieldtype": "Currency", "width": 150}
	return [
		*leading,
		{"label": _("New Customers"), "fieldname": "new_customers", **count},
		{"label": _("Repeat Customers"), "fieldname": "repeat_customers", **count},
		{"label": _("Total"), "fieldname": "total", **count},
		{"label": _("New Customer Revenue"), "fieldname": "new_customer_revenue", **money},
		{"label": _("Repeat Customer Revenue"), "fieldname": "repeat_customer_revenue", **money},
		{"label": _("Total Revenue"), "fieldname": "total_revenue", **money},
	]
