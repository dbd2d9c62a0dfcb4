# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidValueError
from sales_module.tests.utils import TreeBehaviour


class TestSalesPerson(TreeBehaviour, FrappeTestCase):
	doctype = "Sales Person"

	def test_commission_rate_is_a_percentage(self):

		from sales_module.tests.utils import make_tree_node

		person = make_tree_node("Sales Person", "_Test Sales Person Rate")
		person.commission_rate = 120
		with self.assertRaises(InvalidValueError):
			person.save()
