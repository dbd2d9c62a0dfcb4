# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales partner targets against known documents (sales_module/tests/targets.py): the partner's invoice
and its credit note (which keeps the partner and counts negative), amounts and quantities, ERPNext's
filters through the desk."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from sales_module.selling.report.sales_partner_target_variance_based_on_item_group.sales_partner_target_variance_based_on_item_group import (
	execute,
)
from sales_module.tests.targets import PARTNER, YEAR, by_key, make_target_scenario, run_report
from sales_module.tests.utils import make_user

REPORT = "Sales Partner Target Variance based on Item Group"


def report(**filters):
	return run_report(execute, **filters)


class TestSalesPartnerTargetVariance(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_target_scenario()

	def test_the_partners_sales_and_their_credit_note(self):
		# no target_on: amounts, as ERPNext's server reads it
		columns, data, _chart = report(target_on=None)
		self.assertEqual(columns[0], {"label": "Sales Partner", "fieldname": "sales_partner",
			"fieldtype": "Link", "options": "Sales Partner", "width": 150})  # fmt: skip
		self.assertEqual(columns[2]["fieldtype"], "Currency")
		rows = by_key(data, "sales_partner", "target_jan_2025", "jan_2025", "mar_2025", "variance_mar_2025",
			"total_target", "total_achieved", "total_variance")  # fmt: skip
		self.assertEqual(rows, {(PARTNER, None): (50, 400, -200, -250, 600, 200, -400)})

	def test_quantities_through_the_desk(self):
		user = make_user("tv-partner@example.com", ["Sales Manager"])
		frappe.set_user(user.name)
		try:
			result = run(REPORT, filters={"company": "_Test Company", "fiscal_year": YEAR,
				"doctype": "Sales Invoice", "period": "Quarterly", "target_on": "Quantity"})  # fmt: skip
		finally:
			frappe.set_user("Administrator")
		rows = by_key(result["result"], "sales_partner", "target_mar_2025", "mar_2025", "total_achieved")
		self.assertEqual(rows, {(PARTNER, None): (1.5, 1, 1)})
		self.assertEqual(result["chart"]["data"]["datasets"][1]["values"], [1, 0, 0, 0])

	def test_deliveries_without_the_partner_count_nothing(self):
		_columns, data, _chart = report(doctype="Delivery Note", target_on="Amount")
		self.assertEqual(
			by_key(data, "sales_partner", "total_target", "total_achieved"), {(PARTNER, None): (600, 0)}
		)
