# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidTaxesError


def make_template(title: str, taxes: list[dict], **fields):
	return frappe.get_doc(
		{"doctype": "Sales Taxes and Charges Template", "title": title, "taxes": taxes, **fields}
	).insert()


VAT = {"charge_type": "On Net Total", "rate": 20, "description": "VAT 20%", "account_head": "VAT"}


class TestSalesTaxesandChargesTemplate(FrappeTestCase):
	def test_previous_row_must_point_backwards(self):
		with self.assertRaises(InvalidTaxesError):
			make_template(
				"_Test Forward",
				[{"charge_type": "On Previous Row Total", "row_id": 2, "rate": 1, "description": "x"}, VAT],
			)
		with self.assertRaises(InvalidTaxesError):
			make_template(
				"_Test First Row",
				[{"charge_type": "On Previous Row Amount", "row_id": 1, "rate": 1, "description": "x"}],
			)
		template = make_template(
			"_Test Chain",
			[
				VAT,
				{
					"charge_type": "On Previous Row Amount",
					"row_id": 1,
					"rate": 10,
					"description": "Surcharge",
				},
			],
		)
		self.assertEqual(len(template.taxes), 2)

	def test_actual_charge_cannot_be_inclusive(self):
		with self.assertRaises(InvalidTaxesError):
			make_template(
				"_Test Inclusive Actual",
				[
					{
						"charge_type": "Actual",
						"tax_amount": 5,
						"included_in_print_rate": 1,
						"description": "Fee",
					}
				],
			)

	def test_only_one_default(self):
		first = make_template("_Test Default A", [VAT], is_default=1)
		make_template("_Test Default B", [VAT], is_default=1)
		self.assertEqual(frappe.db.get_value("Sales Taxes and Charges Template", first.name, "is_default"), 0)
