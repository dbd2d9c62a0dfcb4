# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

PORTION_PRECISION = 6


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
		self.validate_terms()
		self.validate_portions_total()

	def validate_terms(self):
		for term in self.terms:
			if flt(term.invoice_portion) <= 0:
				frappe.throw(
					_("Row {0}: Invoice Portion must be greater than zero").format(term.idx),
					title=_("Payment Terms"),
				)
			if cint(term.credit_days) < 0 or cint(term.credit_months) < 0:
				frappe.throw(
					_("Row {0}: Credit Days and Credit Months cannot be negative").format(term.idx),
					title=_("Payment Terms"),
				)

	def validate_portions_total(self):
		total = flt(sum(flt(term.invoice_portion) for term in self.terms), PORTION_PRECISION)
		if total != 100:
			frappe.throw(
				_("Invoice portions must add up to 100%, they add up to {0}%").format(total),
				title=_("Payment Terms"),
			)
