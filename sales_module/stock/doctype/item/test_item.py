# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import DuplicateError, InvalidUOMError, InvalidValueError
from sales_module.tests.utils import make_item


class TestItem(FrappeTestCase):
	def test_stock_uom_is_added_with_factor_one(self):
		item = make_item("_Test Item UOM", stock_uom="Nos", uoms=[{"uom": "Box", "conversion_factor": 12}])
		factors = {row.uom: row.conversion_factor for row in item.uoms}
		self.assertEqual(factors, {"Box": 12, "Nos": 1})
		self.assertEqual(item.item_name, "_Test Item UOM")
		self.assertEqual(item.get_conversion_factor("Box"), 12)
		self.assertIsNone(item.get_conversion_factor("Kg"))

	def test_bad_conversions_are_refused(self):
		for uoms, exception in (
			([{"uom": "Box", "conversion_factor": 0}], InvalidUOMError),
			(
				[{"uom": "Box", "conversion_factor": 12}, {"uom": "Box", "conversion_factor": 6}],
				DuplicateError,
			),
			([{"uom": "Nos", "conversion_factor": 2}], InvalidUOMError),
		):
			with self.assertRaises(exception):
				make_item("_Test Item Bad UOM", stock_uom="Nos", uoms=uoms)
			self.assertFalse(frappe.db.exists("Item", "_Test Item Bad UOM"))

	def test_standard_rate_creates_a_price_in_the_default_list(self):
		item = make_item("_Test Item Standard Rate", standard_rate=250)
		prices = frappe.get_all(
			"Item Price",
			filters={"item_code": item.name},
			fields=["price_list", "price_list_rate", "uom"],
		)
		self.assertEqual(len(prices), 1)
		self.assertEqual(
			prices[0].price_list, frappe.db.get_single_value("Selling Settings", "selling_price_list")
		)
		self.assertEqual(prices[0].price_list_rate, 250)
		self.assertEqual(prices[0].uom, item.stock_uom)

	def test_barcodes_are_unique_across_items(self):
		make_item("_Test Item Barcode A", barcodes=[{"barcode": "4600000000017"}])
		with self.assertRaises(frappe.UniqueValidationError):
			make_item("_Test Item Barcode B", barcodes=[{"barcode": "4600000000017"}])

	def test_weight_needs_a_unit_and_discount_is_a_percentage(self):
		with self.assertRaises(frappe.MandatoryError):
			make_item("_Test Item Weight", weight_per_unit=2)
		with self.assertRaises(InvalidValueError):
			make_item("_Test Item Discount", max_discount=150)
