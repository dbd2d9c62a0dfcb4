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
	invoice_age,
	prepared_filters,
	range_labels,
	receivable_lines,
)
from sales_module.engine import age_bucket
from sales_module.utils.currency import company_currency, currency_precision

SUMMED = ("invoiced", "paid", "credit_note", "outstanding")


def execute(filters=None):
	filters = prepared_filters(filters)
	buckets = filters.bucket_fields
	precision = currency_precision(company_currency())
	parties: dict[str, dict] = {}
	# summed from the open invoices (or schedule rows) directly, without a report row for each
	sums: dict[str, list[float]] = {}
	for invoice, line in receivable_lines(filters):
		if invoice.customer not in parties:
			parties[invoice.customer] = {
				"party_type": "Customer", "party": invoice.customer, "party_name": invoice.customer_name,
				"territory": invoice.territory, "customer_group": invoice.customer_group,
				"default_sales_partner": invoice.sales_partner, "currency": filters.currency,
			}  # fmt: skip
			sums[invoice.customer] = [0.0] * (len(SUMMED) + len(buckets))
		figures = sums[invoice.customer]
		for index, field in enumerate(SUMMED):
			figures[index] += line[field]
		figures[len(SUMMED) + age_bucket(invoice_age(invoice, line, filters), filters.bounds)] += (
			line.outstanding
		)
	for name, party in parties.items():
		party.update(zip((*SUMMED, *buckets), (flt(value, precision) for value in sums[name]), strict=True))
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
