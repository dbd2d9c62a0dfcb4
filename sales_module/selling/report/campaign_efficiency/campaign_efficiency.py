# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Campaign Efficiency (ERPNext's CRM report, its column names; this app has no Lead or Opportunity, so
a campaign is followed from its quotations): per Campaign over the report's dates, the submitted
quotations (count and amount), the orders taken (count and value), the revenue invoiced (credit notes
negative), the orders per quotation in percent, the campaign's cost and the revenue for each unit of it.
Figures are base net totals in the company currency; cancelled and draft documents never count."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, getdate

from sales_module.engine import campaign_efficiency
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.reports import column, permitted, validate_period

# (prefix of the count / amount columns, DocType, its date)
SOURCES = (
	("quot", "Quotation", "transaction_date"),
	("order", "Sales Order", "transaction_date"),
	("revenue", "Sales Invoice", "posting_date"),
)


def execute(filters=None):
	filters = validate_period(filters)
	totals = {
		prefix: campaign_totals(doctype, date_field, filters) for prefix, doctype, date_field in SOURCES
	}
	campaigns = campaigns_of(filters, {name for figures in totals.values() for name in figures})
	precision = currency_precision(company_currency())
	return get_columns(), [report_row(campaign, totals, precision) for campaign in campaigns]


def campaign_totals(doctype: str, date_field: str, filters) -> dict[str, tuple[int, float]]:
	"""{campaign: (documents, base net total)} of the submitted documents the user may read."""
	document = frappe.qb.DocType(doctype)
	day = document[date_field]
	query = (
		frappe.qb.from_(document)
		.select(document.campaign, Count(document.name), Sum(document.base_net_total))
		.where(
			(document.docstatus == 1)
			& (day >= getdate(filters.from_date))
			& (day <= getdate(filters.to_date))
			& document.campaign.isnotnull()
			& (document.campaign != "")
		)
		.groupby(document.campaign)
	)
	return {name: (count, amount) for name, count, amount in permitted(query, doctype).run()}


def campaigns_of(filters, active: set[str]) -> list[frappe._dict]:
	"""The campaigns with documents in the period, and those running in it (by their dates)."""
	campaigns = frappe.get_list(
		"Campaign", fields=["name", "cost", "start_date", "end_date"], order_by="name asc"
	)
	start, end = getdate(filters.from_date), getdate(filters.to_date)
	return [
		campaign
		for campaign in campaigns
		if campaign.name in active
		or (
			campaign.start_date
			and getdate(campaign.start_date) <= end
			and (not campaign.end_date or getdate(campaign.end_date) >= start)
		)
	]


def report_row(campaign, totals: dict, precision: int) -> dict:
	quot_count, quot_amount = totals["quot"].get(campaign.name, (0, 0))
	order_count, order_value = totals["order"].get(campaign.name, (0, 0))
	_invoices, revenue = totals["revenue"].get(campaign.name, (0, 0))
	with engine_errors(_("Campaign Efficiency")):
		ratios = campaign_efficiency(quot_count, order_count, flt(revenue, precision), campaign.cost)
	return {
		"campaign_name": campaign.name,
		"quot_count": quot_count,
		"quot_amount": flt(quot_amount, precision),
		"order_count": order_count,
		"order_value": flt(order_value, precision),
		"order_quot": flt(ratios.order_quot),
		"revenue": flt(revenue, precision),
		"cost": flt(campaign.cost, precision),
		"revenue_per_cost": None if ratios.revenue_per_cost is None else flt(ratios.revenue_per_cost),
	}


def get_columns() -> list[dict]:
	return [
		column(_("Campaign Name"), "campaign_name", "Link", "Campaign", 180),
		column(_("Quot Count"), "quot_count", "Int", width=90),
		column(_("Quotation Amount"), "quot_amount", "Currency", width=130),
		column(_("Order Count"), "order_count", "Int", width=100),
		column(_("Order Value"), "order_value", "Currency", width=130),
		column(_("Order/Quot %"), "order_quot", "Float", width=110),
		column(_("Revenue"), "revenue", "Currency", width=130),
		column(_("Cost"), "cost", "Currency", width=120),
		column(_("Revenue per Cost"), "revenue_per_cost", "Float", width=130),
	]
