# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document

from sales_module.exceptions import InvalidValueError
from sales_module.setup.targets import validate_targets
from sales_module.utils.validation import validate_commission_tiers, validate_percentage

REFERRAL_CODE_PATTERN = re.compile(r"^[A-Z0-9]{1,20}$")


class SalesPartner(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.setup.doctype.commission_tier.commission_tier import CommissionTier
		from sales_module.setup.doctype.target_detail.target_detail import TargetDetail

		commission_rate: DF.Percent
		commission_tiers: DF.Table[CommissionTier]
		description: DF.Text | None
		disabled: DF.Check
		partner_name: DF.Data
		partner_type: DF.Literal[
			"",
			"Channel Partner",
			"Distributor",
			"Dealer",
			"Agent",
			"Retailer",
			"Reseller",
			"Implementation Partner",
		]
		referral_code: DF.Data | None
		targets: DF.Table[TargetDetail]
		territory: DF.Link

	# end: auto-generated types
	def validate(self):
		validate_percentage(self, "commission_rate")
		validate_commission_tiers(self)
		self.validate_referral_code()
		validate_targets(self)

	def validate_referral_code(self):
		if not self.referral_code:
			return
		self.referral_code = self.referral_code.strip().upper()
		if not REFERRAL_CODE_PATTERN.match(self.referral_code):
			frappe.throw(
				_("Referral Code {0} may contain only letters A-Z and digits, at most 20 of them").format(
					frappe.bold(self.referral_code)
				),
				InvalidValueError,
				title=_("Invalid Referral Code"),
			)
