# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from sales_module.accounts.taxes import fill_tax_descriptions
from sales_module.engine import TaxRow, validate_tax_rows
from sales_module.utils.engine_bridge import engine_errors


class SalesTaxesandChargesTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.sales_taxes_and_charges.sales_taxes_and_charges import (
			SalesTaxesandCharges,
		)

		disabled: DF.Check
		is_default: DF.Check
		taxes: DF.Table[SalesTaxesandCharges]
		title: DF.Data

	# end: auto-generated types
	def validate(self):
		fill_tax_descriptions(self.taxes)
		with engine_errors(_("Sales Taxes and Charges")):
			validate_tax_rows([TaxRow.from_obj(row) for row in self.taxes])

	def on_update(self):
		self.keep_one_default()

	def keep_one_default(self):
		if not self.is_default:
			return
		table = frappe.qb.DocType("Sales Taxes and Charges Template")
		frappe.qb.update(table).set(table.is_default, 0).where(table.name != self.name).run()
