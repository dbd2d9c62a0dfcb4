# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidDatesError, InvalidValueError


class TestCampaign(FrappeTestCase):
	def test_end_date_cannot_precede_start_date(self):
		campaign = frappe.get_doc(
			{
				"doctype": "Campaign",
				"campaign_name": "_Test Winter Campaign",
				"start_date": "2026-12-01",
				"end_date": "2026-11-30",
			}
		)
		with self.assertRaises(InvalidDatesError):
			campaign.insert()
		campaign.end_date = "2027-02-28"
		campaign.insert()
		self.assertTrue(frappe.db.exists("Campaign", "_Test Winter Campaign"))

	def test_cost_cannot_be_negative(self):
		campaign = frappe.get_doc(
			{"doctype": "Campaign", "campaign_name": "_Test Costly Campaign", "cost": -1}
		)
		with self.assertRaisesRegex(InvalidValueError, "Cost cannot be negative"):
			campaign.insert()
		campaign.cost = 1200
		campaign.insert()
		self.assertEqual(frappe.db.get_value("Campaign", "_Test Costly Campaign", "cost"), 1200)
