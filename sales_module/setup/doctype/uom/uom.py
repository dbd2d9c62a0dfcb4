# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_module.utils.cache import reference_data_changed


class UOM(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		enabled: DF.Check
		must_be_whole_number: DF.Check
		uom_name: DF.Data

	# end: auto-generated types
	def validate(self):
		self.uom_name = (self.uom_name or "").strip()

	def on_update(self):
		reference_data_changed()

	def on_trash(self):
		reference_data_changed()
