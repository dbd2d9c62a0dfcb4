# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from sales_module.exceptions import ConfigurationError, InvalidValueError, TreeNodeError


class TestSellingSettings(FrappeTestCase):
	def test_defaults_are_set_on_install(self):
		settings = frappe.get_single("Selling Settings")
		self.assertEqual(settings.selling_price_list, "Standard Selling")
		for fieldname in (
			"customer_group",
			"territory",
			"item_group",
			"default_warehouse",
			"default_currency",
		):
			self.assertTrue(settings.get(fieldname), fieldname)

	def test_group_warehouses_and_non_selling_lists_are_refused(self):
		settings = frappe.get_single("Selling Settings")
		settings.customer_group = "All Customer Groups"
		settings.territory = "All Territories"
		settings.save()  # group customer groups and territories are accepted, as by ERPNext
		self.assertEqual(frappe.db.get_single_value("Selling Settings", "territory"), "All Territories")
		group_warehouse = frappe.db.get_value("Warehouse", {"is_group": 1}, "name")
		self.assertTrue(group_warehouse)
		settings.default_warehouse = group_warehouse
		with self.assertRaises(TreeNodeError):
			settings.save()
		frappe.get_doc(
			{
				"doctype": "Price List",
				"price_list_name": "_Test Buying List",
				"currency": "USD",
				"selling": 0,
				"buying": 1,
			}
		).insert()
		settings.reload()
		settings.selling_price_list = "_Test Buying List"
		with self.assertRaises(ConfigurationError):
			settings.save()

	def test_negative_allowance_is_refused(self):
		settings = frappe.get_single("Selling Settings")
		settings.over_delivery_allowance = -5
		with self.assertRaises(InvalidValueError):
			settings.save()

	def test_naming_series_setting_shows_the_series_field(self):
		with change_settings("Selling Settings", {"cust_master_name": "Naming Series"}):
			frappe.clear_cache(doctype="Customer")
			field = frappe.get_meta("Customer").get_field("naming_series")
			self.assertEqual((field.hidden, field.reqd), (0, 1))
		frappe.get_single("Selling Settings").save()
		frappe.clear_cache(doctype="Customer")
		field = frappe.get_meta("Customer").get_field("naming_series")
		self.assertEqual((field.hidden, field.reqd), (1, 0))

	def test_company_details_for_prints(self):
		from sales_module.utils.printing import seller_details

		address = frappe.get_doc(
			{
				"doctype": "Address",
				"address_title": "_Test Head Office",
				"address_type": "Office",
				"address_line1": "Tverskaya 1",
				"city": "Moscow",
				"pincode": "125009",
				"country": "Russian Federation",
				"is_your_company_address": 1,
			}
		).insert()
		with change_settings(
			"Selling Settings",
			{
				"company_name": "Romashka",
				"legal_name": None,
				"company_address": address.name,
				"tax_id": "7701234567",
			},
		):
			settings = frappe.get_single("Selling Settings")
			# the chosen address is rendered by the Address Template for the prints
			self.assertIn("Tverskaya 1", settings.company_address_display)
			self.assertIn("125009", settings.company_address_display)
			seller = seller_details()
			self.assertEqual(seller.name, "Romashka")  # no legal name: the company name
			self.assertEqual(seller.tax_id, "7701234567")
			self.assertEqual(seller.address_lines[0], "Tverskaya 1")
			self.assertFalse(seller.has_bank_details)
		with change_settings(
			"Selling Settings",
			{
				"legal_name": "ООО «Ромашка»",
				"company_address": None,
				"company_address_display": "Moscow\nTverskaya 1",
			},
		):
			seller = seller_details()
			self.assertEqual(seller.name, "ООО «Ромашка»")
			# a typed address is kept as typed, line by line
			self.assertEqual(seller.address_lines, ["Moscow", "Tverskaya 1"])
