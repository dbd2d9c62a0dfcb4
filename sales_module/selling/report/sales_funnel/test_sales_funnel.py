# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""The funnel from quotation to payment, and win rates."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry
from sales_module.exceptions import InvalidValueError
from sales_module.selling.doctype.quotation.quotation import make_sales_order
from sales_module.selling.doctype.sales_order.sales_order import make_sales_invoice
from sales_module.selling.report.sales_funnel.sales_funnel import execute
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	refused,
	selling_doc,
	submit_mapped,
)

DAY = "2022-03-10"  # a month no other test writes in


class TestSalesFunnel(FrappeTestCase):
	def test_stages_and_win_rates(self):
		with self.freeze_time("2022-03-15", tick=True):  # the quotations are still valid then
			self.check_stages_and_win_rates()

	def check_stages_and_win_rates(self):
		make_selling_masters()
		clear_pricing_rules()
		customer = make_customer_once("_Test Funnel Customer").name
		if not frappe.db.exists("Campaign", "_Test Spring Campaign"):
			frappe.get_doc({"doctype": "Campaign", "campaign_name": "_Test Spring Campaign"}).insert()
		quotations = []
		for _index in range(2):
			quotation = selling_doc(
				"Quotation", [{"item_code": "_Test Service", "qty": 2}], customer=customer, transaction_date=DAY,
				valid_till="2022-04-10", campaign="_Test Spring Campaign",
			).insert()  # fmt: skip
			quotation.submit()
			quotations.append(quotation)
		order = submit_mapped(
			make_sales_order(quotations[0].name), transaction_date=DAY, delivery_date="2022-03-20"
		)
		invoice = submit_mapped(make_sales_invoice(order.name), posting_date=DAY, set_posting_time=1)
		payment = make_payment_entry(invoice.name)
		submit_mapped(payment, posting_date=DAY)
		quotations[1].reload()
		if not frappe.db.exists("Quotation Lost Reason", "_Test Funnel Lost"):
			frappe.get_doc(
				{"doctype": "Quotation Lost Reason", "order_lost_reason": "_Test Funnel Lost"}
			).insert()
		quotations[1].declare_enquiry_lost([{"lost_reason": "_Test Funnel Lost"}])
		_columns, data = execute({"from_date": "2022-03-01", "to_date": "2022-03-31"})
		march = data[0]
		self.assertEqual(
			[
				(march[f"{stage}_count"], march[f"{stage}_amount"])
				for stage in ("quoted", "ordered", "delivered", "billed", "paid")
			],
			[(2, 200), (1, 100), (0, 0), (1, 100), (1, 100)],
		)
		_columns, rates = execute(
			{"from_date": "2022-03-01", "to_date": "2022-03-31", "view": "Win Rate by Campaign"}
		)
		self.assertEqual(
			[(row["entity"], row["quotations"], row["won"], row["lost"], row["win_rate"]) for row in rates],
			[("_Test Spring Campaign", 2, 1, 1, 50)],
		)
		with refused(self, InvalidValueError, regex="View"):
			execute({"view": "Pipeline"})
