# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Unsettled Commission: per sales partner or sales person, the eligible amount of a period that no
submitted Commission Settlement has settled yet, and the commission a settlement of it would pay now:
the commission the invoices store, or, for a party with commission tiers, the tiered increment over
the period's earlier settlements. Only invoices the user may read count; with Only Paid Invoices, only
invoices paid in full and credit notes."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import cint, flt

from sales_module.engine import settlement_figures
from sales_module.exceptions import InvalidValueError
from sales_module.selling.commission import (
	PARTY_TYPES,
	company_precision,
	eligible_rows,
	party_tiers,
	settled_before,
)
from sales_module.utils.currency import company_currency
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.permissions import ensure_permitted
from sales_module.utils.reports import currency_column, permitted, readable_names, validate_period

Filters = frappe._dict


def execute(filters: Filters | None = None):
	filters = validate_period(filters)
	party_types = party_types_of(filters)
	ensure_permitted("Sales Invoice", "read")
	return get_columns(), get_data(filters, party_types)


def party_types_of(filters: Filters) -> tuple[str, ...]:
	if not filters.get("party_type"):
		return PARTY_TYPES
	if filters.party_type not in PARTY_TYPES:
		frappe.throw(
			_("Party Type must be Sales Partner or Sales Person, not {0}").format(
				frappe.bold(filters.party_type)
			),
			InvalidValueError,
			title=_("Invalid Party Type"),
		)
	return (filters.party_type,)


def get_data(filters: Filters, party_types: tuple[str, ...]) -> list[dict]:
	currency, precision = company_currency(), company_precision()
	data = []
	for party_type in party_types:
		by_party: dict[str, list] = defaultdict(list)
		for row in eligible_rows(
			party_type,
			filters.from_date,
			filters.to_date,
			party=filters.get("party") if filters.get("party_type") else None,
			only_paid=bool(cint(filters.get("only_paid_invoices"))),
			restrict=lambda query: permitted(query, "Sales Invoice"),
		):
			by_party[row.party].append(row)
		# a user restricted to some partners or persons (User Permissions) sees theirs only
		for party in readable_names(party_type, sorted(by_party)):
			rows = by_party[party]
			before = settled_before(party_type, party, filters.from_date, filters.to_date)
			with engine_errors(_("Unsettled Commission")):
				figures = settlement_figures(
					rows, before, party_tiers(party_type, party), precision=precision
				)
			data.append(
				{
					"party_type": party_type,
					"party": party,
					"documents": len({row.sales_invoice for row in rows}),
					"eligible_amount": flt(figures.total_eligible_amount, precision),
					"settled_before": flt(before, precision),
					"commission": flt(figures.total_commission, precision),
					"currency": currency,
				}
			)
	return data


def get_columns() -> list[dict]:
	money = {"fieldtype": "Currency", "options": "currency", "width": 150}
	return [
		{
			"label": _("Party Type"),
			"fieldname": "party_type",
			# text: a Link to DocType is refused to every role but System Manager (Frappe checks read
			# permission on the DocType of each Link column)
			"fieldtype": "Data",
			"width": 120,
		},
		{
			"label": _("Party"),
			"fieldname": "party",
			"fieldtype": "Dynamic Link",
			"options": "party_type",
			"width": 180,
		},
		{"label": _("Documents"), "fieldname": "documents", "fieldtype": "Int", "width": 100},
		{"label": _("Unsettled Eligible Amount"), "fieldname": "eligible_amount", **money},
		{"label": _("Settled Before"), "fieldname": "settled_before", **money},
		{"label": _("Unsettled Commission"), "fieldname": "commission", **money},
		{**currency_column(), "hidden": 1},
	]
