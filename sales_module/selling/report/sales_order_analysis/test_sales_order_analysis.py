# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Order Analysis against orders with known deliveries and bills."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from sales_module.selling.report.sales_order_analysis.sales_order_analysis import execute
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	receive_stock,
	selling_doc,
	submit_mapped,
)


def order(customer: str, lines: list[dict], day: str, due: str):
	doc = selling_doc("Sales Order", lines, customer=customer, transaction_date=day, delivery_date=due)
	doc.insert()
	doc.submit()
	return doc


class TestSalesOrderAnalysis(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		receive_stock("_Test Widget", 20)
		cls.customer = make_customer_once("_Test SOA Customer").name
		cls.late = order(
			cls.customer,
			[{"item_code": "_Test Widget", "qty": 4}, {"item_code": "_Test Service", "qty": 2}],
			"2024-06-01",
			"2024-06-10",
		)
		note = make_delivery_note(cls.late.name)
		note.items[0].qty = 1
		note.remove(note.items[1])
		submit_mapped(note, posting_date="2024-06-05", set_posting_time=1)
		invoice = make_sales_invoice(cls.late.name)
		invoice.remove(invoice.items[0])
		submit_mapped(invoice, posting_date="2024-06-06", set_posting_time=1)  # the service, 2 x 50, billed
		cls.done = order(cls.customer, [{"item_code": "_Test Widget", "qty": 2}], "2024-06-02", "2024-06-30")
		submit_mapped(make_delivery_note(cls.done.name), posting_date="2024-06-12", set_posting_time=1)
		cls.closed = order(
			cls.customer, [{"item_code": "_Test Service", "qty": 1}], "2024-06-03", "2024-06-30"
		)
		cls.closed.update_status("Closed")

	def run_report(self, **filters):
		with self.freeze_time("2024-06-20"):
			_columns, data, _message, chart = execute(
				{"from_date": "2024-06-01", "to_date": "2024-06-30", **filters}
			)
		return [row for row in data if row["customer"] == self.customer], chart

	def test_each_open_line_with_its_progress_and_delay(self):
		rows, _chart = self.run_report()
		figures = [
			(row["sales_order"], row["item_code"], row["qty"], row["delivered_qty"], row["pending_qty"],
			 row["billed_qty"], row["qty_to_bill"], row["amount"], row["billed_amount"], row["pending_amount"],
			 row["delivered_qty_amount"], row["delay"], row["time_taken_to_deliver"])
			for row in rows
		]  # fmt: skip
		self.assertEqual(
			figures,
			[
				(self.late.name, "_Test Widget", 4, 1, 3, 0, 4, 400, 0, 400, 100, 10, None),
				(self.late.name, "_Test Service", 2, 0, 2, 2, 0, 100, 100, 0, 0, 10, None),
				(self.done.name, "_Test Widget", 2, 2, 0, 0, 2, 200, 0, 200, 200, 0, 10),
			],
		)
		self.assertNotIn(self.closed.name, {row["sales_order"] for row in rows})

	def test_grouped_by_order_and_filtered(self):
		rows, _chart = self.run_report(group_by_so=1)
		self.assertEqual(
			[
				(row["sales_order"], row["qty"], row["pending_qty"], row["amount"], row["delay"])
				for row in rows
			],
			[(self.late.name, 6, 5, 500, 10), (self.done.name, 2, 0, 200, 0)],
		)
		rows, _chart = self.run_report(sales_order=[self.done.name], status=["To Bill"])
		self.assertEqual([row["sales_order"] for row in rows], [self.done.name])
		rows, _chart = self.run_report(status="To Deliver and Bill", company="ignored")
		self.assertEqual({row["sales_order"] for row in rows}, {self.late.name})

	def test_a_user_without_selling_roles_is_refused(self):
		from frappe.desk.query_report import run

		from sales_module.tests.utils import make_user

		frappe.set_user(make_user("soa-outsider@example.com", ["Blogger"]).name)
		try:
			with self.assertRaises(frappe.PermissionError):
				run("Sales Order Analysis", filters={})
		finally:
			frappe.set_user("Administrator")

	def test_user_permissions_restrict_the_lines(self):
		from frappe.permissions import add_user_permission

		from sales_module.tests.utils import make_user

		user = make_user("soa-restricted@example.com", ["Sales User"])
		add_user_permission("Customer", "_Test Flow Customer", user.name)
		frappe.set_user(user.name)
		try:
			rows, _chart = self.run_report()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(rows, [])
