"""Advances on invoices: payments received before the invoice (for its order, or unallocated) reduce
what it leaves outstanding, never beyond what each payment still has to give."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_sales_return
from sales_module.accounts.payments import available_advances
from sales_module.exceptions import (
	DuplicateError,
	InvalidReferenceError,
	InvalidValueError,
	OverAllocationError,
)
from sales_module.selling.doctype.sales_order.sales_order import make_payment_entry as make_advance
from sales_module.selling.doctype.sales_order.sales_order import make_sales_invoice
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_sales_order,
	make_selling_masters,
	refused,
	selling_doc,
	submit_mapped,
)

SERVICE_LINE = [{"item_code": "_Test Service", "qty": 2}]  # 2 x 50 = 100


def order_advance(order, amount: float):
	entry = make_advance(order.name)
	entry.paid_amount = entry.references[0].allocated_amount = amount
	entry.insert()
	entry.submit()
	return entry


def free_receipt(amount: float, customer: str = "_Test Flow Customer"):
	entry = frappe.get_doc(
		{"doctype": "Payment Entry", "party_type": "Customer", "party": customer, "paid_amount": amount}
	).insert()
	entry.submit()
	return entry


def invoice_draft(customer: str = "_Test Flow Customer"):
	return selling_doc("Sales Invoice", SERVICE_LINE, customer=customer)


def unallocated(entry) -> float:
	return frappe.db.get_value("Payment Entry", entry.name, "unallocated_amount")


class TestAdvances(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_an_orders_advance_reaches_its_invoice(self):
		order = make_sales_order(SERVICE_LINE)
		entry = order_advance(order, 30)
		invoice = make_sales_invoice(order.name)
		self.assertEqual(
			[(row.reference_name, row.reference_row, row.advance_amount, row.allocated_amount)
			 for row in invoice.advances],
			[(entry.name, entry.references[0].name, 30, 30)],
		)  # fmt: skip
		self.assertEqual((invoice.total_advance, invoice.outstanding_amount), (30, 70))
		submit_mapped(invoice)
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "outstanding_amount"), 70)
		# the order keeps what was paid for it; the payment row has nothing left to give
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "advance_paid"), 30)
		self.assertEqual(
			[row for row in available_advances(order.customer, [order.name], None) if row.reference_row], []
		)
		invoice.cancel()
		self.assertEqual(len(make_sales_invoice(order.name).advances), 1)

	def test_get_advances_allocates_oldest_first_up_to_the_total(self):
		make_customer_once("_Test Advance FIFO")
		first, second = free_receipt(60, "_Test Advance FIFO"), free_receipt(70, "_Test Advance FIFO")
		invoice = invoice_draft("_Test Advance FIFO")
		invoice.set_advances()
		self.assertEqual(
			[(row.reference_name, row.advance_amount, row.allocated_amount) for row in invoice.advances],
			[(first.name, 60, 60), (second.name, 70, 40)],
		)
		invoice.insert()
		invoice.submit()
		self.assertEqual(
			frappe.db.get_value("Sales Invoice", invoice.name, ["outstanding_amount", "status"]), (0, "Paid")
		)
		self.assertEqual((unallocated(first), unallocated(second)), (0, 30))
		invoice.cancel()
		self.assertEqual((unallocated(first), unallocated(second)), (60, 70))

	def test_automatic_allocation_on_save(self):
		make_customer_once("_Test Advance Auto")
		entry = free_receipt(25, "_Test Advance Auto")
		invoice = invoice_draft("_Test Advance Auto")
		invoice.allocate_advances_automatically = 1
		invoice.insert()
		self.assertEqual(
			[(row.reference_name, row.allocated_amount) for row in invoice.advances], [(entry.name, 25)]
		)
		self.assertEqual(invoice.outstanding_amount, 75)

	def test_rows_at_zero_are_dropped(self):
		entry = free_receipt(10)
		invoice = invoice_draft()
		invoice.append("advances", {"reference_name": entry.name, "allocated_amount": 0})
		invoice.insert()
		self.assertEqual((invoice.advances, invoice.outstanding_amount), ([], 100))

	def test_more_than_the_payment_has_left_is_refused(self):
		entry = free_receipt(40)
		invoice = invoice_draft()
		invoice.append("advances", {"reference_name": entry.name, "allocated_amount": 41})
		with refused(self, OverAllocationError, regex="41"):
			invoice.insert()
		self.assertFalse(frappe.db.exists("Sales Invoice Advance", {"reference_name": entry.name}))

	def test_more_than_the_invoice_total_is_refused(self):
		entry = free_receipt(150)
		invoice = invoice_draft()
		invoice.append("advances", {"reference_name": entry.name, "allocated_amount": 120})
		with refused(self, OverAllocationError, regex="more than the invoice total"):
			invoice.insert()

	def test_another_customers_payment_is_refused(self):
		make_customer_once("_Test Stranger")
		entry = free_receipt(40, "_Test Stranger")
		invoice = invoice_draft()
		invoice.append("advances", {"reference_name": entry.name, "allocated_amount": 10})
		with refused(self, InvalidReferenceError, regex="not a submitted receipt"):
			invoice.insert()

	def test_the_same_payment_twice_and_negative_allocations_are_refused(self):
		entry = free_receipt(40)
		invoice = invoice_draft()
		invoice.append("advances", {"reference_name": entry.name, "allocated_amount": 10})
		invoice.append("advances", {"reference_name": entry.name, "allocated_amount": 10})
		with refused(self, DuplicateError):
			invoice.insert()
		invoice = invoice_draft()
		invoice.append("advances", {"reference_name": entry.name, "allocated_amount": -5})
		with refused(self, InvalidValueError, regex="negative"):
			invoice.insert()

	def test_a_payment_used_up_meanwhile_is_refused_at_submit(self):
		entry = free_receipt(50)
		drafts = []
		for _ in range(2):
			draft = invoice_draft()
			draft.append("advances", {"reference_name": entry.name, "allocated_amount": 50})
			drafts.append(draft.insert())
		drafts[0].submit()
		with refused(self, InvalidReferenceError, regex="amount left"):
			drafts[1].submit()
		self.assertEqual(unallocated(entry), 0)

	def test_the_payment_cannot_be_cancelled_while_an_invoice_holds_its_advance(self):
		make_customer_once("_Test Advance Held")
		entry = free_receipt(30, "_Test Advance Held")
		invoice = invoice_draft("_Test Advance Held")
		invoice.set_advances()
		invoice.insert()
		invoice.submit()
		entry.reload()
		with refused(self, frappe.LinkExistsError, regex="cannot be cancelled: Sales Invoice"):
			entry.cancel()
		self.assertEqual(frappe.db.get_value("Payment Entry", entry.name, "docstatus"), 1)

	def test_a_credit_note_takes_no_advances(self):
		invoice = invoice_draft().insert()
		invoice.submit()
		entry = free_receipt(10)
		credit = make_sales_return(invoice.name)
		credit.append("advances", {"reference_name": entry.name, "allocated_amount": 10})
		with refused(self, InvalidReferenceError, regex="credit note"):
			credit.insert()
