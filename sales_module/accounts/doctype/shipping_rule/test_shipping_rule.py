# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.engine import shipping_tax_row
from sales_module.exceptions import InvalidShippingRuleError


def make_rule(label: str, bands: list[tuple[float, float, float]], **fields):
	return frappe.get_doc(
		{
			"doctype": "Shipping Rule",
			"label": label,
			"calculate_based_on": "Net Total",
			"account": "Freight",
			"conditions": [
				{"from_value": low, "to_value": high, "shipping_amount": amount}
				for low, high, amount in bands
			],
			**fields,
		}
	).insert()


class TestShippingRule(FrappeTestCase):
	def test_bands_are_sorted_and_drive_the_tax_row(self):
		rule = make_rule("_Test Bands", [(1000, 0, 0), (0, 999.99, 50)], countries=[{"country": "India"}])
		self.assertEqual([band.from_value for band in rule.conditions], [0, 1000])
		row = shipping_tax_row(rule, base_net_total=500, country="India", conversion_rate=1, precision=2)
		self.assertEqual((row["charge_type"], float(row["tax_amount"])), ("Actual", 50))
		self.assertEqual(float(shipping_tax_row(rule, base_net_total=1500, country="India")["tax_amount"]), 0)
		self.assertIsNone(shipping_tax_row(rule, base_net_total=500, country="France"))

	def test_overlapping_bands_are_refused(self):
		with self.assertRaises(InvalidShippingRuleError):
			make_rule("_Test Overlap", [(0, 100, 10), (50, 200, 5)])
		with self.assertRaises(InvalidShippingRuleError):
			make_rule("_Test Two Open", [(0, 0, 10), (100, 0, 5)])
		self.assertFalse(frappe.db.exists("Shipping Rule", "_Test Overlap"))
