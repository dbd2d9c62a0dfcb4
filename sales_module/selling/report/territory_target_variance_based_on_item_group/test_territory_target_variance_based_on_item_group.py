# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Territory targets against known documents (sales_module/tests/targets.py): monthly and quarterly
periods, a monthly distribution, sub-territories and item sub-groups counting for the targets above them,
credit notes negative, cancelled and draft documents left out, quantities, orders and deliveries, the
chart, ERPNext's filters through the desk, roles and User Permissions."""

import frappe
from frappe.desk.query_report import run
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidValueError
from sales_module.selling.report.territory_target_variance_based_on_item_group.territory_target_variance_based_on_item_group import (
	execute,
)
from sales_module.tests.targets import (
	CITY,
	GOODS,
	REGION,
	TOWN,
	YEAR,
	by_key,
	make_target_scenario,
	run_report,
)
from sales_module.tests.utils import make_user, refused

REPORT = "Territory Target Variance Based On Item Group"
CITY_GOODS, REGION_ALL, TOWN_ALL = (CITY, GOODS), (REGION, None), (TOWN, None)


def report(**filters):
	return run_report(execute, **filters)


class TestTerritoryTargetVariance(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_target_scenario()

	def test_monthly_amounts_with_a_distribution_and_the_trees_rolled_up(self):
		columns, data, _chart = report()
		fields = [column["fieldname"] for column in columns]
		self.assertEqual(fields[:8], ["territory", "item_group", "target_jan_2025", "jan_2025",
			"variance_jan_2025", "target_feb_2025", "feb_2025", "variance_feb_2025"])  # fmt: skip
		self.assertEqual(fields[-3:], ["total_target", "total_achieved", "total_variance"])
		self.assertEqual(len(fields), 2 + 12 * 3 + 3)
		self.assertEqual(columns[2]["label"], "Target (Jan 2025)")
		rows = by_key(data, "territory", "target_jan_2025", "jan_2025", "variance_jan_2025",
			"target_feb_2025", "feb_2025", "variance_feb_2025", "target_mar_2025", "mar_2025",
			"variance_mar_2025", "target_may_2025", "total_target", "total_achieved", "total_variance")  # fmt: skip
		# the region's target has no item group: every item its city sold counts, the return in March too
		self.assertEqual(
			rows[REGION_ALL], (1000, 400, -600, 1000, 200, -800, 1000, -200, -1200, 1000, 12000, 400, -11600)
		)
		# the city's target is on Goods and spread 40 / 20 / 10 / 10 / 2.5 %: its gadgets (a sub-group)
		# count, its services (Products) do not; the cancelled and the draft invoice never count
		self.assertEqual(rows[CITY_GOODS], (400, 400, 0, 200, 0, -200, 100, -200, -300, 25, 1000, 200, -800))
		# two rows of the same target add up (600 + 600 over twelve months)
		self.assertEqual(rows[TOWN_ALL], (100, 100, 0, 100, 0, -100, 100, 0, -100, 100, 1200, 100, -1100))
		# a target of another fiscal year does not show
		self.assertEqual(
			[key for key in rows if key[0] in (REGION, CITY, TOWN)], [CITY_GOODS, REGION_ALL, TOWN_ALL]
		)

	def test_quarterly_quantities(self):
		columns, data, _chart = report(period="Quarterly", target_on="Quantity")
		self.assertEqual([column["fieldname"] for column in columns][2:5], ["target_mar_2025", "mar_2025", "variance_mar_2025"])  # fmt: skip
		self.assertEqual(columns[2]["label"], "Target (Jan 25-Mar 25)")
		self.assertEqual(columns[2]["fieldtype"], "Float")
		rows = by_key(data, "territory", "target_mar_2025", "mar_2025", "variance_mar_2025",
			"target_jun_2025", "jun_2025", "target_dec_2025", "total_target", "total_achieved")  # fmt: skip
		# 10 gadgets over the year, 70 % in the first quarter; 2 sold, 1 returned
		self.assertEqual(rows[CITY_GOODS], (7, 1, -6, 1.5, 0, 0.75, 10, 1))
		# the region counts every item: 2 gadgets, 4 services, 1 gadget back
		self.assertEqual(rows[REGION_ALL], (30, 5, -25, 30, 0, 30, 120, 5))

	def test_orders_and_deliveries(self):
		_columns, orders, _chart = report(doctype="Sales Order")
		rows = by_key(orders, "territory", "jan_2025", "apr_2025", "total_achieved")
		self.assertEqual(
			(rows[CITY_GOODS], rows[REGION_ALL], rows[TOWN_ALL]), ((200, 0, 200), (200, 0, 200), (0, 0, 0))
		)
		_columns, deliveries, _chart = report(doctype="Delivery Note")
		rows = by_key(deliveries, "territory", "jan_2025", "apr_2025", "total_achieved")
		self.assertEqual((rows[CITY_GOODS], rows[REGION_ALL]), ((0, 0, 0), (0, 150, 150)))

	def test_the_chart_counts_each_sale_once(self):
		_columns, _data, chart = report(period="Quarterly")
		self.assertEqual(chart["data"]["labels"], ["Jan 25-Mar 25", "Apr 25-Jun 25", "Jul 25-Sep 25", "Oct 25-Dec 25"])  # fmt: skip
		target, done = chart["data"]["datasets"]
		# the region's and the town's targets; the city's is inside the region's
		self.assertEqual(target, {"name": "Target", "values": [3300, 3300, 3300, 3300]})
		self.assertEqual(done, {"name": "Achieved", "values": [500, 0, 0, 0]})

	def test_a_desk_run_with_erpnext_filters_for_a_sales_user(self):
		user = make_user("tv-sales@example.com", ["Sales User"])
		filters = {"company": "_Test Company", "fiscal_year": YEAR, "doctype": "Sales Invoice",
			"period": "Yearly", "target_on": "Amount"}  # fmt: skip
		frappe.set_user(user.name)
		try:
			result = run(REPORT, filters=filters)
		finally:
			frappe.set_user("Administrator")
		rows = by_key(result["result"], "territory", "target_dec_2025", "dec_2025", "variance_dec_2025")
		self.assertEqual(rows[CITY_GOODS], (1000, 200, -800))
		outsider = make_user("tv-outsider@example.com", ["Blogger"])
		frappe.set_user(outsider.name)
		try:
			with refused(self, frappe.PermissionError):
				run(REPORT, filters=filters)
		finally:
			frappe.set_user("Administrator")

	def test_a_user_restricted_to_a_territory(self):
		user = make_user("tv-city@example.com", ["Sales User"])
		add_user_permission("Territory", CITY, user.name)
		frappe.set_user(user.name)
		try:
			_columns, data, _chart = report()
		finally:
			frappe.set_user("Administrator")
		# only the city's target shows, measured by the city's documents
		rows = by_key(data, "territory", "jan_2025", "total_achieved")
		self.assertEqual(rows, {CITY_GOODS: (400, 200)})

	def test_refusals(self):
		with refused(self, InvalidValueError, regex="Period"):
			report(period="Weekly")
		with refused(self, InvalidValueError, regex="Doctype"):
			report(doctype="Quotation")
		with refused(self, InvalidValueError, regex="Target On"):
			report(target_on="Margin")
		with refused(self, InvalidValueError, regex="Fiscal Year"):
			report(fiscal_year="1999")

	def test_defaults_are_erpnext_server_ones(self):
		# no filters: the current fiscal year, Sales Orders, monthly, amounts
		columns, _data, _message, _chart = execute({})
		this_year = frappe.utils.getdate().year
		self.assertEqual(columns[2]["fieldname"], f"target_jan_{this_year}")
		self.assertEqual(columns[2]["fieldtype"], "Currency")
