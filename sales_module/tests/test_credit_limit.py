"""Credit limit at order, delivery and invoice submit, as ERPNext checks it, over the exposure it counts:
open invoices, unbilled open orders and unbilled open deliveries (closed ones leave it)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import CreditLimitError
from sales_module.selling.credit_limit import get_customer_exposure
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
from sales_module.stock.doctype.delivery_note.delivery_note import (
	make_sales_invoice,
	update_delivery_note_status,
)
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer,
	make_sales_order,
	make_selling_masters,
	receive_stock,
	refused,
	selling_doc,
	submit_mapped,
)

LIMIT = 1500  # _Test Widget sells at 100


def submit(doctype: str, qty: float, customer: str):
	doc = selling_doc(doctype, [{"item_code": "_Test Widget", "qty": qty}], customer=customer).insert()
	doc.submit()
	return doc


class TestCreditLimit(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()
		receive_stock("_Test Widget", 100)
		self.customer = make_customer(
			f"_Test Credit {frappe.generate_hash(length=6)}", credit_limit=LIMIT
		).name

	def test_direct_deliveries_and_invoices_are_checked_and_unbilled_deliveries_count(self):
		note = submit("Delivery Note", 10, self.customer)
		self.assertEqual(get_customer_exposure(self.customer), 1000)
		with refused(self, CreditLimitError, regex="Credit limit"):
			submit("Sales Invoice", 6, self.customer)
		self.assertFalse(frappe.db.exists("Sales Invoice", {"customer": self.customer, "docstatus": 1}))
		# billing the delivery moves its value from unbilled to outstanding: counted once, not checked
		submit_mapped(make_sales_invoice(note.name))
		self.assertEqual(get_customer_exposure(self.customer), 1000)

	def test_a_closed_delivery_leaves_the_exposure(self):
		submit("Delivery Note", 10, self.customer)
		second = submit("Delivery Note", 4, self.customer)
		with refused(self, CreditLimitError):
			submit("Sales Invoice", 2, self.customer)
		update_delivery_note_status(second.name, "Closed")
		self.assertEqual(get_customer_exposure(self.customer), 1000)
		invoice = submit("Sales Invoice", 5, self.customer)
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "docstatus"), 1)

	def test_deliveries_and_invoices_from_orders_are_not_checked_again(self):
		order = make_sales_order(customer=self.customer, items=[{"item_code": "_Test Widget", "qty": 15}])
		self.assertEqual(get_customer_exposure(self.customer), 1500)
		submit_mapped(make_delivery_note(order.name))
		self.assertEqual(get_customer_exposure(self.customer), 1500)  # the order counts it
		with refused(self, CreditLimitError):
			submit("Delivery Note", 1, self.customer)

	def test_bypass_moves_the_check_from_the_order_to_delivery_and_invoice(self):
		frappe.db.set_value("Customer", self.customer, "bypass_credit_limit_check", 1)
		order = make_sales_order(customer=self.customer, items=[{"item_code": "_Test Widget", "qty": 20}])
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "docstatus"), 1)
		self.assertEqual(get_customer_exposure(self.customer, include_orders=False), 0)
		delivery = make_delivery_note(order.name)
		delivery.items[0].qty = 15
		submit_mapped(delivery)  # exactly at the limit
		with refused(self, CreditLimitError, regex="Delivery Note"):
			submit_mapped(make_delivery_note(order.name))
		with refused(self, CreditLimitError, regex="Sales Invoice"):
			submit("Sales Invoice", 1, self.customer)
