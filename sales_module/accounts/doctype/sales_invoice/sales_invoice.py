# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.accounts.payments import available_advances, ensure_not_referred_to, new_receipt
from sales_module.controllers import portal
from sales_module.controllers.locking import lock_rows
from sales_module.controllers.mapper import ensure_submitted, map_document
from sales_module.controllers.recompute import recompute
from sales_module.controllers.selling_controller import SellingController
from sales_module.controllers.statuses import status_called_for
from sales_module.engine import allocate_in_order
from sales_module.engine.quantities import QTY_PRECISION
from sales_module.exceptions import (
	DocumentStateError,
	DuplicateError,
	InvalidReferenceError,
	InvalidValueError,
	NothingToMapError,
	OverAllocationError,
)
from sales_module.selling.credit_limit import check_credit_limit, credit_check_applies
from sales_module.stock.delivery import deliver_stock, forget_stock, restore_stock, validate_stock_warehouses
from sales_module.stock.reservation import order_stock_pairs, stock_pairs
from sales_module.utils.currency import currency_precision
from sales_module.utils.permissions import ensure_permitted
from sales_module.utils.report_indexes import add_report_indexes
from sales_module.utils.transactions import reads_latest_commits


class SalesInvoice(SellingController):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.payment_schedule.payment_schedule import PaymentSchedule
		from sales_module.accounts.doctype.sales_invoice_advance.sales_invoice_advance import (
			SalesInvoiceAdvance,
		)
		from sales_module.accounts.doctype.sales_invoice_item.sales_invoice_item import SalesInvoiceItem
		from sales_module.accounts.doctype.sales_invoice_payment.sales_invoice_payment import (
			SalesInvoicePayment,
		)
		from sales_module.accounts.doctype.sales_taxes_and_charges.sales_taxes_and_charges import (
			SalesTaxesandCharges,
		)
		from sales_module.selling.doctype.sales_team.sales_team import SalesTeam
		from sales_module.stock.doctype.packed_item.packed_item import PackedItem

		additional_discount_percentage: DF.Float
		address_display: DF.Text | None
		advances: DF.Table[SalesInvoiceAdvance]
		allocate_advances_automatically: DF.Check
		amended_from: DF.Link | None
		amount_eligible_for_commission: DF.Currency
		apply_discount_on: DF.Literal["Grand Total", "Net Total"]
		base_discount_amount: DF.Currency
		base_grand_total: DF.Currency
		base_in_words: DF.Data | None
		base_net_total: DF.Currency
		base_rounded_total: DF.Currency
		base_rounding_adjustment: DF.Currency
		base_total: DF.Currency
		base_total_taxes_and_charges: DF.Currency
		campaign: DF.Link | None
		change_amount: DF.Currency
		client_reference: DF.Data | None
		commission_rate: DF.Float
		contact_display: DF.SmallText | None
		contact_email: DF.Data | None
		contact_mobile: DF.SmallText | None
		contact_person: DF.Link | None
		contact_phone: DF.Data | None
		conversion_rate: DF.Float
		coupon_code: DF.Link | None
		currency: DF.Link | None
		customer: DF.Link
		customer_address: DF.Link | None
		customer_group: DF.Link | None
		customer_name: DF.Data | None
		disable_rounded_total: DF.Check
		discount_amount: DF.Currency
		due_date: DF.Date | None
		grand_total: DF.Currency
		ignore_pricing_rule: DF.Check
		in_words: DF.Data | None
		is_pos: DF.Check
		is_return: DF.Check
		items: DF.Table[SalesInvoiceItem]
		naming_series: DF.Literal["ACC-SINV-.YYYY.-", "ACC-SINV-RET-.YYYY.-"]
		net_total: DF.Currency
		outstanding_amount: DF.Currency
		packed_items: DF.Table[PackedItem]
		paid_amount: DF.Currency
		payment_schedule: DF.Table[PaymentSchedule]
		payment_terms_template: DF.Link | None
		payments: DF.Table[SalesInvoicePayment]
		per_returned: DF.Percent
		plc_conversion_rate: DF.Float
		po_no: DF.Data | None
		posting_date: DF.Date
		posting_time: DF.Time | None
		price_list_currency: DF.Link | None
		return_against: DF.Link | None
		rounded_total: DF.Currency
		rounding_adjustment: DF.Currency
		sales_partner: DF.Link | None
		sales_team: DF.Table[SalesTeam]
		selling_price_list: DF.Link | None
		set_posting_time: DF.Check
		set_warehouse: DF.Link | None
		shipping_address: DF.Text | None
		shipping_address_name: DF.Link | None
		shipping_rule: DF.Link | None
		status: DF.Literal[
			"Draft", "Return", "Credit Note Issued", "Paid", "Partly Paid", "Unpaid", "Overdue", "Cancelled"
		]
		taxes: DF.Table[SalesTaxesandCharges]
		taxes_and_charges: DF.Link | None
		terms: DF.TextEditor | None
		territory: DF.Link | None
		title: DF.Data | None
		total: DF.Currency
		total_advance: DF.Currency
		total_commission: DF.Currency
		total_net_weight: DF.Float
		total_qty: DF.Float
		total_taxes_and_charges: DF.Currency
		update_outstanding_for_self: DF.Check
		update_stock: DF.Check
	# end: auto-generated types
	date_field = "posting_date"

	def validate(self):
		super().validate()
		self.validate_against_orders()
		self.validate_return()
		if self.allocate_advances_automatically and not self.is_return:
			self.set_advances()
		self.validate_advances()
		self.validate_direct_sale()
		self.validate_pos_payments()
		self.set_draft_outstanding()

	def validate_direct_sale(self):
		"""Update Stock: the invoice delivers its own goods, as a Delivery Note would."""
		if not self.update_stock:
			return
		for row in self.items:
			if row.delivery_note or row.dn_detail:
				frappe.throw(
					_(
						"Row {0}: Item {1} was delivered by Delivery Note {2}; an invoice that updates stock "
						"delivers its own goods"
					).format(row.idx, frappe.bold(row.item_code), row.delivery_note),
					InvalidReferenceError,
					title=_("Update Stock"),
				)
		if self.is_return and self.return_against:
			if not frappe.db.get_value("Sales Invoice", self.return_against, "update_stock"):
				frappe.throw(
					_(
						"Sales Invoice {0} did not move stock: its goods come back with a Delivery Note return"
					).format(frappe.bold(self.return_against)),
					InvalidReferenceError,
					title=_("Update Stock"),
				)
		validate_stock_warehouses(self)

	def validate_pos_payments(self):
		"""Include Payment (POS): what was paid is recorded with the invoice; above the total it is change."""
		if not self.is_pos:
			self.set("payments", [])
			self.change_amount = 0
			return
		if self.is_return:
			frappe.throw(
				_("A credit note is refunded with a Payment Entry of Payment Type Pay, not paid at once"),
				DocumentStateError,
				title=_("Include Payment (POS)"),
			)
		precision = currency_precision(self.currency)
		self.set("payments", [row for row in self.payments if flt(row.amount)])
		for row in self.payments:
			if flt(row.amount) < 0:
				frappe.throw(
					_("Payments row {0}: the amount cannot be negative").format(row.idx),
					InvalidValueError,
					title=_("Include Payment (POS)"),
				)
			row.amount = flt(row.amount, precision)
			row.base_amount = flt(row.amount * flt(self.conversion_rate or 1), precision)
		if not self.payments:
			frappe.throw(
				_("An invoice that includes payment needs at least one payment with an amount"),
				frappe.MandatoryError,
				title=_("Include Payment (POS)"),
			)
		paid = flt(sum(row.amount for row in self.payments), precision)
		due = flt(self.payable_total() - flt(self.total_advance), precision)
		self.paid_amount = paid
		self.change_amount = flt(max(paid - due, 0), precision)

	def pos_shares(self) -> list:
		"""What each payment row records: the rows in order, together no more than is due (the rest is
		change handed back)."""
		precision = currency_precision(self.currency)
		due = flt(self.payable_total() - flt(self.total_advance), precision)
		return allocate_in_order([row.amount for row in self.payments], due, precision)

	def record_pos_payments(self):
		for row, share in zip(self.payments, self.pos_shares(), strict=True):
			if not share:
				continue
			entry = new_receipt(self, flt(share))
			entry.mode_of_payment = row.mode_of_payment
			entry.reference_no = row.reference_no
			entry.reference_date = self.posting_date
			entry.posting_date = self.posting_date
			entry.remarks = _("Paid with Sales Invoice {0}").format(self.name)
			entry.insert(ignore_permissions=True)
			entry.submit()
			row.db_set("payment_entry", entry.name, update_modified=False)

	def cancel_pos_payments(self):
		for row in self.payments:
			if (
				row.payment_entry
				and frappe.db.get_value("Payment Entry", row.payment_entry, "docstatus") == 1
			):
				frappe.get_doc("Payment Entry", row.payment_entry).cancel()

	def validate_against_orders(self):
		orders = {row.sales_order for row in self.items if row.sales_order}
		for order in frappe.get_all(
			"Sales Order",
			filters={"name": ("in", list(orders))},
			fields=["name", "customer", "status", "docstatus"],
		):
			if order.customer != self.customer:
				frappe.throw(
					_("Sales Order {0} belongs to Customer {1}").format(order.name, order.customer),
					InvalidReferenceError,
				)
			if order.docstatus != 1 or (order.status in ("Closed", "On Hold") and not self.is_return):
				frappe.throw(
					_("Sales Order {0} is {1}; nothing can be billed against it").format(
						order.name, _(order.status)
					),
					DocumentStateError,
					title=_("Not Allowed"),
				)

	def validate_return(self):
		if not self.is_return:
			self.return_against = None
		if not self.return_against:
			# a credit note of its own (ERPNext accepts one without an original) owes the customer itself
			self.update_outstanding_for_self = 0
			return
		original = frappe.db.get_value(
			"Sales Invoice", self.return_against, ["customer", "docstatus", "is_return"], as_dict=True
		)
		if (
			not original
			or original.docstatus != 1
			or original.is_return
			or original.customer != self.customer
		):
			frappe.throw(
				_("A credit note needs a submitted Sales Invoice of Customer {0} to return against").format(
					self.customer
				),
				InvalidReferenceError,
				title=_("Credit Note"),
			)

	def owes_its_own_outstanding(self) -> bool:
		"""Whether this invoice carries its outstanding itself: all but credit notes counted on the
		invoice they return."""
		return not (self.is_return and self.return_against and not self.update_outstanding_for_self)

	@frappe.whitelist()
	def set_advances(self):
		"""ERPNext's "Get Advances Received": the customer's receipts not yet allocated, those paid for the
		invoice's orders first, each allocated in turn until the invoice is covered."""
		# the draft comes from the caller: the customer whose receipts are listed must be readable
		ensure_permitted("Customer", "read", self.customer)
		if not flt(self.grand_total):
			self.calculate()  # a draft not totalled yet (built over REST or in code)
		self.fill_advances(available_advances(self.customer, self.order_names(), self.currency))

	def set_order_advances(self):
		"""On an invoice made from orders: the advances paid for those orders (what a mapper carries)."""
		orders = self.order_names()
		if orders and not self.is_return:
			receipts = available_advances(self.customer, orders, self.currency)
			self.fill_advances([receipt for receipt in receipts if receipt.reference_row])

	def fill_advances(self, receipts: list):
		precision = currency_precision(self.currency)
		shares = allocate_in_order(
			[receipt.advance_amount for receipt in receipts], self.payable_total(), precision
		)
		self.set("advances", [])
		for receipt, share in zip(receipts, shares, strict=True):
			self.append("advances", {**receipt, "allocated_amount": flt(share, precision)})
		self.total_advance = flt(sum(shares), precision)
		self.set_draft_outstanding()

	def order_names(self) -> list[str]:
		return sorted({row.sales_order for row in self.items if row.sales_order})

	def validate_advances(self):
		"""Each advance row names a receipt of this customer that still has the amount to give, once; the
		rows never cover more than the invoice. Rows left at zero are dropped, as ERPNext does."""
		if self.is_return and any(flt(row.allocated_amount) for row in self.advances):
			frappe.throw(_("A credit note takes no advances"), InvalidReferenceError, title=_("Advances"))
		# credit notes are applied by Payment Reconciliation to submitted invoices only: an amended or
		# copied draft starts without them
		self.set(
			"advances",
			[
				row
				for row in self.advances
				if flt(row.allocated_amount) and row.reference_type != "Sales Invoice"
			],
		)
		precision = currency_precision(self.currency)
		self.total_advance = 0
		if not self.advances:
			return
		receipts = {
			(receipt.reference_name, receipt.reference_row or ""): receipt
			for receipt in available_advances(
				self.customer,
				self.order_names(),
				self.currency,
				entries={row.reference_name for row in self.advances},
				exclude_invoice=self.name,
			)
		}
		seen = set()
		for row in self.advances:
			row.reference_type = row.reference_type or "Payment Entry"
			key = (row.reference_name, row.reference_row or "")
			receipt = receipts.get(key) if row.reference_type == "Payment Entry" else None
			if key in seen:
				frappe.throw(
					_("Advances row {0}: {1} is allocated twice").format(row.idx, row.reference_name),
					DuplicateError,
					title=_("Advances"),
				)
			seen.add(key)
			if not receipt:
				frappe.throw(
					_(
						"Advances row {0}: {1} {2} is not a submitted receipt of Customer {3} with an amount "
						"left to allocate in {4}"
					).format(
						row.idx, _(row.reference_type), frappe.bold(row.reference_name), self.customer,
						self.currency,
					),
					InvalidReferenceError,
					title=_("Advances"),
				)  # fmt: skip
			row.advance_amount = receipt.advance_amount
			row.remarks = row.remarks or receipt.remarks
			row.allocated_amount = flt(row.allocated_amount, precision)
			if row.allocated_amount < 0:
				frappe.throw(
					_("Advances row {0}: the allocated amount cannot be negative").format(row.idx),
					InvalidValueError,
					title=_("Advances"),
				)
			if row.allocated_amount > flt(row.advance_amount, precision):
				frappe.throw(
					_("Advances row {0}: {1} allocated of the {2} left on {3}").format(
						row.idx, row.allocated_amount, flt(row.advance_amount), row.reference_name
					),
					OverAllocationError,
					title=_("Over Allocation"),
				)
		self.total_advance = flt(sum(flt(row.allocated_amount) for row in self.advances), precision)
		if self.total_advance > flt(self.payable_total(), precision):
			frappe.throw(
				_("Advances of {0} are more than the invoice total of {1}").format(
					self.total_advance, self.payable_total()
				),
				OverAllocationError,
				title=_("Over Allocation"),
			)

	def set_draft_outstanding(self):
		paid_at_once = sum(self.pos_shares()) if self.is_pos else 0
		self.outstanding_amount = (
			flt(
				self.payable_total() - flt(self.total_advance) - flt(paid_at_once),
				currency_precision(self.currency),
			)
			if self.owes_its_own_outstanding()
			else 0
		)

	def shared_rows(self) -> dict[str, set[str]]:
		return {
			"Customer": {self.customer} if credit_check_applies(self) else set(),
			"Coupon Code": set() if self.is_from_orders() else {self.coupon_code},
			"Sales Order": {row.sales_order for row in self.items},
			"Delivery Note": {row.delivery_note for row in self.items},
			"Sales Invoice": {self.return_against} | self.credits_applied(),
			"Payment Entry": {
				row.reference_name for row in self.advances if row.reference_type == "Payment Entry"
			},
		}

	def order_figures_checked(self) -> tuple[str, ...]:
		return ("billed_amt", "delivered_qty") if self.update_stock else ("billed_amt",)

	def credits_applied(self) -> set[str]:
		"""Invoices (credit notes) whose credit Payment Reconciliation applied to this one."""
		return {row.reference_name for row in self.advances if row.reference_type == "Sales Invoice"}

	def is_from_orders(self) -> bool:
		return any(row.sales_order for row in self.items)

	def bins_to_lock(self) -> set[tuple[str, str]]:
		if not self.update_stock:
			return set()
		# the orders' bins too: their reservations follow what this invoice delivers
		orders = self.order_names()
		return stock_pairs(self) | (order_stock_pairs(orders) if orders else set())

	def on_submit(self):
		self.update_linked_documents(check_overflow=True)
		if self.update_stock:
			deliver_stock(self)
		if self.is_pos:
			self.record_pos_payments()
		self.set_status(update=True)
		# after the orders and deliveries it bills stop counting what it now counts itself
		check_credit_limit(self)

	def before_cancel(self):
		super().before_cancel()
		# the ledger rows are reversed by cancel itself, and the invoice's own receipts go with it
		self.ignore_linked_doctypes = ("Stock Ledger Entry",)

	def on_cancel(self):
		self.cancel_pos_payments()
		ensure_not_referred_to(self)
		self.update_linked_documents()
		if self.update_stock:
			restore_stock(self)
		self.set_status(update=True)

	def on_trash(self):
		forget_stock(self)

	def update_linked_documents(self, check_overflow: bool = False):
		recompute(
			"Sales Order",
			{row.sales_order for row in self.items},
			check=self.order_figures_checked() if check_overflow and not self.is_return else (),
		)
		recompute("Delivery Note", {row.delivery_note for row in self.items})
		recompute("Sales Invoice", {self.name, self.return_against} | self.credits_applied())
		if not self.is_from_orders():
			recompute("Coupon Code", [self.coupon_code])
		# what the advances take from their receipts, checked behind the receipts' locks
		recompute(
			"Payment Entry",
			{row.reference_name for row in self.advances if row.reference_type == "Payment Entry"},
		)


@frappe.whitelist()
def make_sales_return(source_name: str, target_doc: str | None = None):
	"""A credit note for what is not yet credited of the invoice."""
	invoice = frappe.get_doc("Sales Invoice", source_name)
	ensure_permitted("Sales Invoice", "read", invoice)
	ensure_submitted(invoice, _("make a credit note"))
	if invoice.is_return:
		frappe.throw(_("A credit note cannot be returned"), DocumentStateError, title=_("Not Allowed"))
	credited = credited_qty_by_line(source_name)

	def update_item(source, target, _source_parent):
		target.qty = -flt(flt(source.qty) - credited.get(source.name, 0), QTY_PRECISION)

	def set_return(_source, target):
		target.is_return = 1
		target.return_against = source_name
		target.naming_series = "ACC-SINV-RET-.YYYY.-"
		target.set("payment_schedule", [])

	return map_document(
		"Sales Invoice",
		source_name,
		"Sales Invoice",
		{
			"field_map": {"name": "si_detail"},
			"postprocess": update_item,
			"condition": lambda row: flt(row.qty) - credited.get(row.name, 0) > 0,
		},
		target_doc,
		set_return,
		header_no_map=("status", "outstanding_amount", "paid_amount", "due_date"),
		with_sales_team=False,
	)


def credited_qty_by_line(invoice: str) -> dict[str, float]:
	line, note = frappe.qb.DocType("Sales Invoice Item"), frappe.qb.DocType("Sales Invoice")
	rows = (
		frappe.qb.from_(line)
		.join(note)
		.on(note.name == line.parent)
		.select(line.si_detail, line.qty)
		.where((note.return_against == invoice) & (note.docstatus == 1))
		.run()
	)
	credited: dict[str, float] = {}
	for detail, qty in rows:
		credited[detail] = credited.get(detail, 0) - flt(qty)
	return credited


@frappe.whitelist()
def make_payment_entry(source_name: str):
	invoice = frappe.get_doc("Sales Invoice", source_name)
	ensure_permitted("Sales Invoice", "read", invoice)
	ensure_submitted(invoice, _("receive a payment"))
	if not flt(invoice.outstanding_amount) and not invoice.owes_its_own_outstanding():
		# a credit note counted on the invoice it returns: the refund is of that invoice
		invoice = frappe.get_doc("Sales Invoice", invoice.return_against)
		ensure_permitted("Sales Invoice", "read", invoice)
	if not flt(invoice.outstanding_amount):
		frappe.throw(
			_("Sales Invoice {0} has nothing outstanding").format(invoice.name),
			NothingToMapError,
			title=_("Nothing to Pay"),
		)
	# what is owed is received; what a credit note owes the customer is refunded (negative)
	return new_receipt(invoice, flt(invoice.outstanding_amount))


def refresh_overdue_status():
	"""Daily: unpaid invoices whose due date passed become Overdue (and back when paid).

	An invoice whose status changes is locked and read again before the status is written: a payment saved
	meanwhile (which locks the invoice to change its figures) is never overwritten by a status read before
	it. Only those invoices are locked, in name order as every payment locks them."""
	table = frappe.qb.DocType("Sales Invoice")
	names = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(
			(table.docstatus == 1)
			& (table.outstanding_amount > 0)
			& table.status.isin(["Unpaid", "Partly Paid", "Overdue"])
		)
		.orderby(table.name)
		.run(pluck=True)
	)
	for name in names:
		invoice = frappe.get_doc("Sales Invoice", name)
		if status_called_for(invoice) == invoice.status:
			continue
		lock_rows("Sales Invoice", [name])
		frappe.get_doc("Sales Invoice", name, for_update=not reads_latest_commits()).set_status(update=True)


def get_list_context(context=None):
	return portal.get_list_context("Sales Invoice", context)


def on_doctype_update():
	add_report_indexes("Sales Invoice")
