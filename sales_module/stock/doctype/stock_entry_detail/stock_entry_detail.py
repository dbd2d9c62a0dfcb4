# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_module.controllers.row_scope import ParentPermission


class StockEntryDetail(ParentPermission, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		basic_amount: DF.Currency
		basic_rate: DF.Currency
		conversion_factor: DF.Float
		item_code: DF.Link
		item_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		qty: DF.Float
		s_warehouse: DF.Link | None
		stock_uom: DF.Link | None
		t_warehouse: DF.Link | None
		transfer_qty: DF.Float
		uom: DF.Link
	# end: auto-generated types
	pass
