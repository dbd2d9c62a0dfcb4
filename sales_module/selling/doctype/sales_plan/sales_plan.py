# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, nowdate

from sales_module.exceptions import (
	DuplicateError,
	InactiveRecordError,
	InvalidDatesError,
	InvalidValueError,
	PlanningError,
)
from sales_module.selling import sales_plans
from sales_module.selling.targets import DIMENSIONS
from sales_module.utils.fiscal_year import fiscal_year_of


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
	def _validate_links(self):
		# Frappe checks links before any hook runs: the rows' members are links of the plan's dimension
		self.set_member_types()
		super()._validate_links()

	def validate(self):
		self.set_period()
		self.validate_period()
		self.set_member_types()
		self.validate_members()
		self.validate_targets()
		self.set_totals()
		self.set_status()

	def on_submit(self):
		sales_plans.check_no_overlap(self)
		sales_plans.write_target_details(self)
		self.set_status(update=True)

	def on_cancel(self):
		sales_plans.remove_target_details(self)
		self.set_status(update=True)

	def set_period(self):
		"""A fiscal year alone sets the dates; dates alone find their fiscal year."""
		if self.fiscal_year and not (self.from_date and self.to_date):
			year = frappe.get_cached_doc("Fiscal Year", self.fiscal_year)
			self.from_date = self.from_date or year.year_start_date
			self.to_date = self.to_date or year.year_end_date
		if not self.fiscal_year and self.from_date:
			self.fiscal_year = fiscal_year_of(self.from_date).name

	def validate_period(self):
		if not (self.from_date and self.to_date):
			frappe.throw(
				_("Give the plan a Fiscal Year, or a From Date and a To Date"),
				InvalidDatesError,
				title=_("Invalid Dates"),
			)
		if getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(_("To Date cannot be before From Date"), InvalidDatesError, title=_("Invalid Dates"))
		year = frappe.get_cached_doc("Fiscal Year", self.fiscal_year)
		if getdate(self.from_date) < getdate(year.year_start_date) or getdate(self.to_date) > getdate(
			year.year_end_date
		):
			frappe.throw(
				_("The plan's period {0} to {1} lies outside Fiscal Year {2} ({3} to {4})").format(
					frappe.format(self.from_date, "Date"),
					frappe.format(self.to_date, "Date"),
					frappe.bold(year.name),
					frappe.format(year.year_start_date, "Date"),
					frappe.format(year.year_end_date, "Date"),
				),
				PlanningError,
				title=_("Plan Outside Its Fiscal Year"),
			)

	def set_member_types(self):
		if self.dimension not in DIMENSIONS:
			frappe.throw(
				_("Plan By must be one of {0}").format(", ".join(_(name) for name in DIMENSIONS)),
				InvalidValueError,
				title=_("Sales Plan"),
			)
		for row in self.targets:
			row.member_type = self.dimension

	def validate_members(self):
		if not self.targets:
			frappe.throw(
				_("Add at least one {0} to plan for").format(_(self.dimension)),
				PlanningError,
				title=_("Sales Plan"),
			)
		seen = set()
		for row in self.targets:
			key = (row.member, row.item_group or None)
			if key in seen:
				frappe.throw(
					_("Row {0}: {1} {2} is planned twice for {3}").format(
						row.idx,
						_(self.dimension),
						frappe.bold(row.member),
						frappe.bold(row.item_group) if row.item_group else _("all item groups"),
					),
					DuplicateError,
					title=_("Sales Plan"),
				)
			seen.add(key)
		self.validate_members_enabled()

	def validate_members_enabled(self):
		meta = frappe.get_meta(self.dimension)
		flag, inactive_when = ("enabled", 0) if meta.has_field("enabled") else ("disabled", 1)
		if not meta.has_field(flag):
			return
		inactive = frappe.get_all(
			self.dimension,
			filters={"name": ("in", [row.member for row in self.targets]), flag: inactive_when},
			pluck="name",
		)
		if inactive:
			frappe.throw(
				_("{0} {1} is disabled: a plan cannot give it a target").format(
					_(self.dimension), ", ".join(frappe.bold(name) for name in sorted(inactive))
				),
				InactiveRecordError,
				title=_("Sales Plan"),
			)

	def validate_targets(self):
		for row in self.targets:
			if flt(row.target_amount) < 0 or flt(row.target_qty) < 0:
				frappe.throw(
					_("Row {0}: a target cannot be negative").format(row.idx),
					InvalidValueError,
					title=_("Sales Plan"),
				)
			if not flt(row.target_amount) and not flt(row.target_qty):
				frappe.throw(
					_("Row {0}: give {1} a Target Amount or a Target Qty").format(
						row.idx, frappe.bold(row.member)
					),
					InvalidValueError,
					title=_("Sales Plan"),
				)
			distribution = sales_plans.row_distribution(self, row)
			year = distribution and frappe.db.get_value("Monthly Distribution", distribution, "fiscal_year")
			if year and year != self.fiscal_year:
				frappe.throw(
					_("Row {0}: Monthly Distribution {1} is for Fiscal Year {2}, not {3}").format(
						row.idx, frappe.bold(distribution), year, self.fiscal_year
					),
					PlanningError,
					title=_("Sales Plan"),
				)

	def set_totals(self):
		self.total_target_amount = flt(sum(flt(row.target_amount) for row in self.targets), 2)
		self.total_target_qty = flt(sum(flt(row.target_qty) for row in self.targets), 3)

	def set_status(self, update: bool = False):
		if self.docstatus == 0:
			status = "Draft"
		elif self.docstatus == 2:
			status = "Cancelled"
		else:
			status = "Completed" if getdate(self.to_date) < getdate(nowdate()) else "Active"
		if update and status != self.status:
			self.db_set("status", status, update_modified=False)
		self.status = status

	@frappe.whitelist()
	def spread_company_target(self):
		"""Fill the rows from the company target (top-down), to be edited before submitting."""
		self.check_permission("write")
		if self.docstatus != 0:
			frappe.throw(_("Only a draft plan can be spread"), PlanningError, title=_("Sales Plan"))
		if not flt(self.company_target_amount) and not flt(self.company_target_qty):
			frappe.throw(
				_("Enter a Company Target Amount or Qty to spread"), InvalidValueError, title=_("Sales Plan")
			)
		self.set_period()
		self.validate_period()
		sales_plans.spread_company_target(self)
		self.set_member_types()
		self.set_totals()


@frappe.whitelist()
def get_progress(name: str, period: str = "Monthly", target_on: str = "Amount") -> dict:
	"""Plan versus actual of a submitted plan for its form: per member and period, and a chart."""
	plan = frappe.get_doc("Sales Plan", name)
	plan.check_permission("read")
	result = sales_plans.progress(plan, period, on_quantity=target_on == "Quantity")
	return {
		"periods": [{"key": p.key, "label": p.label} for p in result["periods"]],
		"rows": result["rows"],
		"chart": sales_plans.chart(plan, result),
	}


def mark_completed_plans():
	"""Daily job: plans whose period has ended are Completed."""
	table = frappe.qb.DocType("Sales Plan")
	frappe.qb.update(table).set(table.status, "Completed").where(
		(table.docstatus == 1) & (table.status == "Active") & (table.to_date < getdate(nowdate()))
	).run()
