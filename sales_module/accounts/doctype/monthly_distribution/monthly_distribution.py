# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from decimal import Decimal

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from sales_module.engine import MONTH_NAMES, validate_distribution
from sales_module.engine.money import apportion
from sales_module.exceptions import DuplicateError, PlanningError
from sales_module.utils.engine_bridge import engine_errors

# ERPNext checks the total at two decimals: twelve rows of 8.333 (its own default) are 100 %
PERCENT_PRECISION = 2


class MonthlyDistribution(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.monthly_distribution_percentage.monthly_distribution_percentage import (
			MonthlyDistributionPercentage,
		)

		distribution_id: DF.Data
		fiscal_year: DF.Link | None
		percentages: DF.Table[MonthlyDistributionPercentage]
		sales_plan: DF.Link | None
		total_percentage: DF.Percent

	# end: auto-generated types
	def validate(self):
		if not self.percentages:
			self.get_months()
		self.validate_months()
		self.validate_total()

	@frappe.whitelist()
	def get_months(self):
		"""Twelve rows, the year spread evenly (to three decimals, totalling exactly 100)."""
		self.set("percentages", [])
		for month, share in zip(MONTH_NAMES, apportion(Decimal(100), [Decimal(1)] * 12, 3), strict=True):
			self.append("percentages", {"month": month, "percentage_allocation": flt(share, 3)})
		self.total_percentage = 100

	def validate_months(self):
		seen = set()
		for row in self.percentages:
			if row.month in seen:
				frappe.throw(
					_("Row {0}: {1} appears twice").format(row.idx, _(row.month)),
					DuplicateError,
					title=_("Monthly Distribution"),
				)
			seen.add(row.month)

	def validate_total(self):
		percentages = {row.month: row.percentage_allocation for row in self.percentages}
		with engine_errors(_("Monthly Distribution")):
			validate_distribution(percentages, PERCENT_PRECISION)
		self.total_percentage = flt(sum(flt(value) for value in percentages.values()), 3)

	def on_trash(self):
		if self.sales_plan and frappe.db.get_value("Sales Plan", self.sales_plan, "docstatus") == 1:
			frappe.throw(
				_("Sales Plan {0} uses this distribution: cancel the plan first").format(
					frappe.bold(self.sales_plan)
				),
				PlanningError,
				title=_("Monthly Distribution"),
			)
