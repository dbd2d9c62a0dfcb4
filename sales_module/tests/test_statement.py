"""Statement of account: opening balance, the period's documents with a running balance, ageing."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry, make_sales_return
from sales_module.accounts.statement import get_statement_html, statement
from sales_module.exceptions import InvalidDatesError
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	make_user,
	refused,
	selling_doc,
	submit_mapped,
)


def invoice(customer: str, day: str, qty: int):
	doc = selling_doc(
		"Sales Invoice", [{"item_code": "_Test Service", "qty": qty}], customer=customer, posting_date=day,
		set_posting_time=1, due_date=day,
	).insert()  # fmt: skip
	doc.submit()
	return doc


class TestStatement(FrappeTestCase):
	def test_balances_and_ageing(self):
		make_selling_masters()
		clear_pricing_rules()
		customer = make_customer_once("_Test Statement Customer").name
		first = invoice(customer, "2021-01-10", 2)  # 100 before the period
		second = invoice(customer, "2021-02-05", 4)  # 200
		payment = make_payment_entry(first.name)
		submit_mapped(payment, posting_date="2021-02-10")  # 100 received
		credit = make_sales_return(second.name)
		credit.items[0].qty = -1
		submit_mapped(credit, posting_date="2021-02-15", set_posting_time=1)  # 50 credited
		doc = statement(customer, "2021-02-01", "2021-02-28")
		self.assertEqual(doc.opening_balance, 100)
		self.assertEqual(
			[(line["voucher_no"], line["debit"], line["credit"], line["balance"]) for line in doc.lines],
			[(second.name, 200, 0, 300), (payment.name, 0, 100, 200), (credit.name, 0, 50, 150)],
		)
		self.assertEqual((doc.total_debit, doc.total_credit, doc.closing_balance), (200, 150, 150))
		self.assertEqual(doc.ageing[0], 150)  # the second invoice, 23 days old on the last day
		html = get_statement_html(customer, "2021-02-01", "2021-02-28")
		self.assertIn(second.name, html)
		with refused(self, InvalidDatesError):
			statement(customer, "2021-03-01", "2021-02-01")
		frappe.set_user(make_user("statement-outsider@example.com", ["Blogger"]).name)
		try:
			with refused(self, frappe.PermissionError):
				statement(customer, "2021-02-01", "2021-02-28")
		finally:
			frappe.set_user("Administrator")

	def test_customer_print_format_shows_this_years_statement(self):
		from frappe.utils import nowdate

		make_selling_masters()
		clear_pricing_rules()
		customer = make_customer_once("_Test Statement Print Customer").name
		this_year = invoice(customer, nowdate(), 3)  # 150
		from frappe.www.printview import get_rendered_template

		print_format = frappe.get_doc("Print Format", "Statement of Account")
		html = get_rendered_template(frappe.get_doc("Customer", customer), print_format=print_format)
		self.assertIn("Statement of Account", html)
		self.assertIn(this_year.name, html)
		self.assertIn(frappe.format(150, {"fieldtype": "Currency", "options": this_year.currency}), html)
