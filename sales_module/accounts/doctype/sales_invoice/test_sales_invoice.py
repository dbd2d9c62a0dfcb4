# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, nowdate

from sales_module.accounts.doctype.sales_invoice.sales_invoice import (
	make_payment_entry,
	make_sales_return,
	refresh_overdue_status,
)
from sales_module.exceptions import ExchangeRateError, InvalidQuantityError, OverBillingError
from sales_module.selling.doctype.sales_order.sales_order import make_sales_invoice
from sales_module.tests.utils import (
	VAT_ROW,
	clear_pricing_rules,
	make_sales_order,
	make_selling_masters,
	refused,
	selling_doc,
	submit_mapped,
)


def make_invoice(items=None, submit=True, **fields):
	doc = selling_doc("Sales Invoice", items or [{"item_code": "_Test Service", "qty": 2}], **fields).insert()
	if submit:
		doc.submit()
	return doc


def make_terms(name: str):
	if not frappe.db.exists("Payment Terms Template", name):
		frappe.get_doc(
			{
				"doctype": "Payment Terms Template",
				"template_name": name,
				"terms": [
					{"invoice_portion": 30, "credit_days": 0},
					{"invoice_portion": 70, "credit_days": 30},
				],
			}
		).insert()
	return name


class TestSalesInvoice(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_partial_billing_of_an_order_and_over_billing(self):
		order = make_sales_order()
		first = make_sales_invoice(order.name)
		first.items[0].qty = 4
		submit_mapped(first)
		order.reload()
		self.assertEqual((order.items[0].billed_amt, order.per_billed), (400, 40))
		second = make_sales_invoice(order.name)
		self.assertEqual(second.items[0].qty, 6)
		second.items[0].qty = 7
		second.insert()
		with refused(self, OverBillingError, regex="over-billing"):
			second.submit()
		with change_settings("Selling Settings", {"over_billing_allowance": 10}):
			second.reload().submit()
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "per_billed"), 100)

	def test_payment_schedule_sums_to_the_total(self):
		invoice = make_invoice(
			[{"item_code": "_Test Service", "qty": 3}],
			taxes=[VAT_ROW],
			payment_terms_template=make_terms("_Test 30/70"),
		)
		amounts = [row.payment_amount for row in invoice.payment_schedule]
		self.assertEqual(amounts, [54, 126])
		self.assertEqual(sum(amounts), invoice.rounded_total)
		self.assertEqual(str(invoice.due_date), add_days(invoice.posting_date, 30))
		self.assertEqual((invoice.outstanding_amount, invoice.status), (180, "Unpaid"))

	def test_payments_move_outstanding_and_status(self):
		invoice = make_invoice()
		entry = make_payment_entry(invoice.name)
		entry.paid_amount = entry.references[0].allocated_amount = 40
		entry.insert()
		entry.submit()
		invoice.reload()
		self.assertEqual((invoice.outstanding_amount, invoice.status), (60, "Partly Paid"))
		rest = make_payment_entry(invoice.name)
		self.assertEqual(rest.paid_amount, 60)
		rest.insert()
		rest.submit()
		invoice.reload()
		self.assertEqual((invoice.outstanding_amount, invoice.status), (0, "Paid"))
		entry.cancel()
		invoice.reload()
		self.assertEqual((invoice.outstanding_amount, invoice.status), (40, "Partly Paid"))

	def test_credit_note_reduces_outstanding_and_billing(self):
		order = make_sales_order([{"item_code": "_Test Service", "qty": 4}])
		invoice = submit_mapped(make_sales_invoice(order.name))
		credit = make_sales_return(invoice.name)
		credit.items[0].qty = -1
		submit_mapped(credit)
		self.assertEqual((credit.status, credit.grand_total), ("Return", -50))
		invoice.reload()
		order.reload()
		self.assertEqual(invoice.outstanding_amount, 150)
		self.assertEqual(order.items[0].billed_amt, 150)
		full = make_sales_return(invoice.name)
		self.assertEqual(full.items[0].qty, -3)
		submit_mapped(full)
		invoice.reload()
		self.assertEqual((invoice.outstanding_amount, invoice.status), (0, "Credit Note Issued"))

	def test_overdue_with_frozen_dates(self):
		invoice = make_invoice(payment_terms_template=make_terms("_Test 30/70"))
		with self.freeze_time(add_days(nowdate(), 10)):
			refresh_overdue_status()
			self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "status"), "Overdue")
		with self.freeze_time(nowdate()):
			refresh_overdue_status()
			self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "status"), "Unpaid")

	def test_the_overdue_job_never_overwrites_a_payment_saved_meanwhile(self):
		invoice = make_invoice(payment_terms_template=make_terms("_Test 30/70"))
		# what the job read before a payment of the first instalment committed
		before_payment = frappe.get_doc("Sales Invoice", invoice.name)
		payment = make_payment_entry(invoice.name)
		payment.paid_amount = payment.received_amount = 30
		payment.references[0].allocated_amount = 30
		submit_mapped(payment)
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "status"), "Partly Paid")
		get_doc = frappe.get_doc
		stale = [before_payment]

		def read_by_the_job(*args, **kwargs):
			if stale and args == ("Sales Invoice", invoice.name):
				return stale.pop()
			return get_doc(*args, **kwargs)

		# ten days on, only the paid instalment is past due
		with self.freeze_time(add_days(nowdate(), 10)), patch("frappe.get_doc", read_by_the_job):
			refresh_overdue_status()
		self.assertEqual(stale, [])
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "status"), "Partly Paid")

	def test_malformed_invoices_are_refused(self):
		for fields, exception in (
			({"customer": "_Test No Such Customer"}, frappe.LinkValidationError),
			({"items": [{"item_code": "_Test Service", "qty": "ten"}]}, InvalidQuantityError),
			({"conversion_rate": 0, "currency": "EUR"}, ExchangeRateError),
		):
			before = frappe.db.count("Sales Invoice")
			with self.assertRaises(exception):
				make_invoice(submit=False, **fields)
			self.assertEqual(frappe.db.count("Sales Invoice"), before)
