# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, getdate

from sales_module.engine.planning import add_months
from sales_module.exceptions import DuplicateError, InvalidDatesError
from sales_module.utils.fiscal_year import ensure_fiscal_years


class FiscalYear(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		disabled: DF.Check
		is_short_year: DF.Check
		year: DF.Data
		year_end_date: DF.Date
		year_start_date: DF.Date

	# end: auto-generated types
	def validate(self):
		self.validate_dates()
		self.validate_no_overlap()

	def validate_dates(self):
		start, end = getdate(self.year_start_date), getdate(self.year_end_date)
		if end < start:
			frappe.throw(
				_("Year Start Date should not be after Year End Date"),
				InvalidDatesError,
				title=_("Invalid Dates"),
			)
		# ERPNext's rule: a year is twelve months unless it is marked short (or long)
		if not self.is_short_year and add_days(add_months(start, 12), -1) != end:
			frappe.throw(
				_(
					"A fiscal year runs twelve months: from {0} it ends on {1}. Tick Is Short/Long Year "
					"for another length."
				).format(
					frappe.format(start, "Date"), frappe.format(add_days(add_months(start, 12), -1), "Date")
				),
				InvalidDatesError,
				title=_("Invalid Dates"),
			)

	def validate_no_overlap(self):
		if self.disabled:
			return
		overlapping = frappe.get_all(
			"Fiscal Year",
			filters={
				"name": ("!=", self.name or ""),
				"disabled": 0,
				"year_start_date": ("<=", self.year_end_date),
				"year_end_date": (">=", self.year_start_date),
			},
			pluck="name",
			limit=1,
		)
		if overlapping:
			frappe.throw(
				_("Fiscal Year {0} overlaps Fiscal Year {1}").format(
					frappe.bold(self.name or self.year), frappe.bold(overlapping[0])
				),
				DuplicateError,
				title=_("Overlapping Fiscal Years"),
			)


def create_next_fiscal_year():
	"""Daily job: the next fiscal year exists well before the current one ends (ERPNext's
	auto_create_fiscal_year also checks daily, so a missed run never leaves a year uncovered)."""
	ensure_fiscal_years()
