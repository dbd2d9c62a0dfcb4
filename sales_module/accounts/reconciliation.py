"""Payment Reconciliation: a customer's credits (receipts not yet allocated, invoices and credit notes
that owe the customer) set against its open invoices.

A reconciliation adds rows to each open invoice's `advances` (as "Get Advances" does for receipts, and
with reference_type "Sales Invoice" for credit notes); every figure then follows from the one recompute
mechanism, under the rows' locks: the invoice's outstanding, the receipt's unallocated amount, what the
credit note still owes. Cancelling the invoice gives all of it back.
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate, nowdate

from sales_module.accounts.payments import outstanding_invoices
from sales_module.controllers.locking import lock_rows
from sales_module.controllers.recompute import recompute
from sales_module.engine import pair_allocations
from sales_module.exceptions import InvalidReferenceError, NothingToMapError, OverAllocationError
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.transactions import read_protected, run_retrying_from_start

CREDIT_TYPES = ("Payment Entry", "Sales Invoice")


def open_invoices(customer: str, filters: dict) -> list[frappe._dict]:
	"""The customer's invoices with something outstanding, oldest due first (ERPNext's invoice filters)."""
	rows = outstanding_invoices(
		customer,
		None,
		{
			"from_posting_date": filters.get("from_invoice_date"),
			"to_posting_date": filters.get("to_invoice_date"),
		},
	)
	rows = within_amounts(rows, "outstanding_amount", filters, "invoice")
	if filters.get("invoice_name"):
		rows = [row for row in rows if filters["invoice_name"].lower() in row.voucher_no.lower()]
	rows = rows[: filters["invoice_limit"]] if filters.get("invoice_limit") else rows
	return [
		frappe._dict(
			invoice_type="Sales Invoice", invoice_number=row.voucher_no, invoice_date=row.posting_date,
			amount=row.invoice_amount, outstanding_amount=row.outstanding_amount, currency=row.currency,
			exchange_rate=row.exchange_rate,
		)
		for row in rows
	]  # fmt: skip


def open_credits(customer: str, filters: dict) -> list[frappe._dict]:
	"""What the customer has to its credit, oldest first: receipts' unallocated amounts, then invoices
	(mostly credit notes) that owe the customer."""
	entry = frappe.qb.DocType("Payment Entry")
	receipts = (
		frappe.qb.from_(entry)
		.select(entry.name, entry.posting_date, entry.unallocated_amount, entry.paid_currency, entry.remarks)
		.where(
			(entry.docstatus == 1)
			& (entry.party_type == "Customer")
			& (entry.party == customer)
			& (entry.payment_type == "Receive")
			& (entry.unallocated_amount > 0)
		)
		.orderby(entry.posting_date)
		.orderby(entry.name)
	)
	receipts = with_dates(receipts, entry.posting_date, filters)
	invoice = frappe.qb.DocType("Sales Invoice")
	credit_notes = (
		frappe.qb.from_(invoice)
		.select(invoice.name, invoice.posting_date, invoice.outstanding_amount, invoice.currency)
		.where((invoice.docstatus == 1) & (invoice.customer == customer) & (invoice.outstanding_amount < 0))
		.orderby(invoice.posting_date)
		.orderby(invoice.name)
	)
	credit_notes = with_dates(credit_notes, invoice.posting_date, filters)
	rows = [
		frappe._dict(
			reference_type="Payment Entry", reference_name=name, posting_date=date, amount=flt(amount),
			currency=currency or company_currency(), remarks=remarks, is_advance="Yes",
		)
		for name, date, amount, currency, remarks in receipts.run()
	] + [
		frappe._dict(
			reference_type="Sales Invoice", reference_name=name, posting_date=date, amount=-flt(amount),
			currency=currency, remarks=_("Credit note"), is_advance="No",
		)
		for name, date, amount, currency in credit_notes.run()
	]  # fmt: skip
	rows.sort(key=lambda row: (getdate(row.posting_date), row.reference_name))
	rows = within_amounts(rows, "amount", filters, "payment")
	if filters.get("payment_name"):
		rows = [row for row in rows if filters["payment_name"].lower() in row.reference_name.lower()]
	return rows[: filters["payment_limit"]] if filters.get("payment_limit") else rows


def with_dates(query, date_field, filters: dict):
	if filters.get("from_payment_date"):
		query = query.where(date_field >= getdate(filters["from_payment_date"]))
	if filters.get("to_payment_date"):
		query = query.where(date_field <= getdate(filters["to_payment_date"]))
	return query


def within_amounts(rows: list, field: str, filters: dict, side: str) -> list:
	low, high = flt(filters.get(f"minimum_{side}_amount")), flt(filters.get(f"maximum_{side}_amount"))
	return [row for row in rows if row[field] >= low and (not high or row[field] <= high)]


def allocate(credits: list, invoices: list) -> list[frappe._dict]:
	"""Each credit over the invoices of its currency, oldest first (the engine pairs them)."""
	allocations = []
	for currency in sorted({row.currency for row in credits} & {row.currency for row in invoices}):
		these_credits = [row for row in credits if row.currency == currency]
		these_invoices = [row for row in invoices if row.currency == currency]
		pairs = pair_allocations(
			[row.amount for row in these_credits],
			[row.outstanding_amount for row in these_invoices],
			currency_precision(currency),
		)
		for credit_index, invoice_index, amount in pairs:
			credit, invoice = these_credits[credit_index], these_invoices[invoice_index]
			allocations.append(
				frappe._dict(
					reference_type=credit.reference_type, reference_name=credit.reference_name,
					reference_row=credit.get("reference_row"), invoice_type="Sales Invoice",
					invoice_number=invoice.invoice_number, allocated_amount=flt(amount),
					unreconciled_amount=credit.amount, amount=credit.amount, is_advance=credit.is_advance,
					currency=currency, exchange_rate=invoice.get("exchange_rate"),
				)
			)  # fmt: skip
	return allocations


def reconcile(customer: str, allocations: list) -> list[str]:
	"""Apply the allocations: rows added to each invoice's advances, then every figure recomputed under
	the invoices' and receipts' locks (in the app's lock order), so two reconciliations racing for one
	credit never give more than it has. Returns the invoices reconciled. A lost lock conflict runs it
	again from its start: the loser then reads what the winner left and is refused by name."""
	return run_retrying_from_start(
		lambda: apply_allocations(customer, allocations), "Payment Reconciliation", customer
	)


def apply_allocations(customer: str, allocations: list) -> list[str]:
	allocations = [row for row in allocations if flt(row.get("allocated_amount"))]
	if not allocations:
		frappe.throw(
			_("Allocate something first: no row has an allocated amount"),
			NothingToMapError,
			title=_("Payment Reconciliation"),
		)
	invoices = sorted({row.get("invoice_number") for row in allocations})
	credit_invoices = {
		row.get("reference_name") for row in allocations if row.get("reference_type") == "Sales Invoice"
	}
	entries = {
		row.get("reference_name") for row in allocations if row.get("reference_type") == "Payment Entry"
	}
	lock_rows("Sales Invoice", set(invoices) | credit_invoices)
	lock_rows("Payment Entry", entries)
	open_amounts = current_open_amounts(customer, invoices, credit_invoices, entries)
	check_allocations(allocations, open_amounts)
	for name in invoices:
		add_advance_rows(
			name, [row for row in allocations if row.get("invoice_number") == name], open_amounts
		)
	recompute("Sales Invoice", set(invoices) | credit_invoices)
	recompute("Payment Entry", entries)
	return invoices


def current_open_amounts(customer: str, invoices, credit_invoices, entries) -> dict:
	"""{(doctype, name): (open amount, currency)} read behind the locks: an invoice's outstanding, a
	credit's amount to give; only submitted documents of the customer."""
	found = {}
	invoice = frappe.qb.DocType("Sales Invoice")
	for name, outstanding, currency in read_protected(
		frappe.qb.from_(invoice)
		.select(invoice.name, invoice.outstanding_amount, invoice.currency)
		.where(
			invoice.name.isin(list(set(invoices) | credit_invoices))
			& (invoice.docstatus == 1)
			& (invoice.customer == customer)
		)
	).run():
		found[("Sales Invoice", name)] = (flt(outstanding), currency)
	if entries:
		entry = frappe.qb.DocType("Payment Entry")
		for name, unallocated, currency in read_protected(
			frappe.qb.from_(entry)
			.select(entry.name, entry.unallocated_amount, entry.paid_currency)
			.where(
				entry.name.isin(list(entries))
				& (entry.docstatus == 1)
				& (entry.party == customer)
				& (entry.payment_type == "Receive")
			)
		).run():
			found[("Payment Entry", name)] = (flt(unallocated), currency or company_currency())
	return found


def check_allocations(allocations: list, open_amounts: dict):
	given: dict[tuple, float] = {}
	taken: dict[str, float] = {}
	for index, row in enumerate(allocations, start=1):
		credit_key = (row.get("reference_type"), row.get("reference_name"))
		invoice_key = ("Sales Invoice", row.get("invoice_number"))
		amount = flt(row.get("allocated_amount"))
		if row.get("reference_type") not in CREDIT_TYPES or credit_key not in open_amounts:
			frappe.throw(
				_("Row {0}: {1} {2} is not a submitted receipt or invoice of this customer").format(
					index, _(row.get("reference_type") or ""), row.get("reference_name")
				),
				InvalidReferenceError,
				title=_("Payment Reconciliation"),
			)
		if invoice_key not in open_amounts or credit_key == invoice_key:
			frappe.throw(
				_("Row {0}: Sales Invoice {1} is not another submitted invoice of this customer").format(
					index, row.get("invoice_number")
				),
				InvalidReferenceError,
				title=_("Payment Reconciliation"),
			)
		if amount < 0:
			frappe.throw(
				_("Row {0}: the allocated amount cannot be negative").format(index),
				OverAllocationError,
				title=_("Payment Reconciliation"),
			)
		if open_amounts[credit_key][1] != open_amounts[invoice_key][1]:
			frappe.throw(
				_("Row {0}: {1} and {2} are in different currencies").format(
					index, row.get("reference_name"), row.get("invoice_number")
				),
				InvalidReferenceError,
				title=_("Payment Reconciliation"),
			)
		given[credit_key] = given.get(credit_key, 0) + amount
		taken[invoice_key[1]] = taken.get(invoice_key[1], 0) + amount
	for (doctype, name), amount in given.items():
		available = open_amounts[(doctype, name)][0]
		available = -available if doctype == "Sales Invoice" else available
		if flt(amount, 6) > flt(available, 6):
			frappe.throw(
				_("{0} {1} has {2} to give, {3} is allocated").format(
					_(doctype), name, flt(available), amount
				),
				OverAllocationError,
				title=_("Over Allocation"),
			)
	for name, amount in taken.items():
		outstanding = open_amounts[("Sales Invoice", name)][0]
		if flt(amount, 6) > flt(outstanding, 6):
			frappe.throw(
				_("Sales Invoice {0} has {1} outstanding, {2} is allocated").format(
					name, outstanding, amount
				),
				OverAllocationError,
				title=_("Over Allocation"),
			)


def add_advance_rows(invoice: str, allocations: list, open_amounts: dict):
	precision = currency_precision(open_amounts[("Sales Invoice", invoice)][1])
	advance = frappe.qb.DocType("Sales Invoice Advance")
	existing = read_protected(
		frappe.qb.from_(advance)
		.select(advance.idx, advance.allocated_amount)
		.where((advance.parent == invoice) & (advance.parenttype == "Sales Invoice"))
	).run()
	last_idx = max((idx for idx, _amount in existing), default=0)
	total = sum(flt(amount) for _idx, amount in existing)
	for offset, row in enumerate(allocations, start=1):
		credit_key = (row.get("reference_type"), row.get("reference_name"))
		available = abs(open_amounts[credit_key][0])
		frappe.get_doc(
			{
				"doctype": "Sales Invoice Advance",
				"parent": invoice,
				"parenttype": "Sales Invoice",
				"parentfield": "advances",
				"idx": last_idx + offset,
				"docstatus": 1,
				"reference_type": row.get("reference_type"),
				"reference_name": row.get("reference_name"),
				"advance_amount": flt(available, precision),
				"allocated_amount": flt(row.get("allocated_amount"), precision),
				"remarks": _("Reconciled on {0}").format(frappe.format(nowdate(), "Date")),
			}
		).db_insert()
		total += flt(row.get("allocated_amount"))
	frappe.db.set_value(
		"Sales Invoice", invoice, "total_advance", flt(total, precision), update_modified=False
	)
