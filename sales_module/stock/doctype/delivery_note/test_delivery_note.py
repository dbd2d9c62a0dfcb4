# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from sales_module.exceptions import (
	DocumentStateError,
	NegativeStockError,
	NothingToMapError,
	OverDeliveryError,
	OverReturnError,
)
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
from sales_module.stock.doctype.delivery_note.delivery_note import (
	make_sales_invoice,
	make_sales_return,
	update_delivery_note_status,
)
from sales_module.tests.utils import (
	bin_qty,
	clear_pricing_rules,
	make_sales_order,
	make_selling_masters,
	receive_stock,
	refused,
	submit_mapped,
)


class TestDeliveryNote(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_partial_deliveries_are_the_order_history(self):
		receive_stock("_Test Widget", 30)
		stock_before = bin_qty("_Test Widget")
		order = make_sales_order()
		first = make_delivery_note(order.name)
		first.items[0].qty = 4
		submit_mapped(first)
		order.reload()
		self.assertEqual((order.items[0].delivered_qty, order.per_delivered), (4, 40))
		self.assertEqual(order.delivery_status, "Partly Delivered")
		second = submit_mapped(make_delivery_note(order.name))
		self.assertEqual(second.items[0].qty, 6)
		order.reload()
		self.assertEqual((order.per_delivered, order.status), (100, "To Bill"))
		history = frappe.get_all(
			"Delivery Note Item", filters={"so_detail": order.items[0].name, "docstatus": 1}, pluck="parent"
		)
		self.assertEqual(sorted(history), sorted([first.name, second.name]))
		stock_after = bin_qty("_Test Widget")
		self.assertEqual(stock_before.actual_qty - stock_after.actual_qty, 10)
		self.assertEqual(stock_after.reserved_qty, stock_before.reserved_qty)
		with self.assertRaises(NothingToMapError):
			make_delivery_note(order.name)

	def test_over_delivery_needs_an_allowance(self):
		receive_stock("_Test Widget", 30)
		order = make_sales_order()
		note = make_delivery_note(order.name)
		note.items[0].qty = 11
		note.insert()
		with refused(self, OverDeliveryError, regex="over-delivery"):
			note.submit()
		self.assertEqual(frappe.db.get_value("Sales Order Item", order.items[0].name, "delivered_qty"), 0)
		with change_settings("Selling Settings", {"over_delivery_allowance": 10}):
			note.reload().submit()
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "per_delivered"), 100)

	def test_no_delivery_beyond_stock_unless_allowed(self):
		order = make_sales_order(
			[{"item_code": "_Test Service", "qty": 1}, {"item_code": "_Test Widget", "qty": 10}]
		)
		available = bin_qty("_Test Widget").actual_qty
		note = make_delivery_note(order.name)
		note.items[1].qty = available + 1
		note.insert()
		# an over-delivery allowance wide enough for any stock level, so only the stock check can refuse
		allowance = (available + 1) * 10  # % of the 10 ordered
		with (
			change_settings("Selling Settings", {"over_delivery_allowance": allowance}),
			refused(self, NegativeStockError),
		):
			note.submit()
		self.assertEqual(bin_qty("_Test Widget").actual_qty, available)
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "per_delivered"), 0)

	def test_return_brings_stock_back_and_reduces_delivered(self):
		receive_stock("_Test Widget", 30)
		order = make_sales_order()
		note = submit_mapped(make_delivery_note(order.name))
		stock = bin_qty("_Test Widget").actual_qty
		returned = make_sales_return(note.name)
		returned.items[0].qty = -3
		submit_mapped(returned)
		self.assertEqual(bin_qty("_Test Widget").actual_qty, stock + 3)
		order.reload()
		note.reload()
		self.assertEqual((order.items[0].delivered_qty, order.items[0].returned_qty), (7, 3))
		self.assertEqual(note.items[0].returned_qty, 3)
		with refused(self, OverReturnError):
			rest = make_sales_return(note.name)
			rest.items[0].qty = -8
			submit_mapped(rest)

	def test_cancel_restores_stock_and_the_order(self):
		receive_stock("_Test Widget", 30)
		order = make_sales_order()
		before = bin_qty("_Test Widget")
		note = submit_mapped(make_delivery_note(order.name))
		note.cancel()
		after = bin_qty("_Test Widget")
		self.assertEqual((after.actual_qty, after.reserved_qty), (before.actual_qty, before.reserved_qty))
		order.reload()
		self.assertEqual((order.per_delivered, order.status), (0, "To Deliver and Bill"))

	def test_bundle_delivery_moves_components(self):
		receive_stock("_Test Part A", 20)
		receive_stock("_Test Part B", 20)
		order = make_sales_order([{"item_code": "_Test Kit", "qty": 2}])
		before = bin_qty("_Test Part A").actual_qty, bin_qty("_Test Part B").actual_qty
		submit_mapped(make_delivery_note(order.name))
		after = bin_qty("_Test Part A").actual_qty, bin_qty("_Test Part B").actual_qty
		self.assertEqual((before[0] - after[0], before[1] - after[1]), (4, 2))

	def test_billing_from_the_delivery(self):
		receive_stock("_Test Widget", 30)
		order = make_sales_order()
		note = submit_mapped(make_delivery_note(order.name))
		invoice = submit_mapped(make_sales_invoice(note.name))
		note.reload()
		order.reload()
		self.assertEqual((note.per_billed, note.status), (100, "Completed"))
		self.assertEqual((order.per_billed, order.status), (100, "Completed"))
		self.assertEqual(invoice.items[0].so_detail, order.items[0].name)

	def test_close_stops_billing_and_cancel_until_re_opened(self):
		receive_stock("_Test Widget", 10)
		note = submit_mapped(make_delivery_note(make_sales_order().name))
		self.assertEqual(update_delivery_note_status(note.name, "Closed"), "Closed")
		self.assertEqual(frappe.db.get_value("Delivery Note", note.name, "status"), "Closed")
		with self.assertRaises(DocumentStateError):
			make_sales_invoice(note.name)
		note.reload()
		with self.assertRaises(DocumentStateError):
			note.cancel()
		self.assertEqual(frappe.db.get_value("Delivery Note", note.name, "docstatus"), 1)
		# ERPNext re-opens with "Submitted"
		self.assertEqual(update_delivery_note_status(note.name, "Submitted"), "To Bill")
		self.assertEqual(make_sales_invoice(note.name).items[0].qty, 10)

	def test_close_is_refused_on_drafts_and_for_unknown_statuses(self):
		receive_stock("_Test Widget", 10)
		draft = make_delivery_note(make_sales_order().name).insert()
		with self.assertRaises(DocumentStateError):
			update_delivery_note_status(draft.name, "Closed")
		draft.submit()
		with self.assertRaises(DocumentStateError):
			update_delivery_note_status(draft.name, "Paid")
		self.assertEqual(frappe.db.get_value("Delivery Note", draft.name, "status"), "To Bill")
