# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Accounts Receivable (ERPNext's report, filters and columns): every invoice open on the report date,
with what was invoiced, paid and credited by then, its age and the ageing bucket it falls in; or one
row per payment-schedule row (based_on_payment_terms)."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, nowdate

from sales_module.accounts.receivables import open_invoices
from sales_module.engine import age_bucket, ageing_bounds, allocate_in_order
from sales_module.exceptions import InvalidValueError
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.reports import ageing_labels, currency_column
from sales_module.utils.reports import column as report_column

Filters = frappe._dict
FIGURES = ("invoiced", "paid", "credit_note", "outstanding")


def execute(filters: Filters | None = None):
	filters = prepared_filters(filters)
	rows = receivable_rows(filters)
	if filters.get("group_by_party"):
		rows = with_party_totals(rows, filters)
	return get_columns(filters), rows, None, get_chart(rows, filters)


def prepared_filters(filters) -> Filters:
	filters = Filters(filters or {})
	if (filters.get("party_type") or "Customer") != "Customer":
		frappe.throw(
			_("Receivables are tracked for Customers only, not {0}").format(_(filters.party_type)),
			InvalidValueError,
			title=_("Accounts Receivable"),
		)
	filters.report_date = getdate(filters.get("report_date") or nowdate())
	filters.ageing_based_on = filters.get("ageing_based_on") or "Due Date"
	if filters.ageing_based_on not in ("Due Date", "Posting Date"):
		frappe.throw(
			_("Ageing Based On must be Due Date or Posting Date"),
			InvalidValueError,
			title=_("Accounts Receivable"),
		)
	if not filters.get("range") and filters.get("range1"):  # ERPNext before v15 sent range1..range4
		filters.range = ", ".join(str(filters[f"range{n}"]) for n in range(1, 5) if filters.get(f"range{n}"))
	with engine_errors(_("Accounts Receivable")):
		filters.bounds = ageing_bounds(filters.get("range") or "30, 60, 90, 120")
	filters.bucket_fields = [f"range{n}" for n in range(1, len(filters.bounds) + 2)]
	filters.currency = company_currency()
	if filters.get("party") and not filters.get("customer"):
		filters.customer = filters.party
	return filters


def receivable_rows(filters: Filters) -> list[dict]:
	return [report_row(invoice, line, filters) for invoice, line in receivable_lines(filters)]


def receivable_lines(filters: Filters):
	"""(invoice, line) of every open invoice: the invoice itself, or each of its open schedule rows
	(based_on_payment_terms). Each invoice is released once its lines are given, so the invoices are
	never all in memory beside the rows made from them."""
	precision = currency_precision(company_currency())
	invoices = open_invoices(filters.report_date, filters)
	for index, invoice in enumerate(invoices):
		lines = schedule_rows(invoice, precision) if filters.get("based_on_payment_terms") else [invoice]
		for line in lines:
			yield invoice, line
		invoices[index] = None


def schedule_rows(invoice, precision: int) -> list[frappe._dict]:
	"""The invoice's schedule rows in due order, what was paid and credited filling the earliest first."""
	schedule = frappe.get_all(
		"Payment Schedule",
		filters={"parenttype": "Sales Invoice", "parent": invoice.name},
		fields=["payment_term", "due_date", "payment_amount"],
		order_by="due_date asc, idx asc",
	)
	if not schedule or invoice.is_return:
		return [invoice]
	rate = flt(invoice.conversion_rate) or 1
	amounts = [flt(row.payment_amount) * rate for row in schedule]
	settled = flt(invoice.paid) + flt(invoice.credit_note)
	shares = allocate_in_order(amounts, max(settled, 0), precision)
	return [
		frappe._dict(
			payment_term=row.payment_term, due_date=row.due_date, invoiced=flt(amount, precision),
			paid=flt(share, precision), credit_note=0, outstanding=flt(amount - flt(share), precision),
		)
		for row, amount, share in zip(schedule, amounts, shares, strict=True)
		if flt(amount - flt(share), precision)
	]  # fmt: skip


def invoice_age(invoice, line, filters: Filters) -> int:
	based_on = line.due_date if filters.ageing_based_on == "Due Date" else invoice.posting_date
	return (filters.report_date - getdate(based_on or invoice.posting_date)).days


def report_row(invoice, line, filters: Filters) -> dict:
	age = invoice_age(invoice, line, filters)
	row = {
		"posting_date": invoice.posting_date, "party_type": "Customer", "party": invoice.customer,
		"customer_name": invoice.customer_name, "voucher_type": "Sales Invoice", "voucher_no": invoice.name,
		"due_date": line.due_date or invoice.due_date, "payment_term": line.get("payment_term"),
		"invoice_grand_total": invoice.invoice_grand_total, "age": age, "currency": filters.currency,
		"territory": invoice.territory, "customer_group": invoice.customer_group, "po_no": invoice.po_no,
		"default_sales_partner": invoice.sales_partner,
		"invoiced": line.invoiced, "paid": line.paid, "credit_note": line.credit_note,
		"outstanding": line.outstanding,
	}  # fmt: skip
	# the outstanding in its ageing bucket, nothing in the others
	row.update(dict.fromkeys(filters.bucket_fields, 0.0))
	row[filters.bucket_fields[age_bucket(age, filters.bounds)]] = line.outstanding
	return row


def with_party_totals(rows: list[dict], filters: Filters) -> list[dict]:
	"""ERPNext's group_by_party: each customer's rows followed by their total."""
	grouped: list[dict] = []
	by_party: dict[str, list[dict]] = {}
	for row in rows:
		by_party.setdefault(row["party"], []).append(row)
	numeric = [*FIGURES, *(f"range{n}" for n in range(1, len(filters.bounds) + 2))]
	for party in sorted(by_party):
		grouped += by_party[party]
		total = {"party": party, "voucher_no": _("Total"), "is_total_row": 1, "currency": company_currency()}
		total.update({field: flt(sum(row[field] for row in by_party[party])) for field in numeric})
		grouped.append(total)
	return grouped


def range_labels(bounds: list[int]) -> list[str]:
	return ageing_labels(bounds)


def get_columns(filters: Filters) -> list[dict]:
	def column(label, fieldname, fieldtype="Currency", options="currency", width=120):
		return report_column(label, fieldname, fieldtype, options, width)

	columns = [
		column(_("Posting Date"), "posting_date", "Date", None, 100),
		column(_("Party Type"), "party_type", "Data", None, 90),
		column(_("Party"), "party", "Link", "Customer", 160),
		column(_("Customer Name"), "customer_name", "Data", None, 150),
		column(_("Voucher Type"), "voucher_type", "Data", None, 110),
		column(_("Voucher No"), "voucher_no", "Dynamic Link", "voucher_type", 160),
		column(_("Due Date"), "due_date", "Date", None, 100),
	]
	if filters.get("based_on_payment_terms"):
		columns.append(column(_("Payment Term"), "payment_term", "Data", None, 130))
	columns += [
		column(_("Invoiced Amount"), "invoiced"),
		column(_("Paid Amount"), "paid"),
		column(_("Credit Note"), "credit_note"),
		column(_("Outstanding Amount"), "outstanding"),
		column(_("Age (Days)"), "age", "Int", None, 80),
	]
	columns += [
		column(label, f"range{index + 1}") for index, label in enumerate(range_labels(filters.bounds))
	]
	columns += [
		currency_column(),
		column(_("Customer LPO"), "po_no", "Data", None, 100),
		column(_("Territory"), "territory", "Link", "Territory", 110),
		column(_("Customer Group"), "customer_group", "Link", "Customer Group", 120),
		column(_("Sales Partner"), "default_sales_partner", "Link", "Sales Partner", 120),
		column(_("Invoice Grand Total"), "invoice_grand_total"),
	]
	return columns


def get_chart(rows: list[dict], filters: Filters) -> dict:
	rows = [row for row in rows if not row.get("is_total_row")]
	labels = range_labels(filters.bounds)
	values = [flt(sum(row[f"range{n + 1}"] for row in rows)) for n in range(len(labels))]
	return {
		"data": {"labels": labels, "datasets": [{"name": _("Outstanding"), "values": values}]},
		# bars: frappe-charts' percentage chart draws an empty bucket, a bucket below zero (credit notes
		# owed to customers) or nothing outstanding with widths of NaN or below zero (console errors)
		"type": "bar",
		"fieldtype": "Currency",
	}
