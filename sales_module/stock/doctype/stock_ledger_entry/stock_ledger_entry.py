# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class StockLedgerEntry(Document):
	"""One stock movement of a voucher, written by sales_module.stock.utils.make_sl_entries."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		actual_qty: DF.Float
		is_cancelled: DF.Check
		item_code: DF.Link
		posting_date: DF.Date
		posting_time: DF.Time
		qty_after_transaction: DF.Float
		stock_uom: DF.Link | None
		voucher_detail_no: DF.Data | None
		voucher_no: DF.DynamicLink
		voucher_type: DF.Link
		warehouse: DF.Link

	# end: auto-generated types
	def validate(self):
		self.set_stock_uom()

	def set_stock_uom(self):
		self.stock_uom = frappe.get_cached_value("Item", self.item_code, "stock_uom")


def on_doctype_update():
	frappe.db.add_index("Stock Ledger Entry", ["item_code", "warehouse"])
	frappe.db.add_index("Stock Ledger Entry", ["voucher_type", "voucher_no"])
