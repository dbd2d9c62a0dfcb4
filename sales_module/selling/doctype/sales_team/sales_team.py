# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_module.controllers.row_scope import ParentPermission


class SalesTeam(ParentPermission, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allocated_amount: DF.Currency
		allocated_percentage: DF.Percent
		commission_rate: DF.Percent
		commission_settlement: DF.Link | None
		incentives: DF.Currency
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		sales_person: DF.Link
	# end: auto-generated types
	pass
