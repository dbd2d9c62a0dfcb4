# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from sales_module.exceptions import DuplicateError, InvalidUOMError
from sales_module.utils.cache import reference_data_changed
from sales_module.utils.validation import validate_not_negative, validate_percentage


class Item(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.stock.doctype.item_barcode.item_barcode import ItemBarcode
		from sales_module.stock.doctype.uom_conversion_detail.uom_conversion_detail import (
			UOMConversionDetail,
		)

		barcodes: DF.Table[ItemBarcode]
		brand: DF.Link | None
		description: DF.TextEditor | None
		disabled: DF.Check
		grant_commission: DF.Check
		image: DF.AttachImage | None
		is_sales_item: DF.Check
		is_stock_item: DF.Check
		item_code: DF.Data
		item_group: DF.Link
		item_name: DF.Data | None
		max_discount: DF.Percent
		standard_rate: DF.Currency
		stock_uom: DF.Link
		uoms: DF.Table[UOMConversionDetail]
		weight_per_unit: DF.Float
		weight_uom: DF.Link | None

	# end: auto-generated types
	def validate(self):
		self.set_defaults()
		self.validate_uoms()
		self.validate_barcodes()
		validate_percentage(self, "max_discount")
		validate_not_negative(self, "standard_rate")
		self.validate_weight()

	def validate_weight(self):
		validate_not_negative(self, "weight_per_unit")
		if flt(self.weight_per_unit) and not self.weight_uom:
			frappe.throw(_("Weight UOM is required when Weight Per Unit is set"), frappe.MandatoryError)

	def after_insert(self):
		self.create_standard_item_price()

	# documents keep item masters as reference data (sales_module/utils/items.py)
	def on_update(self):
		reference_data_changed()

	def on_trash(self):
		reference_data_changed()

	def after_rename(self, old_name: str, new_name: str, merge: bool = False):
		reference_data_changed()

	def set_defaults(self):
		self.item_code = (self.item_code or "").strip()
		if not self.item_name:
			self.item_name = self.item_code
		if not self.description:
			self.description = self.item_name
		if not self.item_group:
			self.item_group = frappe.db.get_single_value("Selling Settings", "item_group")

	def validate_uoms(self):
		seen = set()
		for row in self.uoms:
			if row.uom in seen:
				frappe.throw(
					_("Row {0}: UOM {1} is listed more than once").format(row.idx, frappe.bold(row.uom)),
					DuplicateError,
					title=_("Duplicate UOM"),
				)
			seen.add(row.uom)
			if flt(row.conversion_factor) <= 0:
				frappe.throw(
					_("Row {0}: Conversion Factor for {1} must be greater than zero").format(
						row.idx, frappe.bold(row.uom)
					),
					InvalidUOMError,
					title=_("Invalid Conversion Factor"),
				)
			if row.uom == self.stock_uom and flt(row.conversion_factor) != 1:
				frappe.throw(
					_("Row {0}: the default unit {1} must have Conversion Factor 1").format(
						row.idx, frappe.bold(row.uom)
					),
					InvalidUOMError,
					title=_("Invalid Conversion Factor"),
				)
		if self.stock_uom and self.stock_uom not in seen:
			self.append("uoms", {"uom": self.stock_uom, "conversion_factor": 1})

	def validate_barcodes(self):
		codes = [row.barcode.strip() for row in self.barcodes if row.barcode]
		duplicate = next((code for code in codes if codes.count(code) > 1), None)
		if duplicate:
			frappe.throw(
				_("Barcode {0} is listed more than once").format(frappe.bold(duplicate)), DuplicateError
			)
		table = frappe.qb.DocType("Item Barcode")
		taken = (
			frappe.qb.from_(table)
			.select(table.barcode, table.parent)
			.where(
				table.barcode.isin(codes or [""]) & (table.parent != self.name) & (table.parenttype == "Item")
			)
			.limit(1)
			.run()
		)
		if taken:
			frappe.throw(
				_("Barcode {0} already belongs to Item {1}").format(frappe.bold(taken[0][0]), taken[0][1]),
				frappe.UniqueValidationError,
			)

	def create_standard_item_price(self):
		price_list = frappe.db.get_single_value("Selling Settings", "selling_price_list")
		if not flt(self.standard_rate) or not price_list:
			return
		frappe.get_doc(
			{
				"doctype": "Item Price",
				"item_code": self.name,
				"uom": self.stock_uom,
				"price_list": price_list,
				"price_list_rate": self.standard_rate,
			}
		).insert(ignore_permissions=True)

	def get_conversion_factor(self, uom: str | None) -> float | None:
		if not uom or uom == self.stock_uom:
			return 1.0
		return next((flt(row.conversion_factor) for row in self.uoms if row.uom == uom), None)
