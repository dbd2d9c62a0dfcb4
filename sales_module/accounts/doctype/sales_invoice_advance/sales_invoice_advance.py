# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_module.controllers.row_scope import ParentPermission


class SalesInvoiceAdvance(ParentPermission, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		advance_amount: DF.Currency
		allocated_amount: DF.Currency
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reference_name: DF.DynamicLink
		reference_row: DF.Data | None
		reference_type: DF.Link
		remarks: DF.SmallText | None
	# end: auto-generated types
	pass
