# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class SalesPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.selling.doctype.sales_plan_target.sales_plan_target import SalesPlanTarget

		amended_from: DF.Link | None
		based_on: DF.Literal["Sales Order", "Delivery Note", "Sales Invoice"]
		company_target_amount: DF.Currency
		company_target_qty: DF.Float
		dimension: DF.Literal["Sales Person", "Territory", "Sales Partner", "Customer Group"]
		distribution_id: DF.Link | None
		fiscal_year: DF.Link | None
		from_date: DF.Date
		naming_series: DF.Literal["SAL-PLAN-.YYYY.-"]
		spread_by: DF.Literal["Last Period's Sales", "Evenly"]
		status: DF.Literal["Draft", "Active", "Completed", "Cancelled"]
		targets: DF.Table[SalesPlanTarget]
		title: DF.Data
		to_date: DF.Date
		total_target_amount: DF.Currency
		total_target_qty: DF.Float
	# end: auto-generated types
	pass
