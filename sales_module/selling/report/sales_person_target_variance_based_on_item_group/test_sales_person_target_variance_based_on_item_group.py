# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales person targets against known documents (sales_module/tests/targets.py): each person achieves
their allocated share of a document (60 / 40), a group of sales persons what its members achieve;
quantities, half-years, the chart, ERPNext's filters through the desk, User Permissions."""

import frappe
from frappe.desk.query_report import run
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase

from sales_module.selling.report.sales_person_target_variance_based_on_item_group.sales_person_target_variance_based_on_item_group import (
	execute,
)
from sales_module.tests.targets import (
	CITY,
	JUNIOR,
	LEAD,
	TEAM,
	YEAR,
	by_key,
	make_target_scenario,
	run_report,
)
from sales_module.tests.utils import make_user

REPORT = "Sales Person Target Variance Based On Item Group"


def report(**filters):
	return run_report(execute, **filters)


class TestSalesPersonTargetVariance(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_target_scenario()

	def test_each_person_achieves_their_share_and_the_group_the_whole(self):
		columns, data, chart = report()
		self.assertEqual([column["fieldname"] for column in columns][:2], ["sales_person", "item_group"])
		rows = by_key(data, "sales_person", "target_jan_2025", "jan_2025", "variance_jan_2025", "feb_2025",
			"total_target", "total_achieved", "total_variance")  # fmt: skip
		self.assertEqual(rows[(LEAD, None)], (100, 60, -40, 0, 1200, 60, -1140))
		self.assertEqual(rows[(JUNIOR, None)], (100, 40, -60, 0, 1200, 40, -1160))
		self.assertEqual(rows[(TEAM, None)], (200, 100, -100, 0, 2400, 100, -2300))
		# the team's target covers its members': the chart shows it alone
		target, done = chart["data"]["datasets"]
		self.assertEqual(target["values"], [200] * 12)
		self.assertEqual(done["values"], [100] + [0] * 11)

	def test_half_years_by_quantity(self):
		columns, data, _chart = report(period="Half-Yearly", target_on="Quantity")
		self.assertEqual(columns[2]["label"], "Target (Jan 25-Jun 25)")
		rows = by_key(data, "sales_person", "target_jun_2025", "jun_2025", "variance_jun_2025", "dec_2025")
		# 2 services split 60 / 40
		self.assertEqual(rows[(LEAD, None)], (6, 1.2, -4.8, 0))
		self.assertEqual(rows[(JUNIOR, None)], (6, 0.8, -5.2, 0))
		self.assertEqual(rows[(TEAM, None)], (12, 2, -10, 0))

	def test_orders_without_a_sales_team_count_for_nobody(self):
		_columns, data, _chart = report(doctype="Sales Order")
		rows = by_key(data, "sales_person", "total_achieved")
		self.assertEqual((rows[(LEAD, None)], rows[(TEAM, None)]), ((0,), (0,)))

	def test_a_sales_user_restricted_to_another_territory_sees_no_sales(self):
		user = make_user("tv-person-city@example.com", ["Sales User"])
		add_user_permission("Territory", CITY, user.name)
		frappe.set_user(user.name)
		try:
			result = run(REPORT, filters={"company": "_Test Company", "fiscal_year": YEAR,
				"doctype": "Sales Invoice", "period": "Yearly", "target_on": "Amount"})  # fmt: skip
		finally:
			frappe.set_user("Administrator")
		# the team sold in the town only: its targets show, nothing achieved for this user
		rows = by_key(result["result"], "sales_person", "target_dec_2025", "dec_2025")
		self.assertEqual(rows[(LEAD, None)], (1200, 0))
		self.assertEqual(rows[(TEAM, None)], (2400, 0))
