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
	currency_column,
	date_column,
	document_columns,
	money_column,
	report_document_type,
	report_documents,
	with_partner,
)
from sales_module.utils.currency import company_currency
from sales_module.utils.reports import column, permitted

Filters = frappe._dict


def execute(filters: Filters | None = None):
	filters = Filters(filters or {})
	doctype = report_document_type(filters, "doctype")
	return get_columns(doctype), get_data(filters, doctype)


def get_data(filters: Filters, doctype: str) -> list[dict]:
	header, query = report_documents(doctype, filters)
	query = (
		with_partner(query, header, filters)
		.select(
			header.base_net_total.as_("amount"),
			header.sales_partner,
			header.commission_rate,
			header.total_commission,
		)
		.orderby(header.name, order=frappe.qb.desc)
		.orderby(header.sales_partner)
	)
	currency = company_currency()
	return [
		{
			**row,
			**{
				fieldname: flt(row[fieldname])
				for fieldname in ("amount", "commission_rate", "total_commission")
			},
			"currency": currency,
		}
		for row in permitted(query, doctype).run(as_dict=True)
	]


def get_columns(doctype: str) -> list[dict]:
	return [
		*document_columns(doctype),
		date_column(doctype),
		money_column(_("Amount"), "amount"),
		column(_("Sales Partner"), "sales_partner", "Link", "Sales Partner", 140),
		column(_("Commission Rate %"), "commission_rate", width=100),
		money_column(_("Total Commission"), "total_commission"),
		currency_column(),
	]
