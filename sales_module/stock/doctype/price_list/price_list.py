# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from sales_module.exceptions import ConfigurationError


class PriceList(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		buying: DF.Check
		currency: DF.Link
		enabled: DF.Check
		price_list_name: DF.Data
		selling: DF.Check

	# end: auto-generated types
	def validate(self):
		self.validate_applicability()
		self.validate_not_default_when_disabled()

	def on_update(self):
		# Item Price copies the list's currency and flags; keep the copies true
		frappe.db.set_value(
			"Item Price",
			{"price_list": self.name},
			{"currency": self.currency, "selling": self.selling},
			update_modified=False,
		)

	def validate_applicability(self):
		if not (self.selling or self.buying):
			frappe.throw(
				_("A Price List must be for Selling, Buying or both"),
				ConfigurationError,
				title=_("Price List"),
			)

	def validate_not_default_when_disabled(self):
		if self.enabled and self.selling:
			return
		if frappe.db.get_single_value("Selling Settings", "selling_price_list") == self.name:
			frappe.throw(
				_(
					"{0} is the default selling price list in Selling Settings and must stay enabled for selling"
				).format(frappe.bold(self.name)),
				ConfigurationError,
				title=_("Default Price List"),
			)

	def on_trash(self):
		if frappe.db.get_single_value("Selling Settings", "selling_price_list") == self.name:
			frappe.throw(
				_("{0} is the default selling price list in Selling Settings and cannot be deleted").format(
					frappe.bold(self.name)
				),
				frappe.LinkExistsError,
			)
		frappe.db.delete("Item Price", {"price_list": self.name})
