# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import flt

from sales_module.engine.quantities import QTY_PRECISION


class Bin(Document):
	"""Stock of one item in one warehouse, kept by sales_module.stock.utils; never edited by hand."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		actual_qty: DF.Float
		item_code: DF.Link
		projected_qty: DF.Float
		reserved_qty: DF.Float
		stock_uom: DF.Link | None
		warehouse: DF.Link

	# end: auto-generated types
	def validate(self):
		self.set_stock_uom()
		self.set_projected_qty()

	def set_stock_uom(self):
		self.stock_uom = frappe.get_cached_value("Item", self.item_code, "stock_uom")

	def set_projected_qty(self):
		self.projected_qty = flt(flt(self.actual_qty) - flt(self.reserved_qty), QTY_PRECISION)


def on_doctype_update():
	frappe.db.add_unique("Bin", ["item_code", "warehouse"], constraint_name="unique_item_warehouse")
