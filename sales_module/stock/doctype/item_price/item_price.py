# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Coalesce

from sales_module.exceptions import InactiveRecordError, InvalidUOMError, ItemPriceDuplicateItem
from sales_module.utils.validation import validate_date_order, validate_not_negative


class ItemPrice(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		currency: DF.Link | None
		customer: DF.Link | None
		item_code: DF.Link
		item_name: DF.Data | None
		note: DF.Text | None
		price_list: DF.Link
		price_list_rate: DF.Currency
		selling: DF.Check
		uom: DF.Link | None
		valid_from: DF.Date | None
		valid_upto: DF.Date | None

	# end: auto-generated types
	def validate(self):
		self.validate_item()
		self.validate_price_list()
		validate_not_negative(self, "price_list_rate")
		validate_date_order(self, "valid_from", "valid_upto")
		self.check_duplicate()

	def validate_item(self):
		item = frappe.db.get_value("Item", self.item_code, ["stock_uom", "disabled"], as_dict=True)
		if not item:
			frappe.throw(
				_("Item {0} not found").format(frappe.bold(self.item_code)), frappe.LinkValidationError
			)
		if not self.uom:
			self.uom = item.stock_uom
		if self.uom == item.stock_uom:
			return
		if not frappe.db.exists(
			"UOM Conversion Detail", {"parent": self.item_code, "parenttype": "Item", "uom": self.uom}
		):
			frappe.throw(
				_("UOM {0} is not one of the units of Item {1}; add it to the item's UOMs first").format(
					frappe.bold(self.uom), frappe.bold(self.item_code)
				),
				InvalidUOMError,
				title=_("Invalid UOM"),
			)

	def validate_price_list(self):
		price_list = frappe.db.get_value(
			"Price List", self.price_list, ["currency", "selling", "enabled"], as_dict=True
		)
		if not price_list:
			frappe.throw(
				_("Price List {0} not found").format(frappe.bold(self.price_list)), frappe.LinkValidationError
			)
		if not price_list.enabled:
			frappe.throw(
				_("Price List {0} is disabled").format(frappe.bold(self.price_list)),
				InactiveRecordError,
				title=_("Price List"),
			)
		self.currency = price_list.currency
		self.selling = price_list.selling

	def check_duplicate(self):
		"""One price per item, list, unit, customer and start date; blanks count as equal."""
		table = frappe.qb.DocType("Item Price")
		query = (
			frappe.qb.from_(table)
			.select(table.name)
			.where(
				(table.item_code == self.item_code)
				& (table.price_list == self.price_list)
				& (table.uom == self.uom)
				& (Coalesce(table.customer, "") == (self.customer or ""))
				& (table.name != (self.name or ""))
			)
		)
		if self.valid_from:
			query = query.where(table.valid_from == self.valid_from)
		else:
			query = query.where(table.valid_from.isnull())
		if duplicate := query.limit(1).run(pluck=True):
			frappe.throw(
				_(
					"Item Price {0} already sets a rate for Item {1} in Price List {2}, UOM {3}{4} from the same date. "
					"Edit that price or give this one another Valid From date."
				).format(
					frappe.bold(duplicate[0]),
					frappe.bold(self.item_code),
					frappe.bold(self.price_list),
					frappe.bold(self.uom),
					_(", customer {0}").format(frappe.bold(self.customer)) if self.customer else "",
				),
				ItemPriceDuplicateItem,
				title=_("Duplicate Item Price"),
			)


def on_doctype_update():
	frappe.db.add_index("Item Price", ["item_code", "price_list", "uom"])
