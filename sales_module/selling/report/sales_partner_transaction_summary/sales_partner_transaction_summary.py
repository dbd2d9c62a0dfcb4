# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Partner Transaction Summary (ERPNext's report, filters and columns): each line of the
submitted orders, deliveries or invoices with a sales partner, its quantity, net rate and amount and
the partner's commission on it, in the company currency. A line's commission is its part of the
commission its document stores (spread exactly over the lines that grant commission), so the lines of
a document add up to its total commission; lines that grant none earn none. Return lines are left out
unless Show Return Entries is set; cancelled documents never count; Company is accepted and ignored."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.selling.commission import (
	currency_column,
	date_column,
	document_columns,
	document_line_commissions,
	item_columns,
	money_column,
	report_document_type,
	report_documents,
	with_lines,
	with_partner,
)
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.reports import column, permitted

Filters = frappe._dict


def execute(filters: Filters | None = None):
	filters = Filters(filters or {})
	doctype = report_document_type(filters, "doctype")
	return get_columns(doctype), get_data(filters, doctype)


def get_data(filters: Filters, doctype: str) -> list[dict]:
	header, query = report_documents(doctype, filters)
	line, query = with_lines(with_partner(query, header, filters), header, doctype, filters)
	query = (
		query.select(
			line.name.as_("line"),
			line.item_code,
			line.item_group,
			line.brand,
			line.qty,
			line.base_net_rate.as_("rate"),
			line.base_net_amount.as_("amount"),
			header.sales_partner,
			header.commission_rate,
		)
		.orderby(header.name, order=frappe.qb.desc)
		.orderby(header.sales_partner)
		.orderby(line.idx)
	)
	if not filters.get("show_return_entries"):
		query = query.where(line.qty > 0)
	lines = permitted(query, doctype).run(as_dict=True)
	currency = company_currency()
	commissions = document_line_commissions(
		doctype, list(dict.fromkeys(line.name for line in lines)), currency_precision(currency)
	)
	return [
		{
			**{fieldname: value for fieldname, value in line.items() if fieldname != "line"},
			**{fieldname: flt(line[fieldname]) for fieldname in ("qty", "rate", "amount", "commission_rate")},
			"commission": flt(commissions.get(line.line, 0)),
			"currency": currency,
		}
		for line in lines
	]


def get_columns(doctype: str) -> list[dict]:
	return [
		*document_columns(doctype),
		date_column(doctype),
		*item_columns(),
		column(_("Quantity"), "qty", "Float"),
		money_column(_("Rate"), "rate"),
		money_column(_("Amount"), "amount"),
		column(_("Sales Partner"), "sales_partner", "Link", "Sales Partner", 140),
		column(_("Commission Rate %"), "commission_rate", width=100),
		money_column(_("Commission"), "commission"),
		currency_column(),
	]
