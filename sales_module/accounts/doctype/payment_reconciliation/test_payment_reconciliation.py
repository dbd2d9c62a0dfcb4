# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Payment Reconciliation: a customer's unallocated receipts and credit notes set against its open
invoices, oldest first or by hand, every figure recomputed and nothing over-allocated."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidReferenceError, NothingToMapError, OverAllocationError
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	refused,
	selling_doc,
)


def invoice(customer: str, qty: float, posting_date: str = "2026-11-01"):
	doc = selling_doc(
		"Sales Invoice",
		[{"item_code": "_Test Service", "qty": qty}],
		customer=customer,
		posting_date=posting_date,
		set_posting_time=1,
	).insert()
	doc.submit()
	return doc


def receipt(customer: str, amount: float, posting_date: str = "2026-11-02"):
	doc = frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"party_type": "Customer",
			"party": customer,
			"paid_amount": amount,
			"posting_date": posting_date,
		}
	).insert()
	doc.submit()
	return doc


def credit_note(customer: str, qty: float, posting_date: str = "2026-11-03"):
	doc = selling_doc(
		"Sales Invoice",
		[{"item_code": "_Test Service", "qty": -qty}],
		customer=customer,
		posting_date=posting_date,
		set_posting_time=1,
		is_return=1,
	).insert()
	doc.submit()
	return doc


def tool(customer: str):
	doc = frappe.get_doc("Payment Reconciliation")
	doc.update({"party_type": "Customer", "party": customer})
	doc.set("allocation", [])
	return doc


def outstanding(name: str) -> float:
	return frappe.db.get_value("Sales Invoice", name, "outstanding_amount")


class TestPaymentReconciliation(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_receipts_and_credit_notes_settle_the_oldest_invoices(self):
		customer = make_customer_once("_Test Recon Oldest").name
		older = invoice(customer, 1, "2026-10-01")  # 50
		newer = invoice(customer, 3, "2026-10-05")  # 150
		free = receipt(customer, 100)
		credit = credit_note(customer, 1)  # owes the customer 50
		recon = tool(customer)
		recon.get_unreconciled_entries()
		self.assertEqual(
			[(row.invoice_number, row.outstanding_amount) for row in recon.invoices],
			[(older.name, 50), (newer.name, 150)],
		)
		self.assertEqual(
			[(row.reference_type, row.reference_name, row.amount) for row in recon.payments],
			[("Payment Entry", free.name, 100), ("Sales Invoice", credit.name, 50)],
		)
		recon.allocate_entries({})
		self.assertEqual(
			[(row.reference_name, row.invoice_number, row.allocated_amount) for row in recon.allocation],
			[(free.name, older.name, 50), (free.name, newer.name, 50), (credit.name, newer.name, 50)],
		)
		recon.reconcile()
		self.assertEqual(
			(outstanding(older.name), outstanding(newer.name), outstanding(credit.name)), (0, 50, 0)
		)
		self.assertEqual(frappe.db.get_value("Sales Invoice", older.name, "status"), "Paid")
		self.assertEqual(frappe.db.get_value("Payment Entry", free.name, "unallocated_amount"), 0)
		self.assertEqual(frappe.db.get_value("Sales Invoice", newer.name, "total_advance"), 100)
		# what is still open is listed again; the settled credit and receipt are gone
		self.assertEqual([row.invoice_number for row in recon.invoices], [newer.name])
		self.assertEqual(recon.payments, [])

		# cancelling the invoice gives the receipt and the credit back, exactly
		frappe.get_doc("Sales Invoice", newer.name).cancel()
		self.assertEqual(frappe.db.get_value("Payment Entry", free.name, "unallocated_amount"), 50)
		self.assertEqual(outstanding(credit.name), -50)

	def test_a_partial_allocation_by_hand_leaves_the_rest_open(self):
		customer = make_customer_once("_Test Recon Partial").name
		bill = invoice(customer, 2)  # 100
		free = receipt(customer, 70)
		recon = tool(customer)
		recon.get_unreconciled_entries()
		recon.allocate_entries(
			{"payments": [recon.payments[0].as_dict()], "invoices": [recon.invoices[0].as_dict()]}
		)
		recon.allocation[0].allocated_amount = 25
		recon.reconcile()
		self.assertEqual(outstanding(bill.name), 75)
		self.assertEqual(
			frappe.db.get_value("Sales Invoice", bill.name, "status"), "Overdue"
		)  # past due, part paid
		self.assertEqual(frappe.db.get_value("Payment Entry", free.name, "unallocated_amount"), 45)
		self.assertEqual([(row.reference_name, row.amount) for row in recon.payments], [(free.name, 45)])

	def test_over_allocation_and_foreign_documents_are_refused_and_write_nothing(self):
		customer = make_customer_once("_Test Recon Over").name
		other = make_customer_once("_Test Recon Other").name
		bill = invoice(customer, 1)  # 50
		free = receipt(customer, 70)
		foreign = receipt(other, 10)
		recon = tool(customer)
		recon.get_unreconciled_entries()
		recon.allocate_entries({})
		recon.allocation[0].allocated_amount = 60  # more than the invoice's 50
		with refused(self, OverAllocationError, regex="50.0 outstanding"):
			recon.reconcile()
		recon.allocation[0].allocated_amount = 40
		recon.allocation[0].reference_name = foreign.name
		with refused(self, InvalidReferenceError, regex="not a submitted receipt"):
			recon.reconcile()
		recon.allocation[0].reference_name = bill.name
		with refused(self, InvalidReferenceError, regex="not a submitted receipt|not another"):
			recon.reconcile()
		recon.set("allocation", [])
		with refused(self, NothingToMapError):
			recon.reconcile()
		self.assertEqual(outstanding(bill.name), 50)
		self.assertEqual(frappe.db.get_value("Payment Entry", free.name, "unallocated_amount"), 70)
		self.assertEqual(frappe.db.count("Sales Invoice Advance", {"parent": bill.name}), 0)

	def test_a_receipt_that_was_used_meanwhile_is_refused_under_the_lock(self):
		customer = make_customer_once("_Test Recon Stale").name
		first, second = invoice(customer, 2), invoice(customer, 2)
		free = receipt(customer, 100)
		recon = tool(customer)
		recon.get_unreconciled_entries()
		recon.allocate_entries(
			{"payments": [recon.payments[0].as_dict()], "invoices": [recon.invoices[0].as_dict()]}
		)
		# meanwhile the same receipt goes to the other invoice through a second reconciliation
		other = tool(customer)
		other.get_unreconciled_entries()
		other.allocate_entries(
			{"payments": [other.payments[0].as_dict()], "invoices": [other.invoices[1].as_dict()]}
		)
		other.reconcile()
		with refused(self, OverAllocationError, regex="has 0.0 to give"):
			recon.reconcile()
		self.assertEqual((outstanding(first.name), outstanding(second.name)), (100, 0))
		self.assertEqual(frappe.db.get_value("Payment Entry", free.name, "unallocated_amount"), 0)

	def test_an_applied_credit_note_cannot_be_cancelled_alone(self):
		customer = make_customer_once("_Test Recon Credit").name
		bill = invoice(customer, 2)
		credit = credit_note(customer, 1)
		recon = tool(customer)
		recon.get_unreconciled_entries()
		recon.allocate_entries({})
		recon.reconcile()
		self.assertEqual((outstanding(bill.name), outstanding(credit.name)), (50, 0))
		with refused(self, frappe.LinkExistsError):
			frappe.get_doc("Sales Invoice", credit.name).cancel()
		self.assertEqual(frappe.db.get_value("Sales Invoice", credit.name, "docstatus"), 1)

	def test_a_non_customer_party_is_refused(self):
		recon = tool("_Test Recon No Such Customer")
		with refused(self, InvalidReferenceError, regex="Choose a Customer"):
			recon.get_unreconciled_entries()
