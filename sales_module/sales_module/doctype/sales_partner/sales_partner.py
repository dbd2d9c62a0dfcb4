# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document

from sales_module.utils.validation import validate_percentage

REFERRAL_CODE_PATTERN = re.compile(r"^[A-Z0-9]{1,20}$")


class SalesPartner(Document):
	def validate(self):
		validate_percentage(self, "commission_rate")
		self.validate_referral_code()

	def validate_referral_code(self):
		if not self.referral_code:
			return
		self.referral_code = self.referral_code.strip().upper()
		if not REFERRAL_CODE_PATTERN.match(self.referral_code):
			frappe.throw(
				_("Referral Code {0} may contain only letters A-Z and digits, at most 20 of them").format(
					frappe.bold(self.referral_code)
				),
				title=_("Invalid Referral Code"),
			)
