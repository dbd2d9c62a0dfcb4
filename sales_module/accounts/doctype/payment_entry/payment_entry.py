# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from sales_module.controllers.document_io import LeanDocumentIO
from sales_module.controllers.locking import SharedRowLocks
from sales_module.controllers.recompute import recompute, recompute_order_advances
from sales_module.exceptions import (
	DuplicateError,
	InvalidReferenceError,
	InvalidValueError,
	OverAllocationError,
)

REFERENCE_DOCTYPES = ("Sales Invoice", "Sales Order")


class PaymentEntry(SharedRowLocks, LeanDocumentIO, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.payment_entry_reference.payment_entry_reference import (
			PaymentEntryReference,
		)

		amended_from: DF.Link | None
		mode_of_payment: DF.Literal["", "Cash", "Bank Transfer", "Card", "Cheque", "Other"]
		naming_series: DF.Literal["ACC-PAY-.YYYY.-"]
		paid_amount: DF.Currency
		paid_currency: DF.Link | None
		party: DF.DynamicLink
		party_name: DF.Data | None
		party_type: DF.Link
		payment_type: DF.Literal["Receive"]
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
		self.validate_party()
		self.validate_amounts()
		self.set_reference_details()
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
		for ref in self.references:
			if flt(ref.allocated_amount) <= 0:
				frappe.throw(
					_("Row {0}: Allocated amount must be greater than zero").format(ref.idx),
					InvalidValueError,
					title=_("Invalid Amount"),
				)

	def set_reference_details(self):
		seen = set()
		for ref in self.references:
			if ref.reference_doctype not in REFERENCE_DOCTYPES:
				frappe.throw(
					_("Row {0}: payments can be allocated to Sales Invoices and Sales Orders only").format(
						ref.idx
					),
					InvalidReferenceError,
				)
			if (ref.reference_doctype, ref.reference_name) in seen:
				frappe.throw(
					_("Row {0}: {1} is allocated twice").format(ref.idx, ref.reference_name), DuplicateError
				)
			seen.add((ref.reference_doctype, ref.reference_name))
			target = frappe.db.get_value(
				ref.reference_doctype,
				ref.reference_name,
				["customer", "docstatus", "grand_total", "rounded_total", "disable_rounded_total", "currency"]
				+ (
					["outstanding_amount", "due_date", "is_return"]
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
			if target.get("is_return"):
				frappe.throw(
					_("Row {0}: a credit note cannot receive a payment").format(ref.idx),
					InvalidReferenceError,
				)
			total = flt(target.grand_total if target.disable_rounded_total else target.rounded_total)
			ref.total_amount = total
			ref.due_date = target.get("due_date")
			ref.outstanding_amount = (
				flt(target.outstanding_amount)
				if ref.reference_doctype == "Sales Invoice"
				else total - flt(target.advance_paid)
			)
			self.paid_currency = self.paid_currency or target.currency
			if self.docstatus == 0 and flt(ref.allocated_amount) > flt(ref.outstanding_amount):
				frappe.throw(
					_("Row {0}: allocated {1} is more than the {2} outstanding on {3}").format(
						ref.idx, flt(ref.allocated_amount), flt(ref.outstanding_amount), ref.reference_name
					),
					OverAllocationError,
					title=_("Over Allocation"),
				)

	def set_totals(self):
		self.total_allocated_amount = sum(flt(ref.allocated_amount) for ref in self.references)
		if self.total_allocated_amount > flt(self.paid_amount):
			frappe.throw(
				_("Allocated {0} is more than the paid amount {1}").format(
					self.total_allocated_amount, flt(self.paid_amount)
				),
				OverAllocationError,
				title=_("Over Allocation"),
			)
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
