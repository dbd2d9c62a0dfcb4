# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestQuotationLostReason(FrappeTestCase):
	def test_reasons_are_unique(self):
		frappe.get_doc({"doctype": "Quotation Lost Reason", "order_lost_reason": "_Test No Budget"}).insert()
		with self.assertRaises(frappe.DuplicateEntryError):
			frappe.get_doc(
				{"doctype": "Quotation Lost Reason", "order_lost_reason": "_Test No Budget"}
			).insert()
