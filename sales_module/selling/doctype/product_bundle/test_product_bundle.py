# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import ConfigurationError, DuplicateError, InvalidQuantityError
from sales_module.selling.bundles import get_bundle_components
from sales_module.tests.utils import make_item


def make_bundle(parent: str, components: list[tuple[str, float]]):
	return frappe.get_doc(
		{
			"doctype": "Product Bundle",
			"new_item_code": parent,
			"items": [{"item_code": code, "qty": qty} for code, qty in components],
		}
	).insert()


class TestProductBundle(FrappeTestCase):
	def setUp(self):
		make_item("_Test Bundle Kit", is_stock_item=0)
		make_item("_Test Bundle Part A")
		make_item("_Test Bundle Part B")
		frappe.db.delete("Product Bundle", {"new_item_code": "_Test Bundle Kit"})

	def test_components_are_returned_in_order(self):
		make_bundle("_Test Bundle Kit", [("_Test Bundle Part A", 2), ("_Test Bundle Part B", 1)])
		components = get_bundle_components(["_Test Bundle Kit", "_Test Bundle Part A"])
		self.assertEqual(
			[(row.item_code, row.qty) for row in components["_Test Bundle Kit"]],
			[("_Test Bundle Part A", 2), ("_Test Bundle Part B", 1)],
		)
		self.assertNotIn("_Test Bundle Part A", components)

	def test_bad_bundles_are_refused(self):
		with self.assertRaises(ConfigurationError):
			make_bundle("_Test Bundle Part A", [("_Test Bundle Part B", 1)])
		with self.assertRaises(InvalidQuantityError):
			make_bundle("_Test Bundle Kit", [("_Test Bundle Part A", 0)])
		with self.assertRaises(DuplicateError):
			make_bundle("_Test Bundle Kit", [("_Test Bundle Part A", 1), ("_Test Bundle Part A", 2)])
		with self.assertRaises(ConfigurationError):
			make_bundle("_Test Bundle Kit", [("_Test Bundle Kit", 1)])
		self.assertFalse(frappe.db.exists("Product Bundle", "_Test Bundle Kit"))
