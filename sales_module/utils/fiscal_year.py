"""Fiscal years (the one a date falls in, the calendar kept a year ahead) and monthly distributions."""

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from sales_module.engine.planning import add_months
from sales_module.exceptions import PlanningError

# the next fiscal year is made this many days before the latest one ends
CREATE_AHEAD_DAYS = 60


def fiscal_year_of(day, throw: bool = True) -> frappe._dict | None:
	"""The enabled fiscal year that `day` falls in (name, year_start_date, year_end_date)."""
	day = getdate(day)
	found = frappe.get_all(
		"Fiscal Year",
		filters={"disabled": 0, "year_start_date": ("<=", day), "year_end_date": (">=", day)},
		fields=["name", "year_start_date", "year_end_date"],
		order_by="year_start_date desc",
		limit=1,
	)
	if found:
		return found[0]
	if throw:
		frappe.throw(
			_("No Fiscal Year covers {0}: create one (Fiscal Year list)").format(frappe.format(day, "Date")),
			PlanningError,
			title=_("Fiscal Year Missing"),
		)
	return None


def fiscal_year_name(start: date, end: date) -> str:
	return str(start.year) if start.year == end.year else f"{start.year}-{end.year}"


def ensure_fiscal_years(today=None) -> list[str]:
	"""Make sure a fiscal year covers today and the next one exists once the latest ends within
	CREATE_AHEAD_DAYS; new years start on the latest one's start day (the calendar year on a new site).
	Returns the names created."""
	today = getdate(today or nowdate())
	created = []
	latest = frappe.get_all(
		"Fiscal Year",
		filters={"disabled": 0},
		fields=["year_start_date", "year_end_date"],
		order_by="year_end_date desc",
		limit=1,
	)
	if latest:
		start = getdate(latest[0].year_end_date) + timedelta(days=1)
	else:
		start = date(today.year, 1, 1)
	while start <= today + timedelta(days=CREATE_AHEAD_DAYS):
		end = add_months(start, 12) - timedelta(days=1)
		name = fiscal_year_name(start, end)
		if not frappe.db.exists("Fiscal Year", name):
			frappe.get_doc(
				{"doctype": "Fiscal Year", "year": name, "year_start_date": start, "year_end_date": end}
			).insert(ignore_permissions=True)
			created.append(name)
		start = end + timedelta(days=1)
	return created


def monthly_percentages(distribution_id: str | None) -> dict[str, float] | None:
	"""{month name: percentage} of a distribution, or None without one."""
	if not distribution_id:
		return None
	rows = frappe.get_all(
		"Monthly Distribution Percentage",
		filters={"parent": distribution_id, "parenttype": "Monthly Distribution"},
		fields=["month", "percentage_allocation"],
	)
	return {row.month: row.percentage_allocation for row in rows}
