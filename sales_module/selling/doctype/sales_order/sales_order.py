# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from functools import lru_cache

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate

from sales_module.accounts.payments import new_receipt
from sales_module.controllers import portal
from sales_module.controllers.mapper import ensure_open, ensure_submitted, map_document, unbilled_lines_map
from sales_module.controllers.recompute import recompute
from sales_module.controllers.selling_controller import SellingController
from sales_module.controllers.statuses import fulfilment_status
from sales_module.engine.quantities import QTY_PRECISION
from sales_module.exceptions import DocumentStateError, DuplicatePurchaseOrderError, InvalidDatesError
from sales_module.selling.blanket_orders import validate_blanket_order_lines
from sales_module.selling.credit_limit import check_credit_limit
from sales_module.stock.reservation import stock_pairs, update_reserved_qty_for
from sales_module.utils.permissions import ensure_permitted
from sales_module.utils.report_indexes import add_report_indexes
from sales_module.utils.validation import validate_date_order


@lru_cache(maxsize=512)
def parse_day(value: str):
	return getdate(value)


def day(value):
	"""getdate, memoised: a 100-line order repeats the same few delivery dates."""
	return parse_day(str(value))


class SalesOrder(SellingController):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.payment_schedule.payment_schedule import PaymentSchedule
		from sales_module.accounts.doctype.sales_taxes_and_charges.sales_taxes_and_charges import (
			SalesTaxesandCharges,
		)
		from sales_module.selling.doctype.sales_order_item.sales_order_item import SalesOrderItem
		from sales_module.selling.doctype.sales_team.sales_team import SalesTeam
		from sales_module.stock.doctype.packed_item.packed_item import PackedItem

		additional_discount_percentage: DF.Float
		address_display: DF.Text | None
		advance_paid: DF.Currency
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
		billing_status: DF.Literal["Not Billed", "Fully Billed", "Partly Billed", "Closed"]
		bypass_credit_limit_check: DF.Check
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
		delivery_date: DF.Date | None
		delivery_status: DF.Literal[
			"Not Delivered", "Fully Delivered", "Partly Delivered", "Closed", "Not Applicable"
		]
		disable_rounded_total: DF.Check
		discount_amount: DF.Currency
		grand_total: DF.Currency
		ignore_pricing_rule: DF.Check
		in_words: DF.Data | None
		items: DF.Table[SalesOrderItem]
		naming_series: DF.Literal["SAL-ORD-.YYYY.-"]
		net_total: DF.Currency
		order_type: DF.Literal["Sales", "Maintenance", "Shopping Cart"]
		packed_items: DF.Table[PackedItem]
		payment_schedule: DF.Table[PaymentSchedule]
		payment_terms_template: DF.Link | None
		per_billed: DF.Percent
		per_delivered: DF.Percent
		plc_conversion_rate: DF.Float
		po_date: DF.Date | None
		po_no: DF.Data | None
		price_list_currency: DF.Link | None
		rounded_total: DF.Currency
		rounding_adjustment: DF.Currency
		sales_partner: DF.Link | None
		sales_team: DF.Table[SalesTeam]
		selling_price_list: DF.Link | None
		set_warehouse: DF.Link | None
		shipping_address: DF.Text | None
		shipping_address_name: DF.Link | None
		shipping_rule: DF.Link | None
		skip_delivery_note: DF.Check
		status: DF.Literal[
			"Draft",
			"On Hold",
			"To Deliver and Bill",
			"To Bill",
			"To Deliver",
			"Completed",
			"Cancelled",
			"Closed",
		]
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
		transaction_date: DF.Date
	# end: auto-generated types
	date_field = "transaction_date"

	def calculate(self):
		validate_blanket_order_lines(self)
		super().calculate()

	def validate(self):
		super().validate()
		self.set_delivery_dates()
		self.check_purchase_order_reuse()

	def before_update_after_submit(self):
		# the customer's purchase order may be entered on a submitted order
		self.check_purchase_order_reuse()

	def check_purchase_order_reuse(self):
		"""ERPNext's rule: a customer's purchase order is ordered once (drafts and submitted orders count,
		cancelled ones do not) unless Selling Settings allows several; orders without delivery are not
		checked."""
		if not self.po_no or not self.customer or self.skip_delivery_note:
			return
		other = frappe.db.get_value(
			"Sales Order",
			{
				"customer": self.customer,
				"po_no": self.po_no,
				"docstatus": ("<", 2),
				"name": ("!=", self.name or ""),
			},
			"name",
		)
		if not other:
			return
		if cint(frappe.db.get_single_value("Selling Settings", "allow_against_multiple_purchase_orders")):
			frappe.msgprint(
				_("Sales Order {0} was already made for the Customer's Purchase Order {1}").format(
					other, self.po_no
				),
				title=_("Warning"),
				indicator="orange",
				alert=True,
			)
			return
		frappe.throw(
			_(
				"Sales Order {0} was already made for the Customer's Purchase Order {1} of {2}. To take "
				"several orders against one purchase order, allow it in Selling Settings."
			).format(other, self.po_no, self.customer),
			DuplicatePurchaseOrderError,
			title=_("Purchase Order Already Ordered"),
		)

	def set_delivery_dates(self):
		# the header's date as sent, before the lines' latest date replaces it
		validate_date_order(self, "transaction_date", "delivery_date")
		for row in self.items:
			row.delivery_date = row.delivery_date or self.delivery_date
			if not row.delivery_date and not self.skip_delivery_note:
				frappe.throw(
					_("Row {0}: Delivery Date is required").format(row.idx),
					frappe.MandatoryError,
					title=_("Delivery Date"),
				)
			if row.delivery_date and day(row.delivery_date) < day(self.transaction_date):
				frappe.throw(
					_("Row {0}: Delivery Date {1} is before the order date {2}").format(
						row.idx,
						frappe.format(row.delivery_date, "Date"),
						frappe.format(self.transaction_date, "Date"),
					),
					InvalidDatesError,
					title=_("Delivery Date"),
				)
		dates = [day(row.delivery_date) for row in self.items if row.delivery_date]
		self.delivery_date = max(dates) if dates else self.delivery_date

	def shared_rows(self) -> dict[str, set[str]]:
		return {
			"Customer": {self.customer},
			"Coupon Code": {self.coupon_code},
			"Blanket Order": {row.blanket_order for row in self.items},
			"Quotation": {row.prevdoc_docname for row in self.items},
		}

	def bins_to_lock(self) -> set[tuple[str, str]]:
		return stock_pairs(self)

	def on_submit(self):
		check_credit_limit(self)
		self.set_status(update=True)
		self.update_linked_documents()

	def on_cancel(self):
		if self.status == "Closed":
			frappe.throw(
				_("A closed Sales Order cannot be cancelled; re-open it first"),
				DocumentStateError,
				title=_("Closed"),
			)
		self.set_status(update=True)
		self.update_linked_documents()

	def update_linked_documents(self):
		"""Everything derived from submitted orders is recomputed, so cancel restores what submit changed."""
		recompute("Coupon Code", [self.coupon_code])
		recompute("Blanket Order", {row.blanket_order for row in self.items})
		recompute("Quotation", {row.prevdoc_docname for row in self.items})
		self.update_reserved_qty()

	def update_reserved_qty(self):
		update_reserved_qty_for(self)

	@frappe.whitelist()
	def update_status(self, status: str):
		"""Hold / Resume and Close / Re-open a submitted order."""
		ensure_permitted("Sales Order", "write", self.name)
		if self.docstatus != 1:
			frappe.throw(_("Only a submitted Sales Order can change its status this way"), DocumentStateError)
		allowed = {
			"On Hold": ("To Deliver and Bill", "To Bill", "To Deliver"),
			"Closed": None,
			"Resume": ("On Hold",),
			"Re-open": ("Closed",),
		}
		if status not in allowed or (allowed[status] and self.status not in allowed[status]):
			frappe.throw(
				_("Cannot change status from {0} to {1}").format(_(self.status), _(status)),
				DocumentStateError,
				title=_("Status"),
			)
		if status in ("Resume", "Re-open"):
			self.db_set("status", "", update_modified=True)
			self.status = ""
			self.set_status(update=True)
		else:
			self.db_set("status", status, update_modified=True)
			self.status = status
		if status in ("Closed", "Re-open"):
			self.db_set("delivery_status", "Closed" if status == "Closed" else _delivery_status(self))
			self.db_set("billing_status", "Closed" if status == "Closed" else _billing_status(self))
			self.update_linked_documents()
		self.notify_update()
		return self.status


def _delivery_status(doc) -> str:
	return fulfilment_status(flt(doc.per_delivered), "Delivered")


def _billing_status(doc) -> str:
	return fulfilment_status(flt(doc.per_billed), "Billed")


@frappe.whitelist()
def get_delivery_history(sales_order: str) -> list[dict]:
	"""Per order line, every submitted delivery (or return), oldest first: Delivery Notes and invoices
	that updated stock (direct sales), with date, quantity and warehouse."""
	ensure_permitted("Sales Order", "read", sales_order)
	rows = deliveries_by("Delivery Note", "Delivery Note Item", "against_sales_order", sales_order)
	rows += deliveries_by("Sales Invoice", "Sales Invoice Item", "sales_order", sales_order)
	return sorted(rows, key=lambda row: (row.posting_date, str(row.posting_time or ""), row.voucher_no))


def deliveries_by(doctype: str, line_doctype: str, order_field: str, sales_order: str) -> list[dict]:
	line, voucher = frappe.qb.DocType(line_doctype), frappe.qb.DocType(doctype)
	query = (
		frappe.qb.from_(line)
		.join(voucher)
		.on(voucher.name == line.parent)
		.select(
			line.so_detail, line.item_code, line.item_name, line.qty, line.uom, line.warehouse,
			voucher.name.as_("voucher_no"), voucher.posting_date, voucher.posting_time, voucher.is_return,
		)
		.where((line[order_field] == sales_order) & (voucher.docstatus == 1))
	)  # fmt: skip
	if doctype == "Sales Invoice":
		query = query.where(voucher.update_stock == 1)
	rows = query.run(as_dict=True)
	for row in rows:
		row.voucher_type = doctype
		# the field ERPNext-style clients read for deliveries by note
		row.delivery_note = row.voucher_no if doctype == "Delivery Note" else None
	return rows


@frappe.whitelist()
def make_delivery_note(source_name: str, target_doc: str | None = None):
	order = frappe.get_doc("Sales Order", source_name)
	ensure_permitted("Sales Order", "read", order)
	ensure_submitted(order, _("deliver it"))
	ensure_open(order, _("deliver it"))

	def remaining(row) -> float:
		return flt(row.qty) - flt(row.delivered_qty)

	def update_item(source, target, _source_parent):
		target.qty = flt(remaining(source), QTY_PRECISION)

	return map_document(
		"Sales Order",
		source_name,
		"Delivery Note",
		{
			"field_map": {"parent": "against_sales_order", "name": "so_detail"},
			"field_no_map": ["returned_qty", "billed_amt", "delivered_qty"],
			"postprocess": update_item,
			"condition": lambda row: remaining(row) > 0,
		},
		target_doc,
	)


@frappe.whitelist()
def make_sales_invoice(source_name: str, target_doc: str | None = None):
	order = frappe.get_doc("Sales Order", source_name)
	ensure_permitted("Sales Order", "read", order)
	ensure_submitted(order, _("bill it"))
	ensure_open(order, _("bill it"))

	return map_document(
		"Sales Order",
		source_name,
		"Sales Invoice",
		unbilled_lines_map(
			order, "so_detail", {"parent": "sales_order"}, ["returned_qty", "billed_amt", "delivered_qty"]
		),
		target_doc,
	)


@frappe.whitelist()
def make_payment_entry(source_name: str):
	"""An advance receipt against the order's unpaid total."""
	order = frappe.get_doc("Sales Order", source_name)
	ensure_permitted("Sales Order", "read", order)
	ensure_submitted(order, _("receive an advance"))
	return new_receipt(order, order.payable_total() - flt(order.advance_paid))


def get_list_context(context=None):
	return portal.get_list_context("Sales Order", context)


def on_doctype_update():
	add_report_indexes("Sales Order")
