# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_module.utils.validation import validate_date_order


class Campaign(Document):
	def validate(self):
		validate_date_order(self, "start_date", "end_date")
