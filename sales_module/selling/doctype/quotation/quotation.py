# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import json

import frappe
from frappe import _
from frappe.utils import add_days, flt, nowdate

from sales_module.controllers import portal
from sales_module.controllers.locking import lock_rows
from sales_module.controllers.mapper import ensure_submitted, map_document
from sales_module.controllers.selling_controller import SellingController
from sales_module.controllers.statuses import quotation_expired, quotation_partly_ordered
from sales_module.engine.quantities import QTY_PRECISION
from sales_module.exceptions import DocumentStateError, InvalidReferenceError, QuotationAlreadyAcceptedError
from sales_module.utils.permissions import ensure_permitted
from sales_module.utils.transactions import reads_latest_commits
from sales_module.utils.validation import validate_date_order


class Quotation(SellingController):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.payment_schedule.payment_schedule import PaymentSchedule
		from sales_module.accounts.doctype.sales_taxes_and_charges.sales_taxes_and_charges import (
			SalesTaxesandCharges,
		)
		from sales_module.selling.doctype.quotation_item.quotation_item import QuotationItem
		from sales_module.selling.doctype.sales_team.sales_team import SalesTeam
		from sales_module.setup.doctype.quotation_lost_reason_detail.quotation_lost_reason_detail import (
			QuotationLostReasonDetail,
		)
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
		customer: DF.Link | None
		customer_address: DF.Link | None
		customer_group: DF.Link | None
		customer_name: DF.Data | None
		disable_rounded_total: DF.Check
		discount_amount: DF.Currency
		grand_total: DF.Currency
		ignore_pricing_rule: DF.Check
		in_words: DF.Data | None
		items: DF.Table[QuotationItem]
		lost_reasons: DF.TableMultiSelect[QuotationLostReasonDetail]
		naming_series: DF.Literal["SAL-QTN-.YYYY.-"]
		net_total: DF.Currency
		order_lost_reason: DF.SmallText | None
		order_type: DF.Literal["Sales", "Maintenance", "Shopping Cart"]
		packed_items: DF.Table[PackedItem]
		party_name: DF.DynamicLink
		payment_schedule: DF.Table[PaymentSchedule]
		payment_terms_template: DF.Link | None
		plc_conversion_rate: DF.Float
		price_list_currency: DF.Link | None
		quotation_to: DF.Link
		rounded_total: DF.Currency
		rounding_adjustment: DF.Currency
		sales_partner: DF.Link | None
		sales_team: DF.Table[SalesTeam]
		selling_price_list: DF.Link | None
		shipping_address: DF.Text | None
		shipping_address_name: DF.Link | None
		shipping_rule: DF.Link | None
		status: DF.Literal[
			"Draft", "Open", "Replied", "Partially Ordered", "Ordered", "Lost", "Cancelled", "Expired"
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
		valid_till: DF.Date | None
	# end: auto-generated types
	date_field = "transaction_date"

	def validate(self):
		self.set_customer_from_party()
		validate_date_order(self, "transaction_date", "valid_till")
		super().validate()

	def set_customer_from_party(self):
		if self.quotation_to != "Customer":
			frappe.throw(
				_("Quotations can be made for Customers only"), InvalidReferenceError, title=_("Quotation To")
			)
		self.customer = self.party_name

	def on_submit(self):
		self.set_status(update=True)

	def on_cancel(self):
		self.set_status(update=True)

	@frappe.whitelist()
	def declare_enquiry_lost(self, lost_reasons_list: list | str, detailed_reason: str | None = None):
		ensure_permitted("Quotation", "write", self.name)
		if self.docstatus != 1:
			frappe.throw(_("Only a submitted quotation can be lost"), DocumentStateError, title=_("Lost"))
		if quotation_partly_ordered(self):
			frappe.throw(
				_("Quotation {0} is already (partly) ordered and cannot be lost").format(self.name),
				DocumentStateError,
			)
		if isinstance(lost_reasons_list, str):
			lost_reasons_list = json.loads(lost_reasons_list)
		reasons = [
			row.get("lost_reason") if isinstance(row, dict) else row for row in lost_reasons_list or []
		]
		if not reasons:
			frappe.throw(_("Give at least one lost reason"), frappe.MandatoryError)
		for reason in reasons:
			if not frappe.db.exists("Quotation Lost Reason", reason):
				frappe.throw(
					_("Lost reason {0} does not exist").format(frappe.bold(reason)),
					frappe.LinkValidationError,
				)
		self.set("lost_reasons", [{"lost_reason": reason} for reason in reasons])
		self.order_lost_reason = detailed_reason
		self.status = "Lost"
		self.flags.ignore_validate_update_after_submit = True
		self.save()


@frappe.whitelist()
def make_sales_order(source_name: str, target_doc: str | None = None):
	return map_sales_order(source_name, target_doc)


def map_sales_order(source_name: str, target_doc=None):
	"""The mapper: `target_doc` as a JSON string (from the form) or a Document (the portal's acceptance)."""
	quotation = frappe.get_doc("Quotation", source_name)
	ensure_permitted("Quotation", "read", quotation)
	ensure_submitted(quotation, _("make a Sales Order"))
	if quotation.status == "Lost":
		frappe.throw(
			_("Quotation {0} is lost").format(source_name), DocumentStateError, title=_("Not Allowed")
		)
	if quotation_expired(quotation):
		frappe.throw(
			_("Quotation {0} expired on {1}").format(
				source_name, frappe.format(quotation.valid_till, "Date")
			),
			DocumentStateError,
			title=_("Expired Quotation"),
		)

	def remaining_stock_qty(row) -> float:
		return flt(row.stock_qty) - flt(row.ordered_qty)

	def update_item(source, target, _source_parent):
		target.qty = flt(remaining_stock_qty(source) / (flt(source.conversion_factor) or 1), QTY_PRECISION)

	def set_delivery_date(_source, target):
		target.delivery_date = target.delivery_date or quotation.valid_till

	return map_document(
		"Quotation",
		source_name,
		"Sales Order",
		{
			"field_map": {"parent": "prevdoc_docname", "name": "quotation_item"},
			"postprocess": update_item,
			"condition": lambda row: remaining_stock_qty(row) > 0 and not row.is_free_item,
			"field_no_map": ["ordered_qty"],
		},
		target_doc,
		set_delivery_date,
	)


# the delivery date of an order a customer accepts on the portal, in days from today; the sales team
# sets the real one before submitting the draft
PORTAL_DELIVERY_LEAD_DAYS = 7
ACCEPTABLE_STATUSES = ("Open", "Replied", "Partially Ordered")


@frappe.whitelist()
def accept_quotation(quotation: str) -> str:
	"""The customer accepts their quotation on the portal: a draft Sales Order for the sales team, made by
	the quotation's mapper; the quotation itself is not changed. Returns the order's name."""
	if not frappe.db.exists("Quotation", quotation):
		raise frappe.PermissionError(_("Not permitted"))
	lock_rows("Quotation", [quotation])
	doc = frappe.get_doc("Quotation", quotation)
	if not frappe.has_website_permission(doc):
		raise frappe.PermissionError(_("Not permitted"))
	if not portal.is_portal_user():
		# a desk user accepts for the customer only where they could make the order themselves
		ensure_permitted("Sales Order", "create")
	ensure_acceptable(doc)
	if waiting := draft_orders_from(doc.name):
		frappe.throw(
			_("Quotation {0} is already accepted: order {1} waits for our sales team").format(
				doc.name, waiting[0]
			),
			QuotationAlreadyAcceptedError,
			title=_("Already Accepted"),
		)

	target = frappe.new_doc("Sales Order")
	# the portal user may not create orders: the mapper makes this one for them
	target.flags.ignore_permissions = True
	target.transaction_date = nowdate()
	target.delivery_date = add_days(nowdate(), PORTAL_DELIVERY_LEAD_DAYS)
	order = map_sales_order(doc.name, target)
	order.transaction_date = nowdate()
	order.insert(ignore_permissions=True)
	order.add_comment(
		"Comment",
		_("{0} accepted Quotation {1} on the customer portal; this draft order waits for review").format(
			frappe.session.user, doc.name
		),
	)
	return order.name


def ensure_acceptable(doc):
	ensure_submitted(doc, _("accept it"))
	if quotation_expired(doc) or doc.status not in ACCEPTABLE_STATUSES:
		status = _("Expired") if quotation_expired(doc) else _(doc.status)
		frappe.throw(
			_("Quotation {0} is {1} and can no longer be accepted").format(doc.name, status),
			DocumentStateError,
			title=_("Not Allowed"),
		)


def draft_orders_from(quotation: str) -> list[str]:
	order = frappe.qb.DocType("Sales Order")
	line = frappe.qb.DocType("Sales Order Item")
	return (
		frappe.qb.from_(line)
		.join(order)
		.on(order.name == line.parent)
		.select(order.name)
		.distinct()
		.where(
			(line.prevdoc_docname == quotation) & (line.parenttype == "Sales Order") & (order.docstatus == 0)
		)
		.orderby(order.name)
		.run(pluck=True)
	)


def can_accept(doc) -> bool:
	"""Whether the portal shows the Accept action on this quotation."""
	return (
		doc.docstatus == 1
		and doc.status in ACCEPTABLE_STATUSES
		and not quotation_expired(doc)
		and not draft_orders_from(doc.name)
	)


def get_list_context(context=None):
	return portal.get_list_context("Quotation", context)


@frappe.whitelist()
def make_sales_invoice(source_name: str, target_doc: str | None = None):
	quotation = frappe.get_doc("Quotation", source_name)
	ensure_permitted("Quotation", "read", quotation)
	ensure_submitted(quotation, _("make a Sales Invoice"))
	return map_document(
		"Quotation",
		source_name,
		"Sales Invoice",
		{"condition": lambda row: not row.is_free_item, "field_no_map": ["ordered_qty"]},
		target_doc,
		with_sales_team=False,
	)


def set_expired_status():
	"""Daily: submitted quotations past their validity without an order become Expired.

	Each is locked and read again before its status is written, as an order submitted meanwhile (mapped
	before the quotation expired) locks it to count its ordered quantities: that status is never
	overwritten by one read before it. Locked in name order, one at a time."""
	table = frappe.qb.DocType("Quotation")
	names = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(
			(table.docstatus == 1)
			& table.status.isin(["Open", "Replied"])
			& table.valid_till.isnotnull()
			& (table.valid_till < nowdate())
		)
		.orderby(table.name)
		.run(pluck=True)
	)
	for name in names:
		lock_rows("Quotation", [name])
		frappe.get_doc("Quotation", name, for_update=not reads_latest_commits()).set_status(update=True)


def set_replied_status(communication, method=None):
	"""Communication hook: an email sent from an open quotation marks it Replied."""
	if communication.reference_doctype != "Quotation" or communication.sent_or_received != "Sent":
		return
	if communication.communication_type != "Communication":
		return
	quotation = frappe.get_doc("Quotation", communication.reference_name)
	if quotation.docstatus == 1 and quotation.status == "Open":
		quotation.db_set("status", "Replied", update_modified=False)
