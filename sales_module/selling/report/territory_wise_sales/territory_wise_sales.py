# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Territory-wise Sales (ERPNext's report, filters and columns): quotation, order and billing amounts
(company currency, net) per territory over a date range, rolled up the territory tree. This app has no
Opportunity: its column is accepted and stays zero."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.engine import roll_up
from sales_module.utils.reports import validate_period

SOURCES = (
	("quotation_amount", "Quotation", "transaction_date"),
	("order_amount", "Sales Order", "transaction_date"),
	("billing_amount", "Sales Invoice", "posting_date"),
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if isinstance(filters.get("transaction_date"), list | tuple) and len(filters.transaction_date) == 2:
		filters.from_date, filters.to_date = filters.transaction_date
	filters = validate_period(filters)
	figures: dict[str, list] = {}
	for index, (_field, doctype, date_field) in enumerate(SOURCES):
		for row in frappe.get_list(
			doctype,
			filters=[
				[doctype, "docstatus", "=", 1],
				[doctype, date_field, "between", [filters.from_date, filters.to_date]],
			],
			fields=["territory", "sum(base_net_total) as amount"],
			group_by="territory",
			order_by=None,
		):
			if row.territory:
				figures.setdefault(row.territory, [0] * len(SOURCES))[index] = flt(row.amount)
	parent_of = {
		name: parent or None
		for name, parent in frappe.get_all("Territory", fields=["name", "parent_territory"], as_list=True)
	}
	data = []
	for node in roll_up(figures, parent_of, len(SOURCES)):
		row = {
			"territory": node.node,
			"parent": node.parent,
			"indent": node.indent,
			"opportunity_amount": 0.0,
		}
		row.update(
			{field: flt(value) for (field, _doctype, _date), value in zip(SOURCES, node.figures, strict=True)}
		)
		data.append(row)
	return get_columns(), data


def get_columns() -> list[dict]:
	money = {"fieldtype": "Currency", "width": 150}
	return [
		{
			"label": _("Territory"),
			"fieldname": "territory",
			"fieldtype": "Link",
			"options": "Territory",
			"width": 180,
		},
		{"label": _("Opportunity Amount"), "fieldname": "opportunity_amount", **money},
		{"label": _("Quotation Amount"), "fieldname": "quotation_amount", **money},
		{"label": _("Order Amount"), "fieldname": "order_amount", **money},
		{"label": _("Billing Amount"), "fieldname": "billing_amount", **money},
	]
