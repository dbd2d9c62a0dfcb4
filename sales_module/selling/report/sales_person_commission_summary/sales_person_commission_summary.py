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
	document_date_field,
	document_date_label,
	report_document_type,
	within_report_period,
)
from sales_module.utils.currency import company_currency
from sales_module.utils.reports import permitted

Filters = frappe._dict


def execute(filters: Filters | None = None):
	filters = Filters(filters or {})
	doctype = report_document_type(filters, "doc_type")
	return get_columns(doctype), get_data(filters, doctype)


def get_data(filters: Filters, doctype: str) -> list[dict]:
	header, team = frappe.qb.DocType(doctype), frappe.qb.DocType("Sales Team")
	date_field = document_date_field(doctype)
	query = (
		frappe.qb.from_(header)
		.join(team)
		.on((team.parent == header.name) & (team.parenttype == doctype) & (team.parentfield == "sales_team"))
		.select(
			header.name,
			header.customer,
			header.territory,
			header[date_field].as_("posting_date"),
			header.base_net_total.as_("amount"),
			team.sales_person,
			team.allocated_percentage.as_("contribution_percentage"),
			team.commission_rate,
			team.allocated_amount.as_("contribution_amount"),
			team.incentives,
		)
		.where(header.docstatus == 1)
		.orderby(header.name)
		.orderby(team.sales_person)
	)
	for fieldname in ("customer", "territory"):
		if filters.get(fieldname):
			query = query.where(header[fieldname] == filters[fieldname])
	if filters.get("sales_person"):
		query = query.where(team.sales_person == filters.sales_person)
	query = within_report_period(query, header, date_field, filters)
	currency = company_currency()
	return [
		{
			**row,
			**{
				fieldname: flt(row[fieldname])
				for fieldname in (
					"amount",
					"contribution_percentage",
					"commission_rate",
					"contribution_amount",
					"incentives",
				)
			},
			"currency": currency,
		}
		for row in permitted(query, doctype).run(as_dict=True)
	]


def get_columns(doctype: str) -> list[dict]:
	money = {"fieldtype": "Currency", "options": "currency", "width": 120}
	return [
		{"label": _(doctype), "fieldname": "name", "fieldtype": "Link", "options": doctype, "width": 140},
		{
			"label": _("Customer"),
			"fieldname": "customer",
			"fieldtype": "Link",
			"options": "Customer",
			"width": 140,
		},
		{
			"label": _("Territory"),
			"fieldname": "territory",
			"fieldtype": "Link",
			"options": "Territory",
			"width": 100,
		},
		{
			"label": document_date_label(doctype),
			"fieldname": "posting_date",
			"fieldtype": "Date",
			"width": 100,
		},
		{"label": _("Amount"), "fieldname": "amount", **money},
		{
			"label": _("Sales Person"),
			"fieldname": "sales_person",
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 140,
		},
		{
			"label": _("Contribution %"),
			"fieldname": "contribution_percentage",
			"fieldtype": "Data",
			"width": 110,
		},
		{"label": _("Commission Rate %"), "fieldname": "commission_rate", "fieldtype": "Data", "width": 100},
		{"label": _("Contribution Amount"), "fieldname": "contribution_amount", **money},
		{"label": _("Incentives"), "fieldname": "incentives", **money},
		{
			"label": _("Currency"),
			"fieldname": "currency",
			"fieldtype": "Link",
			"options": "Currency",
			"hidden": 1,
		},
	]
