# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidDatesError


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
