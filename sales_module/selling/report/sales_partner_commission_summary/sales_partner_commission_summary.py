# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Partner Commission Summary (ERPNext's report, filters and columns): per submitted order,
delivery or invoice with a sales partner, its net total, the partner's rate and the commission it
stores, in the company currency. Returns count negative; cancelled documents never count; Company is
accepted and ignored."""

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
	doctype = report_document_type(filters, "doctype")
	return get_columns(doctype), get_data(filters, doctype)


def get_data(filters: Filters, doctype: str) -> list[dict]:
	header = frappe.qb.DocType(doctype)
	date_field = document_date_field(doctype)
	query = (
		frappe.qb.from_(header)
		.select(
			header.name,
			header.customer,
			header.territory,
			header[date_field].as_("posting_date"),
			header.base_net_total.as_("amount"),
			header.sales_partner,
			header.commission_rate,
			header.total_commission,
		)
		.where((header.docstatus == 1) & header.sales_partner.notnull() & (header.sales_partner != ""))
		.orderby(header.name, order=frappe.qb.desc)
		.orderby(header.sales_partner)
	)
	for fieldname in ("sales_partner", "customer", "territory"):
		if filters.get(fieldname):
			query = query.where(header[fieldname] == filters[fieldname])
	query = within_report_period(query, header, date_field, filters)
	currency = company_currency()
	return [
		{
			**row,
			"amount": flt(row.amount),
			"commission_rate": flt(row.commission_rate),
			"total_commission": flt(row.total_commission),
			"currency": currency,
		}
		for row in permitted(query, doctype).run(as_dict=True)
	]


def get_columns(doctype: str) -> list[dict]:
	return [
		{"label": _(doctype), "fieldname": "name", "fieldtype": "Link", "options": doctype, "width": 140},
		{
			"label": _("Customer"),
			"fieldname": "customer",
			"fieldtype": "Link",
			"options": "Customer",
			"width": 140,
		},
		{"label": _("Currency"), "fieldname": "currency", "fieldtype": "Data", "width": 80, "hidden": 1},
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
		{
			"label": _("Amount"),
			"fieldname": "amount",
			"fieldtype": "Currency",
			"options": "currency",
			"width": 120,
		},
		{
			"label": _("Sales Partner"),
			"fieldname": "sales_partner",
			"fieldtype": "Link",
			"options": "Sales Partner",
			"width": 140,
		},
		{"label": _("Commission Rate %"), "fieldname": "commission_rate", "fieldtype": "Data", "width": 100},
		{
			"label": _("Total Commission"),
			"fieldname": "total_commission",
			"fieldtype": "Currency",
			"options": "currency",
			"width": 120,
		},
	]
