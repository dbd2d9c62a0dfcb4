# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_module.utils.validation import validate_date_order, validate_not_negative


class Campaign(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		campaign_name: DF.Data
		cost: DF.Currency
		description: DF.Text | None
		end_date: DF.Date | None
		start_date: DF.Date | None

	# end: auto-generated types
	def validate(self):
		validate_date_order(self, "start_date", "end_date")
		validate_not_negative(self, "cost")
