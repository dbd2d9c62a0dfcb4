# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import (
	InvalidDatesError,
	InvalidUOMError,
	InvalidValueError,
	ItemPriceDuplicateItem,
)
from sales_module.tests.utils import make_customer, make_item


def make_item_price(**fields):
	values = {
		"doctype": "Item Price",
		"item_code": "_Test Item For Price",
		"price_list": "Standard Selling",
		"price_list_rate": 100,
	}
	values.update(fields)
	return frappe.get_doc(values).insert()


class TestItemPrice(FrappeTestCase):
	def setUp(self):
		make_item("_Test Item For Price", uoms=[{"uom": "Box", "conversion_factor": 10}])
		frappe.db.delete("Item Price", {"item_code": "_Test Item For Price"})

	def test_duplicate_is_refused(self):
		make_item_price(valid_from="2026-01-01")
		with self.assertRaises(ItemPriceDuplicateItem):
			make_item_price(valid_from="2026-01-01", price_list_rate=90)
		self.assertEqual(frappe.db.count("Item Price", {"item_code": "_Test Item For Price"}), 1)

	def test_blank_start_dates_count_as_equal(self):
		make_item_price(valid_from=None)
		with self.assertRaises(ItemPriceDuplicateItem):
			make_item_price(valid_from=None)

	def test_other_unit_customer_or_date_is_not_a_duplicate(self):
		make_customer("_Test Price Customer")
		make_item_price(valid_from="2026-01-01")
		make_item_price(valid_from="2026-01-01", uom="Box", price_list_rate=950)
		make_item_price(valid_from="2026-01-01", customer="_Test Price Customer", price_list_rate=80)
		make_item_price(valid_from="2026-06-01", price_list_rate=110)
		self.assertEqual(frappe.db.count("Item Price", {"item_code": "_Test Item For Price"}), 4)

	def test_unit_must_belong_to_the_item(self):
		with self.assertRaises(InvalidUOMError):
			make_item_price(uom="Kg")
		self.assertEqual(make_item_price().uom, "Nos")

	def test_dates_must_be_in_order(self):
		with self.assertRaises(InvalidDatesError):
			make_item_price(valid_from="2026-05-01", valid_upto="2026-04-30")

	def test_currency_comes_from_the_price_list_and_rate_is_not_negative(self):
		price = make_item_price()
		self.assertEqual(price.currency, frappe.db.get_value("Price List", "Standard Selling", "currency"))
		with self.assertRaises(InvalidValueError):
			make_item_price(valid_from="2026-02-01", price_list_rate=-5)
