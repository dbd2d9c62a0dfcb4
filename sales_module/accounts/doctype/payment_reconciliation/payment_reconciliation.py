# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from sales_module.accounts import reconciliation
from sales_module.exceptions import InvalidReferenceError
from sales_module.utils.permissions import ensure_permitted


class PaymentReconciliation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.payment_reconciliation_allocation.payment_reconciliation_allocation import (
			PaymentReconciliationAllocation,
		)
		from sales_module.accounts.doctype.payment_reconciliation_invoice.payment_reconciliation_invoice import (
			PaymentReconciliationInvoice,
		)
		from sales_module.accounts.doctype.payment_reconciliation_payment.payment_reconciliation_payment import (
			PaymentReconciliationPayment,
		)

		allocation: DF.Table[PaymentReconciliationAllocation]
		company: DF.Data | None
		from_invoice_date: DF.Date | None
		from_payment_date: DF.Date | None
		invoice_limit: DF.Int
		invoice_name: DF.Data | None
		invoices: DF.Table[PaymentReconciliationInvoice]
		maximum_invoice_amount: DF.Currency
		maximum_payment_amount: DF.Currency
		minimum_invoice_amount: DF.Currency
		minimum_payment_amount: DF.Currency
		party: DF.DynamicLink
		party_type: DF.Link
		payment_limit: DF.Int
		payment_name: DF.Data | None
		payments: DF.Table[PaymentReconciliationPayment]
		receivable_payable_account: DF.Data | None
		to_invoice_date: DF.Date | None
		to_payment_date: DF.Date | None

	# end: auto-generated types
	def validate(self):
		self.validate_party()

	def validate_party(self):
		if self.party_type != "Customer" or not frappe.db.exists("Customer", self.party):
			frappe.throw(
				_("Choose a Customer to reconcile (party_type Customer and party)"),
				InvalidReferenceError,
				title=_("Payment Reconciliation"),
			)

	def check_permissions(self):
		ensure_permitted("Payment Reconciliation", "write")
		ensure_permitted("Sales Invoice", "read")
		ensure_permitted("Payment Entry", "read")
		if self.party_type == "Customer" and self.party and frappe.db.exists("Customer", self.party):
			ensure_permitted("Customer", "read", self.party)

	def filters(self) -> dict:
		return self.as_dict(no_default_fields=True)

	@frappe.whitelist()
	def get_unreconciled_entries(self):
		"""ERPNext's "Get Unreconciled Entries": the customer's open invoices and its credits."""
		self.check_permissions()
		self.validate_party()
		self.set("invoices", reconciliation.open_invoices(self.party, self.filters()))
		self.set("payments", reconciliation.open_credits(self.party, self.filters()))
		self.set("allocation", [])

	@frappe.whitelist()
	def allocate_entries(self, args: dict | str | None = None):
		"""ERPNext's "Allocate": the chosen credits (`args["payments"]`) over the chosen invoices
		(`args["invoices"]`), all of them when none are chosen, oldest first."""
		self.check_permissions()
		args = frappe.parse_json(args) if isinstance(args, str) else args or {}
		payments = [frappe._dict(row) for row in args.get("payments") or []] or self.payments
		invoices = [frappe._dict(row) for row in args.get("invoices") or []] or self.invoices
		self.set("allocation", reconciliation.allocate(payments, invoices))

	@frappe.whitelist()
	def reconcile(self):
		"""ERPNext's "Reconcile": apply the allocation rows (their amounts may be edited by hand), then
		list what is still open."""
		self.check_permissions()
		ensure_permitted("Sales Invoice", "write")
		self.validate_party()
		reconciled = reconciliation.reconcile(self.party, [row.as_dict() for row in self.allocation])
		frappe.msgprint(
			_("Successfully Reconciled: {0}").format(", ".join(reconciled)), indicator="green", alert=True
		)
		self.get_unreconciled_entries()
