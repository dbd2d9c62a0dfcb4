# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document

from sales_module.engine import validate_coupon_definition
from sales_module.exceptions import CouponError
from sales_module.utils.engine_bridge import engine_errors


class CouponCode(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		coupon_code: DF.Data | None
		coupon_name: DF.Data
		coupon_type: DF.Literal["Promotional", "Gift Card"]
		customer: DF.Link | None
		description: DF.TextEditor | None
		disabled: DF.Check
		maximum_use: DF.Int
		maximum_use_per_customer: DF.Int
		pricing_rule: DF.Link
		used: DF.Int
		valid_from: DF.Date | None
		valid_upto: DF.Date | None

	# end: auto-generated types
	def validate(self):
		self.set_coupon_code()
		self.set_gift_card_limit()
		self.validate_pricing_rule()
		with engine_errors(_("Coupon Code")):
			validate_coupon_definition(self)

	def set_coupon_code(self):
		if self.coupon_code:
			self.coupon_code = self.coupon_code.strip().upper()
			return
		if self.coupon_type == "Gift Card":
			self.coupon_code = frappe.generate_hash(length=10).upper()
		else:
			self.coupon_code = re.sub(r"[^A-Z0-9]", "", (self.coupon_name or "").upper())[:20]
		if not self.coupon_code or frappe.db.exists("Coupon Code", {"coupon_code": self.coupon_code}):
			self.coupon_code = frappe.generate_hash(length=10).upper()

	def set_gift_card_limit(self):
		if self.coupon_type == "Gift Card" and not self.maximum_use:
			self.maximum_use = 1

	def validate_pricing_rule(self):
		if not frappe.db.get_value("Pricing Rule", self.pricing_rule, "coupon_code_based"):
			frappe.throw(
				_("Pricing Rule {0} is not coupon code based; tick Coupon Code Based on it first").format(
					frappe.bold(self.pricing_rule)
				),
				CouponError,
				title=_("Coupon Code"),
			)
