"""The invariants checker (sales_module/controllers/invariants.py): a clean flow breaks nothing, and each
rule names a figure corrupted behind the documents' back (in the test's transaction, rolled back after)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry
from sales_module.controllers.invariants import RULES, check_invariants, run_checks
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
from sales_module.stock.doctype.delivery_note.delivery_note import make_sales_invoice
from sales_module.tests.utils import (
	WAREHOUSE,
	make_customer_once,
	make_item,
	make_item_price,
	make_sales_order,
	receive_stock,
	submit_mapped,
)

ITEM = "_Test Invariant Widget"
CUSTOMER = "_Test Invariant Customer"


class TestInvariants(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.before = {str(violation) for violation in check_invariants()}
		make_customer_once(CUSTOMER)
		if not frappe.db.exists("Item", ITEM):
			make_item(ITEM, is_stock_item=1)
			make_item_price(ITEM, 100)
		cls.receipt = receive_stock(ITEM, 20)
		cls.order = make_sales_order([{"item_code": ITEM, "qty": 5}], customer=CUSTOMER)
		note = make_delivery_note(cls.order.name)
		note.items[0].qty = 4
		cls.note = submit_mapped(note)
		cls.invoice = submit_mapped(make_sales_invoice(cls.note.name))
		cls.payment = submit_mapped(make_payment_entry(cls.invoice.name))
		cls.bin = frappe.db.get_value("Bin", {"item_code": ITEM, "warehouse": WAREHOUSE})

	def setUp(self):
		frappe.db.savepoint("corrupt")

	def tearDown(self):
		frappe.db.rollback(save_point="corrupt")

	def assert_caught(self, rule: str, name: str):
		found = [violation for violation in check_invariants() if violation.rule == rule]
		self.assertIn(name, [violation.name for violation in found], [str(violation) for violation in found])

	def test_a_clean_flow_breaks_no_rule_and_every_rule_is_checked(self):
		report = run_checks()
		self.assertEqual({str(violation) for violation in report.violations} - self.before, set())
		self.assertEqual(set(report.checked), set(RULES))
		self.assertEqual([rule for rule, count in report.checked.items() if not count], [])

	def test_bin_actual_qty_is_its_ledger(self):
		frappe.db.set_value("Bin", self.bin, "actual_qty", 999)
		self.assert_caught("bin_actual_qty", self.bin)

	def test_the_newest_ledger_entry_records_the_balance(self):
		entry = frappe.get_all(
			"Stock Ledger Entry",
			filters={"voucher_no": self.note.name, "is_cancelled": 0},
			pluck="name",
		)[0]
		frappe.db.set_value("Stock Ledger Entry", entry, "qty_after_transaction", 12345)
		self.assert_caught("ledger_balance", entry)

	def test_reserved_qty_is_what_open_orders_still_deliver(self):
		self.assertEqual(flt(frappe.db.get_value("Bin", self.bin, "reserved_qty")), 1)
		frappe.db.set_value("Bin", self.bin, "reserved_qty", 7)
		self.assert_caught("bin_reserved_qty", self.bin)

	def test_projected_qty_is_actual_less_reserved(self):
		frappe.db.set_value("Bin", self.bin, "projected_qty", 55)
		self.assert_caught("bin_projected_qty", self.bin)

	def test_no_negative_stock_unless_allowed(self):
		frappe.db.set_value("Bin", self.bin, "actual_qty", -3)
		self.assert_caught("negative_stock", self.bin)

	def test_an_order_line_figure_is_its_sum(self):
		line = self.order.items[0].name
		self.assertEqual(flt(frappe.db.get_value("Sales Order Item", line, "delivered_qty")), 4)
		frappe.db.set_value("Sales Order Item", line, "delivered_qty", 1)
		self.assert_caught("figure", line)

	def test_an_invoice_outstanding_is_its_sum(self):
		frappe.db.set_value("Sales Invoice", self.invoice.name, "outstanding_amount", 10)
		self.assert_caught("figure", self.invoice.name)

	def test_payments_beyond_what_was_paid_break_a_limit(self):
		frappe.db.set_value("Payment Entry", self.payment.name, "paid_amount", 1)
		self.assert_caught("figure_limit", self.payment.name)

	def test_a_submitted_delivery_has_its_ledger_entries(self):
		entry = frappe.get_all("Stock Ledger Entry", filters={"voucher_no": self.note.name}, pluck="name")[0]
		frappe.db.set_value("Stock Ledger Entry", entry, "is_cancelled", 1)
		self.assert_caught("voucher_ledger", self.note.name)

	def test_a_submitted_document_has_submitted_lines(self):
		frappe.db.set_value("Delivery Note Item", self.note.items[0].name, "docstatus", 0)
		self.assert_caught("document_lines", self.note.name)

	def test_net_total_is_the_sum_of_the_lines(self):
		frappe.db.set_value("Sales Order", self.order.name, "net_total", flt(self.order.net_total) + 1)
		self.assert_caught("line_totals", self.order.name)

	def test_a_status_follows_the_figures(self):
		frappe.db.set_value("Sales Invoice", self.invoice.name, "status", "Unpaid")
		self.assert_caught("status", self.invoice.name)
