# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Person-wise Transaction Summary (ERPNext's report, filters and columns): each line of the
submitted orders, deliveries or invoices times each member of their sales team, with the member's
contribution (percentage, quantity in the stock unit, amount in the company currency). A closed order
counts what it delivered. The sales person and item group filters take their subtrees. Return lines
are left out unless Show Return Entries is set; cancelled documents never count; Company is accepted
and ignored."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.engine import order_line_in_effect, team_line_share
from sales_module.engine.quantities import QTY_PRECISION
from sales_module.selling.commission import (
	document_date_field,
	document_date_label,
	report_document_type,
	subtree,
	within_report_period,
)
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.reports import permitted

Filters = frappe._dict


def execute(filters: Filters | None = None):
	filters = Filters(filters or {})
	doctype = report_document_type(filters, "doc_type")
	return get_columns(doctype), get_data(filters, doctype)


def get_data(filters: Filters, doctype: str) -> list[dict]:
	header, line = frappe.qb.DocType(doctype), frappe.qb.DocType(f"{doctype} Item")
	team = frappe.qb.DocType("Sales Team")
	date_field = document_date_field(doctype)
	is_order = doctype == "Sales Order"
	query = (
		frappe.qb.from_(header)
		.join(line)
		.on((line.parent == header.name) & (line.parenttype == doctype) & (line.parentfield == "items"))
		.join(team)
		.on((team.parent == header.name) & (team.parenttype == doctype) & (team.parentfield == "sales_team"))
		.select(
			header.name,
			header.customer,
			header.territory,
			header.status,
			line.warehouse,
			header[date_field].as_("posting_date"),
			line.item_code,
			line.item_group,
			line.brand,
			line.stock_qty,
			line.base_net_amount,
			line.base_net_rate,
			line.conversion_factor,
			(line.delivered_qty if is_order else line.qty).as_("delivered_qty"),
			team.sales_person,
			team.allocated_percentage,
		)
		.where(header.docstatus == 1)
		.orderby(team.sales_person)
		.orderby(header.name, order=frappe.qb.desc)
		.orderby(line.idx)
	)
	for fieldname in ("customer", "territory"):
		if filters.get(fieldname):
			query = query.where(header[fieldname] == filters[fieldname])
	if filters.get("sales_person"):
		query = query.where(team.sales_person.isin(subtree("Sales Person", filters.sales_person)))
	if filters.get("item_group"):
		query = query.where(line.item_group.isin(subtree("Item Group", filters.item_group)))
	if filters.get("brand"):
		query = query.where(line.brand == filters.brand)
	query = within_report_period(query, header, date_field, filters)
	currency = company_currency()
	precision = currency_precision(currency)
	data = []
	for row in permitted(query, doctype).run(as_dict=True):
		counted = order_line_in_effect(
			row.stock_qty,
			row.base_net_amount,
			closed=is_order and row.status == "Closed",
			delivered_qty=row.delivered_qty,
			conversion_factor=row.conversion_factor,
			base_net_rate=row.base_net_rate,
			precision=precision,
			qty_precision=QTY_PRECISION,
		)
		if counted.stock_qty <= 0 and not filters.get("show_return_entries"):
			continue
		share = team_line_share(
			counted.stock_qty,
			counted.amount,
			row.allocated_percentage,
			precision=precision,
			qty_precision=QTY_PRECISION,
		)
		data.append(
			{
				frappe.scrub(doctype): row.name,
				"customer": row.customer,
				"territory": row.territory,
				"warehouse": row.warehouse,
				"posting_date": row.posting_date,
				"item_code": row.item_code,
				"item_group": row.item_group,
				"brand": row.brand,
				"qty": flt(counted.stock_qty),
				"amount": flt(counted.amount),
				"sales_person": row.sales_person,
				"contribution": flt(row.allocated_percentage),
				"contribution_qty": flt(share.contribution_qty),
				"contribution_amt": flt(share.contribution_amount),
				"currency": currency,
			}
		)
	return data


def get_columns(doctype: str) -> list[dict]:
	money = {"fieldtype": "Currency", "options": "currency", "width": 140}
	return [
		{
			"label": _(doctype),
			"fieldname": frappe.scrub(doctype),
			"fieldtype": "Link",
			"options": doctype,
			"width": 140,
		},
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
			"width": 140,
		},
		{
			"label": _("Warehouse"),
			"fieldname": "warehouse",
			"fieldtype": "Link",
			"options": "Warehouse",
			"width": 140,
		},
		{
			"label": document_date_label(doctype),
			"fieldname": "posting_date",
			"fieldtype": "Date",
			"width": 140,
		},
		{
			"label": _("Item Code"),
			"fieldname": "item_code",
			"fieldtype": "Link",
			"options": "Item",
			"width": 140,
		},
		{
			"label": _("Item Group"),
			"fieldname": "item_group",
			"fieldtype": "Link",
			"options": "Item Group",
			"width": 140,
		},
		{"label": _("Brand"), "fieldname": "brand", "fieldtype": "Link", "options": "Brand", "width": 140},
		{"label": _("Qty"), "fieldname": "qty", "fieldtype": "Float", "width": 140},
		{"label": _("Amount"), "fieldname": "amount", **money},
		{
			"label": _("Sales Person"),
			"fieldname": "sales_person",
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 140,
		},
		{"label": _("Contribution %"), "fieldname": "contribution", "fieldtype": "Float", "width": 140},
		{"label": _("Contribution Qty"), "fieldname": "contribution_qty", "fieldtype": "Float", "width": 140},
		{"label": _("Contribution Amount"), "fieldname": "contribution_amt", **money},
		{
			"label": _("Currency"),
			"fieldname": "currency",
			"fieldtype": "Link",
			"options": "Currency",
			"hidden": 1,
		},
	]
