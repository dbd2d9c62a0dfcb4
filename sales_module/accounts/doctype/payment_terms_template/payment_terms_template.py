# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from sales_module.engine import validate_payment_terms
from sales_module.engine.money import round_money, to_decimal
from sales_module.utils.engine_bridge import engine_errors


class PaymentTermsTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.payment_terms_template_detail.payment_terms_template_detail import (
			PaymentTermsTemplateDetail,
		)

		template_name: DF.Data
		terms: DF.Table[PaymentTermsTemplateDetail]

	# end: auto-generated types
	def validate(self):
		with engine_errors(_("Payment Terms")):
			validate_payment_terms(self.terms, precision=portion_precision())


def portion_precision() -> int:
	return cint(frappe.get_meta("Payment Terms Template Detail").get_field("invoice_portion").precision) or 2


@frappe.whitelist()
def get_portion_total(portions: list | str) -> dict:
	"""The total of the portions as the template's check counts it, for the form's hint."""
	if isinstance(portions, str):
		portions = frappe.parse_json(portions)
	precision = portion_precision()
	with engine_errors(_("Payment Terms")):
		total = round_money(sum((to_decimal(portion or 0) for portion in portions), to_decimal(0)), precision)
	return {"total": flt(total), "adds_up": total == 100}
