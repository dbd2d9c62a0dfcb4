# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import ConfigurationError
from sales_module.tests.utils import make_item


def make_price_list(name: str, **fields):
	return frappe.get_doc(
		{"doctype": "Price List", "price_list_name": name, "currency": "USD", "selling": 1, **fields}
	).insert()


class TestPriceList(FrappeTestCase):
	def test_must_be_for_selling_or_buying(self):
		with self.assertRaises(ConfigurationError):
			make_price_list("_Test Nowhere List", selling=0, buying=0)

	def test_currency_change_reaches_item_prices(self):
		price_list = make_price_list("_Test Currency List")
		make_item("_Test Item Currency")
		price = frappe.get_doc(
			{
				"doctype": "Item Price",
				"item_code": "_Test Item Currency",
				"price_list": price_list.name,
				"price_list_rate": 5,
			}
		).insert()
		price_list.currency = "EUR"
		price_list.save()
		self.assertEqual(frappe.db.get_value("Item Price", price.name, "currency"), "EUR")

	def test_default_list_stays_enabled(self):
		default = frappe.get_doc(
			"Price List", frappe.db.get_single_value("Selling Settings", "selling_price_list")
		)
		default.enabled = 0
		with self.assertRaises(ConfigurationError):
			default.save()
