# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.controllers import portal
from sales_module.controllers.mapper import ensure_open, ensure_submitted, map_document, unbilled_lines_map
from sales_module.controllers.recompute import recompute
from sales_module.controllers.selling_controller import SellingController
from sales_module.engine.quantities import QTY_PRECISION
from sales_module.exceptions import DocumentStateError, InvalidReferenceError, TreeNodeError
from sales_module.selling.credit_limit import check_credit_limit, credit_check_applies
from sales_module.stock.delivery import deliver_stock, forget_stock, restore_stock, validate_stock_warehouses
from sales_module.stock.reservation import order_stock_pairs, stock_pairs, update_reserved_qty
from sales_module.utils.permissions import ensure_permitted
from sales_module.utils.report_indexes import add_report_indexes


class DeliveryNote(SellingController):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.payment_schedule.payment_schedule import PaymentSchedule
		from sales_module.accounts.doctype.sales_taxes_and_charges.sales_taxes_and_charges import (
			SalesTaxesandCharges,
		)
		from sales_module.selling.doctype.sales_team.sales_team import SalesTeam
		from sales_module.stock.doctype.delivery_note_item.delivery_note_item import DeliveryNoteItem
		from sales_module.stock.doctype.packed_item.packed_item import PackedItem

		additional_discount_percentage: DF.Float
		address_display: DF.Text | None
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
		grand_total: DF.Currency
		ignore_pricing_rule: DF.Check
		in_words: DF.Data | None
		is_return: DF.Check
		items: DF.Table[DeliveryNoteItem]
		lr_date: DF.Date | None
		lr_no: DF.Data | None
		naming_series: DF.Literal["MAT-DN-.YYYY.-", "MAT-DN-RET-.YYYY.-"]
		net_total: DF.Currency
		packed_items: DF.Table[PackedItem]
		payment_schedule: DF.Table[PaymentSchedule]
		payment_terms_template: DF.Link | None
		per_billed: DF.Percent
		per_returned: DF.Percent
		plc_conversion_rate: DF.Float
		po_no: DF.Data | None
		posting_date: DF.Date
		posting_time: DF.Time
		price_list_currency: DF.Link | None
		return_against: DF.Link | None
		rounded_total: DF.Currency
		rounding_adjustment: DF.Currency
		sales_partner: DF.Link | None
		sales_team: DF.Table[SalesTeam]
		selling_price_list: DF.Link | None
		set_warehouse: DF.Link | None
		shipping_address: DF.Text | None
		shipping_address_name: DF.Link | None
		shipping_rule: DF.Link | None
		status: DF.Literal["Draft", "To Bill", "Completed", "Return Issued", "Cancelled", "Closed"]
		taxes: DF.Table[SalesTaxesandCharges]
		taxes_and_charges: DF.Link | None
		terms: DF.TextEditor | None
		territory: DF.Link | None
		title: DF.Data | None
		total: DF.Currency
		total_commission: DF.Currency
		total_net_weight: DF.Float
		total_qty: DF.Float
		total_taxes_and_charges: DF.Currency
		transporter_name: DF.Data | None
	# end: auto-generated types
	date_field = "posting_date"

	def validate(self):
		super().validate()
		self.validate_against_orders()
		self.validate_warehouses()
		self.validate_return()

	def validate_against_orders(self):
		orders = {row.against_sales_order for row in self.items if row.against_sales_order}
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
			if order.docstatus != 1 or order.status in ("Closed", "On Hold"):
				frappe.throw(
					_("Sales Order {0} is {1}; nothing can be delivered against it").format(
						order.name, _(order.status)
					),
					DocumentStateError,
					title=_("Not Allowed"),
				)

	def validate_warehouses(self):
		validate_stock_warehouses(self)

	def validate_return(self):
		if not self.is_return:
			return
		if not self.return_against:
			frappe.throw(_("A return needs the Delivery Note it returns"), frappe.MandatoryError)
		original = frappe.db.get_value(
			"Delivery Note", self.return_against, ["customer", "docstatus", "is_return"], as_dict=True
		)
		if (
			not original
			or original.docstatus != 1
			or original.is_return
			or original.customer != self.customer
		):
			frappe.throw(
				_("Delivery Note {0} is not a submitted delivery to Customer {1}").format(
					self.return_against, self.customer
				),
				InvalidReferenceError,
				title=_("Return"),
			)
		for row in self.items:
			if not row.dn_detail:
				frappe.throw(
					_("Row {0}: a return line must refer to the delivered line").format(row.idx),
					frappe.MandatoryError,
					title=_("Return"),
				)

	def on_submit(self):
		self.update_orders_and_returns(check_overflow=True)
		self.make_stock_ledger_entries()
		self.set_status(update=True)
		check_credit_limit(self)

	def shared_rows(self) -> dict[str, set[str]]:
		return {
			"Customer": {self.customer} if credit_check_applies(self) else set(),
			"Sales Order": {row.against_sales_order for row in self.items},
			"Delivery Note": {self.return_against},
		}

	def bins_to_lock(self) -> set[tuple[str, str]]:
		# the orders' bins too: their reservations are recomputed after the orders are locked, and a bin
		# locked only then would be taken out of the bins-first order
		orders = sorted({row.against_sales_order for row in self.items if row.against_sales_order})
		return stock_pairs(self) | (order_stock_pairs(orders) if orders else set())

	def before_cancel(self):
		# refused before anything is written: on_cancel runs after the row already says cancelled
		if self.status == "Closed":
			frappe.throw(
				_("A closed Delivery Note cannot be cancelled; re-open it first"),
				DocumentStateError,
				title=_("Closed"),
			)
		super().before_cancel()
		# the ledger rows are reversed by cancel itself; they must not block it
		self.ignore_linked_doctypes = ("Stock Ledger Entry",)

	def on_cancel(self):
		self.update_orders_and_returns()
		restore_stock(self)
		self.set_status(update=True)

	def on_trash(self):
		forget_stock(self)

	def update_orders_and_returns(self, check_overflow: bool = False):
		orders = recompute(
			"Sales Order",
			{row.against_sales_order for row in self.items},
			check=("delivered_qty",) if check_overflow and not self.is_return else (),
		)
		if orders:
			update_reserved_qty(order_stock_pairs(orders), locked_bins=self.flags.locked_bins)
		if self.is_return:
			recompute(
				"Delivery Note", [self.return_against], check=("returned_qty",) if check_overflow else ()
			)

	def make_stock_ledger_entries(self):
		deliver_stock(self)


@frappe.whitelist()
def update_delivery_note_status(docname: str, status: str) -> str:
	"""Close a submitted delivery (nothing more is billed from it, and its unbilled value leaves the
	customer's credit exposure) or re-open it; ERPNext's "Submitted" re-opens too."""
	note = frappe.get_doc("Delivery Note", docname)
	ensure_permitted("Delivery Note", "write", note)
	if note.docstatus != 1 or note.is_return:
		frappe.throw(
			_("Only a submitted delivery (not a return) can be closed or re-opened"),
			DocumentStateError,
			title=_("Status"),
		)
	closing = status == "Closed"
	if not closing and status not in ("Re-open", "Submitted"):
		frappe.throw(
			_("Cannot change status from {0} to {1}").format(_(note.status), _(status)),
			DocumentStateError,
			title=_("Status"),
		)
	if closing == (note.status == "Closed"):
		return note.status
	note.status = "Closed" if closing else ""
	if not closing:
		note.set_status()
	note.db_set("status", note.status, update_modified=True)
	note.notify_update()
	return note.status


@frappe.whitelist()
def make_sales_invoice(source_name: str, target_doc: str | None = None):
	note = frappe.get_doc("Delivery Note", source_name)
	ensure_permitted("Delivery Note", "read", note)
	ensure_submitted(note, _("bill it"))
	ensure_open(note, _("bill it"))
	if note.is_return:
		frappe.throw(
			_("Bill the original delivery, not its return"), DocumentStateError, title=_("Not Allowed")
		)

	return map_document(
		"Delivery Note",
		source_name,
		"Sales Invoice",
		unbilled_lines_map(
			note,
			"dn_detail",
			{"parent": "delivery_note", "against_sales_order": "sales_order", "so_detail": "so_detail"},
			["billed_amt", "returned_qty"],
		),
		target_doc,
		header_no_map=("status", "is_return"),
	)


@frappe.whitelist()
def make_sales_return(source_name: str, target_doc: str | None = None):
	note = frappe.get_doc("Delivery Note", source_name)
	ensure_permitted("Delivery Note", "read", note)
	ensure_submitted(note, _("return it"))
	if note.is_return:
		frappe.throw(_("A return cannot be returned"), DocumentStateError, title=_("Not Allowed"))

	def returnable(row) -> float:
		return flt(row.qty) - flt(row.returned_qty)

	def update_item(source, target, _source_parent):
		target.qty = -flt(returnable(source), QTY_PRECISION)

	def set_return(_source, target):
		target.is_return = 1
		target.return_against = source_name
		target.naming_series = "MAT-DN-RET-.YYYY.-"

	return map_document(
		"Delivery Note",
		source_name,
		"Delivery Note",
		{
			"field_map": {"name": "dn_detail"},
			"field_no_map": ["billed_amt", "returned_qty"],
			"postprocess": update_item,
			"condition": lambda row: returnable(row) > 0,
		},
		target_doc,
		set_return,
		header_no_map=("status", "per_billed", "per_returned"),
		with_sales_team=False,
	)


def get_list_context(context=None):
	return portal.get_list_context("Delivery Note", context)


def on_doctype_update():
	add_report_indexes("Delivery Note")
