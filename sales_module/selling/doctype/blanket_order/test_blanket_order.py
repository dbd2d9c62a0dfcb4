# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from sales_module.exceptions import (
	DocumentStateError,
	DuplicateError,
	InvalidDatesError,
	InvalidQuantityError,
)
from sales_module.selling.doctype.blanket_order.blanket_order import (
	make_quotation,
	make_sales_order,
	set_expired_status,
)
from sales_module.tests.utils import make_selling_masters


class TestBlanketOrder(FrappeTestCase):
	def setUp(self):
		make_selling_masters()

	def make(self, **fields):
		values = {
			"doctype": "Blanket Order",
			"customer": "_Test Flow Customer",
			"from_date": nowdate(),
			"to_date": add_days(nowdate(), 30),
			"items": [{"item_code": "_Test Widget", "qty": 10, "rate": 75}],
		}
		values.update(fields)
		return frappe.get_doc(values).insert()

	def test_mappers_take_the_agreed_rate_and_remaining_qty(self):
		blanket = self.make()
		blanket.submit()
		self.assertEqual(blanket.status, "Submitted")
		order = make_sales_order(blanket.name)
		self.assertEqual((order.items[0].qty, order.items[0].rate), (10, 75))
		quotation = make_quotation(blanket.name)
		self.assertEqual(quotation.party_name, "_Test Flow Customer")
		blanket.update_status("Closed")
		with self.assertRaises(DocumentStateError):
			make_sales_order(blanket.name)

	def test_bad_blanket_orders_are_refused(self):
		with self.assertRaises(InvalidDatesError):
			self.make(to_date=add_days(nowdate(), -1))
		with self.assertRaises(InvalidQuantityError):
			self.make(items=[{"item_code": "_Test Widget", "qty": 0, "rate": 1}])
		with self.assertRaises(DuplicateError):
			self.make(
				items=[
					{"item_code": "_Test Widget", "qty": 1, "rate": 1},
					{"item_code": "_Test Widget", "qty": 2, "rate": 1},
				]
			)

	def test_daily_job_expires_past_blanket_orders(self):
		blanket = self.make()
		blanket.submit()
		with self.freeze_time(add_days(nowdate(), 31)):
			set_expired_status()
			self.assertEqual(frappe.db.get_value("Blanket Order", blanket.name, "status"), "Expired")
			with self.assertRaises(DocumentStateError):
				make_sales_order(blanket.name)
