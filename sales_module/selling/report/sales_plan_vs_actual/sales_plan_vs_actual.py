# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Plan vs Actual: a submitted plan's targets per member, item group and period against what
was achieved (from the orders, deliveries or invoices the plan names), the variance and % achieved,
the open orders still to come and the forecast of the plan's end:

	forecast = achieved so far + open orders due by the plan's end
		+ achieved so far / elapsed days x remaining days (the run rate)

Achievement rolls up the trees (a territory's target is met by its sub-territories' sales, a group's
by its members'), a sales person gets their sales-team share, credit notes count negative."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.engine import PERIODICITY_MONTHS
from sales_module.exceptions import InvalidValueError, PlanningError
from sales_module.selling.sales_plans import chart, precision_of, progress
from sales_module.selling.target_variance import figure_type, report_rows
from sales_module.selling.target_variance import get_columns as variance_columns
from sales_module.utils.currency import company_currency
from sales_module.utils.reports import column


def formula() -> str:
	return _(
		"Forecast = achieved so far + open orders due by the plan's end + the daily run rate so far over "
		"the remaining days."
	)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if not filters.get("sales_plan"):
		return [], [], _("Choose a submitted Sales Plan to compare with what was sold.")
	plan = load_plan(filters)
	period = filters.get("period") or "Monthly"
	if period not in PERIODICITY_MONTHS:
		frappe.throw(
			_("Period must be one of {0}").format(", ".join(_(name) for name in PERIODICITY_MONTHS)),
			InvalidValueError,
			title=_("Sales Plan vs Actual"),
		)
	on_quantity = filters.get("target_on") == "Quantity"
	result = progress(plan, period, on_quantity)
	return (
		get_columns(plan, result["periods"], on_quantity),
		get_data(plan, result, on_quantity),
		formula(),
		chart(plan, result, on_quantity),
		summary(result, on_quantity),
	)


def load_plan(filters) -> frappe._dict:
	plan = frappe.get_doc("Sales Plan", filters.sales_plan)
	plan.check_permission("read")
	if plan.docstatus != 1:
		frappe.throw(
			_("Sales Plan {0} is not submitted: submit it to track it").format(frappe.bold(plan.name)),
			PlanningError,
			title=_("Sales Plan vs Actual"),
		)
	return plan


def get_columns(plan, periods, on_quantity: bool) -> list[dict]:
	"""The variance reports' columns (the dimension, item group, target / achieved / variance per
	period and their totals), then the plan's own."""
	fieldtype, options = figure_type(on_quantity)
	return [
		*variance_columns(plan.dimension, periods, on_quantity),
		column(_("Achieved %"), "achievement_percent", "Percent", None, 100),
		column(_("Open Orders"), "pipeline", fieldtype, options, 130),
		column(_("Forecast"), "forecast", fieldtype, options, 130),
	]


def get_data(plan, result, on_quantity: bool) -> list[dict]:
	precision = precision_of(on_quantity)
	data = report_rows(plan.dimension, result["targets"], result["achieved"], result["periods"], precision)
	for line, row in zip(data, result["rows"], strict=True):
		line.update(
			achievement_percent=flt(row["total"]["achievement_percent"]),
			pipeline=flt(row["pipeline"], precision),
			forecast=flt(row["forecast"], precision),
		)
	return data


def summary(result, on_quantity: bool) -> list[dict]:
	target = sum(flt(row["total"]["target"]) for row in result["rows"])
	done = sum(flt(row["total"]["achieved"]) for row in result["rows"])
	ahead = sum(flt(row["forecast"]) for row in result["rows"])
	fieldtype = "Float" if on_quantity else "Currency"
	currency = None if on_quantity else company_currency()
	return [
		{"label": _("Target"), "value": target, "datatype": fieldtype, "currency": currency},
		{
			"label": _("Achieved"),
			"value": done,
			"datatype": fieldtype,
			"currency": currency,
			"indicator": "Green" if done >= target else "Orange",
		},
		{
			"label": _("Forecast"),
			"value": ahead,
			"datatype": fieldtype,
			"currency": currency,
			"indicator": "Blue",
		},
	]
