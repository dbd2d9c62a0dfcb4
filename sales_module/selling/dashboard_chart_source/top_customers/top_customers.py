"""Chart source "Top Customers": the customers billed most (net, company currency) over the last twelve
months, the largest ten; a bar per customer, however many customers there are."""

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import add_months, flt, getdate, nowdate

from sales_module.utils.reports import permitted
from sales_module.utils.validation import date_argument

TOP = 10


@frappe.whitelist()
@frappe.read_only()
def get(
	chart_name: str | None = None,
	chart: str | dict | None = None,
	no_cache: int | None = None,
	filters: str | dict | list | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: str | None = None,
	refresh: int | None = None,
) -> dict:
	to_day = date_argument(to_date or nowdate(), "to_date")
	from_day = date_argument(from_date or add_months(to_day, -12), "from_date")
	invoice = frappe.qb.DocType("Sales Invoice")
	revenue = Sum(invoice.base_net_total)
	query = (
		frappe.qb.from_(invoice)
		.select(invoice.customer, revenue)
		.where(
			(invoice.docstatus == 1) & (invoice.posting_date >= from_day) & (invoice.posting_date <= to_day)
		)
		.groupby(invoice.customer)
		.orderby(revenue, order=frappe.qb.desc)
		.limit(TOP)
	)
	rows = permitted(query, "Sales Invoice").run()
	return {
		"labels": [customer for customer, _total in rows],
		"datasets": [{"name": chart_name or "Top Customers", "values": [flt(total) for _c, total in rows]}],
	}
