# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Accounts Receivable and its Summary as of a report date: payments and credit notes posted after it
do not count; ageing buckets; credit notes negative; User Permissions restrict the rows."""

import frappe
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry, make_sales_return
from sales_module.accounts.report.accounts_receivable.accounts_receivable import execute
from sales_module.accounts.report.accounts_receivable_summary.accounts_receivable_summary import (
	execute as execute_summary,
)
from sales_module.exceptions import InvalidValueError
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	make_user,
	refused,
	selling_doc,
	submit_mapped,
)


def invoice(customer: str, day: str, qty: float, **fields):
	doc = selling_doc(
		"Sales Invoice",
		[{"item_code": "_Test Service", "qty": qty}],
		customer=customer,
		posting_date=day,
		set_posting_time=1,
		due_date=day,
		**fields,
	).insert()
	doc.submit()
	return doc


def pay(invoice_name: str, amount: float, day: str):
	entry = make_payment_entry(invoice_name)
	entry.paid_amount = entry.references[0].allocated_amount = amount
	entry.posting_date = day
	return submit_mapped(entry)


class TestAccountsReceivable(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		cls.customer = make_customer_once("_Test AR Customer").name
		cls.older = invoice(cls.customer, "2024-01-10", 2)  # 100
		pay(cls.older.name, 30, "2024-02-01")
		pay(cls.older.name, 70, "2024-03-15")  # after the report date
		credited = invoice(cls.customer, "2024-02-20", 1)  # 50, credited in full before the date
		submit_mapped(make_sales_return(credited.name), posting_date="2024-02-25", set_posting_time=1)
		cls.credit = selling_doc(
			"Sales Invoice", [{"item_code": "_Test Service", "qty": -1}], customer=cls.customer, is_return=1,
			posting_date="2024-02-10", set_posting_time=1,
		).insert()  # fmt: skip
		cls.credit.submit()
		cls.newer = invoice(cls.customer, "2024-02-28", 3)  # 150, not due for long
		invoice(cls.customer, "2024-03-05", 1)  # posted after the date

	def rows(self, **filters):
		_columns, data, *_rest = execute({"report_date": "2024-03-01", "party": [self.customer], **filters})
		return data

	def test_open_invoices_as_of_the_report_date_with_ageing(self):
		data = self.rows()
		figures = {
			row["voucher_no"]: (row["invoiced"], row["paid"], row["credit_note"], row["outstanding"], row["age"],
								row["range1"], row["range2"])
			for row in data
		}  # fmt: skip
		self.assertEqual(
			figures,
			{
				self.older.name: (100, 30, 0, 70, 51, 0, 70),
				self.credit.name: (0, 0, 50, -50, 20, -50, 0),
				self.newer.name: (150, 0, 0, 150, 2, 150, 0),
			},
		)
		# today the older invoice is paid up and drops out
		_columns, today, *_rest = execute({"party": self.customer})
		self.assertNotIn(self.older.name, {row["voucher_no"] for row in today})

	def test_ranges_ageing_basis_and_party_totals(self):
		data = self.rows(range="10, 20", ageing_based_on="Posting Date", group_by_party=1)
		older = next(row for row in data if row["voucher_no"] == self.older.name)
		self.assertEqual((older["range1"], older["range2"], older["range3"]), (0, 0, 70))
		total = data[-1]
		self.assertEqual(
			(total["party"], total["outstanding"], total.get("is_total_row")), (self.customer, 170, 1)
		)

	def test_summary_per_customer(self):
		_columns, data = execute_summary({"report_date": "2024-03-01", "party": [self.customer]})
		self.assertEqual(len(data), 1)
		row = data[0]
		self.assertEqual(
			(
				row["party"],
				row["invoiced"],
				row["paid"],
				row["credit_note"],
				row["outstanding"],
				row["range1"],
			),
			(self.customer, 250, 30, 50, 170, 100),
		)

	def test_permissions_and_bad_filters(self):
		user = make_user("ar-restricted@example.com", ["Accounts User"])
		add_user_permission("Customer", "_Test Flow Customer", user.name)
		frappe.set_user(user.name)
		try:
			self.assertEqual(self.rows(), [])
		finally:
			frappe.set_user("Administrator")
		with refused(self, InvalidValueError, regex="Customers only"):
			execute({"party_type": "Supplier"})
		with refused(self, InvalidValueError):
			execute({"range": "60, 30"})

	def test_figures_in_the_company_currency(self):
		from sales_module.selling.report.sales_analytics.sales_analytics import execute as analytics

		customer = make_customer_once("_Test AR Foreign Customer").name
		foreign = selling_doc(
			"Sales Invoice", [{"item_code": "_Test Service", "qty": 2, "rate": 50}], customer=customer,
			currency="EUR", conversion_rate=2, plc_conversion_rate=2, posting_date="2024-02-01",
			set_posting_time=1, due_date="2024-02-01",
		).insert()  # fmt: skip
		foreign.submit()
		self.assertEqual((foreign.grand_total, foreign.base_grand_total), (100, 200))
		_columns, data, *_rest = execute({"report_date": "2024-03-01", "party": [customer]})
		self.assertEqual([(row["invoiced"], row["outstanding"]) for row in data], [(200, 200)])
		_columns, rows, *_rest = analytics(
			{"tree_type": "Customer", "from_date": "2024-02-01", "to_date": "2024-02-29", "range": "Monthly"}
		)
		self.assertEqual(next(row["total"] for row in rows if row["entity"] == customer), 200)

	def test_stored_outstanding_agrees_with_the_recomputed_figures(self):
		"""Invoices untouched since the report date are read from their stored outstanding; recomputing
		each from its payments, refunds and credit notes gives the same figures."""
		from sales_module.accounts.receivables import (
			INVOICE_FIELDS,
			from_stored_outstanding,
			with_figures,
		)

		customer = make_customer_once("_Test AR Stored Customer").name
		partly = invoice(customer, "2024-04-01", 4)  # 200
		pay(partly.name, 80, "2024-04-02")
		credited = invoice(customer, "2024-04-03", 3)  # 150, 50 credited
		partial_return = make_sales_return(credited.name)
		partial_return.items[0].qty = -1
		submit_mapped(partial_return, posting_date="2024-04-04", set_posting_time=1)
		invoice(customer, "2024-04-05", 1)  # 50, untouched
		names = frappe.get_all(
			"Sales Invoice",
			filters={"customer": customer, "docstatus": 1, "is_return": 0, "outstanding_amount": ("!=", 0)},
			pluck="name",
		)
		self.assertEqual(len(names), 3)

		def loaded():
			return [
				frappe._dict(zip(INVOICE_FIELDS, values, strict=True))
				for values in frappe.get_all(
					"Sales Invoice",
					filters={"name": ("in", names)},
					fields=list(INVOICE_FIELDS),
					as_list=True,
				)
			]

		figures = ("invoiced", "paid", "credit_note", "outstanding", "invoice_grand_total")

		def keyed(rows):
			return {row.name: tuple(row[field] for field in figures) for row in rows}

		stored = keyed(from_stored_outstanding(loaded(), "2024-04-30"))
		self.assertEqual(stored, keyed(with_figures(loaded(), "2024-04-30")))
		self.assertEqual(stored[partly.name], (200, 80, 0, 120, 200))
		self.assertEqual(stored[credited.name][:4], (150, 0, 50, 100))
