# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from sales_module.engine import validate_pricing_rule
from sales_module.exceptions import InvalidPricingRuleError, MaxDiscountError
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.pricing_data import invalidate_rule_index

APPLY_ON_TABLES = {"Item Code": "items", "Item Group": "item_groups", "Brand": "brands"}
PARTY_FIELDS = ("customer", "customer_group", "territory", "sales_partner", "campaign")


class PricingRule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.pricing_rule_brand.pricing_rule_brand import PricingRuleBrand
		from sales_module.accounts.doctype.pricing_rule_item_code.pricing_rule_item_code import (
			PricingRuleItemCode,
		)
		from sales_module.accounts.doctype.pricing_rule_item_group.pricing_rule_item_group import (
			PricingRuleItemGroup,
		)

		applicable_for: DF.Literal["", "Customer", "Customer Group", "Territory", "Sales Partner", "Campaign"]
		apply_discount_on: DF.Literal["Grand Total", "Net Total"]
		apply_discount_on_rate: DF.Check
		apply_multiple_pricing_rules: DF.Check
		apply_on: DF.Literal["Item Code", "Item Group", "Brand", "Transaction"]
		apply_recursion_over: DF.Float
		brands: DF.Table[PricingRuleBrand]
		campaign: DF.Link | None
		coupon_code_based: DF.Check
		currency: DF.Link | None
		customer: DF.Link | None
		customer_group: DF.Link | None
		disable: DF.Check
		discount_amount: DF.Currency
		discount_percentage: DF.Percent
		for_price_list: DF.Link | None
		free_item: DF.Link | None
		free_item_rate: DF.Currency
		free_item_uom: DF.Link | None
		free_qty: DF.Float
		is_recursive: DF.Check
		item_groups: DF.Table[PricingRuleItemGroup]
		items: DF.Table[PricingRuleItemCode]
		margin_rate_or_amount: DF.Float
		margin_type: DF.Literal["", "Percentage", "Amount"]
		max_amt: DF.Currency
		max_qty: DF.Float
		min_amt: DF.Currency
		min_qty: DF.Float
		mixed_conditions: DF.Check
		naming_series: DF.Literal["PRLE-.####"]
		price_or_product_discount: DF.Literal["Price", "Product"]
		priority: DF.Int
		rate: DF.Currency
		rate_or_discount: DF.Literal["Rate", "Discount Percentage", "Discount Amount"]
		recurse_for: DF.Float
		round_free_qty: DF.Check
		rule_description: DF.SmallText | None
		sales_partner: DF.Link | None
		same_item: DF.Check
		selling: DF.Check
		territory: DF.Link | None
		title: DF.Data
		valid_from: DF.Date | None
		valid_upto: DF.Date | None

	# end: auto-generated types
	def validate(self):
		self.clear_fields_that_do_not_apply()
		self.validate_priority()
		with engine_errors(_("Pricing Rule")):
			validate_pricing_rule(self)
		self.validate_max_discount_of_items()

	def on_update(self):
		invalidate_rule_index()

	def on_trash(self):
		invalidate_rule_index()

	def clear_fields_that_do_not_apply(self):
		# A rule keeps only the targets, party and discount it applies with, so it reads as it acts
		for apply_on, table in APPLY_ON_TABLES.items():
			if self.apply_on != apply_on:
				self.set(table, [])
		chosen_party = frappe.scrub(self.applicable_for or "")
		for fieldname in PARTY_FIELDS:
			if fieldname != chosen_party:
				self.set(fieldname, None)
		if self.price_or_product_discount == "Product":
			self.rate = self.discount_percentage = self.discount_amount = 0
		else:
			self.free_item = None
			self.same_item = 0
		if self.same_item:
			self.free_item = None

	def validate_priority(self):
		if self.priority and not 1 <= self.priority <= 20:
			frappe.throw(
				_("Priority must be between 1 and 20"), InvalidPricingRuleError, title=_("Pricing Rule")
			)

	def validate_max_discount_of_items(self):
		if self.apply_on != "Item Code" or self.rate_or_discount != "Discount Percentage":
			return
		item_codes = [row.item_code for row in self.items]
		limits = frappe.get_all(
			"Item",
			filters={"name": ("in", item_codes), "max_discount": (">", 0)},
			fields=["name", "max_discount"],
		)
		for item in limits:
			if flt(self.discount_percentage) > flt(item.max_discount):
				frappe.throw(
					_("Discount {0}% exceeds the maximum discount {1}% of Item {2}").format(
						flt(self.discount_percentage), flt(item.max_discount), frappe.bold(item.name)
					),
					MaxDiscountError,
					title=_("Pricing Rule"),
				)
