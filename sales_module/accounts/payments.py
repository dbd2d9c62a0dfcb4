"""Receipts made from the documents they pay (invoices, advances on orders)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import flt, getdate, nowdate

from sales_module.engine import allocate_in_order, payable_total
from sales_module.utils.currency import currency_precision


def new_receipt(source, amount: float):
	"""A draft receipt from the source document's customer, allocated to it; a negative `amount` makes a
	refund (Payment Type Pay) of what the source owes the customer."""
	entry = frappe.new_doc("Payment Entry")
	entry.payment_type = "Pay" if flt(amount) < 0 else "Receive"
	entry.party_type = "Customer"
	entry.party = source.customer
	entry.posting_date = nowdate()
	entry.paid_amount = abs(flt(amount))
	entry.paid_currency = source.currency
	entry.append(
		"references",
		{"reference_doctype": source.doctype, "reference_name": source.name, "allocated_amount": flt(amount)},
	)
	entry.run_method("validate_party")
	entry.run_method("set_reference_details")
	entry.run_method("set_totals")
	return entry


def available_advances(
	customer: str, orders, currency: str | None, entries=None, exclude_invoice: str | None = None
) -> list[frappe._dict]:
	"""What the customer's submitted receipts can still give an invoice, as Sales Invoice Advance rows
	(allocated_amount left at 0): payments for the invoice's `orders` first (one row per payment row,
	what it paid for the order less what other invoices took from it), then the receipts' unallocated
	amounts, oldest first. `entries` narrows to those Payment Entries. Plain reads: the submit that
	allocates locks the payments and checks again."""
	orders = sorted({order for order in orders if order})
	rows = order_advance_rows(customer, orders, currency, entries, exclude_invoice) if orders else []
	entry = frappe.qb.DocType("Payment Entry")
	query = (
		frappe.qb.from_(entry)
		.select(entry.name, entry.posting_date, entry.remarks, entry.unallocated_amount)
		.where(entry.unallocated_amount > 0)
		.orderby(entry.posting_date)
		.orderby(entry.name)
	)
	for name, posting_date, remarks, unallocated in of_customer(
		query, entry, customer, currency, entries
	).run():
		rows.append(
			advance_row(name, None, remarks or _("Amount received on {0}").format(posting_date), unallocated)
		)
	return rows


def of_customer(query, entry, customer: str, currency: str | None, entries):
	"""The query narrowed to the customer's submitted receipts in the currency (and to `entries`)."""
	query = query.where(
		(entry.docstatus == 1)
		& (entry.party_type == "Customer")
		& (entry.party == customer)
		& (entry.payment_type == "Receive")
	)
	if currency:
		query = query.where(entry.paid_currency.isnull() | (entry.paid_currency == currency))
	if entries is not None:
		query = query.where(entry.name.isin(sorted(entries) or [""]))
	return query


def advance_row(entry: str, payment_row: str | None, remarks: str, amount) -> frappe._dict:
	"""A Sales Invoice Advance row offering `amount` of the receipt (of one of its rows for an order)."""
	return frappe._dict(
		reference_type="Payment Entry",
		reference_name=entry,
		reference_row=payment_row,
		remarks=remarks,
		advance_amount=flt(amount),
		allocated_amount=0,
	)


def order_advance_rows(customer, orders, currency, entries, exclude_invoice) -> list[frappe._dict]:
	entry, reference = frappe.qb.DocType("Payment Entry"), frappe.qb.DocType("Payment Entry Reference")
	query = (
		frappe.qb.from_(reference)
		.join(entry)
		.on(entry.name == reference.parent)
		.select(
			entry.name,
			entry.posting_date,
			reference.name,
			reference.reference_name,
			reference.allocated_amount,
		)
		.where((reference.reference_doctype == "Sales Order") & reference.reference_name.isin(orders))
		.orderby(entry.posting_date)
		.orderby(entry.name)
		.orderby(reference.idx)
	)
	payment_rows = of_customer(query, entry, customer, currency, entries).run()
	taken = advances_taken_from_rows([row[2] for row in payment_rows], exclude_invoice)
	rows = []
	for name, posting_date, row_name, order, allocated in payment_rows:
		left = flt(allocated) - taken.get(row_name, 0)
		if left > 0:
			remarks = _("Advance received on {0} for Sales Order {1}").format(posting_date, order)
			rows.append(advance_row(name, row_name, remarks, left))
	return rows


def advances_taken_from_rows(payment_rows: list[str], exclude_invoice: str | None) -> dict[str, float]:
	"""{Payment Entry Reference row: advance allocated from it by submitted invoices}."""
	if not payment_rows:
		return {}
	advance, invoice = frappe.qb.DocType("Sales Invoice Advance"), frappe.qb.DocType("Sales Invoice")
	query = (
		frappe.qb.from_(advance)
		.join(invoice)
		.on((invoice.name == advance.parent) & (advance.parenttype == "Sales Invoice"))
		.select(advance.reference_row, Sum(advance.allocated_amount))
		.where((invoice.docstatus == 1) & advance.reference_row.isin(payment_rows))
		.groupby(advance.reference_row)
	)
	if exclude_invoice:
		query = query.where(invoice.name != exclude_invoice)
	return {row: flt(total) for row, total in query.run()}


def outstanding_documents(
	customer: str,
	currency: str | None = None,
	with_invoices: bool = True,
	with_orders: bool = False,
	filters: dict | None = None,
	refunds: bool = False,
) -> list[frappe._dict]:
	"""What the customer still owes, as ERPNext's "Get Outstanding Invoices" lists it: submitted invoices
	with an outstanding amount, oldest due first, then (when asked) orders not fully paid in advance and
	not fully billed. With `refunds`, instead: the invoices (credit notes) that owe the customer, their
	outstanding negative. `filters`: from/to_posting_date, from/to_due_date, outstanding_amt_greater_than
	/ _less_than (on the amount open either way), vouchers (names to keep)."""
	filters = filters or {}
	rows = []
	if with_invoices or refunds:
		rows += outstanding_invoices(customer, currency, filters, refunds=refunds)
	if with_orders and not refunds:
		rows += orders_to_be_paid(customer, currency, filters)
	low, high = (
		flt(filters.get("outstanding_amt_greater_than")),
		flt(filters.get("outstanding_amt_less_than")),
	)
	vouchers = set(filters.get("vouchers") or ())
	return [
		row
		for row in rows
		if abs(row.outstanding_amount) > low
		and (not high or abs(row.outstanding_amount) < high)
		and (not vouchers or row.voucher_no in vouchers)
	]


def outstanding_invoices(
	customer: str, currency: str | None, filters: dict, refunds: bool = False
) -> list[frappe._dict]:
	invoice = frappe.qb.DocType("Sales Invoice")
	query = (
		frappe.qb.from_(invoice)
		.select(
			invoice.name, invoice.posting_date, invoice.due_date, invoice.currency, invoice.conversion_rate,
			invoice.grand_total, invoice.rounded_total, invoice.disable_rounded_total,
			invoice.outstanding_amount,
		)
		.where(
			(invoice.docstatus == 1)
			& (invoice.customer == customer)
			& ((invoice.outstanding_amount < 0) if refunds else (invoice.outstanding_amount > 0))
		)
		.orderby(invoice.due_date)
		.orderby(invoice.posting_date)
		.orderby(invoice.name)
	)  # fmt: skip
	query = with_date_filters(query, invoice, filters, due=True)
	if currency:
		query = query.where(invoice.currency == currency)
	return [
		frappe._dict(
			voucher_type="Sales Invoice",
			voucher_no=row.name,
			posting_date=row.posting_date,
			due_date=row.due_date,
			currency=row.currency,
			exchange_rate=row.conversion_rate,
			invoice_amount=flt(payable_total(row.grand_total, row.rounded_total, row.disable_rounded_total)),
			outstanding_amount=flt(row.outstanding_amount),
		)
		for row in query.run(as_dict=True)
	]


def orders_to_be_paid(customer: str, currency: str | None, filters: dict) -> list[frappe._dict]:
	order = frappe.qb.DocType("Sales Order")
	query = (
		frappe.qb.from_(order)
		.select(
			order.name, order.transaction_date, order.delivery_date, order.currency, order.conversion_rate,
			order.grand_total, order.rounded_total, order.disable_rounded_total, order.advance_paid,
		)
		.where(
			(order.docstatus == 1)
			& (order.customer == customer)
			& order.status.notin(["Closed", "On Hold", "Completed"])
			& (order.per_billed < 100)
		)
		.orderby(order.transaction_date)
		.orderby(order.name)
	)  # fmt: skip
	query = with_date_filters(query, order, filters, due=False)
	if currency:
		query = query.where(order.currency == currency)
	rows = []
	for row in query.run(as_dict=True):
		total = flt(payable_total(row.grand_total, row.rounded_total, row.disable_rounded_total))
		left = flt(total - flt(row.advance_paid), currency_precision(row.currency))
		if left > 0:
			rows.append(
				frappe._dict(
					voucher_type="Sales Order", voucher_no=row.name, posting_date=row.transaction_date,
					due_date=row.delivery_date, currency=row.currency, exchange_rate=row.conversion_rate,
					invoice_amount=total, outstanding_amount=left,
				)
			)  # fmt: skip
	return rows


def with_date_filters(query, table, filters: dict, due: bool):
	date_field = table.posting_date if due else table.transaction_date
	if filters.get("from_posting_date"):
		query = query.where(date_field >= getdate(filters["from_posting_date"]))
	if filters.get("to_posting_date"):
		query = query.where(date_field <= getdate(filters["to_posting_date"]))
	due_field = table.due_date if due else table.delivery_date
	if filters.get("from_due_date"):
		query = query.where(due_field >= getdate(filters["from_due_date"]))
	if filters.get("to_due_date"):
		query = query.where(due_field <= getdate(filters["to_due_date"]))
	return query


def allocate_payment(rows: list, amount: float, currency: str | None) -> list:
	"""Each row's allocated_amount of the paid `amount`, in the rows' order (oldest due first); rows
	owing the customer (refunds) take their share negative."""
	precision = currency_precision(currency)
	shares = allocate_in_order([abs(row.outstanding_amount) for row in rows], amount, precision)
	for row, share in zip(rows, shares, strict=True):
		row.allocated_amount = flt(-share if row.outstanding_amount < 0 else share, precision)
	return rows


def ensure_not_referred_to(doc):
	"""Refuse to cancel a receipt or invoice that submitted payments or invoices still count: Frappe's own
	back-link check reads a cached map of dynamic links that misses reference types first used later.
	Skipped, as Frappe's is, when the caller sets `flags.ignore_links`."""
	if doc.flags.ignore_links:
		return
	doctype, name = doc.doctype, doc.name
	referrers = submitted_referrers(doctype, name)
	if referrers:
		other_doctype, other_name = referrers[0]
		frappe.throw(
			_("{0} {1} cannot be cancelled: {2} {3} counts it; cancel that first").format(
				_(doctype), frappe.bold(name), _(other_doctype), frappe.bold(other_name)
			),
			frappe.LinkExistsError,
			title=_("Cannot Cancel"),
		)


def submitted_referrers(doctype: str, name: str) -> list[tuple[str, str]]:
	advance, invoice = frappe.qb.DocType("Sales Invoice Advance"), frappe.qb.DocType("Sales Invoice")
	found = [
		("Sales Invoice", parent)
		for parent in frappe.qb.from_(advance)
		.join(invoice)
		.on((invoice.name == advance.parent) & (advance.parenttype == "Sales Invoice"))
		.select(advance.parent)
		.where(
			(advance.reference_type == doctype) & (advance.reference_name == name) & (invoice.docstatus == 1)
		)
		.run(pluck=True)
	]
	if doctype == "Sales Invoice":
		reference, entry = frappe.qb.DocType("Payment Entry Reference"), frappe.qb.DocType("Payment Entry")
		found += [
			("Payment Entry", parent)
			for parent in frappe.qb.from_(reference)
			.join(entry)
			.on((entry.name == reference.parent) & (reference.parenttype == "Payment Entry"))
			.select(reference.parent)
			.where(
				(reference.reference_doctype == doctype)
				& (reference.reference_name == name)
				& (entry.docstatus == 1)
			)
			.run(pluck=True)
		]
	return found
