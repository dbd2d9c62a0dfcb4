# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestUOM(FrappeTestCase):
	def test_default_units_exist_with_their_whole_number_rule(self):
		self.assertEqual(frappe.db.get_value("UOM", "Nos", "must_be_whole_number"), 1)
		self.assertEqual(frappe.db.get_value("UOM", "Kg", "must_be_whole_number"), 0)

	def test_names_are_unique(self):
		with self.assertRaises(frappe.DuplicateEntryError):
			frappe.get_doc({"doctype": "UOM", "uom_name": "Nos"}).insert()
