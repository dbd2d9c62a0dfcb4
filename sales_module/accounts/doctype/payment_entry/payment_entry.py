# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from sales_module.accounts.payments import allocate_payment, ensure_not_referred_to, outstanding_documents
from sales_module.controllers.client_reference import ClientReference
from sales_module.controllers.document_io import LeanDocumentIO
from sales_module.controllers.locking import SharedRowLocks
from sales_module.controllers.recompute import recompute, recompute_order_advances
from sales_module.exceptions import (
	DocumentStateError,
	DuplicateError,
	InvalidReferenceError,
	InvalidValueError,
	OverAllocationError,
)
from sales_module.utils.currency import company_currency
from sales_module.utils.permissions import ensure_permitted

REFERENCE_DOCTYPES = ("Sales Invoice", "Sales Order")


class PaymentEntry(SharedRowLocks, LeanDocumentIO, ClientReference, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.payment_entry_reference.payment_entry_reference import (
			PaymentEntryReference,
		)

		amended_from: DF.Link | None
		client_reference: DF.Data | None
		mode_of_payment: DF.Link | None
		naming_series: DF.Literal["ACC-PAY-.YYYY.-"]
		paid_amount: DF.Currency
		paid_currency: DF.Link | None
		party: DF.DynamicLink
		party_name: DF.Data | None
		party_type: DF.Link
		payment_type: DF.Literal["Receive", "Pay"]
		posting_date: DF.Date
		reference_date: DF.Date | None
		reference_no: DF.Data | None
		references: DF.Table[PaymentEntryReference]
		remarks: DF.SmallText | None
		status: DF.Literal["Draft", "Submitted", "Cancelled"]
		total_allocated_amount: DF.Currency
		unallocated_amount: DF.Currency

	# end: auto-generated types
	def validate(self):
		self.validate_client_reference()
		self.validate_party()
		self.validate_amounts()
		self.set_reference_details()
		# a receipt allocated to nothing yet is in the company currency unless told otherwise
		self.paid_currency = self.paid_currency or company_currency()
		self.set_totals()
		self.status = {0: "Draft", 1: "Submitted", 2: "Cancelled"}[self.docstatus]

	def validate_party(self):
		if self.party_type != "Customer":
			frappe.throw(
				_("Payment Entry receives payments from Customers only"),
				InvalidReferenceError,
				title=_("Party Type"),
			)
		self.party_name = frappe.db.get_value("Customer", self.party, "customer_name")
		if not self.party_name:
			frappe.throw(
				_("Customer {0} does not exist").format(frappe.bold(self.party)), frappe.LinkValidationError
			)

	def validate_amounts(self):
		if flt(self.paid_amount) <= 0:
			frappe.throw(
				_("Paid Amount must be greater than zero"), InvalidValueError, title=_("Invalid Amount")
			)
		# rows left at zero (the rest of "Get Outstanding Invoices") are dropped, as ERPNext does
		self.set("references", [ref for ref in self.references if flt(ref.allocated_amount) != 0])
		refund = self.is_refund()
		for ref in self.references:
			# as in ERPNext, a refund is allocated negative: it takes back what a credit note owes
			if refund and flt(ref.allocated_amount) > 0:
				frappe.throw(
					_("Row {0}: a refund (Payment Type Pay) is allocated as a negative amount").format(
						ref.idx
					),
					InvalidValueError,
					title=_("Invalid Amount"),
				)
			if not refund and flt(ref.allocated_amount) < 0:
				frappe.throw(
					_(
						"Row {0}: Allocated amount cannot be negative; a refund to the customer is a Payment "
						"Entry of Payment Type Pay"
					).format(ref.idx),
					InvalidValueError,
					title=_("Invalid Amount"),
				)

	def is_refund(self) -> bool:
		return self.payment_type == "Pay"

	def set_reference_details(self):
		seen = set()
		for ref in self.references:
			self.check_reference_doctype(ref)
			if (ref.reference_doctype, ref.reference_name) in seen:
				frappe.throw(
					_("Row {0}: {1} is allocated twice").format(ref.idx, ref.reference_name), DuplicateError
				)
			seen.add((ref.reference_doctype, ref.reference_name))
			target = self.reference_target(ref)
			total = flt(target.grand_total if target.disable_rounded_total else target.rounded_total)
			ref.total_amount = total
			ref.due_date = target.get("due_date")
			ref.outstanding_amount = (
				flt(target.outstanding_amount)
				if ref.reference_doctype == "Sales Invoice"
				else total - flt(target.advance_paid)
			)
			self.paid_currency = self.paid_currency or target.currency
			if self.docstatus == 0:
				self.check_allocation(ref, target)

	def check_reference_doctype(self, ref):
		allowed = ("Sales Invoice",) if self.is_refund() else REFERENCE_DOCTYPES
		if ref.reference_doctype not in allowed:
			frappe.throw(
				_("Row {0}: refunds are allocated to Sales Invoices (credit notes) only").format(ref.idx)
				if self.is_refund()
				else _("Row {0}: payments can be allocated to Sales Invoices and Sales Orders only").format(
					ref.idx
				),
				InvalidReferenceError,
			)

	def reference_target(self, ref) -> frappe._dict:
		target = frappe.db.get_value(
			ref.reference_doctype,
			ref.reference_name,
			["customer", "docstatus", "grand_total", "rounded_total", "disable_rounded_total", "currency"]
			+ (
				["outstanding_amount", "due_date", "is_return", "return_against"]
				if ref.reference_doctype == "Sales Invoice"
				else ["advance_paid"]
			),
			as_dict=True,
		)
		if not target or target.docstatus != 1 or target.customer != self.party:
			frappe.throw(
				_("Row {0}: {1} {2} is not a submitted document of Customer {3}").format(
					ref.idx, _(ref.reference_doctype), ref.reference_name, self.party
				),
				InvalidReferenceError,
				title=_("Invalid Reference"),
			)
		return target

	def check_allocation(self, ref, target):
		"""At draft, each row within what its document has open: a receipt up to what is owed, a refund
		up to what is owed to the customer (the sums are checked again under locks on submit)."""
		allocated, outstanding = flt(ref.allocated_amount), flt(ref.outstanding_amount)
		if target.get("is_return") and not outstanding and target.return_against:
			frappe.throw(
				_(
					"Row {0}: credit note {1} is counted on the invoice it returns; allocate to Sales "
					"Invoice {2} instead"
				).format(ref.idx, ref.reference_name, frappe.bold(target.return_against)),
				InvalidReferenceError,
				title=_("Invalid Reference"),
			)
		if not self.is_refund() and target.get("is_return"):
			frappe.throw(
				_(
					"Row {0}: credit note {1} receives no payment: it owes the customer. Refund it with a "
					"Payment Entry of Payment Type Pay"
				).format(ref.idx, ref.reference_name),
				InvalidReferenceError,
				title=_("Invalid Reference"),
			)
		if self.is_refund() and outstanding >= 0:
			frappe.throw(
				_("Row {0}: {1} owes the customer nothing to refund (outstanding {2})").format(
					ref.idx, ref.reference_name, outstanding
				),
				OverAllocationError,
				title=_("Over Allocation"),
			)
		if self.is_refund() and allocated < outstanding:
			frappe.throw(
				_("Row {0}: a refund of {1} is more than the {2} owed to the customer on {3}").format(
					ref.idx, -allocated, -outstanding, ref.reference_name
				),
				OverAllocationError,
				title=_("Over Allocation"),
			)
		if not self.is_refund() and allocated > outstanding:
			frappe.throw(
				_("Row {0}: allocated {1} is more than the {2} outstanding on {3}").format(
					ref.idx, allocated, outstanding, ref.reference_name
				),
				OverAllocationError,
				title=_("Over Allocation"),
			)

	def set_totals(self):
		# ERPNext stores the total allocated as a positive figure for refunds too
		self.total_allocated_amount = abs(sum(flt(ref.allocated_amount) for ref in self.references))
		if self.total_allocated_amount > flt(self.paid_amount):
			frappe.throw(
				_("Allocated {0} is more than the paid amount {1}").format(
					self.total_allocated_amount, flt(self.paid_amount)
				),
				OverAllocationError,
				title=_("Over Allocation"),
			)
		self.unallocated_amount = flt(self.paid_amount) - self.total_allocated_amount
		if self.is_refund() and self.unallocated_amount:
			# money paid out to the customer must say what it refunds, or nothing would account for it
			frappe.throw(
				_("A refund of {0} is allocated {1}: allocate all of it to credit notes").format(
					flt(self.paid_amount), self.total_allocated_amount
				),
				OverAllocationError,
				title=_("Refund"),
			)

	@frappe.whitelist()
	def set_outstanding_references(self, include_orders: bool = False):
		"""The desk's "Get Outstanding Invoices": every open invoice of the customer (and unpaid order when
		asked), oldest due first, with the paid amount allocated in that order; with no paid amount yet,
		each is allocated in full and the paid amount becomes their total. For a refund (Pay): what
		credit notes owe the customer, allocated negative."""
		if self.docstatus != 0 or not self.party:
			frappe.throw(
				_("Choose the customer of a draft payment first"),
				DocumentStateError,
				title=_("Payment Entry"),
			)
		# the draft comes from the caller: the customer whose documents are listed must be readable
		ensure_permitted("Customer", "read", self.party)
		refund = self.is_refund()
		rows = outstanding_documents(
			self.party, self.paid_currency, with_orders=include_orders and not refund, refunds=refund
		)
		if not rows:
			frappe.msgprint(_("Customer {0} has nothing outstanding").format(frappe.bold(self.party)))
		amount = flt(self.paid_amount) or sum(abs(row.outstanding_amount) for row in rows)
		self.paid_amount = amount
		self.set("references", [])
		for row in allocate_payment(rows, amount, self.paid_currency):
			self.append(
				"references",
				{
					"reference_doctype": row.voucher_type,
					"reference_name": row.voucher_no,
					"due_date": row.due_date,
					"total_amount": row.invoice_amount,
					"outstanding_amount": row.outstanding_amount,
					"allocated_amount": row.allocated_amount,
				},
			)
		self.total_allocated_amount = abs(sum(flt(ref.allocated_amount) for ref in self.references))
		self.unallocated_amount = flt(self.paid_amount) - self.total_allocated_amount

	def shared_rows(self) -> dict[str, set[str]]:
		return {
			doctype: {ref.reference_name for ref in self.references if ref.reference_doctype == doctype}
			for doctype in REFERENCE_DOCTYPES
		}

	def on_submit(self):
		# Outstanding is re-read under a row lock: of two payments racing for one invoice, the second
		# sees the first and is refused if together they would pay more than was owed
		self.update_references()
		self.db_set("status", "Submitted", update_modified=False)

	def on_cancel(self):
		ensure_not_referred_to(self)
		self.update_references()
		self.db_set("status", "Cancelled", update_modified=False)

	def update_references(self):
		recompute(
			"Sales Invoice",
			[ref.reference_name for ref in self.references if ref.reference_doctype == "Sales Invoice"],
		)
		recompute_order_advances(
			[ref.reference_name for ref in self.references if ref.reference_doctype == "Sales Order"]
		)


@frappe.whitelist()
def get_outstanding_reference_documents(args: dict | str, validate: bool = False) -> list[dict]:
	"""ERPNext's `get_outstanding_reference_documents(args)`: a customer's open invoices (`party`,
	`get_outstanding_invoices`) and unpaid orders (`get_orders_to_be_billed`), oldest due first, with
	ERPNext's filters; given `allocate_payment_amount` and `paid_amount` (ours), each row's
	`allocated_amount` of it, first come first served."""
	args = frappe._dict(frappe.parse_json(args) if isinstance(args, str) else args or {})
	if (args.party_type or "Customer") != "Customer" or not args.party:
		frappe.throw(
			_("Outstanding documents are listed for a Customer (party_type Customer and party)"),
			InvalidReferenceError,
			title=_("Payment Entry"),
		)
	ensure_permitted("Sales Invoice", "read")
	if not frappe.db.exists("Customer", args.party):
		frappe.throw(
			_("Customer {0} does not exist").format(frappe.bold(args.party)), frappe.LinkValidationError
		)
	ensure_permitted("Customer", "read", args.party)
	with_invoices = bool(args.get("get_outstanding_invoices", True))
	rows = outstanding_documents(
		args.party,
		args.get("party_account_currency") or args.get("currency"),
		with_invoices=with_invoices,
		with_orders=bool(args.get("get_orders_to_be_billed")),
		filters=args,
	)
	if args.get("allocate_payment_amount") and args.get("paid_amount") is not None:
		paid = flt(args.paid_amount)
		if paid < 0:
			frappe.throw(_("Paid Amount cannot be negative"), InvalidValueError, title=_("Invalid Amount"))
		allocate_payment(rows, paid, args.get("party_account_currency") or args.get("currency"))
	return rows
