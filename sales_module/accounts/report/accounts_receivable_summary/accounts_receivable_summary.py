# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Accounts Receivable Summary (ERPNext's report, filters and columns): per customer, what was invoiced,
paid and credited on its open invoices by the report date, the outstanding in ageing buckets, and its
receipts not yet allocated (advance)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import flt

from sales_module.accounts.report.accounts_receivable.accounts_receivable import (
	get_columns as invoice_columns,
)
from sales_module.accounts.report.accounts_receivable.accounts_receivable import (
	prepared_filters,
	range_labels,
	receivable_rows,
)
from sales_module.utils.currency import company_currency

SUMMED = ("invoiced", "paid", "credit_note", "outstanding")


def execute(filters=None):
	filters = prepared_filters(filters)
	buckets = [f"range{n}" for n in range(1, len(filters.bounds) + 2)]
	parties: dict[str, dict] = {}
	for row in receivable_rows(filters):
		party = parties.setdefault(
			row["party"],
			{
				"party_type": "Customer", "party": row["party"], "party_name": row["customer_name"],
				"territory": row["territory"], "customer_group": row["customer_group"],
				"default_sales_partner": row["default_sales_partner"], "currency": company_currency(),
				**dict.fromkeys((*SUMMED, *buckets), 0.0),
			},
		)  # fmt: skip
		for field in (*SUMMED, *buckets):
			party[field] = flt(party[field] + row[field])
	advances = unallocated_receipts(list(parties), filters.report_date)
	for name, party in parties.items():
		party["advance"] = advances.get(name, 0)
		party["total_due"] = party["outstanding"]
	return get_columns(filters), sorted(parties.values(), key=lambda party: party["party"])


def unallocated_receipts(customers: list[str], report_date) -> dict[str, float]:
	if not customers:
		return {}
	entry = frappe.qb.DocType("Payment Entry")
	return {
		party: flt(total)
		for party, total in frappe.qb.from_(entry)
		.select(entry.party, Sum(entry.unallocated_amount))
		.where(
			(entry.docstatus == 1)
			& (entry.payment_type == "Receive")
			& (entry.posting_date <= report_date)
			& entry.party.isin(customers)
		)
		.groupby(entry.party)
		.run()
	}


def get_columns(filters) -> list[dict]:
	by_field = {column["fieldname"]: column for column in invoice_columns(filters)}

	def money(label, fieldname):
		return {
			"label": label,
			"fieldname": fieldname,
			"fieldtype": "Currency",
			"options": "currency",
			"width": 120,
		}

	columns = [
		by_field["party_type"],
		by_field["party"],
		{"label": _("Party Name"), "fieldname": "party_name", "fieldtype": "Data", "width": 150},
		money(_("Advance Amount"), "advance"),
		money(_("Invoiced Amount"), "invoiced"),
		money(_("Paid Amount"), "paid"),
		money(_("Credit Note Amount"), "credit_note"),
		money(_("Outstanding Amount"), "outstanding"),
	]
	columns += [money(label, f"range{n + 1}") for n, label in enumerate(range_labels(filters.bounds))]
	columns += [
		money(_("Total Amount Due"), "total_due"),
		by_field["territory"],
		by_field["customer_group"],
		by_field["default_sales_partner"],
		by_field["currency"],
	]
	return columns
