# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, get_datetime, now_datetime, nowtime

from sales_module.controllers.document_io import LeanDocumentIO
from sales_module.exceptions import (
	InactiveRecordError,
	InvalidDatesError,
	InvalidQuantityError,
	InvalidStockMovementError,
	InvalidUOMError,
)
from sales_module.stock.utils import (
	QTY_PRECISION,
	cancel_sl_entries,
	delete_cancelled_sl_entries,
	make_sl_entries,
	validate_stock_warehouse,
)
from sales_module.utils.transactions import ChangedChildRowsOnly, RetryOnLockConflict

PURPOSES = ("Material Receipt", "Material Issue", "Material Transfer")
NEEDS_SOURCE = ("Material Issue", "Material Transfer")
NEEDS_TARGET = ("Material Receipt", "Material Transfer")


class StockEntry(RetryOnLockConflict, ChangedChildRowsOnly, LeanDocumentIO, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.stock.doctype.stock_entry_detail.stock_entry_detail import StockEntryDetail

		amended_from: DF.Link | None
		from_warehouse: DF.Link | None
		items: DF.Table[StockEntryDetail]
		naming_series: DF.Literal["MAT-STE-.YYYY.-"]
		posting_date: DF.Date
		posting_time: DF.Time
		purpose: DF.Literal["Material Receipt", "Material Issue", "Material Transfer"]
		remarks: DF.Text | None
		stock_entry_type: DF.Literal["Material Receipt", "Material Issue", "Material Transfer"]
		to_warehouse: DF.Link | None
		total_amount: DF.Currency

	# end: auto-generated types
	def validate(self):
		self.set_purpose()
		self.validate_posting_time()
		self.set_row_warehouses()
		self.set_item_details()
		self.validate_quantities()
		self.validate_warehouses()
		self.set_amounts()

	def on_submit(self):
		make_sl_entries(self.get_sl_entries())

	def on_cancel(self):
		# the ledger entries stay linked to the voucher, marked as cancelled
		self.ignore_linked_doctypes = ("Stock Ledger Entry",)
		cancel_sl_entries(self.doctype, self.name)

	def on_trash(self):
		delete_cancelled_sl_entries(self.doctype, self.name)

	def set_purpose(self):
		"""`stock_entry_type` is the field users pick and wins; `purpose` mirrors it (ERPNext clients send
		either)."""
		self.stock_entry_type = self.stock_entry_type or self.purpose
		if self.stock_entry_type not in PURPOSES:
			frappe.throw(
				_("Stock Entry Type must be one of {0}").format(
					", ".join(_(purpose) for purpose in PURPOSES)
				),
				frappe.MandatoryError,
				title=_("Stock Entry Type"),
			)
		self.purpose = self.stock_entry_type

	def validate_posting_time(self):
		self.posting_time = self.posting_time or nowtime()
		# without a posting date (a client may send null) Frappe's mandatory check refuses the entry
		if self.posting_date and get_datetime(f"{self.posting_date} {self.posting_time}") > now_datetime():
			frappe.throw(
				_("Stock cannot be posted in the future"), InvalidDatesError, title=_("Posting Date")
			)

	def set_row_warehouses(self):
		"""Rows without warehouses take the defaults; a warehouse the purpose does not use is cleared."""
		uses_source, uses_target = self.purpose in NEEDS_SOURCE, self.purpose in NEEDS_TARGET
		for row in self.items:
			row.s_warehouse = (row.s_warehouse or self.from_warehouse) if uses_source else None
			row.t_warehouse = (row.t_warehouse or self.to_warehouse) if uses_target else None

	def set_item_details(self):
		"""Name, stock unit and conversion factor come from the item; the row's unit must be one of its units."""
		for row in self.items:
			item = get_stock_item(row)
			row.item_name, row.stock_uom = item.item_name, item.stock_uom
			row.uom = row.uom or item.stock_uom
			row.conversion_factor = item.get_conversion_factor(row.uom)
			if not row.conversion_factor:
				frappe.throw(
					_("Row {0}: UOM {1} is not one of the units of Item {2}").format(
						row.idx, frappe.bold(row.uom), frappe.bold(row.item_code)
					),
					InvalidUOMError,
					title=_("Invalid UOM"),
				)

	def validate_quantities(self):
		for row in self.items:
			if flt(row.qty) <= 0:
				frappe.throw(
					_("Row {0}: Qty must be greater than zero").format(row.idx),
					InvalidQuantityError,
					title=_("Invalid Quantity"),
				)
			if flt(row.qty) != cint(row.qty) and frappe.get_cached_value(
				"UOM", row.uom, "must_be_whole_number"
			):
				frappe.throw(
					_("Row {0}: Qty in {1} must be a whole number").format(row.idx, frappe.bold(row.uom)),
					InvalidQuantityError,
					title=_("Invalid Quantity"),
				)
			row.transfer_qty = flt(flt(row.qty) * flt(row.conversion_factor), QTY_PRECISION)

	def validate_warehouses(self):
		for row in self.items:
			row_label = _("Row {0}:").format(row.idx) + " "
			if self.purpose in NEEDS_SOURCE and not row.s_warehouse:
				frappe.throw(row_label + _("Source Warehouse is required"), frappe.MandatoryError)
			if self.purpose in NEEDS_TARGET and not row.t_warehouse:
				frappe.throw(row_label + _("Target Warehouse is required"), frappe.MandatoryError)
			for warehouse in filter(None, (row.s_warehouse, row.t_warehouse)):
				validate_stock_warehouse(warehouse, row_label)
			if row.s_warehouse and row.s_warehouse == row.t_warehouse:
				frappe.throw(
					row_label + _("Source and Target Warehouse cannot be the same"),
					InvalidStockMovementError,
					title=_("Same Warehouse"),
				)

	def set_amounts(self):
		for row in self.items:
			row.basic_amount = flt(flt(row.transfer_qty) * flt(row.basic_rate), row.precision("basic_amount"))
		self.total_amount = flt(
			sum(flt(row.basic_amount) for row in self.items), self.precision("total_amount")
		)

	def get_sl_entries(self) -> list[dict]:
		"""One ledger entry per warehouse of each row: out of the source, into the target."""
		entries = []
		for row in self.items:
			for warehouse, sign in ((row.s_warehouse, -1), (row.t_warehouse, 1)):
				if warehouse:
					entries.append(
						{
							"item_code": row.item_code,
							"warehouse": warehouse,
							"actual_qty": sign * flt(row.transfer_qty),
							"voucher_type": self.doctype,
							"voucher_no": self.name,
							"voucher_detail_no": row.name,
							"posting_date": self.posting_date,
							"posting_time": self.posting_time,
						}
					)
		return entries


def get_stock_item(row):
	"""The row's Item, which must be an enabled stock item."""
	if not (row.item_code and frappe.db.exists("Item", row.item_code)):
		frappe.throw(
			_("Row {0}: Item {1} not found").format(row.idx, frappe.bold(row.item_code)),
			frappe.LinkValidationError,
		)
	item = frappe.get_cached_doc("Item", row.item_code)
	if not item.is_stock_item:
		frappe.throw(
			_("Row {0}: Item {1} is not a stock item").format(row.idx, frappe.bold(row.item_code)),
			InvalidStockMovementError,
			title=_("Not a Stock Item"),
		)
	if item.disabled:
		frappe.throw(
			_("Row {0}: Item {1} is disabled").format(row.idx, frappe.bold(row.item_code)),
			InactiveRecordError,
			title=_("Disabled Item"),
		)
	return item
