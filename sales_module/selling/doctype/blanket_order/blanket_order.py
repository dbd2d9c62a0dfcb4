# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, nowdate

from sales_module.controllers.document_io import LeanDocumentIO
from sales_module.controllers.mapper import ensure_submitted, map_document
from sales_module.exceptions import (
	DocumentStateError,
	DuplicateError,
	InvalidQuantityError,
	InvalidValueError,
)
from sales_module.utils.permissions import ensure_permitted
from sales_module.utils.transactions import ChangedChildRowsOnly, RetryOnLockConflict
from sales_module.utils.validation import validate_date_order


class BlanketOrder(RetryOnLockConflict, ChangedChildRowsOnly, LeanDocumentIO, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.selling.doctype.blanket_order_item.blanket_order_item import BlanketOrderItem

		amended_from: DF.Link | None
		blanket_order_type: DF.Literal["Selling"]
		customer: DF.Link
		customer_name: DF.Data | None
		from_date: DF.Date
		items: DF.Table[BlanketOrderItem]
		naming_series: DF.Literal["MFG-BLR-.YYYY.-"]
		order_date: DF.Date | None
		order_no: DF.Data | None
		status: DF.Literal["Draft", "Submitted", "Closed", "Expired", "Cancelled"]
		terms: DF.TextEditor | None
		to_date: DF.Date

	# end: auto-generated types
	def validate(self):
		validate_date_order(self, "from_date", "to_date")
		self.validate_items()
		self.status = "Draft"

	def validate_items(self):
		seen = set()
		for row in self.items:
			if row.item_code in seen:
				frappe.throw(
					_("Row {0}: Item {1} is listed twice").format(row.idx, frappe.bold(row.item_code)),
					DuplicateError,
				)
			seen.add(row.item_code)
			if flt(row.qty) <= 0:
				frappe.throw(
					_("Row {0}: quantity must be greater than zero").format(row.idx),
					InvalidQuantityError,
					title=_("Invalid Quantity"),
				)
			if flt(row.rate) < 0:
				frappe.throw(
					_("Row {0}: rate cannot be negative").format(row.idx),
					InvalidValueError,
					title=_("Invalid Rate"),
				)

	def on_submit(self):
		self.db_set("status", self.current_status(), update_modified=False)

	def on_cancel(self):
		self.db_set("status", "Cancelled", update_modified=False)

	def current_status(self) -> str:
		if self.docstatus == 2:
			return "Cancelled"
		if self.status == "Closed":
			return "Closed"
		return "Expired" if getdate(self.to_date) < getdate(nowdate()) else "Submitted"

	@frappe.whitelist()
	def update_status(self, status: str):
		ensure_permitted("Blanket Order", "write", self.name)
		if self.docstatus != 1 or status not in ("Closed", "Submitted"):
			frappe.throw(_("A submitted Blanket Order can be closed or re-opened only"), DocumentStateError)
		self.db_set("status", status if status == "Closed" else "", update_modified=True)
		self.status = status if status == "Closed" else ""
		self.db_set("status", self.current_status())
		return self.status


def _make_order(source_name: str, doctype: str, target_doc: str | None = None):
	blanket = frappe.get_doc("Blanket Order", source_name)
	ensure_permitted("Blanket Order", "read", blanket)
	ensure_submitted(blanket, _("order against it"))
	if blanket.current_status() != "Submitted":
		frappe.throw(
			_("Blanket Order {0} is {1}").format(source_name, _(blanket.current_status())),
			DocumentStateError,
			title=_("Not Allowed"),
		)

	def remaining(row) -> float:
		return flt(row.qty) - flt(row.ordered_qty)

	def update_item(source, target, _source_parent):
		target.qty = remaining(source)
		target.rate = target.blanket_order_rate = source.rate
		target.blanket_order = source_name

	def set_party(source, target):
		target.customer = source.customer
		if doctype == "Quotation":
			target.quotation_to, target.party_name = "Customer", source.customer

	return map_document(
		"Blanket Order",
		source_name,
		doctype,
		{
			"field_no_map": ["ordered_qty", "qty", "rate"],
			"postprocess": update_item,
			"condition": lambda row: remaining(row) > 0,
		},
		target_doc,
		set_party,
		header_no_map=("status", "naming_series", "terms"),
		with_sales_team=False,
	)


@frappe.whitelist()
def make_sales_order(source_name: str, target_doc: str | None = None):
	return _make_order(source_name, "Sales Order", target_doc)


@frappe.whitelist()
def make_quotation(source_name: str):
	return _make_order(source_name, "Quotation")


def set_expired_status():
	"""Daily: submitted blanket orders past their end date become Expired (closed ones stay Closed)."""
	table = frappe.qb.DocType("Blanket Order")
	(
		frappe.qb.update(table)
		.set(table.status, "Expired")
		.where((table.docstatus == 1) & (table.status == "Submitted") & (table.to_date < nowdate()))
		.run()
	)
