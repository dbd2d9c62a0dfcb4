"""Receipts made from the documents they pay (invoices, advances on orders)."""

import frappe
from frappe.utils import flt, nowdate


def new_receipt(source, amount: float):
	"""A draft receipt from the source document's customer, allocated to it."""
	entry = frappe.new_doc("Payment Entry")
	entry.payment_type = "Receive"
	entry.party_type = "Customer"
	entry.party = source.customer
	entry.posting_date = nowdate()
	entry.paid_amount = flt(amount)
	entry.paid_currency = source.currency
	entry.append(
		"references",
		{"reference_doctype": source.doctype, "reference_name": source.name, "allocated_amount": flt(amount)},
	)
	entry.run_method("validate_party")
	entry.run_method("set_reference_details")
	entry.run_method("set_totals")
	return entry
