# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.patches.v1_2 import modes_of_payment_as_records
from sales_module.tests.utils import make_selling_masters, refused


def receipt(mode: str):
	return frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"party_type": "Customer",
			"party": "_Test Flow Customer",
			"paid_amount": 10,
			"mode_of_payment": mode,
		}
	)


class TestModeofPayment(FrappeTestCase):
	def setUp(self):
		make_selling_masters()

	def test_the_defaults_exist_and_a_receipt_links_to_one(self):
		self.assertEqual(
			list(
				frappe.get_all(
					"Mode of Payment",
					filters={"name": ("in", ["Cash", "Bank Transfer", "Card"])},
					fields=["name", "type"],
					order_by="name",
					as_list=True,
				)
			),
			[("Bank Transfer", "Bank"), ("Card", "Bank"), ("Cash", "Cash")],
		)
		self.assertEqual(receipt("Card").insert().mode_of_payment, "Card")

	def test_an_unknown_mode_is_refused(self):
		with refused(self, frappe.LinkValidationError, regex="Barter"):
			receipt("Barter").insert()

	def test_the_patch_gives_each_mode_in_use_its_record(self):
		entry = receipt("Cash").insert()
		# a value the former Select offered, stored before the field became a Link
		frappe.db.set_value("Payment Entry", entry.name, "mode_of_payment", "Cheque")
		frappe.db.delete("Mode of Payment", {"name": "Cheque"})
		modes_of_payment_as_records.execute()
		self.assertEqual(
			frappe.db.get_value("Mode of Payment", "Cheque", ["type", "enabled"]), ("General", 1)
		)
