# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from sales_module.selling.report.sales_partner_transaction_summary.sales_partner_transaction_summary import (
	execute,
)
from sales_module.tests.commission_fixtures import (
	BRAND,
	FEBRUARY,
	ITEM_GROUP,
	NO_COMMISSION_ITEM,
	ODD_PARTNER,
	PARTNER,
	CommissionReportTestCase,
)


class TestSalesPartnerTransactionSummary(CommissionReportTestCase):
	def run_report(self, **filters):
		columns, data = execute({**FEBRUARY, **filters})
		return columns, [
			(row["name"], row["item_code"], row["qty"], row["rate"], row["amount"], row["commission_rate"],
			 row["commission"])
			for row in data
			if row["name"] in self.names
		]  # fmt: skip

	def test_order_lines_share_their_orders_commission(self):
		columns, rows = self.run_report(doctype="Sales Order", sales_partner=ODD_PARTNER)
		name = self.docs.so_odd.name
		# 3.33 % of three lines of 50: the order stores 5.00, its lines carry 1.67 + 1.67 + 1.66
		self.assertEqual(
			rows,
			[
				(name, "_Test Service", 1, 50, 50, 3.33, 1.67),
				(name, "_Test Part A", 5, 10, 50, 3.33, 1.67),
				(name, "_Test Part B", 10, 5, 50, 3.33, 1.66),
			],
		)
		self.assertEqual(
			[column["fieldname"] for column in columns],
			["name", "customer", "territory", "posting_date", "item_code", "item_group", "brand", "qty", "rate",
			 "amount", "sales_partner", "commission_rate", "commission", "currency"],
		)  # fmt: skip

	def test_cancelled_and_other_periods_never_count(self):
		_columns, rows = self.run_report(doctype="Sales Order", sales_partner=PARTNER)
		name = self.docs.so1.name
		self.assertEqual(
			rows, [(name, "_Test Widget", 2, 100, 200, 10, 20), (name, "_Test Service", 1, 50, 50, 10, 5)]
		)

	def test_invoice_lines_and_return_entries(self):
		docs = self.docs
		_columns, rows = self.run_report(doctype="Sales Invoice", sales_partner=PARTNER)
		self.assertEqual(
			rows,
			[
				(docs.si1.name, "_Test Widget", 1, 100, 100, 10, 10),
				(docs.si1.name, NO_COMMISSION_ITEM, 1, 30, 30, 10, 0),
			],
		)
		_columns, rows = self.run_report(
			doctype="Sales Invoice", sales_partner=PARTNER, show_return_entries=1
		)
		self.assertEqual(
			rows,
			[
				(docs.si_return.name, "_Test Widget", -1, 100, -100, 10, -10),
				(docs.si1.name, "_Test Widget", 1, 100, 100, 10, 10),
				(docs.si1.name, NO_COMMISSION_ITEM, 1, 30, 30, 10, 0),
			],
		)

	def test_item_group_and_brand(self):
		_columns, rows = self.run_report(doctype="Sales Invoice", item_group=ITEM_GROUP)
		self.assertEqual([(row[0], row[1]) for row in rows], [(self.docs.si1.name, NO_COMMISSION_ITEM)])
		_columns, rows = self.run_report(doctype="Sales Invoice", brand=BRAND, show_return_entries=1)
		self.assertEqual([(row[0], row[1]) for row in rows], [(self.docs.si1.name, NO_COMMISSION_ITEM)])
		# a group takes its subtree
		_columns, rows = self.run_report(doctype="Sales Invoice", item_group="All Item Groups")
		self.assertEqual(len(rows), 2)
