# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Register and Item-wise Sales Register on invoices with taxes, a credit note and a cancelled
invoice."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_sales_return
from sales_module.accounts.report.item_wise_sales_register.item_wise_sales_register import (
	execute as item_wise,
)
from sales_module.accounts.report.sales_register.sales_register import execute
from sales_module.exceptions import InvalidDatesError
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	refused,
	selling_doc,
	submit_mapped,
)

VAT = [{"charge_type": "On Net Total", "account_head": "_Test VAT", "description": "VAT 20%", "rate": 20}]
PERIOD = {"from_date": "2024-09-01", "to_date": "2024-09-30"}


class TestSalesRegister(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		cls.customer = make_customer_once("_Test Register Customer").name
		cls.invoice = selling_doc(
			"Sales Invoice",
			[{"item_code": "_Test Service", "qty": 2}, {"item_code": "_Test Kit", "qty": 1}],
			customer=cls.customer, posting_date="2024-09-05", set_posting_time=1, taxes=VAT,
		).insert()  # fmt: skip
		cls.invoice.submit()
		credit = make_sales_return(cls.invoice.name)
		credit.remove(credit.items[1])
		credit.items[0].qty = -1
		cls.credit = submit_mapped(credit, posting_date="2024-09-10", set_posting_time=1)
		cancelled = selling_doc(
			"Sales Invoice", [{"item_code": "_Test Service", "qty": 5}], customer=cls.customer,
			posting_date="2024-09-12", set_posting_time=1,
		).insert()  # fmt: skip
		cancelled.submit()
		cancelled.cancel()

	def test_one_row_per_invoice_with_a_column_per_tax(self):
		columns, data = execute({**PERIOD, "customer": self.customer, "company": "ignored"})
		self.assertIn("_test_vat", [column["fieldname"] for column in columns])
		self.assertEqual(
			[(row["voucher_no"], row["net_total"], row["_test_vat"], row["grand_total"], row["outstanding_amount"])
			 for row in data],
			[(self.invoice.name, 140, 28, 168, 108), (self.credit.name, -50, -10, -60, 0)],
		)  # fmt: skip

	def test_one_row_per_line_with_its_tax_share(self):
		_columns, data = item_wise({**PERIOD, "customer": self.customer})
		self.assertEqual(
			[(row["invoice"], row["item_code"], row["stock_qty"], row["amount"], row["_test_vat"], row["total"])
			 for row in data],
			[
				(self.invoice.name, "_Test Service", 2, 100, 20, 120),
				(self.invoice.name, "_Test Kit", 1, 40, 8, 48),
				(self.credit.name, "_Test Service", -1, -50, -10, -60),
			],
		)  # fmt: skip
		_columns, only_kits = item_wise({**PERIOD, "customer": self.customer, "item_code": "_Test Kit"})
		self.assertEqual([row["item_code"] for row in only_kits], ["_Test Kit"])

	def test_bad_period_refused(self):
		with refused(self, InvalidDatesError):
			execute({"from_date": "2024-10-01", "to_date": "2024-09-01"})
		self.assertTrue(frappe.db.exists("Report", "Item-wise Sales Register"))
