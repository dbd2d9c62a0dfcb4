# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidPaymentTermsError


def make_template(name: str, portions: list[float]):
	return frappe.get_doc(
		{
			"doctype": "Payment Terms Template",
			"template_name": name,
			"terms": [
				{"invoice_portion": portion, "credit_days": 30 * i} for i, portion in enumerate(portions)
			],
		}
	).insert()


class TestPaymentTermsTemplate(FrappeTestCase):
	def test_portions_must_add_up_to_100(self):
		with self.assertRaises(InvalidPaymentTermsError):
			make_template("_Test Terms 90", [50, 40])
		template = make_template("_Test Terms Thirds", [33.333333, 33.333333, 33.333334])
		self.assertEqual(len(template.terms), 3)

	def test_zero_or_negative_portion_is_refused(self):
		with self.assertRaises(InvalidPaymentTermsError):
			make_template("_Test Terms Zero", [100, 0])
