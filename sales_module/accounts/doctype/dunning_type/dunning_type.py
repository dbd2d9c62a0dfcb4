# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from sales_module.utils.validation import validate_not_negative, validate_percentage


class DunningType(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		body_text: DF.TextEditor | None
		closing_text: DF.TextEditor | None
		dunning_fee: DF.Currency
		dunning_type: DF.Data
		is_default: DF.Check
		rate_of_interest: DF.Percent
		waiting_days: DF.Int

	# end: auto-generated types
	def validate(self):
		validate_not_negative(self, "dunning_fee")
		validate_not_negative(self, "waiting_days")
		validate_percentage(self, "rate_of_interest", upper=1000)

	def on_update(self):
		if self.is_default:
			table = frappe.qb.DocType("Dunning Type")
			frappe.qb.update(table).set(table.is_default, 0).where(table.name != self.name).run()
