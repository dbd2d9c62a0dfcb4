# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidValueError


def make_dunning_type(name: str = "_Test Reminder", **fields):
	if frappe.db.exists("Dunning Type", name):
		return frappe.get_doc("Dunning Type", name)
	values = {
		"doctype": "Dunning Type",
		"dunning_type": name,
		"dunning_fee": 10,
		"rate_of_interest": 36.5,
		"is_default": 1,
	}
	values.update(fields)
	return frappe.get_doc(values).insert()


class TestDunningType(FrappeTestCase):
	def test_one_default_and_no_negative_terms(self):
		first = make_dunning_type("_Test Gentle")
		make_dunning_type("_Test Firm")
		self.assertEqual(frappe.db.get_value("Dunning Type", first.name, "is_default"), 0)
		with self.assertRaises(InvalidValueError):
			make_dunning_type("_Test Negative", dunning_fee=-1)
