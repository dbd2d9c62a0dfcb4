# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, nowdate

from sales_module.exceptions import (
	BlanketOrderError,
	BlanketOrderExceededError,
	CouponExhaustedError,
	CreditLimitError,
	DocumentStateError,
	InvalidDatesError,
)
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from sales_module.tests.utils import (
	VAT_ROW,
	bin_qty,
	clear_pricing_rules,
	make_coupon,
	make_customer_once,
	make_pricing_rule,
	make_sales_order,
	make_selling_masters,
	receive_stock,
	refused,
)


def make_blanket_order(qty: float = 20, rate: float = 80, customer: str = "_Test Flow Customer"):
	doc = frappe.get_doc(
		{
			"doctype": "Blanket Order",
			"customer": customer,
			"from_date": add_days(nowdate(), -1),
			"to_date": add_days(nowdate(), 30),
			"items": [{"item_code": "_Test Widget", "qty": qty, "rate": rate}],
		}
	).insert()
	doc.submit()
	return doc


class TestSalesOrder(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()
		frappe.db.delete("Coupon Code")

	def test_status_follows_delivery_and_billing(self):
		order = make_sales_order(taxes=[VAT_ROW])
		self.assertEqual(order.status, "To Deliver and Bill")
		self.assertEqual(order.grand_total, 1200)
		invoice = make_sales_invoice(order.name)
		invoice.insert()
		invoice.submit()
		order.reload()
		self.assertEqual(
			(order.per_billed, order.billing_status, order.status), (100, "Fully Billed", "To Deliver")
		)
		invoice.cancel()
		order.reload()
		self.assertEqual((order.per_billed, order.status), (0, "To Deliver and Bill"))

	def test_delivery_dates(self):
		order = make_sales_order(submit=False, delivery_date=add_days(nowdate(), 5))
		self.assertEqual(str(order.items[0].delivery_date), add_days(nowdate(), 5))
		with self.assertRaises(InvalidDatesError):
			make_sales_order(submit=False, delivery_date=add_days(nowdate(), -5))

	def test_header_delivery_date_before_the_order_date_is_refused(self):
		# every line carries a valid date of its own: only the header's is wrong
		line = {"item_code": "_Test Widget", "qty": 1, "delivery_date": add_days(nowdate(), 3)}
		before = frappe.db.count("Sales Order")
		with self.assertRaises(InvalidDatesError):
			make_sales_order([line], submit=False, delivery_date=add_days(nowdate(), -2))
		self.assertEqual(frappe.db.count("Sales Order"), before)

	def test_hold_close_and_reopen(self):
		receive_stock("_Test Widget", 50)
		order = make_sales_order()
		self.assertEqual(order.update_status("On Hold"), "On Hold")
		with self.assertRaises(DocumentStateError):
			make_delivery_note(order.name)
		self.assertEqual(order.update_status("Resume"), "To Deliver and Bill")
		reserved = bin_qty("_Test Widget").reserved_qty
		self.assertEqual(order.update_status("Closed"), "Closed")
		self.assertEqual(bin_qty("_Test Widget").reserved_qty, reserved - 10)
		with self.assertRaises(DocumentStateError):
			make_sales_invoice(order.name)
		self.assertEqual(order.update_status("Re-open"), "To Deliver and Bill")
		self.assertEqual(bin_qty("_Test Widget").reserved_qty, reserved)

	def test_submit_reserves_and_cancel_releases_stock(self):
		before = bin_qty("_Test Widget")
		order = make_sales_order([{"item_code": "_Test Widget", "qty": 2, "uom": "Box"}])
		after = bin_qty("_Test Widget")
		self.assertEqual(after.reserved_qty - before.reserved_qty, 20)
		self.assertEqual(after.projected_qty, after.actual_qty - after.reserved_qty)
		order.cancel()
		self.assertEqual(bin_qty("_Test Widget").reserved_qty, before.reserved_qty)

	def test_bundles_reserve_their_components(self):
		before = bin_qty("_Test Part A").reserved_qty
		order = make_sales_order([{"item_code": "_Test Kit", "qty": 3}])
		self.assertEqual(
			[(row.item_code, row.qty) for row in order.packed_items],
			[("_Test Part A", 6), ("_Test Part B", 3)],
		)
		self.assertEqual(bin_qty("_Test Part A").reserved_qty - before, 6)

	def test_credit_limit(self):
		customer = make_customer_once("_Test Credit Customer", credit_limit=1500)
		make_sales_order(customer=customer.name)
		with refused(self, CreditLimitError, regex="Credit limit"):
			make_sales_order(customer=customer.name, items=[{"item_code": "_Test Widget", "qty": 6}])
		frappe.db.set_value("Customer", customer.name, "bypass_credit_limit_check", 1)
		make_sales_order(customer=customer.name, items=[{"item_code": "_Test Widget", "qty": 6}])

	def test_coupon_uses_are_counted_and_limited(self):
		rule = make_pricing_rule(
			"_Test SO coupon", items=["_Test Widget"], discount_percentage=10, coupon_code_based=1
		)
		coupon = make_coupon("_Test Once", rule.name, maximum_use=1)
		first = make_sales_order(coupon_code=coupon.name)
		self.assertEqual(first.items[0].rate, 90)
		self.assertEqual(frappe.db.get_value("Coupon Code", coupon.name, "used"), 1)
		with refused(self, CouponExhaustedError):
			make_sales_order(coupon_code=coupon.name)
		first.cancel()
		self.assertEqual(frappe.db.get_value("Coupon Code", coupon.name, "used"), 0)
		make_sales_order(coupon_code=coupon.name)

	def test_blanket_order_rate_and_remaining_quantity(self):
		blanket = make_blanket_order(qty=20, rate=80)
		first = make_sales_order([{"item_code": "_Test Widget", "qty": 15, "blanket_order": blanket.name}])
		self.assertEqual(first.items[0].rate, 80)
		self.assertEqual(
			frappe.db.get_value("Blanket Order Item", {"parent": blanket.name}, "ordered_qty"), 15
		)
		with refused(self, BlanketOrderExceededError, regex="Blanket Order"):
			make_sales_order([{"item_code": "_Test Widget", "qty": 6, "blanket_order": blanket.name}])
		with change_settings("Selling Settings", {"blanket_order_allowance": 10}):
			second = make_sales_order(
				[{"item_code": "_Test Widget", "qty": 7, "blanket_order": blanket.name}]
			)
		self.assertEqual(
			frappe.db.get_value("Blanket Order Item", {"parent": blanket.name}, "ordered_qty"), 22
		)
		second.update_status("Closed")
		self.assertEqual(
			frappe.db.get_value("Blanket Order Item", {"parent": blanket.name}, "ordered_qty"), 15
		)
		first.cancel()
		self.assertEqual(
			frappe.db.get_value("Blanket Order Item", {"parent": blanket.name}, "ordered_qty"), 0
		)

	def test_blanket_order_of_another_customer_is_refused(self):
		make_customer_once("_Test Other Customer")
		blanket = make_blanket_order(customer="_Test Other Customer")
		with self.assertRaises(BlanketOrderError):
			make_sales_order([{"item_code": "_Test Widget", "qty": 1, "blanket_order": blanket.name}])

	def test_cancel_is_refused_while_a_delivery_exists(self):
		receive_stock("_Test Widget", 20)
		order = make_sales_order()
		note = make_delivery_note(order.name)
		note.insert()
		note.submit()
		with refused(self, frappe.LinkExistsError):
			order.reload().cancel()
		note.cancel()
		order.reload().cancel()
		self.assertEqual(order.status, "Cancelled")

	def test_amend_after_cancel_and_delivery_history(self):
		receive_stock("_Test Widget", 20)
		order = make_sales_order()
		self.assertEqual(order.items[0].actual_qty, bin_qty("_Test Widget").actual_qty)
		from sales_module.selling.doctype.sales_order.sales_order import get_delivery_history

		note = make_delivery_note(order.name)
		note.items[0].qty = 3
		note.insert()
		note.submit()
		history = get_delivery_history(order.name)
		self.assertEqual([(row.delivery_note, row.qty) for row in history], [(note.name, 3)])
		note.cancel()
		order.reload().cancel()
		amended = frappe.copy_doc(order)
		amended.docstatus = 0
		amended.amended_from = order.name
		amended.insert()
		amended.submit()
		self.assertEqual(amended.name, f"{order.name}-1")
		self.assertEqual((amended.status, amended.per_delivered), ("To Deliver and Bill", 0))
