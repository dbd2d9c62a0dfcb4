# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidReferenceError, InvalidValueError, OverAllocationError
from sales_module.selling.doctype.sales_order.sales_order import make_payment_entry as make_advance
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_sales_order,
	make_selling_masters,
	refused,
	selling_doc,
)


def make_invoice(qty: float = 2, customer: str = "_Test Flow Customer"):
	doc = selling_doc(
		"Sales Invoice", [{"item_code": "_Test Service", "qty": qty}], customer=customer
	).insert()
	doc.submit()
	return doc


def receipt(invoice, amount: float, allocated: float | None = None):
	return frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"party_type": "Customer",
			"party": invoice.customer,
			"paid_amount": amount,
			"references": [
				{
					"reference_doctype": invoice.doctype,
					"reference_name": invoice.name,
					"allocated_amount": amount if allocated is None else allocated,
				}
			],
		}
	)


class TestPaymentEntry(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_allocation_beyond_outstanding_is_refused(self):
		invoice = make_invoice()
		with self.assertRaises(OverAllocationError):
			receipt(invoice, 150).insert()
		first = receipt(invoice, 80).insert()
		second = receipt(invoice, 80).insert()
		first.submit()
		with refused(self, OverAllocationError, regex="exceed"):
			second.submit()
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "outstanding_amount"), 20)

	def test_unallocated_part_and_wrong_customer(self):
		invoice = make_invoice()
		entry = receipt(invoice, 150, allocated=100).insert()
		self.assertEqual(entry.unallocated_amount, 50)
		make_customer_once("_Test Stranger")
		stranger = receipt(invoice, 10)
		stranger.party = "_Test Stranger"
		with self.assertRaises(InvalidReferenceError):
			stranger.insert()

	def test_advance_against_an_order(self):
		order = make_sales_order([{"item_code": "_Test Service", "qty": 2}])
		advance = make_advance(order.name)
		advance.paid_amount = advance.references[0].allocated_amount = 30
		advance.insert()
		advance.submit()
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "advance_paid"), 30)
		advance.cancel()
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "advance_paid"), 0)

	def test_get_outstanding_invoices_allocates_oldest_due_first(self):
		make_customer_once("_Test Outstanding Customer")
		older = make_invoice(2, "_Test Outstanding Customer")
		newer = make_invoice(1, "_Test Outstanding Customer")
		entry = frappe.get_doc(
			{"doctype": "Payment Entry", "party_type": "Customer", "party": "_Test Outstanding Customer",
			 "paid_amount": 60}
		)  # fmt: skip
		entry.set_outstanding_references()
		self.assertEqual(
			[(ref.reference_name, ref.outstanding_amount, ref.allocated_amount) for ref in entry.references],
			[(older.name, 100, 60), (newer.name, 50, 0)],
		)
		entry.insert()
		# the row left at zero is dropped on save, as ERPNext does
		self.assertEqual([ref.reference_name for ref in entry.references], [older.name])
		self.assertEqual((entry.total_allocated_amount, entry.unallocated_amount), (60, 0))

		whole = frappe.get_doc(
			{"doctype": "Payment Entry", "party_type": "Customer", "party": "_Test Outstanding Customer"}
		)
		whole.set_outstanding_references()
		self.assertEqual(
			(whole.paid_amount, [ref.allocated_amount for ref in whole.references]), (150, [100, 50])
		)

	def test_a_negative_allocation_is_refused(self):
		invoice = make_invoice()
		with refused(self, InvalidValueError, regex="negative"):
			receipt(invoice, 50, allocated=-10).insert()
