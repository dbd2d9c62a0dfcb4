# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Person Commission Summary (ERPNext's report, filters and columns): per submitted order,
delivery or invoice and member of its sales team, the document's net total, the member's contribution
and the incentives it stores, in the company currency. Returns count negative; cancelled documents
never count; Company is accepted and ignored."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.selling.commission import (
	currency_column,
	date_column,
	document_columns,
	money_column,
	report_document_type,
	report_documents,
	with_team,
)
from sales_module.utils.currency import company_currency
from sales_module.utils.reports import column, permitted

Filters = frappe._dict
FIGURES = ("amount", "contribution_percentage", "commission_rate", "contribution_amount", "incentives")


def execute(filters: Filters | None = None):
	filters = Filters(filters or {})
	doctype = report_document_type(filters, "doc_type")
	return get_columns(doctype), get_data(filters, doctype)


def get_data(filters: Filters, doctype: str) -> list[dict]:
	header, query = report_documents(doctype, filters)
	team, query = with_team(query, header, doctype)
	query = (
		query.select(
			header.base_net_total.as_("amount"),
			team.sales_person,
			team.allocated_percentage.as_("contribution_percentage"),
			team.commission_rate,
			team.allocated_amount.as_("contribution_amount"),
			team.incentives,
		)
		.orderby(header.name)
		.orderby(team.sales_person)
	)
	if filters.get("sales_person"):
		query = query.where(team.sales_person == filters.sales_person)
	currency = company_currency()
	return [
		{**row, **{fieldname: flt(row[fieldname]) for fieldname in FIGURES}, "currency": currency}
		for row in permitted(query, doctype).run(as_dict=True)
	]


def get_columns(doctype: str) -> list[dict]:
	return [
		*document_columns(doctype),
		date_column(doctype),
		money_column(_("Amount"), "amount"),
		column(_("Sales Person"), "sales_person", "Link", "Sales Person", 140),
		column(_("Contribution %"), "contribution_percentage", width=110),
		column(_("Commission Rate %"), "commission_rate", width=100),
		money_column(_("Contribution Amount"), "contribution_amount"),
		money_column(_("Incentives"), "incentives"),
		currency_column(),
	]
