"""Statement of account: a customer's balance at the start of a period, every invoice, credit note,
payment and refund in it with the running balance, the closing balance and its ageing (company
currency). As a whitelisted method, an HTML page and a PDF (where Frappe's PDF tool is installed)."""

import frappe
from frappe import _
from frappe.utils import add_days, flt, get_year_start, getdate, nowdate

from sales_module.accounts.receivables import open_invoices
from sales_module.engine import ageing_bounds, ageing_row, payable_total
from sales_module.exceptions import InvalidDatesError
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.permissions import ensure_permitted
from sales_module.utils.reports import ageing_labels
from sales_module.utils.validation import date_argument

AGEING = "30, 60, 90, 120"


def statement(customer: str, from_date, to_date) -> frappe._dict:
	from_date, to_date = date_argument(from_date, "from_date"), date_argument(to_date, "to_date")
	if to_date < from_date:
		frappe.throw(
			_("To Date cannot be before From Date"), InvalidDatesError, title=_("Statement of Account")
		)
	frappe.get_doc("Customer", customer).check_permission("read")
	ensure_permitted("Sales Invoice", "read")
	precision = currency_precision(company_currency())
	opening = flt(
		sum(entry.debit - entry.credit for entry in entries(customer, None, add_days(from_date, -1))),
		precision,
	)
	balance = opening
	lines = []
	for entry in entries(customer, from_date, to_date):
		balance = flt(balance + entry.debit - entry.credit, precision)
		lines.append({**entry, "balance": balance})
	bounds = ageing_bounds(AGEING)
	ageing = [0.0] * (len(bounds) + 1)
	for row in open_invoices(to_date, {"customer": customer}):
		age = (to_date - getdate(row.due_date or row.posting_date)).days
		for index, amount in enumerate(ageing_row(row.outstanding, age, bounds)):
			ageing[index] = flt(ageing[index] + flt(amount), precision)
	return frappe._dict(
		customer=customer,
		customer_name=frappe.db.get_value("Customer", customer, "customer_name"),
		from_date=from_date,
		to_date=to_date,
		currency=company_currency(),
		opening_balance=opening,
		lines=lines,
		total_debit=flt(sum(line["debit"] for line in lines), precision),
		total_credit=flt(sum(line["credit"] for line in lines), precision),
		closing_balance=balance,
		ageing=ageing,
		ageing_labels=ageing_labels(bounds),
	)


def entries(customer: str, from_date, to_date) -> list[frappe._dict]:
	"""Invoices (debit), credit notes (credit), receipts (credit) and refunds (debit), oldest first."""
	invoice, entry = frappe.qb.DocType("Sales Invoice"), frappe.qb.DocType("Payment Entry")
	invoices = (
		frappe.qb.from_(invoice)
		.select(
			invoice.name, invoice.posting_date, invoice.is_return, invoice.grand_total, invoice.rounded_total,
			invoice.disable_rounded_total, invoice.conversion_rate, invoice.po_no,
		)
		.where((invoice.docstatus == 1) & (invoice.customer == customer) & (invoice.posting_date <= to_date))
	)  # fmt: skip
	payments = (
		frappe.qb.from_(entry)
		.select(
			entry.name,
			entry.posting_date,
			entry.payment_type,
			entry.paid_amount,
			entry.mode_of_payment,
			entry.reference_no,
		)
		.where(
			(entry.docstatus == 1)
			& (entry.party_type == "Customer")
			& (entry.party == customer)
			& (entry.posting_date <= to_date)
		)
	)
	if from_date:
		invoices = invoices.where(invoice.posting_date >= from_date)
		payments = payments.where(entry.posting_date >= from_date)
	rows = []
	for row in invoices.run(as_dict=True):
		amount = flt(payable_total(row.grand_total, row.rounded_total, row.disable_rounded_total)) * flt(
			row.conversion_rate or 1
		)
		rows.append(
			frappe._dict(
				posting_date=row.posting_date, voucher_type="Sales Invoice", voucher_no=row.name,
				description=_("Credit Note") if row.is_return else _("Invoice"), reference=row.po_no or "",
				debit=flt(max(amount, 0)), credit=flt(max(-amount, 0)),
			)
		)  # fmt: skip
	for row in payments.run(as_dict=True):
		refund = row.payment_type == "Pay"
		rows.append(
			frappe._dict(
				posting_date=row.posting_date, voucher_type="Payment Entry", voucher_no=row.name,
				description=_("Refund") if refund else _("Payment"), reference=row.reference_no or row.mode_of_payment or "",
				debit=flt(row.paid_amount) if refund else 0.0, credit=0.0 if refund else flt(row.paid_amount),
			)
		)  # fmt: skip
	return sorted(
		rows, key=lambda row: (getdate(row.posting_date), row.voucher_type != "Sales Invoice", row.voucher_no)
	)


def statement_of_account(customer: str, from_date=None, to_date=None) -> frappe._dict:
	"""For the Customer print format "Statement of Account" (a Jinja method): from the start of the
	year to today unless a period is given."""
	to_date = date_argument(to_date or nowdate(), "to_date")
	return statement(customer, from_date or get_year_start(to_date), to_date)


@frappe.whitelist()
@frappe.read_only()
def get_statement_html(customer: str, from_date: str, to_date: str) -> str:
	return frappe.render_template(
		"sales_module/templates/statement_of_account.html", {"doc": statement(customer, from_date, to_date)}
	)


@frappe.whitelist()
@frappe.read_only()
def download_statement(customer: str, from_date: str, to_date: str):
	"""The statement as a PDF (Frappe's PDF tool, wkhtmltopdf, must be installed on the server)."""
	from frappe.utils.pdf import get_pdf

	html = get_statement_html(customer, from_date, to_date)
	frappe.local.response.filename = _("Statement of Account {0}").format(customer) + ".pdf"
	frappe.local.response.filecontent = get_pdf(html)
	frappe.local.response.type = "pdf"
