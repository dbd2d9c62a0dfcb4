# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_module.controllers.row_scope import ParentPermission


class CommissionSettlementDetail(ParentPermission, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		commission_amount: DF.Currency
		commission_rate: DF.Percent
		customer: DF.Link | None
		eligible_amount: DF.Currency
		is_return: DF.Check
		item_code: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		posting_date: DF.Date | None
		reference_doctype: DF.Link | None
		reference_row: DF.Data | None
		sales_invoice: DF.Link
	# end: auto-generated types
	pass
