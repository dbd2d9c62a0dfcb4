# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_module.controllers.row_scope import ParentPermission


class PaymentTermsTemplateDetail(ParentPermission, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		credit_days: DF.Int
		credit_months: DF.Int
		description: DF.SmallText | None
		due_date_based_on: DF.Literal[
			"Day(s) after invoice date",
			"Day(s) after the end of the invoice month",
			"Month(s) after the end of the invoice month",
		]
		invoice_portion: DF.Percent
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		payment_term: DF.Data | None
	# end: auto-generated types
	pass
