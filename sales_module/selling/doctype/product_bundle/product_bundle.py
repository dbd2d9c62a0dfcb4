# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from sales_module.exceptions import ConfigurationError, DuplicateError, InvalidQuantityError
from sales_module.utils.cache import reference_data_changed


class ProductBundle(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.selling.doctype.product_bundle_item.product_bundle_item import (
			ProductBundleItem,
		)

		description: DF.Data | None
		disabled: DF.Check
		items: DF.Table[ProductBundleItem]
		new_item_code: DF.Link

	# end: auto-generated types
	def validate(self):
		self.validate_parent_item()
		self.validate_components()

	def on_update(self):
		reference_data_changed()

	def on_trash(self):
		reference_data_changed()

	def validate_parent_item(self):
		if frappe.db.get_value("Item", self.new_item_code, "is_stock_item"):
			frappe.throw(
				_("Parent Item {0} must not maintain stock: its components are what is stocked").format(
					frappe.bold(self.new_item_code)
				),
				ConfigurationError,
				title=_("Product Bundle"),
			)

	def validate_components(self):
		seen = set()
		nested = set(
			frappe.get_all(
				"Product Bundle",
				filters={"name": ("in", [row.item_code for row in self.items])},
				pluck="name",
			)
		)
		for row in self.items:
			if row.item_code == self.new_item_code:
				frappe.throw(_("Row {0}: a bundle cannot contain itself").format(row.idx), ConfigurationError)
			if row.item_code in nested:
				frappe.throw(
					_("Row {0}: {1} is itself a bundle; bundles cannot be nested").format(
						row.idx, frappe.bold(row.item_code)
					),
					ConfigurationError,
				)
			if row.item_code in seen:
				frappe.throw(
					_("Row {0}: {1} is listed twice").format(row.idx, frappe.bold(row.item_code)),
					DuplicateError,
				)
			if flt(row.qty) <= 0:
				frappe.throw(
					_("Row {0}: quantity must be greater than zero").format(row.idx), InvalidQuantityError
				)
			seen.add(row.item_code)
