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
	document_date_field,
	document_date_label,
	document_line_commissions,
	report_document_type,
	subtree,
	within_report_period,
)
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.reports import permitted

Filters = frappe._dict


def execute(filters: Filters | None = None):
	filters = Filters(filters or {})
	doctype = report_document_type(filters, "doctype")
	return get_columns(doctype), get_data(filters, doctype)


def get_data(filters: Filters, doctype: str) -> list[dict]:
	header, line = frappe.qb.DocType(doctype), frappe.qb.DocType(f"{doctype} Item")
	date_field = document_date_field(doctype)
	query = (
		frappe.qb.from_(header)
		.join(line)
		.on((line.parent == header.name) & (line.parenttype == doctype) & (line.parentfield == "items"))
		.select(
			header.name,
			header.customer,
			header.territory,
			header[date_field].as_("posting_date"),
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
		.where((header.docstatus == 1) & header.sales_partner.notnull() & (header.sales_partner != ""))
		.orderby(header.name, order=frappe.qb.desc)
		.orderby(header.sales_partner)
		.orderby(line.idx)
	)
	for fieldname in ("sales_partner", "customer", "territory"):
		if filters.get(fieldname):
			query = query.where(header[fieldname] == filters[fieldname])
	if filters.get("brand"):
		query = query.where(line.brand == filters.brand)
	if filters.get("item_group"):
		query = query.where(line.item_group.isin(subtree("Item Group", filters.item_group)))
	if not filters.get("show_return_entries"):
		query = query.where(line.qty > 0)
	query = within_report_period(query, header, date_field, filters)
	lines = permitted(query, doctype).run(as_dict=True)
	currency = company_currency()
	commissions = document_line_commissions(
		doctype, list(dict.fromkeys(line.name for line in lines)), currency_precision(currency)
	)
	return [
		{
			**{fieldname: value for fieldname, value in line.items() if fieldname != "line"},
			"qty": flt(line.qty),
			"rate": flt(line.rate),
			"amount": flt(line.amount),
			"commission_rate": flt(line.commission_rate),
			"commission": flt(commissions.get(line.line, 0)),
			"currency": currency,
		}
		for line in lines
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
			"label": _("Item Code"),
			"fieldname": "item_code",
			"fieldtype": "Link",
			"options": "Item",
			"width": 100,
		},
		{
			"label": _("Item Group"),
			"fieldname": "item_group",
			"fieldtype": "Link",
			"options": "Item Group",
			"width": 100,
		},
		{"label": _("Brand"), "fieldname": "brand", "fieldtype": "Link", "options": "Brand", "width": 100},
		{"label": _("Quantity"), "fieldname": "qty", "fieldtype": "Float", "width": 120},
		{"label": _("Rate"), "fieldname": "rate", **money},
		{"label": _("Amount"), "fieldname": "amount", **money},
		{
			"label": _("Sales Partner"),
			"fieldname": "sales_partner",
			"fieldtype": "Link",
			"options": "Sales Partner",
			"width": 140,
		},
		{"label": _("Commission Rate %"), "fieldname": "commission_rate", "fieldtype": "Data", "width": 100},
		{"label": _("Commission"), "fieldname": "commission", **money},
	]
