"""Sales Plans: what a submitted plan writes (ERPNext's Target Detail rows, so the standard variance
reports show it), the one-active-plan rule, the top-down spread of a company target, and plan versus
actual with the forecast of the period's end.

The forecast of a period is what was achieved so far, plus the open orders still to be delivered or
billed (as the plan measures achievement) that are due by the plan's end, plus the run rate so far
(achieved / elapsed days) over the remaining days (`engine.planning.forecast`)."""

from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import add_years, flt, getdate, nowdate

from sales_module.controllers.locking import lock_rows
from sales_module.engine import (
	achievements,
	expected_on,
	forecast,
	forecast_series,
	period_targets,
	spread_target,
	target_periods,
	variance_series,
)
from sales_module.engine.money import apportion
from sales_module.engine.planning import MONTH_NAMES
from sales_module.exceptions import OverlappingPlanError
from sales_module.selling.target_variance import period_label, sorted_keys
from sales_module.selling.targets import (
	achieved,
	member_parents,
	member_subtree,
	open_order_rows,
	sold_rows,
)
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.fiscal_year import monthly_percentages
from sales_module.utils.tree import get_tree_parents

# the members whose masters carry ERPNext's `targets` table
TARGET_MASTERS = ("Sales Person", "Territory", "Sales Partner")
QTY_PRECISION = 3


def plan_periods(plan, periodicity: str = "Monthly"):
	return target_periods(plan.from_date, plan.to_date, periodicity, calendar_months=True)


def row_distribution(plan, row) -> str | None:
	return row.distribution_id or plan.distribution_id or None


def precision_of(on_quantity: bool) -> int:
	return QTY_PRECISION if on_quantity else currency_precision(company_currency())


def plan_keys(plan) -> list[tuple[str, str | None]]:
	return [(row.member, row.item_group or None) for row in plan.targets]


# ------------------------------------------------------------------ submit and cancel


def check_no_overlap(plan):
	"""One active plan per dimension, member, item group and period. Run on submit behind the members'
	row locks, so two plans submitted at the same moment cannot both pass."""
	lock_rows(plan.dimension, [row.member for row in plan.targets])
	header, line = frappe.qb.DocType("Sales Plan"), frappe.qb.DocType("Sales Plan Target")
	others = (
		frappe.qb.from_(line)
		.join(header)
		.on((header.name == line.parent) & (line.parenttype == "Sales Plan"))
		.select(header.name, line.member, line.item_group)
		.where(
			(header.docstatus == 1)
			& (header.name != plan.name)
			& (header.dimension == plan.dimension)
			& (header.from_date <= getdate(plan.to_date))
			& (header.to_date >= getdate(plan.from_date))
			& line.member.isin([row.member for row in plan.targets])
		)
		.run()
	)
	mine = set(plan_keys(plan))
	clashes = sorted(
		(name, member, group or None) for name, member, group in others if (member, group or None) in mine
	)
	if clashes:
		name, member, group = clashes[0]
		frappe.throw(
			_(
				"{0} {1} already has an active plan for {2} in this period: Sales Plan {3}. Cancel or "
				"amend that plan first."
			).format(
				_(plan.dimension),
				frappe.bold(member),
				frappe.bold(group) if group else _("all item groups"),
				frappe.bold(name),
			),
			OverlappingPlanError,
			title=_("Overlapping Sales Plan"),
		)


def covers_fiscal_year(plan, year) -> bool:
	return getdate(plan.from_date) == getdate(year.year_start_date) and getdate(plan.to_date) == getdate(
		year.year_end_date
	)


def write_target_details(plan):
	"""ERPNext's Target Detail rows for the plan's members, marked as the plan's. A plan covering part
	of its fiscal year gets a Monthly Distribution of its own (the row's seasonality over the months it
	covers), so the variance reports show its targets in its months only."""
	if plan.dimension not in TARGET_MASTERS:
		return
	year = frappe.get_cached_doc("Fiscal Year", plan.fiscal_year)
	whole_year = covers_fiscal_year(plan, year)
	distributions: dict[str | None, str | None] = {}
	next_idx = {}
	for row in plan.targets:
		source = row_distribution(plan, row)
		if source not in distributions:
			distributions[source] = source if whole_year else plan_distribution(plan, year, source)
		if row.member not in next_idx:
			next_idx[row.member] = (
				frappe.db.count("Target Detail", {"parent": row.member, "parenttype": plan.dimension}) + 1
			)
		detail = frappe.get_doc(
			{
				"doctype": "Target Detail",
				"parent": row.member,
				"parenttype": plan.dimension,
				"parentfield": "targets",
				"idx": next_idx[row.member],
				"item_group": row.item_group,
				"fiscal_year": plan.fiscal_year,
				"target_qty": row.target_qty,
				"target_amount": row.target_amount,
				"distribution_id": distributions[source],
				"sales_plan": plan.name,
			}
		)
		detail.db_insert()
		next_idx[row.member] += 1


def plan_distribution(plan, year, source: str | None) -> str:
	"""A Monthly Distribution putting the fiscal year's target in the plan's days only: each month's
	share of the source distribution (even without one) times the part of it the plan covers."""
	name = f"{plan.name} - {source}" if source else plan.name
	percentages = monthly_percentages(source)
	plan_months = target_periods(plan.from_date, plan.to_date, "Yearly", calendar_months=True)
	covered: dict[int, Decimal] = {}
	for period in plan_months:
		for month, fraction in zip(period.months, period.month_fractions, strict=True):
			covered[month] = covered.get(month, Decimal(0)) + fraction
	seasonality = (
		{month: Decimal(str(flt(share))) for month, share in percentages.items()}
		if percentages
		else dict.fromkeys(MONTH_NAMES, Decimal(1))
	)
	weights = [
		seasonality.get(month, Decimal(0)) * covered.get(number, Decimal(0))
		for number, month in enumerate(MONTH_NAMES, start=1)
	]
	shares = apportion(Decimal(100), weights, 3) if any(weights) else [Decimal(0)] * 12
	doc = frappe.get_doc(
		{
			"doctype": "Monthly Distribution",
			"distribution_id": name,
			"fiscal_year": year.name,
			"sales_plan": plan.name,
			"percentages": [
				{"month": month, "percentage_allocation": flt(share, 3)}
				for month, share in zip(MONTH_NAMES, shares, strict=True)
			],
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def remove_target_details(plan):
	details = frappe.get_all("Target Detail", filters={"sales_plan": plan.name}, pluck="name")
	if details:
		table = frappe.qb.DocType("Target Detail")
		frappe.qb.from_(table).delete().where(table.name.isin(details)).run()
	for name in frappe.get_all("Monthly Distribution", filters={"sales_plan": plan.name}, pluck="name"):
		frappe.delete_doc("Monthly Distribution", name, ignore_permissions=True, force=True)


# ------------------------------------------------------------------ top-down


def last_period_sales(plan, keys, on_quantity: bool = False) -> dict[tuple[str, str | None], Decimal]:
	"""What each (member, item group) sold in the plan's period a year earlier, rolled up the trees."""
	start, end = add_years(getdate(plan.from_date), -1), add_years(getdate(plan.to_date), -1)
	periods = target_periods(start, end, "Yearly", calendar_months=True)
	figures = achieved(plan.dimension, plan.based_on, keys, periods, on_quantity, precision_of(on_quantity))
	return {key: sum(values, Decimal(0)) for key, values in figures.items()}


def default_members(plan) -> list[str]:
	"""The enabled members a company target is spread over: every leaf of a tree dimension."""
	filters = {}
	meta = frappe.get_meta(plan.dimension)
	if meta.has_field("is_group"):
		filters["is_group"] = 0
	if meta.has_field("enabled"):
		filters["enabled"] = 1
	if meta.has_field("disabled"):
		filters["disabled"] = 0
	return frappe.get_all(plan.dimension, filters=filters, pluck="name", order_by="name")


def spread_company_target(plan):
	"""Fill the rows from the company target: the members already listed (or every enabled member),
	each getting a share by last period's sales (evenly when asked, or when nobody sold)."""
	keys = plan_keys(plan) or [(member, None) for member in default_members(plan)]
	if not keys:
		return
	sales = last_period_sales(plan, keys)
	by_sales = plan.spread_by != "Evenly"
	amounts = spread_target(
		plan.company_target_amount or 0,
		keys,
		sales if by_sales else None,
		currency_precision(company_currency()),
	)
	quantities = None
	if flt(plan.company_target_qty):
		sold = last_period_sales(plan, keys, on_quantity=True) if by_sales else None
		quantities = spread_target(plan.company_target_qty, keys, sold, QTY_PRECISION)
	existing = {(row.member, row.item_group or None): row for row in plan.targets}
	plan.set("targets", [])
	for key in keys:
		row = existing.get(key)
		values = {
			"member_type": plan.dimension,
			"member": key[0],
			"item_group": key[1],
			"distribution_id": row.distribution_id if row else None,
			"target_amount": flt(amounts[key]),
			"target_qty": flt(quantities[key]) if quantities else (row.target_qty if row else 0),
			"last_period_sales": flt(sales[key]),
		}
		plan.append("targets", values)


# ------------------------------------------------------------------ plan versus actual


def progress(plan, periodicity: str = "Monthly", on_quantity: bool = False, today=None) -> dict:
	"""Per (member, item group) and period: target, achieved, variance, and for the whole plan the
	achievement %, the open orders and the forecast; the totals per period for the chart."""
	today = getdate(today or nowdate())
	periods = plan_periods(plan, periodicity)
	precision = precision_of(on_quantity)
	keys = plan_keys(plan)
	targets = {
		(row.member, row.item_group or None): period_targets(
			row.target_qty if on_quantity else row.target_amount,
			periods,
			monthly_percentages(row_distribution(plan, row)),
			precision,
		)
		for row in plan.targets
	}
	done = achieved(plan.dimension, plan.based_on, keys, periods, on_quantity, precision)
	pending = pipeline(plan, keys, periods, on_quantity, today, precision)
	rows = []
	for key in sorted_keys(targets):
		per_period, total = variance_series(targets[key], done[key], precision)
		ahead = forecast(sum(done[key]), sum(pending[key]), plan.from_date, plan.to_date, today, precision)
		rows.append(
			{
				"member": key[0],
				"item_group": key[1],
				"periods": [item.as_dict() for item in per_period],
				"total": total.as_dict(),
				"pipeline": ahead.pipeline,
				"forecast": ahead.forecast,
				"run_rate_projection": ahead.run_rate_projection,
				"forecast_series": forecast_series(periods, done[key], pending[key], today, precision),
			}
		)
	return {"periods": periods, "rows": rows, "targets": targets, "achieved": done, "today": today}


def pipeline(plan, keys, periods, on_quantity, today, precision) -> dict:
	"""The open orders of each target, placed in the period they are expected in."""
	rows = []
	for member, group, due, figure in open_order_rows(
		plan.dimension,
		plan.based_on,
		plan.to_date,
		on_quantity,
		members=member_subtree(plan.dimension, {key[0] for key in keys}),
	):
		day = expected_on(due, today, plan.from_date, plan.to_date)
		if day is not None:
			rows.append((member, group, day, figure))
	return achievements(
		rows, keys, periods, member_parents(plan.dimension), get_tree_parents("Item Group"), precision
	)


def chart(plan, result: dict, on_quantity: bool = False) -> dict:
	"""Plan, actual and forecast per period, summed over the plan's rows."""
	periods = result["periods"]
	sums = {
		"target": [0.0] * len(periods),
		"achieved": [0.0] * len(periods),
		"forecast": [0.0] * len(periods),
	}
	for row in result["rows"]:
		for index, item in enumerate(row["periods"]):
			sums["target"][index] += flt(item["target"])
			sums["achieved"][index] += flt(item["achieved"])
			sums["forecast"][index] += flt(row["forecast_series"][index])
	return {
		"data": {
			"labels": [period_label(period) for period in periods],
			"datasets": [
				{"name": _("Plan"), "values": sums["target"], "chartType": "bar"},
				{"name": _("Actual"), "values": sums["achieved"], "chartType": "bar"},
				{"name": _("Forecast"), "values": sums["forecast"], "chartType": "line"},
			],
		},
		"type": "axis-mixed",
		"fieldtype": "Float" if on_quantity else "Currency",
	}


def plan_achievement(window_start, window_end) -> tuple[float, float]:
	"""(target, achieved) of the submitted plans over a window (the plans' months inside it), amounts
	in the company currency: what the workspace's achievement cards show."""
	plans = frappe.get_list(
		"Sales Plan",
		filters={"docstatus": 1, "from_date": ("<=", window_end), "to_date": (">=", window_start)},
		pluck="name",
	)
	target = done = 0.0
	start, end = getdate(window_start), getdate(window_end)
	for name in plans:
		plan = frappe.get_doc("Sales Plan", name)
		result = progress(plan)
		for row in result["rows"]:
			for period, item in zip(result["periods"], row["periods"], strict=True):
				if period.start <= end and period.end >= start:
					target += flt(item["target"])
					done += flt(item["achieved"])
	return target, done
