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
	currency_column,
	date_column,
	document_columns,
	item_columns,
	money_column,
	report_document_type,
	report_documents,
	subtree,
	with_lines,
	with_team,
)
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.reports import column, permitted

Filters = frappe._dict


def execute(filters: Filters | None = None):
	filters = Filters(filters or {})
	doctype = report_document_type(filters, "doc_type")
	return get_columns(doctype), get_data(filters, doctype)


def get_data(filters: Filters, doctype: str) -> list[dict]:
	header, query = report_documents(doctype, filters)
	line, query = with_lines(query, header, doctype, filters)
	team, query = with_team(query, header, doctype)
	is_order = doctype == "Sales Order"
	query = (
		query.select(
			header.status,
			line.warehouse,
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
		.orderby(team.sales_person)
		.orderby(header.name, order=frappe.qb.desc)
		.orderby(line.idx)
	)
	if filters.get("sales_person"):
		query = query.where(team.sales_person.isin(subtree("Sales Person", filters.sales_person)))
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
	return [
		*document_columns(doctype, frappe.scrub(doctype)),
		column(_("Warehouse"), "warehouse", "Link", "Warehouse", 140),
		date_column(doctype),
		*item_columns(),
		column(_("Qty"), "qty", "Float"),
		money_column(_("Amount"), "amount"),
		column(_("Sales Person"), "sales_person", "Link", "Sales Person", 140),
		column(_("Contribution %"), "contribution", "Float"),
		column(_("Contribution Qty"), "contribution_qty", "Float"),
		money_column(_("Contribution Amount"), "contribution_amt", 140),
		currency_column(),
	]
