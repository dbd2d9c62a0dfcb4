# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_module.controllers.row_scope import ParentPermission


class OverduePayment(ParentPermission, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		due_date: DF.Date | None
		dunning_level: DF.Int
		interest: DF.Currency
		outstanding: DF.Currency
		overdue_days: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		payment_schedule: DF.Data | None
		payment_term: DF.Data | None
		sales_invoice: DF.Link
	# end: auto-generated types
	pass
