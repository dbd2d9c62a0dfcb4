# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidValueError


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
