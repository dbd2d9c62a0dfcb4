"""Direct sales: a Sales Invoice that updates stock delivers its goods itself (bundles by their parts,
never into negative stock, restored on cancel); one that includes payment is paid in the same submit."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_sales_return
from sales_module.exceptions import (
	DocumentStateError,
	InvalidReferenceError,
	InvalidValueError,
	NegativeStockError,
	NothingToMapError,
)
from sales_module.selling.doctype.sales_order.sales_order import (
	get_delivery_history,
	make_delivery_note,
	make_sales_invoice,
)
from sales_module.stock.doctype.delivery_note.delivery_note import make_sales_invoice as invoice_from_note
from sales_module.tests.utils import (
	bin_qty,
	clear_pricing_rules,
	make_customer_once,
	make_sales_order,
	make_selling_masters,
	receive_stock,
	refused,
	selling_doc,
	submit_mapped,
)


def direct_sale(items: list[dict], customer: str = "_Test Flow Customer", **fields):
	return selling_doc("Sales Invoice", items, customer=customer, update_stock=1, **fields)


def ledger(voucher_no: str) -> list[tuple]:
	return sorted(
		frappe.get_all(
			"Stock Ledger Entry",
			filters={"voucher_type": "Sales Invoice", "voucher_no": voucher_no, "is_cancelled": 0},
			fields=["item_code", "actual_qty"],
			as_list=True,
		)
	)


class TestDirectSales(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_an_invoice_that_updates_stock_delivers_and_cancel_restores(self):
		receive_stock("_Test Widget", 10)
		before = bin_qty("_Test Widget").actual_qty
		invoice = direct_sale(
			[{"item_code": "_Test Widget", "qty": 3}, {"item_code": "_Test Service", "qty": 1}]
		)
		invoice.insert()
		invoice.submit()
		self.assertEqual(bin_qty("_Test Widget").actual_qty, before - 3)
		self.assertEqual(ledger(invoice.name), [("_Test Widget", -3)])
		invoice.cancel()
		self.assertEqual(bin_qty("_Test Widget").actual_qty, before)
		self.assertEqual(ledger(invoice.name), [])

	def test_no_negative_stock_and_nothing_written(self):
		available = bin_qty("_Test Widget").actual_qty
		invoice = direct_sale([{"item_code": "_Test Widget", "qty": available + 1}]).insert()
		with refused(self, NegativeStockError, regex="_Test Widget"):
			invoice.submit()
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "docstatus"), 0)
		self.assertEqual(bin_qty("_Test Widget").actual_qty, available)
		self.assertEqual(ledger(invoice.name), [])

	def test_a_bundle_moves_its_stock_parts(self):
		receive_stock("_Test Part A", 10)
		receive_stock("_Test Part B", 10)
		parts = bin_qty("_Test Part A").actual_qty, bin_qty("_Test Part B").actual_qty
		invoice = direct_sale([{"item_code": "_Test Kit", "qty": 2}]).insert()
		invoice.submit()
		self.assertEqual(ledger(invoice.name), [("_Test Part A", -4), ("_Test Part B", -2)])
		self.assertEqual(
			(bin_qty("_Test Part A").actual_qty, bin_qty("_Test Part B").actual_qty),
			(parts[0] - 4, parts[1] - 2),
		)

	def test_an_order_billed_and_delivered_by_one_invoice(self):
		receive_stock("_Test Widget", 10)
		order = make_sales_order([{"item_code": "_Test Widget", "qty": 4}])
		reserved = bin_qty("_Test Widget").reserved_qty
		invoice = make_sales_invoice(order.name)
		invoice.items[0].qty = 3
		submit_mapped(invoice, update_stock=1)
		order.reload()
		self.assertEqual((order.items[0].delivered_qty, order.per_delivered), (3, 75))
		self.assertEqual(bin_qty("_Test Widget").reserved_qty, reserved - 3)
		history = get_delivery_history(order.name)
		self.assertEqual(
			[(row.voucher_type, row.voucher_no, row.qty) for row in history],
			[("Sales Invoice", invoice.name, 3)],
		)
		# the rest is delivered by a Delivery Note
		note = make_delivery_note(order.name)
		self.assertEqual([row.qty for row in note.items], [1])
		# a credit note that updates stock brings the goods back and undelivers the order line
		credit = make_sales_return(invoice.name)
		self.assertEqual(credit.update_stock, 1)
		submit_mapped(credit)
		order.reload()
		self.assertEqual((order.items[0].delivered_qty, order.items[0].returned_qty), (0, 3))
		self.assertEqual(ledger(credit.name), [("_Test Widget", 3)])

	def test_goods_delivered_by_a_note_are_not_delivered_again(self):
		receive_stock("_Test Widget", 5)
		order = make_sales_order([{"item_code": "_Test Widget", "qty": 2}])
		note = submit_mapped(make_delivery_note(order.name))
		invoice = invoice_from_note(note.name)
		invoice.update_stock = 1
		with refused(self, InvalidReferenceError, regex="delivered by Delivery Note"):
			invoice.insert()
		# an invoice that did not move stock gets no credit note that brings goods back
		plain = selling_doc("Sales Invoice", [{"item_code": "_Test Widget", "qty": 1}]).insert()
		plain.submit()
		credit = make_sales_return(plain.name)
		credit.update_stock = 1
		with refused(self, InvalidReferenceError, regex="did not move stock"):
			credit.insert()
		with refused(self, NothingToMapError):
			make_delivery_note(order.name)


class TestPaidAtOnce(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def pos_invoice(self, customer: str, payments: list[dict]):
		make_customer_once(customer)
		return selling_doc(
			"Sales Invoice",
			[{"item_code": "_Test Service", "qty": 2}],
			customer=customer,
			is_pos=1,
			payments=payments,
		)

	def test_payments_are_recorded_in_the_submit_and_the_rest_is_change(self):
		invoice = self.pos_invoice(
			"_Test POS Paid",
			[{"mode_of_payment": "Cash", "amount": 60}, {"mode_of_payment": "Card", "amount": 50}],
		).insert()
		self.assertEqual(
			(invoice.paid_amount, invoice.change_amount, invoice.outstanding_amount), (110, 10, 0)
		)
		invoice.submit()
		self.assertEqual(
			tuple(frappe.db.get_value("Sales Invoice", invoice.name, ["outstanding_amount", "status"])),
			(0, "Paid"),
		)
		invoice.reload()
		receipts = [frappe.get_doc("Payment Entry", row.payment_entry) for row in invoice.payments]
		self.assertEqual(
			[(entry.docstatus, entry.mode_of_payment, entry.paid_amount, entry.references[0].reference_name)
			 for entry in receipts],
			[(1, "Cash", 60, invoice.name), (1, "Card", 40, invoice.name)],
		)  # fmt: skip
		invoice.cancel()
		self.assertEqual(
			[frappe.db.get_value("Payment Entry", entry.name, "docstatus") for entry in receipts], [2, 2]
		)

	def test_a_part_payment_leaves_the_rest_outstanding(self):
		invoice = self.pos_invoice("_Test POS Part", [{"mode_of_payment": "Cash", "amount": 30}]).insert()
		invoice.submit()
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "outstanding_amount"), 70)

	def test_bad_payments_are_refused(self):
		with refused(self, frappe.MandatoryError, regex="at least one payment"):
			self.pos_invoice("_Test POS Bad", []).insert()
		with refused(self, InvalidValueError, regex="cannot be negative"):
			self.pos_invoice("_Test POS Bad", [{"mode_of_payment": "Cash", "amount": -5}]).insert()
		with refused(self, frappe.LinkValidationError):
			self.pos_invoice("_Test POS Bad", [{"mode_of_payment": "Barter", "amount": 5}]).insert()
		paid = self.pos_invoice("_Test POS Bad", [{"mode_of_payment": "Cash", "amount": 100}]).insert()
		paid.submit()
		credit = make_sales_return(paid.name)
		credit.is_pos = 1
		credit.append("payments", {"mode_of_payment": "Cash", "amount": 100})
		with refused(self, DocumentStateError, regex="Payment Type Pay"):
			credit.insert()
		self.assertEqual(frappe.db.count("Sales Invoice", {"customer": "_Test POS Bad"}), 1)
