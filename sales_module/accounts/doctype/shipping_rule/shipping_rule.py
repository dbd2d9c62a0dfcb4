# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe import _
from frappe.model.document import Document

from sales_module.engine import validate_shipping_rule
from sales_module.utils.engine_bridge import engine_errors


class ShippingRule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.shipping_rule_condition.shipping_rule_condition import (
			ShippingRuleCondition,
		)
		from sales_module.accounts.doctype.shipping_rule_country.shipping_rule_country import (
			ShippingRuleCountry,
		)

		account: DF.Data | None
		calculate_based_on: DF.Literal["Fixed", "Net Total", "Net Weight"]
		conditions: DF.Table[ShippingRuleCondition]
		countries: DF.Table[ShippingRuleCountry]
		disabled: DF.Check
		label: DF.Data
		shipping_amount: DF.Currency
		shipping_rule_type: DF.Literal["Selling", "Buying"]

	# end: auto-generated types
	def validate(self):
		self.sort_conditions()
		with engine_errors(_("Shipping Rule")):
			validate_shipping_rule(self)

	def sort_conditions(self):
		self.conditions.sort(key=lambda band: (band.from_value or 0, band.to_value or 0))
		for idx, band in enumerate(self.conditions, 1):
			band.idx = idx
