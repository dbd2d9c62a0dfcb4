"""Refunds of returns: a credit note against a paid invoice leaves it owing the customer, and a Payment
Entry of type Pay (allocated negative, as in ERPNext) pays that back, never more than is owed."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry, make_sales_return
from sales_module.api.erpnext import get_payment_entry
from sales_module.exceptions import InvalidReferenceError, InvalidValueError, OverAllocationError
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


def paid_invoice(customer: str):
	make_customer_once(customer)
	invoice = selling_doc("Sales Invoice", SERVICE_LINE, customer=customer).insert()
	invoice.submit()
	submit_mapped(make_payment_entry(invoice.name))
	return invoice


def invoice_figures(name: str) -> tuple:
	return tuple(frappe.db.get_value("Sales Invoice", name, ["outstanding_amount", "status"]))


def refund(customer: str, invoice: str, amount: float, paid: float | None = None):
	return frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"payment_type": "Pay",
			"party_type": "Customer",
			"party": customer,
			"paid_amount": paid if paid is not None else abs(amount),
			"references": [
				{"reference_doctype": "Sales Invoice", "reference_name": invoice, "allocated_amount": amount}
			],
		}
	)


class TestRefunds(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_a_credit_note_on_a_paid_invoice_is_refunded_through_the_invoice(self):
		invoice = paid_invoice("_Test Refund Paid")
		self.assertEqual(invoice_figures(invoice.name), (0, "Paid"))
		# this submit was refused (payments and credit notes exceeded the total) before refunds existed
		credit = submit_mapped(make_sales_return(invoice.name))
		self.assertEqual(invoice_figures(invoice.name), (-100, "Credit Note Issued"))
		self.assertEqual(invoice_figures(credit.name), (0, "Return"))

		# the credit note's "Refund" pays back what the invoice it returns now owes the customer
		entry = make_payment_entry(credit.name)
		self.assertEqual(
			(entry.payment_type, entry.paid_amount, entry.total_allocated_amount), ("Pay", 100, 100)
		)
		self.assertEqual(
			[(row.reference_name, row.outstanding_amount, row.allocated_amount) for row in entry.references],
			[(invoice.name, -100, -100)],
		)
		submit_mapped(entry)
		self.assertEqual(invoice_figures(invoice.name)[0], 0)
		self.assertEqual(frappe.db.get_value("Payment Entry", entry.name, "unallocated_amount"), 0)

		# with the refund standing, the credit note cannot go: the customer would be refunded for nothing
		with refused(
			self, OverAllocationError, regex="100.00 refunded or applied to other invoices exceeds the 0.00"
		):
			frappe.get_doc("Sales Invoice", credit.name).cancel()
		self.assertEqual(frappe.db.get_value("Sales Invoice", credit.name, "docstatus"), 1)
		self.assertEqual(invoice_figures(invoice.name)[0], 0)

		# cancelling the refund gives back what is owed, exactly
		frappe.get_doc("Payment Entry", entry.name).cancel()
		self.assertEqual(invoice_figures(invoice.name)[0], -100)

	def test_a_refund_never_pays_more_than_is_owed(self):
		invoice = paid_invoice("_Test Refund Over")
		credit = make_sales_return(invoice.name)
		credit.items[0].qty = -1
		submit_mapped(credit)
		self.assertEqual(invoice_figures(invoice.name)[0], -50)
		with refused(self, OverAllocationError, regex="more than the 50"):
			refund("_Test Refund Over", invoice.name, -60).insert()
		# two refunds of the whole amount drafted at once: the second is refused on submit, under the lock
		first = refund("_Test Refund Over", invoice.name, -50).insert()
		second = refund("_Test Refund Over", invoice.name, -50).insert()
		first.submit()
		with refused(
			self, OverAllocationError, regex="100.00 refunded or applied to other invoices exceeds the 50.00"
		):
			second.submit()
		self.assertEqual(frappe.db.get_value("Payment Entry", second.name, "docstatus"), 0)
		self.assertEqual(invoice_figures(invoice.name)[0], 0)

	def test_refund_payloads_are_checked(self):
		invoice = paid_invoice("_Test Refund Input")
		credit = submit_mapped(make_sales_return(invoice.name))
		with refused(self, InvalidValueError, regex="negative amount"):
			refund("_Test Refund Input", invoice.name, 100).insert()
		with refused(self, InvalidReferenceError, regex="counted on the invoice it returns"):
			refund("_Test Refund Input", credit.name, -100).insert()
		with refused(self, OverAllocationError, regex="allocate all of it"):
			refund("_Test Refund Input", invoice.name, -40, paid=100).insert()
		order = make_sales_order(SERVICE_LINE, customer="_Test Refund Input")
		entry = refund("_Test Refund Input", invoice.name, -100)
		entry.references[0].reference_doctype, entry.references[0].reference_name = "Sales Order", order.name
		with refused(self, InvalidReferenceError, regex="credit notes"):
			entry.insert()
		# a receipt cannot be allocated negative, nor to what owes the customer
		receipt = refund("_Test Refund Input", invoice.name, -100)
		receipt.payment_type = "Receive"
		with refused(self, InvalidValueError, regex="Payment Type Pay"):
			receipt.insert()
		self.assertEqual(invoice_figures(invoice.name)[0], -100)

	def test_a_standalone_credit_note_is_refundable_over_the_erpnext_path(self):
		make_customer_once("_Test Refund Standalone")
		credit = selling_doc(
			"Sales Invoice", [{"item_code": "_Test Service", "qty": -1}], customer="_Test Refund Standalone"
		)
		credit.is_return = 1
		credit.insert()
		credit.submit()
		self.assertEqual(invoice_figures(credit.name), (-50, "Return"))
		with refused(self, InvalidReferenceError, regex="receives no payment"):
			frappe.get_doc(
				{
					"doctype": "Payment Entry",
					"party_type": "Customer",
					"party": "_Test Refund Standalone",
					"paid_amount": 50,
					"references": [
						{
							"reference_doctype": "Sales Invoice",
							"reference_name": credit.name,
							"allocated_amount": 50,
						}
					],
				}
			).insert()
		entry = get_payment_entry("Sales Invoice", credit.name, party_amount=20)
		self.assertEqual(
			(entry.payment_type, entry.paid_amount, entry.references[0].allocated_amount), ("Pay", 20, -20)
		)
		submit_mapped(entry)
		self.assertEqual(invoice_figures(credit.name)[0], -30)

	def test_a_credit_note_may_carry_its_own_outstanding(self):
		make_customer_once("_Test Refund Self")
		invoice = selling_doc("Sales Invoice", SERVICE_LINE, customer="_Test Refund Self").insert()
		invoice.submit()
		credit = make_sales_return(invoice.name)
		credit.items[0].qty = -1
		submit_mapped(credit, update_outstanding_for_self=1)
		# ERPNext's "Update Outstanding for Self": the invoice keeps what it was owed
		self.assertEqual(invoice_figures(invoice.name)[0], 100)
		self.assertEqual(invoice_figures(credit.name)[0], -50)
		entry = frappe.new_doc("Payment Entry")
		entry.update({"payment_type": "Pay", "party_type": "Customer", "party": "_Test Refund Self"})
		entry.set_outstanding_references()
		self.assertEqual(
			[(row.reference_name, row.outstanding_amount, row.allocated_amount) for row in entry.references],
			[(credit.name, -50, -50)],
		)
		self.assertEqual((entry.paid_amount, entry.total_allocated_amount), (50, 50))
		submit_mapped(entry)
		self.assertEqual(invoice_figures(credit.name)[0], 0)
		self.assertEqual(invoice_figures(invoice.name)[0], 100)
