# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from sales_module.exceptions import InvalidValueError
from sales_module.selling.report.sales_person_commission_summary.sales_person_commission_summary import (
	execute,
)
from sales_module.tests.commission_fixtures import (
	FEBRUARY,
	PERSON,
	TEAM_MEMBER,
	CommissionReportTestCase,
)
from sales_module.tests.utils import refused


class TestSalesPersonCommissionSummary(CommissionReportTestCase):
	def run_report(self, **filters):
		columns, data = execute({**FEBRUARY, **filters})
		return columns, [
			(row["name"], row["sales_person"], row["amount"], row["contribution_percentage"],
			 row["commission_rate"], row["contribution_amount"], row["incentives"])
			for row in data
			if row["name"] in self.names
		]  # fmt: skip

	def test_orders_per_member(self):
		columns, rows = self.run_report(doc_type="Sales Order")
		docs = self.docs
		self.assertEqual(
			rows,
			[
				(docs.so1.name, PERSON, 250, 60, 5, 150, 7.5),
				(docs.so1.name, TEAM_MEMBER, 250, 40, 2, 100, 2),
				# closed after delivering a quarter: the order's stored figures, as ERPNext shows them
				(docs.so_closed.name, PERSON, 400, 100, 5, 400, 20),
			],
		)
		self.assertEqual(
			[column["fieldname"] for column in columns],
			["name", "customer", "territory", "posting_date", "amount", "sales_person", "contribution_percentage",
			 "commission_rate", "contribution_amount", "incentives", "currency"],
		)  # fmt: skip

	def test_invoices_with_their_credit_note_for_one_person(self):
		_columns, rows = self.run_report(doc_type="Sales Invoice", sales_person=PERSON)
		self.assertEqual(
			rows,
			[
				# the no-commission line is in the amount, not in the contribution
				(self.docs.si1.name, PERSON, 130, 100, 5, 100, 5),
				(self.docs.si_return.name, PERSON, -100, 100, 5, -100, -5),
			],
		)

	def test_refusals(self):
		with refused(self, InvalidValueError, "select the document type"):
			execute(FEBRUARY)
		with refused(self, InvalidValueError, "must be one of"):
			execute({**FEBRUARY, "doc_type": "Purchase Invoice"})
