# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.engine import MONTH_NAMES
from sales_module.exceptions import DuplicateError, PlanningError
from sales_module.utils.fiscal_year import monthly_percentages


def make_distribution(name: str, percentages: dict | None = None):
	if frappe.db.exists("Monthly Distribution", name):
		frappe.delete_doc("Monthly Distribution", name, force=True)
	doc = frappe.new_doc("Monthly Distribution")
	doc.distribution_id = name
	for month, share in (percentages or {}).items():
		doc.append("percentages", {"month": month, "percentage_allocation": share})
	return doc.insert()


class TestMonthlyDistribution(FrappeTestCase):
	def test_new_distribution_is_even(self):
		doc = make_distribution("_Test Even")
		shares = {row.month: row.percentage_allocation for row in doc.percentages}
		self.assertEqual(list(shares), list(MONTH_NAMES))
		self.assertAlmostEqual(sum(shares.values()), 100, places=9)
		self.assertEqual(doc.total_percentage, 100)

	def test_erpnext_default_of_8_333_is_accepted(self):
		# ERPNext fills twelve months with 8.333 % (99.996 %) and checks at two decimals
		doc = make_distribution("_Test ERPNext", dict.fromkeys(MONTH_NAMES, 8.333))
		self.assertEqual(monthly_percentages(doc.name)["June"], 8.333)

	def test_total_must_be_100(self):
		with self.assertRaises(PlanningError) as refused:
			make_distribution("_Test Short", dict.fromkeys(MONTH_NAMES, 8))
		self.assertIn("100", str(refused.exception))
		self.assertFalse(frappe.db.exists("Monthly Distribution", "_Test Short"))

	def test_month_twice_refused(self):
		percentages = dict.fromkeys(MONTH_NAMES[:11], 8) | {"December": 12}
		doc = frappe.new_doc("Monthly Distribution")
		doc.distribution_id = "_Test Twice"
		for month, share in percentages.items():
			doc.append("percentages", {"month": month, "percentage_allocation": share})
		doc.append("percentages", {"month": "May", "percentage_allocation": 0})
		with self.assertRaises(DuplicateError):
			doc.insert()

	def test_no_distribution_reads_as_none(self):
		self.assertIsNone(monthly_percentages(None))
