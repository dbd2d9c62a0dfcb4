# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from sales_module.exceptions import InvalidValueError
from sales_module.selling.report.sales_person_wise_transaction_summary.sales_person_wise_transaction_summary import (
	execute,
)
from sales_module.tests.commission_fixtures import (
	FEBRUARY,
	NO_COMMISSION_ITEM,
	PERSON,
	TEAM_GROUP,
	TEAM_MEMBER,
	CommissionReportTestCase,
)
from sales_module.tests.utils import WAREHOUSE, refused


class TestSalesPersonWiseTransactionSummary(CommissionReportTestCase):
	def run_report(self, doc_type: str, **filters):
		key = doc_type.lower().replace(" ", "_")
		columns, data = execute({**FEBRUARY, "doc_type": doc_type, **filters})
		return columns, [
			(row[key], row["sales_person"], row["item_code"], row["qty"], row["amount"], row["contribution"],
			 row["contribution_qty"], row["contribution_amt"])
			for row in data
			if row[key] in self.names
		]  # fmt: skip

	def test_order_lines_per_member(self):
		columns, rows = self.run_report("Sales Order")
		docs = self.docs
		self.assertEqual(
			rows,
			[
				# a closed order counts what it delivered: 1 of 4
				(docs.so_closed.name, PERSON, "_Test Widget", 1, 100, 100, 1, 100),
				(docs.so1.name, PERSON, "_Test Widget", 2, 200, 60, 1.2, 120),
				(docs.so1.name, PERSON, "_Test Service", 1, 50, 60, 0.6, 30),
				(docs.so1.name, TEAM_MEMBER, "_Test Widget", 2, 200, 40, 0.8, 80),
				(docs.so1.name, TEAM_MEMBER, "_Test Service", 1, 50, 40, 0.4, 20),
			],
		)
		self.assertEqual(
			[column["fieldname"] for column in columns],
			["sales_order", "customer", "territory", "warehouse", "posting_date", "item_code", "item_group",
			 "brand", "qty", "amount", "sales_person", "contribution", "contribution_qty", "contribution_amt",
			 "currency"],
		)  # fmt: skip
		_columns, data = execute({**FEBRUARY, "doc_type": "Sales Order", "sales_person": TEAM_MEMBER})
		self.assertEqual({row["warehouse"] for row in data}, {WAREHOUSE})

	def test_a_group_takes_its_members(self):
		_columns, rows = self.run_report("Sales Order", sales_person=TEAM_GROUP)
		self.assertEqual({row[1] for row in rows}, {TEAM_MEMBER})
		self.assertEqual(sum(row[7] for row in rows), 100)

	def test_invoices_and_return_entries(self):
		docs = self.docs
		_columns, rows = self.run_report("Sales Invoice", sales_person=PERSON)
		self.assertEqual(
			rows,
			[
				(docs.si1.name, PERSON, "_Test Widget", 1, 100, 100, 1, 100),
				(docs.si1.name, PERSON, NO_COMMISSION_ITEM, 1, 30, 100, 1, 30),
			],
		)
		_columns, rows = self.run_report("Sales Invoice", sales_person=PERSON, show_return_entries=1)
		self.assertEqual(rows[0], (docs.si_return.name, PERSON, "_Test Widget", -1, -100, 100, -1, -100))
		self.assertEqual(len(rows), 3)

	def test_refusals(self):
		with refused(self, InvalidValueError, "must be one of"):
			execute({**FEBRUARY, "doc_type": "Purchase Invoice"})
