# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Campaign Efficiency against known documents: the campaign travels from the quotation to the order and
the invoice, and from the order through the delivery to the invoice; credit notes count negative,
cancelled documents and those outside the dates never count; the cost gives the revenue per unit spent."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_sales_return
from sales_module.selling.doctype.quotation.quotation import make_sales_order
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
from sales_module.selling.doctype.sales_order.sales_order import make_sales_invoice as invoice_order
from sales_module.selling.report.campaign_efficiency.campaign_efficiency import execute
from sales_module.stock.doctype.delivery_note.delivery_note import make_sales_invoice as invoice_delivery
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_selling_masters,
	make_user,
	refused,
	selling_doc,
	submit_mapped,
)

SPRING, QUIET, OLD = "_Test CE Spring", "_Test CE Quiet", "_Test CE Old"
FILTERS = {"from_date": "2025-06-01", "to_date": "2025-06-30"}
COLUMNS = ["campaign_name", "quot_count", "quot_amount", "order_count", "order_value", "order_quot", "revenue",
	"cost", "revenue_per_cost"]  # fmt: skip


def make_campaign(name: str, **fields):
	if not frappe.db.exists("Campaign", name):
		frappe.get_doc({"doctype": "Campaign", "campaign_name": name, **fields}).insert()
	return name


def quotation(day: str, qty: float, campaign: str = SPRING):
	doc = selling_doc(
		"Quotation", [{"item_code": "_Test Service", "qty": qty}], transaction_date=day,
		valid_till="2099-12-31", campaign=campaign,
	).insert()  # fmt: skip
	doc.submit()
	return doc


def figures(data: list[dict]) -> dict:
	return {row["campaign_name"]: tuple(row[column] for column in COLUMNS[1:]) for row in data}


class TestCampaignEfficiency(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		make_campaign(SPRING, cost=500, start_date="2025-05-01", end_date="2025-07-31")
		make_campaign(QUIET, start_date="2025-06-10")  # running in June, nothing sold, no cost
		make_campaign(OLD, start_date="2024-01-01", end_date="2024-12-31")
		# quotation -> order -> invoice: 4 services (200), one of them credited later (-50)
		quoted = quotation("2025-06-02", 4)
		cls.order = submit_mapped(make_sales_order(quoted.name), transaction_date="2025-06-05",
			delivery_date="2025-06-30")  # fmt: skip
		cls.invoice = submit_mapped(
			invoice_order(cls.order.name), posting_date="2025-06-08", set_posting_time=1
		)
		credit = make_sales_return(cls.invoice.name)
		credit.items[0].qty = -1
		cls.credit = submit_mapped(credit, posting_date="2025-06-20", set_posting_time=1)
		quotation("2025-06-03", 2)  # 100, not ordered
		quotation("2025-06-05", 1)  # 50, not ordered
		quotation("2025-06-04", 6).cancel()  # cancelled: never counts
		quotation("2025-07-01", 1)  # after the dates
		# an order taken without a quotation, delivered and billed from the delivery: 2 services (100)
		cls.direct = selling_doc("Sales Order", [{"item_code": "_Test Service", "qty": 2}],
			transaction_date="2025-06-10", delivery_date="2025-06-30", campaign=SPRING).insert()  # fmt: skip
		cls.direct.submit()
		cls.delivery = submit_mapped(make_delivery_note(cls.direct.name), posting_date="2025-06-11",
			set_posting_time=1)  # fmt: skip
		cls.billed = submit_mapped(invoice_delivery(cls.delivery.name), posting_date="2025-06-12",
			set_posting_time=1)  # fmt: skip

	def test_the_mappers_carry_the_campaign(self):
		self.assertEqual(
			[doc.campaign for doc in (self.order, self.invoice, self.credit, self.delivery, self.billed)],
			[SPRING] * 5,
		)

	def test_figures_per_campaign(self):
		columns, data = execute(FILTERS)
		self.assertEqual([column["fieldname"] for column in columns], COLUMNS)
		rows = figures(data)
		# 3 quotations (350), 2 orders (300): 66.67 % ; revenue 200 - 50 + 100 = 250 for a cost of 500
		self.assertEqual(rows[SPRING], (3, 350, 2, 300, 66.67, 250, 500, 0.5))
		self.assertEqual(rows[QUIET], (0, 0, 0, 0, 0, 0, 0, None))
		self.assertNotIn(OLD, rows)

	def test_a_sales_user_may_run_it_others_may_not(self):
		user = make_user("ce-sales@example.com", ["Sales User"])
		frappe.set_user(user.name)
		try:
			result = run("Campaign Efficiency", filters=FILTERS)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(figures(result["result"])[SPRING][:4], (3, 350, 2, 300))
		outsider = make_user("ce-outsider@example.com", ["Blogger"])
		frappe.set_user(outsider.name)
		try:
			with refused(self, frappe.PermissionError):
				run("Campaign Efficiency", filters=FILTERS)
		finally:
			frappe.set_user("Administrator")
