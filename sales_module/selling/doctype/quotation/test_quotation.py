# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from sales_module.exceptions import (
	DocumentStateError,
	InvalidDatesError,
	InvalidQuantityError,
	InvalidUOMError,
	NothingToMapError,
)
from sales_module.selling.doctype.quotation.quotation import make_sales_order as map_to_order
from sales_module.selling.doctype.quotation.quotation import set_expired_status
from sales_module.tests.utils import (
	FREIGHT_ROW,
	VAT_ROW,
	clear_pricing_rules,
	make_pricing_rule,
	make_selling_masters,
	selling_doc,
)


def make_quotation(items=None, submit=True, **fields):
	doc = selling_doc("Quotation", items or [{"item_code": "_Test Widget", "qty": 10}], **fields).insert()
	if submit:
		doc.submit()
	return doc


def make_sales_order(quotation: str):
	order = map_to_order(quotation)
	order.delivery_date = add_days(nowdate(), 7)
	return order


class TestQuotation(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_totals_add_up_with_vat_and_an_actual_charge(self):
		quotation = make_quotation(
			[{"item_code": "_Test Widget", "qty": 3}, {"item_code": "_Test Service", "qty": 2}],
			taxes=[VAT_ROW, FREIGHT_ROW],
		)
		self.assertEqual(quotation.total, 400)
		self.assertEqual(quotation.net_total, 400)
		self.assertEqual([tax.tax_amount for tax in quotation.taxes], [80, 15])
		self.assertEqual(quotation.grand_total, 495)
		lines = sum(row.net_amount for row in quotation.items)
		taxes = sum(tax.tax_amount_after_discount_amount for tax in quotation.taxes)
		self.assertEqual(lines + taxes + quotation.rounding_adjustment, quotation.rounded_total)
		self.assertTrue(quotation.in_words)
		self.assertEqual(quotation.status, "Open")

	def test_rules_price_the_quotation_and_the_order_keeps_the_quoted_rate(self):
		rule = make_pricing_rule("_Test quote 10%", items=["_Test Widget"], discount_percentage=10)
		quotation = make_quotation()
		self.assertEqual(quotation.items[0].rate, 90)
		self.assertIn(rule.name, quotation.items[0].pricing_rules)
		rule.discount_percentage = 30
		rule.save()
		order = make_sales_order(quotation.name)
		self.assertEqual(order.items[0].rate, 90)
		order.insert()
		self.assertEqual(order.items[0].rate, 90)

	def test_partial_then_full_ordering_and_cancel_reopens(self):
		quotation = make_quotation()
		first = make_sales_order(quotation.name)
		first.items[0].qty = 4
		first.insert()
		first.submit()
		quotation.reload()
		self.assertEqual(quotation.status, "Partially Ordered")
		second = make_sales_order(quotation.name)
		self.assertEqual(second.items[0].qty, 6)
		second.insert()
		second.submit()
		quotation.reload()
		self.assertEqual(quotation.status, "Ordered")
		with self.assertRaises(NothingToMapError):
			make_sales_order(quotation.name)
		second.cancel()
		quotation.reload()
		self.assertEqual(quotation.status, "Partially Ordered")
		self.assertEqual(quotation.items[0].ordered_qty, 4)

	def test_expired_quotation_cannot_be_ordered(self):
		quotation = make_quotation(
			transaction_date=add_days(nowdate(), -10), valid_till=add_days(nowdate(), -1)
		)
		set_expired_status()
		quotation.reload()
		self.assertEqual(quotation.status, "Expired")
		with self.assertRaises(DocumentStateError):
			make_sales_order(quotation.name)

	def test_a_lost_quotation_stays_lost_when_its_validity_passes(self):
		quotation = make_quotation(
			transaction_date=add_days(nowdate(), -10), valid_till=add_days(nowdate(), -1)
		)
		quotation.db_set("status", "Lost")
		set_expired_status()
		quotation.reload()
		quotation.set_status(update=True)  # as any recompute of the quotation does
		self.assertEqual(frappe.db.get_value("Quotation", quotation.name, "status"), "Lost")

	def test_valid_till_before_date_is_refused(self):
		with self.assertRaises(InvalidDatesError):
			make_quotation(valid_till=add_days(nowdate(), -1), submit=False)

	def test_lost_with_reasons_and_not_after_ordering(self):
		if not frappe.db.exists("Quotation Lost Reason", "_Test Too Expensive"):
			frappe.get_doc(
				{"doctype": "Quotation Lost Reason", "order_lost_reason": "_Test Too Expensive"}
			).insert()
		quotation = make_quotation()
		quotation.declare_enquiry_lost([{"lost_reason": "_Test Too Expensive"}], "Competitor was cheaper")
		quotation.reload()
		self.assertEqual(quotation.status, "Lost")
		self.assertEqual([row.lost_reason for row in quotation.lost_reasons], ["_Test Too Expensive"])
		with self.assertRaises(DocumentStateError):
			make_sales_order(quotation.name)
		ordered = make_quotation()
		order = make_sales_order(ordered.name)
		order.insert()
		order.submit()
		ordered.reload()
		with self.assertRaises(DocumentStateError):
			ordered.declare_enquiry_lost([{"lost_reason": "_Test Too Expensive"}])

	def test_bad_lines_are_refused_and_nothing_is_saved(self):
		for items, exception in (
			([{"item_code": "_Test Widget", "qty": -1}], InvalidQuantityError),
			([{"item_code": "_Test Widget", "qty": 0}], InvalidQuantityError),
			([{"item_code": "_Test No Such Item", "qty": 1}], frappe.LinkValidationError),
			([{"item_code": "_Test Widget", "qty": 1, "uom": "Kg"}], InvalidUOMError),
			([{"item_code": "_Test Widget", "qty": 1.5, "uom": "Box"}], InvalidQuantityError),
		):
			before = frappe.db.count("Quotation")
			with self.assertRaises(exception):
				make_quotation(items, submit=False)
			self.assertEqual(frappe.db.count("Quotation"), before)

	def test_an_email_sent_marks_it_replied_until_ordered(self):
		quotation = make_quotation()
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Sent",
				"subject": "Your quotation",
				"content": "Please find our offer attached.",
				"reference_doctype": "Quotation",
				"reference_name": quotation.name,
			}
		).insert(ignore_permissions=True)
		quotation.reload()
		self.assertEqual(quotation.status, "Replied")
		order = make_sales_order(quotation.name)
		order.insert()
		order.submit()
		self.assertEqual(frappe.db.get_value("Quotation", quotation.name, "status"), "Ordered")
