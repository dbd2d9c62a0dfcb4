# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.api.pricing import get_item_details
from sales_module.exceptions import CouponError, CouponExhaustedError
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_coupon,
	make_customer,
	make_item,
	make_item_price,
	make_pricing_rule,
)


class TestCouponCode(FrappeTestCase):
	def setUp(self):
		frappe.db.delete("Coupon Code")
		clear_pricing_rules()
		make_item("_Test Coupon Item")
		frappe.db.delete("Item Price", {"item_code": "_Test Coupon Item"})
		make_item_price("_Test Coupon Item", 100)
		make_customer("_Test Coupon Customer")
		self.rule = make_pricing_rule(
			"_Test coupon 20%", items=["_Test Coupon Item"], discount_percentage=20, coupon_code_based=1
		)

	def test_code_is_made_from_the_name_and_unlocks_its_rule(self):
		coupon = make_coupon("Spring sale 26", self.rule.name)
		self.assertEqual(coupon.coupon_code, "SPRINGSALE26")
		without = get_item_details("_Test Coupon Item", transaction_date="2026-05-01")
		with_code = get_item_details(
			"_Test Coupon Item", transaction_date="2026-05-01", coupon_code="springsale26"
		)
		self.assertEqual((without["rate"], with_code["rate"]), (100, 80))

	def test_expired_or_exhausted_coupons_are_refused_with_the_reason(self):
		make_coupon("Old", self.rule.name, valid_upto="2026-01-31")
		with self.assertRaisesRegex(CouponError, "2026"):
			get_item_details("_Test Coupon Item", transaction_date="2026-05-01", coupon_code="OLD")
		make_coupon("Used up", self.rule.name, maximum_use=2, used=2)
		with self.assertRaises(CouponExhaustedError):
			get_item_details("_Test Coupon Item", transaction_date="2026-05-01", coupon_code="USEDUP")
		with self.assertRaises(frappe.LinkValidationError):
			get_item_details("_Test Coupon Item", coupon_code="NOSUCHCODE")

	def test_gift_card_is_bound_to_its_customer(self):
		card = make_coupon("Gift", self.rule.name, coupon_type="Gift Card", customer="_Test Coupon Customer")
		self.assertEqual(card.maximum_use, 1)
		self.assertEqual(len(card.coupon_code), 10)
		ok = get_item_details(
			"_Test Coupon Item", customer="_Test Coupon Customer", coupon_code=card.coupon_code
		)
		self.assertEqual(ok["rate"], 80)
		with self.assertRaises(CouponError):
			get_item_details("_Test Coupon Item", coupon_code=card.coupon_code)

	def test_rule_must_be_coupon_based(self):
		plain = make_pricing_rule("_Test plain", items=["_Test Coupon Item"], discount_percentage=1)
		with self.assertRaises(CouponError):
			make_coupon("Plain rule", plain.name)
