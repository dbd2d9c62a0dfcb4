# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import CommissionError, InvalidValueError
from sales_module.tests.utils import TreeBehaviour


class TestSalesPerson(TreeBehaviour, FrappeTestCase):
	doctype = "Sales Person"

	def test_commission_rate_is_a_percentage(self):

		from sales_module.tests.utils import make_tree_node

		person = make_tree_node("Sales Person", "_Test Sales Person Rate")
		person.commission_rate = 120
		with self.assertRaises(InvalidValueError):
			person.save()

	def test_commission_tiers_are_checked(self):
		from sales_module.tests.utils import make_tree_node, refused

		name = make_tree_node("Sales Person", "_Test Sales Person Tiers").name
		for tiers, message in (
			([{"from_amount": 5000, "commission_rate": 3}], "must start at 0"),
			(
				[{"from_amount": 0, "commission_rate": 2}, {"from_amount": 0, "commission_rate": 3}],
				"Two commission tiers start at 0",
			),
			([{"from_amount": 0, "commission_rate": -1}], "between 0 and 100"),
		):
			person = frappe.get_doc("Sales Person", name)
			person.set("commission_tiers", tiers)
			with refused(self, CommissionError, message):
				person.save()
		person = frappe.get_doc("Sales Person", name)
		person.set(
			"commission_tiers",
			[{"from_amount": 5000, "commission_rate": 3}, {"from_amount": 0, "commission_rate": 2}],
		)
		person.save()
		stored = frappe.get_all(
			"Commission Tier",
			filters={"parent": name, "parenttype": "Sales Person"},
			fields=["idx", "from_amount", "commission_rate"],
			order_by="idx",
			as_list=True,
		)
		self.assertEqual([tuple(row) for row in stored], [(1, 0, 2), (2, 5000, 3)])
