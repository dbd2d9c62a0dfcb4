# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.api.pricing import get_item_details
from sales_module.exceptions import InvalidPricingRuleError, InvalidUOMError, MaxDiscountError
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer,
	make_item,
	make_item_price,
	make_pricing_rule,
	make_tree_node,
)

DAY = "2026-06-15"


class TestPricingRule(FrappeTestCase):
	def setUp(self):
		clear_pricing_rules()
		make_tree_node("Item Group", "_Test Laptops Group", is_group=1)
		make_tree_node("Item Group", "_Test Laptops", parent="_Test Laptops Group")
		make_item("_Test Laptop", item_group="_Test Laptops", max_discount=30)
		make_item("_Test Mouse", uoms=[{"uom": "Box", "conversion_factor": 10}])
		make_item("_Test Free Pad", is_stock_item=1)
		frappe.db.delete("Item Price", {"item_code": ("in", ["_Test Laptop", "_Test Mouse"])})
		make_item_price("_Test Laptop", 1000)
		make_item_price("_Test Mouse", 20)
		make_customer("_Test Pricing Customer")

	def details(self, item_code: str, **kwargs) -> dict:
		return get_item_details(item_code, transaction_date=DAY, **kwargs)

	def test_no_rule_keeps_the_list_price(self):
		details = self.details("_Test Laptop", qty=1)
		self.assertEqual((details["price_list_rate"], details["rate"]), (1000, 1000))
		self.assertEqual(details["pricing_rules"], [])

	def test_group_rule_matches_up_the_item_group_tree(self):
		rule = make_pricing_rule(
			"_Test 10% laptops",
			apply_on="Item Group",
			item_groups=["_Test Laptops Group"],
			discount_percentage=10,
		)
		details = self.details("_Test Laptop", qty=2)
		self.assertEqual(details["rate"], 900)
		self.assertEqual(details["amount"], 1800)
		self.assertEqual(details["pricing_rules"], [rule.name])
		self.assertTrue(any(rule.name in line for line in details["pricing_rule_explanation"]))

	def test_the_explanation_is_in_the_users_language(self):
		rule = make_pricing_rule(
			"_Test 10% laptops RU",
			apply_on="Item Group",
			item_groups=["_Test Laptops Group"],
			discount_percentage=10,
			priority=2,
			min_qty=2,
		)
		frappe.local.lang = "ru"
		try:
			russian = self.details("_Test Laptop", qty=2)["pricing_rule_explanation"]
		finally:
			frappe.local.lang = "en"
		self.assertEqual(
			russian,
			[
				f"{rule.name}: скидка 10% (группа товаров _Test Laptops Group), приоритет 2, кол-во 2 >= мин. 2"
			],
		)
		self.assertEqual(
			self.details("_Test Laptop", qty=2)["pricing_rule_explanation"],
			[f"{rule.name}: 10% off item group _Test Laptops Group, priority 2, qty 2 >= min 2"],
		)

	def test_priority_and_specificity_resolve_conflicts_instead_of_failing(self):
		group_rule = make_pricing_rule(
			"_Test group 5%", apply_on="Item Group", item_groups=["_Test Laptops"], discount_percentage=5
		)
		item_rule = make_pricing_rule("_Test item 8%", items=["_Test Laptop"], discount_percentage=8)
		self.assertEqual(self.details("_Test Laptop")["pricing_rules"], [item_rule.name])
		group_rule.priority = 5
		group_rule.save()
		self.assertEqual(self.details("_Test Laptop")["pricing_rules"], [group_rule.name])

	def test_customer_condition_and_min_qty(self):
		make_pricing_rule(
			"_Test customer rate",
			items=["_Test Mouse"],
			rate_or_discount="Rate",
			rate=15,
			applicable_for="Customer",
			customer="_Test Pricing Customer",
			min_qty=10,
		)
		self.assertEqual(self.details("_Test Mouse", qty=10)["rate"], 20)
		self.assertEqual(self.details("_Test Mouse", qty=9, customer="_Test Pricing Customer")["rate"], 20)
		self.assertEqual(self.details("_Test Mouse", qty=10, customer="_Test Pricing Customer")["rate"], 15)

	def test_min_qty_counts_stock_units_and_price_follows_the_unit(self):
		make_pricing_rule("_Test bulk mouse", items=["_Test Mouse"], discount_percentage=10, min_qty=20)
		details = self.details("_Test Mouse", qty=2, uom="Box")
		self.assertEqual(details["conversion_factor"], 10)
		self.assertEqual(details["price_list_rate"], 200)
		self.assertEqual(details["rate"], 180)

	def test_max_discount_of_the_item_caps_the_rule(self):
		with self.assertRaises(MaxDiscountError):
			make_pricing_rule("_Test too generous", items=["_Test Laptop"], discount_percentage=40)
		make_pricing_rule(
			"_Test generous group",
			apply_on="Item Group",
			item_groups=["_Test Laptops"],
			discount_percentage=40,
		)
		details = self.details("_Test Laptop")
		self.assertEqual(details["rate"], 700)
		self.assertEqual(details["discount_percentage"], 30)

	def test_recursive_free_items_are_whole_units(self):
		make_pricing_rule(
			"_Test buy 10 get 1",
			items=["_Test Mouse"],
			price_or_product_discount="Product",
			same_item=1,
			free_qty=1,
			is_recursive=1,
			recurse_for=10,
			round_free_qty=1,
		)
		free = self.details("_Test Mouse", qty=25)["free_items"]
		self.assertEqual([(row["item_code"], row["qty"]) for row in free], [("_Test Mouse", 2)])
		self.assertEqual(self.details("_Test Mouse", qty=9)["free_items"], [])

	def test_disabled_rules_stop_applying_at_once(self):
		rule = make_pricing_rule("_Test disable me", items=["_Test Mouse"], discount_percentage=50)
		self.assertEqual(self.details("_Test Mouse")["rate"], 10)
		rule.disable = 1
		rule.save()
		self.assertEqual(self.details("_Test Mouse")["rate"], 20)

	def test_bad_rules_are_refused(self):
		with self.assertRaises(InvalidPricingRuleError):
			make_pricing_rule("_Test min over max", items=["_Test Mouse"], min_qty=10, max_qty=5)
		with self.assertRaises(InvalidPricingRuleError):
			make_pricing_rule("_Test no targets", items=[])
		with self.assertRaises(InvalidPricingRuleError):
			make_pricing_rule("_Test bad priority", items=["_Test Mouse"], priority=25)
		self.assertEqual(frappe.db.count("Pricing Rule"), 0)

	def test_fields_that_do_not_apply_are_cleared(self):
		rule = make_pricing_rule(
			"_Test tidy",
			items=["_Test Mouse"],
			item_groups=["_Test Laptops"],
			applicable_for="Territory",
			territory="Rest Of The World",
			customer="_Test Pricing Customer",
			discount_percentage=5,
		)
		self.assertEqual(len(rule.item_groups), 0)
		self.assertIsNone(rule.customer)

	def test_unknown_item_and_bad_unit_are_refused(self):
		with self.assertRaises(frappe.DoesNotExistError):
			self.details("_Test No Such Item")
		with self.assertRaises(InvalidUOMError):
			self.details("_Test Mouse", uom="Kg")
