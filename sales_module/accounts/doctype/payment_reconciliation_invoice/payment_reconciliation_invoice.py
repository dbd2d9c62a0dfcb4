# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_module.controllers.row_scope import ParentPermission


class PaymentReconciliationInvoice(ParentPermission, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		currency: DF.Link | None
		exchange_rate: DF.Float
		invoice_date: DF.Date | None
		invoice_number: DF.DynamicLink | None
		invoice_type: DF.Link
		outstanding_amount: DF.Currency
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
