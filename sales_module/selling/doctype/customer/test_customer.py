# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from sales_module.exceptions import CommissionError, InvalidValueError, TreeNodeError
from sales_module.tests.utils import make_customer, make_tree_node


class TestCustomer(FrappeTestCase):
	def test_duplicate_names_get_a_numeric_suffix(self):
		first = make_customer("_Test Duplicate Co")
		second = make_customer("_Test Duplicate Co")
		third = make_customer("_Test  Duplicate   Co ")
		self.assertEqual(first.name, "_Test Duplicate Co")
		self.assertEqual(second.name, "_Test Duplicate Co - 1")
		self.assertEqual(third.name, "_Test Duplicate Co - 2")
		self.assertEqual(third.customer_name, "_Test Duplicate Co")

	@change_settings("Selling Settings", {"cust_master_name": "Naming Series"})
	def test_naming_series_when_settings_ask_for_it(self):
		customer = make_customer("_Test Series Customer", naming_series="CUST-.YYYY.-")
		self.assertTrue(customer.name.startswith("CUST-"), customer.name)
		self.assertEqual(customer.customer_name, "_Test Series Customer")

	def test_defaults_come_from_settings_and_customer_group(self):
		make_tree_node("Customer Group", "_Test Group With Defaults")
		frappe.db.set_value(
			"Customer Group", "_Test Group With Defaults", "default_price_list", "Standard Selling"
		)
		customer = make_customer("_Test Defaults", customer_group="_Test Group With Defaults")
		self.assertEqual(customer.territory, frappe.db.get_single_value("Selling Settings", "territory"))
		self.assertEqual(customer.default_price_list, "Standard Selling")
		plain = make_customer("_Test Plain Defaults")
		self.assertEqual(
			plain.customer_group, frappe.db.get_single_value("Selling Settings", "customer_group")
		)

	def test_group_customer_group_and_territory_are_accepted_as_in_erpnext(self):
		# the payload of most ERPNext clients: the roots of both trees
		customer = make_customer(
			"_Test Group Node", customer_group="All Customer Groups", territory="All Territories"
		)
		self.assertEqual(
			frappe.db.get_value("Customer", customer.name, ["customer_group", "territory"]),
			("All Customer Groups", "All Territories"),
		)

	def test_unknown_territory_is_refused(self):
		with self.assertRaises(frappe.LinkValidationError):
			make_customer("_Test Bad Territory", territory="_Test No Such Territory")

	def test_sales_team_must_add_up_to_100(self):
		make_tree_node("Sales Person", "_Test Seller A")
		make_tree_node("Sales Person", "_Test Seller B")
		team = [
			{"sales_person": "_Test Seller A", "allocated_percentage": 60},
			{"sales_person": "_Test Seller B", "allocated_percentage": 30},
		]
		with self.assertRaises(CommissionError):
			make_customer("_Test Team", sales_team=team)
		team[1]["allocated_percentage"] = 40
		self.assertEqual(len(make_customer("_Test Team", sales_team=team).sales_team), 2)

	def test_negative_credit_limit_is_refused(self):
		with self.assertRaises(InvalidValueError):
			make_customer("_Test Negative Credit", credit_limit=-1)

	def test_addresses_and_contacts_are_linked_and_shown(self):
		customer = make_customer("_Test Address Owner")
		address = frappe.get_doc(
			{
				"doctype": "Address",
				"address_title": customer.name,
				"address_line1": "1 Test Street",
				"city": "Moscow",
				"country": "Russian Federation",
				"links": [{"link_doctype": "Customer", "link_name": customer.name}],
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Ivan",
				"email_ids": [{"email_id": "ivan@example.com", "is_primary": 1}],
				"links": [{"link_doctype": "Customer", "link_name": customer.name}],
			}
		).insert()
		loaded = frappe.get_doc("Customer", customer.name)
		loaded.run_method("onload")
		onload = loaded.get("__onload")
		self.assertEqual([row.name for row in onload.addr_list], [address.name])
		self.assertEqual([row.first_name for row in onload.contact_list], ["Ivan"])
		loaded.customer_primary_address = address.name
		loaded.save()
		self.assertIn("1 Test Street", loaded.primary_address)
