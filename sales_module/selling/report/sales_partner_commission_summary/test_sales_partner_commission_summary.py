# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe

from sales_module.exceptions import InvalidDatesError, InvalidValueError
from sales_module.selling.report.sales_partner_commission_summary.sales_partner_commission_summary import (
	execute,
)
from sales_module.tests.commission_fixtures import (
	CUSTOMER,
	FEBRUARY,
	ODD_PARTNER,
	OTHER_PARTNER,
	PARTNER,
	TERRITORY,
	CommissionReportTestCase,
)
from sales_module.tests.utils import make_user, refused


class TestSalesPartnerCommissionSummary(CommissionReportTestCase):
	def run_report(self, **filters):
		columns, data = execute({**FEBRUARY, **filters})
		return columns, [
			(row["name"], row["sales_partner"], row["customer"], row["territory"], str(row["posting_date"]),
			 row["amount"], row["commission_rate"], row["total_commission"], row["currency"])
			for row in data
			if row["name"] in self.names
		]  # fmt: skip

	def test_orders(self):
		columns, rows = self.run_report(doctype="Sales Order")
		docs = self.docs
		self.assertEqual(
			rows,
			[
				(
					docs.so_odd.name,
					ODD_PARTNER,
					CUSTOMER,
					docs.so_odd.territory,
					"2024-02-07",
					150,
					3.33,
					5,
					"USD",
				),
				(docs.so2.name, OTHER_PARTNER, docs.so2.customer, TERRITORY, "2024-02-06", 150, 4, 6, "USD"),
				(docs.so1.name, PARTNER, CUSTOMER, docs.so1.territory, "2024-02-05", 250, 10, 25, "USD"),
			],
		)
		self.assertEqual(
			[column["fieldname"] for column in columns],
			["name", "customer", "territory", "posting_date", "amount", "sales_partner", "commission_rate",
			 "total_commission", "currency"],
		)  # fmt: skip
		self.assertEqual((columns[0]["options"], columns[3]["label"]), ("Sales Order", "Order Date"))

	def test_invoices_with_their_credit_note(self):
		columns, rows = self.run_report(doctype="Sales Invoice", sales_partner=PARTNER)
		docs = self.docs
		self.assertEqual(
			[
				(name, amount, rate, commission)
				for name, _p, _c, _t, _d, amount, rate, commission, _cur in rows
			],
			[(docs.si_return.name, -100, 10, -10), (docs.si1.name, 130, 10, 10)],
		)
		self.assertEqual(columns[3]["label"], "Posting Date")

	def test_filters(self):
		_columns, rows = self.run_report(doctype="Sales Order", territory=TERRITORY)
		self.assertEqual([row[0] for row in rows], [self.docs.so2.name])
		_columns, rows = self.run_report(doctype="Sales Order", customer=CUSTOMER, sales_partner=ODD_PARTNER)
		self.assertEqual([row[0] for row in rows], [self.docs.so_odd.name])
		_columns, rows = self.run_report(doctype="Sales Order", from_date=None, to_date="2024-03-31")
		self.assertIn(self.docs.so_march.name, [row[0] for row in rows])
		self.assertNotIn(self.docs.so_cancelled.name, [row[0] for row in rows])

	def test_refusals(self):
		with refused(self, InvalidValueError, "select the document type"):
			execute(FEBRUARY)
		with refused(self, InvalidValueError, "must be one of"):
			execute({**FEBRUARY, "doctype": "Quotation"})
		with refused(self, InvalidDatesError):
			execute({"doctype": "Sales Order", "from_date": "2024-02-29", "to_date": "2024-02-01"})

	def test_permissions(self):
		from frappe.desk.query_report import run
		from frappe.permissions import add_user_permission

		frappe.set_user(make_user("commission-outsider@example.com", ["Blogger"]).name)
		try:
			with self.assertRaises(frappe.PermissionError):
				run("Sales Partner Commission Summary", filters={**FEBRUARY, "doctype": "Sales Order"})
		finally:
			frappe.set_user("Administrator")
		user = make_user("commission-restricted@example.com", ["Sales User"])
		add_user_permission("Customer", CUSTOMER, user.name)
		frappe.set_user(user.name)
		try:
			_columns, rows = self.run_report(doctype="Sales Order")
		finally:
			frappe.set_user("Administrator")
		self.assertEqual([row[0] for row in rows], [self.docs.so_odd.name, self.docs.so1.name])
