# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.tests.utils import FrappeTestCase

from sales_module.tests.utils import TreeBehaviour


class TestCustomerGroup(TreeBehaviour, FrappeTestCase):
	doctype = "Customer Group"

	def test_name_may_not_be_a_customer(self):
		import frappe

		from sales_module.tests.utils import make_customer, make_tree_node

		make_customer("_Test Clashing Name")
		with self.assertRaises(frappe.NameError):
			make_tree_node("Customer Group", "_Test Clashing Name")
