# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import CommissionError, InvalidValueError
from sales_module.tests.utils import refused


def make_sales_partner(name: str, **fields):
	values = {
		"doctype": "Sales Partner",
		"partner_name": name,
		"territory": "Rest Of The World",
		"commission_rate": 5,
	}
	values.update(fields)
	return frappe.get_doc(values).insert()


class TestSalesPartner(FrappeTestCase):
	def test_referral_code_is_normalised_and_unique(self):
		partner = make_sales_partner("_Test Partner Code", referral_code=" ab12 ")
		self.assertEqual(partner.referral_code, "AB12")
		with self.assertRaises(frappe.UniqueValidationError):
			make_sales_partner("_Test Partner Code Copy", referral_code="AB12")

	def test_bad_referral_code_and_commission_are_refused(self):
		with self.assertRaises(InvalidValueError):
			make_sales_partner("_Test Partner Bad Code", referral_code="AB-12")
		with self.assertRaises(InvalidValueError):
			make_sales_partner("_Test Partner Bad Rate", commission_rate=101)
		self.assertFalse(frappe.db.exists("Sales Partner", "_Test Partner Bad Rate"))

	def test_territory_is_required(self):
		with self.assertRaises(frappe.MandatoryError):
			make_sales_partner("_Test Partner No Territory", territory=None)

	def test_commission_tiers_are_checked_and_kept_in_order(self):
		partner = make_sales_partner(
			"_Test Partner Tiers",
			commission_tiers=[
				{"from_amount": 100000, "commission_rate": 7},
				{"from_amount": 0, "commission_rate": 5},
			],
		)
		self.assertEqual(
			[(row.idx, row.from_amount, row.commission_rate) for row in partner.commission_tiers],
			[(1, 0, 5), (2, 100000, 7)],
		)
		for name, tiers, message in (
			("_Test Partner Tier Start", [{"from_amount": 10, "commission_rate": 5}], "must start at 0"),
			(
				"_Test Partner Tier Twice",
				[{"from_amount": 0, "commission_rate": 5}, {"from_amount": 0, "commission_rate": 6}],
				"Two commission tiers start at 0",
			),
			("_Test Partner Tier Rate", [{"from_amount": 0, "commission_rate": 101}], "between 0 and 100"),
		):
			with refused(self, CommissionError, message):
				make_sales_partner(name, commission_tiers=tiers)
			self.assertFalse(frappe.db.exists("Sales Partner", name))
