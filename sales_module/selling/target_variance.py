"""What ERPNext's three target variance reports share (Sales Person / Territory / Sales Partner Target
Variance Based On Item Group): one row per member and item group of the fiscal year's Target Detail rows
(several rows of the same key add up), each period's target spread by the row's Monthly Distribution
(or evenly by month), what was achieved (the shared achievement service: a territory's target is met by
its sub-territories, a group item group's by its sub-groups, a sales person's by their share of each
document; a blank item group is every item) and the variance, achieved less target.

Filters are ERPNext's: `fiscal_year` (the current one by default), `doctype` (Sales Order, Delivery Note
or Sales Invoice), `period` (Monthly, Quarterly, Half-Yearly, Yearly) and `target_on` (Quantity or
Amount; Amount when not given, as ERPNext's server reads it); `company` is accepted and ignored. Rows
show the members the user may read; achievements count the documents the user may read."""

import re
from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import flt, nowdate

from sales_module.engine import (
	PERIODICITY_MONTHS,
	TargetPeriod,
	period_targets,
	target_periods,
	uncovered_targets,
	variance_series,
)
from sales_module.exceptions import InvalidValueError
from sales_module.selling.targets import BASED_ON, DIMENSION_FIELD, achieved, member_parents
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.fiscal_year import fiscal_year_of, monthly_percentages
from sales_module.utils.reports import column, readable_names, validate_choices
from sales_module.utils.tree import get_tree_parents

Filters = frappe._dict
Target = tuple[str, str | None]

TARGET_ON = ("Quantity", "Amount")
QTY_PRECISION = 3
# each period's three figures (the engine's Variance fields) and their columns, as ERPNext names them
PERIOD_FIELDS = {"target": "target_{0}", "achieved": "{0}", "variance": "variance_{0}"}
# the month abbreviations inside the engine's English period labels ("Mar 2026", "Jan 26-Mar 26")
MONTH_ABBREVIATION = re.compile(r"\b[A-Z][a-z]{2}\b")


def execute(filters, dimension: str, title: str):
	"""The report on `dimension` (Sales Person, Territory or Sales Partner): columns, rows, chart."""
	filters = prepared_filters(filters, title)
	year = frappe.db.get_value(
		"Fiscal Year", filters.fiscal_year, ["year_start_date", "year_end_date"], as_dict=True
	)
	with engine_errors(title):
		periods = target_periods(year.year_start_date, year.year_end_date, filters.period)
	on_quantity = filters.target_on == "Quantity"
	precision = QTY_PRECISION if on_quantity else currency_precision(company_currency())
	with engine_errors(title):
		targets = spread_targets(
			target_details(dimension, filters.fiscal_year, on_quantity), periods, precision
		)
	done = achieved(dimension, filters.doctype, list(targets), periods, on_quantity, precision)
	columns = get_columns(dimension, periods, on_quantity)
	data = report_rows(dimension, targets, done, periods, precision)
	return columns, data, None, get_chart(dimension, targets, done, periods, on_quantity, precision)


def prepared_filters(filters, title: str) -> Filters:
	filters = Filters(filters or {})
	filters.doctype = filters.get("doctype") or "Sales Order"
	filters.period = filters.get("period") or "Monthly"
	filters.target_on = filters.get("target_on") or "Amount"
	validate_choices(
		filters, {"doctype": BASED_ON, "period": tuple(PERIODICITY_MONTHS), "target_on": TARGET_ON}, title
	)
	filters.fiscal_year = filters.get("fiscal_year") or fiscal_year_of(nowdate()).name
	if not frappe.db.exists("Fiscal Year", filters.fiscal_year):
		frappe.throw(
			_("Fiscal Year {0} does not exist").format(frappe.bold(filters.fiscal_year)),
			InvalidValueError,
			title=title,
		)
	return filters


def target_details(dimension: str, fiscal_year: str, on_quantity: bool) -> list[frappe._dict]:
	"""The fiscal year's Target Detail rows of the members of `dimension` the user may read (a user
	restricted to a territory sees its targets, not its parent's or its neighbours')."""
	rows = frappe.get_all(
		"Target Detail",
		filters={"parenttype": dimension, "parentfield": "targets", "fiscal_year": fiscal_year},
		fields=[
			"parent",
			"item_group",
			"distribution_id",
			f"{'target_qty' if on_quantity else 'target_amount'} as target",
		],
		order_by="parent, idx",
	)
	readable = set(readable_names(dimension, {row.parent for row in rows}))
	return [row for row in rows if row.parent in readable]


def spread_targets(rows: list, periods: list[TargetPeriod], precision: int) -> dict[Target, list[Decimal]]:
	"""Each (member, item group)'s target per period, its rows spread and added up exactly."""
	distributions: dict[str, dict | None] = {}
	targets: dict[Target, list[Decimal]] = {}
	for row in rows:
		if row.distribution_id not in distributions:
			distributions[row.distribution_id] = monthly_percentages(row.distribution_id)
		parts = period_targets(row.target, periods, distributions[row.distribution_id], precision)
		key = (row.parent, row.item_group or None)
		current = targets.get(key) or [Decimal(0)] * len(periods)
		targets[key] = [before + part for before, part in zip(current, parts, strict=True)]
	return targets


def report_rows(
	dimension: str,
	targets: dict[Target, list[Decimal]],
	done: dict[Target, list],
	periods: list[TargetPeriod],
	precision: int,
) -> list[dict]:
	currency = company_currency()
	data = []
	for key in sorted_keys(targets):
		per_period, total = variance_series(targets[key], done[key], precision)
		row = {DIMENSION_FIELD[dimension]: key[0], "item_group": key[1], "currency": currency}
		for period, figures in zip(periods, per_period, strict=True):
			for kind, fieldname in PERIOD_FIELDS.items():
				row[fieldname.format(period.key)] = flt(getattr(figures, kind), precision)
		for kind in PERIOD_FIELDS:
			row[f"total_{kind}"] = flt(getattr(total, kind), precision)
		data.append(row)
	return data


def sorted_keys(targets) -> list[Target]:
	return sorted(targets, key=lambda target: (target[0], target[1] or ""))


def period_label(period: TargetPeriod) -> str:
	"""The period's label with its month names translated ("Mar 2026", "Jan 26-Mar 26", "2026")."""
	return MONTH_ABBREVIATION.sub(lambda month: _(month.group(0)), period.label)


def figure_labels() -> dict[str, tuple[str, str]]:
	"""{figure: (its label in a period, its total's label)}."""
	return {
		"target": (_("Target ({0})"), _("Total Target")),
		"achieved": (_("Achieved ({0})"), _("Total Achieved")),
		"variance": (_("Variance ({0})"), _("Total Variance")),
	}


def figure_type(on_quantity: bool) -> tuple[str, str | None]:
	return ("Float", None) if on_quantity else ("Currency", "currency")


def get_columns(dimension: str, periods: list[TargetPeriod], on_quantity: bool) -> list[dict]:
	fieldtype, options = figure_type(on_quantity)
	columns = [
		column(_(dimension), DIMENSION_FIELD[dimension], "Link", dimension, 150),
		column(_("Item Group"), "item_group", "Link", "Item Group", 150),
	]
	labels = figure_labels()
	for period in periods:
		label = period_label(period)
		columns += [
			column(labels[kind][0].format(label), fieldname.format(period.key), fieldtype, options, 150)
			for kind, fieldname in PERIOD_FIELDS.items()
		]
	columns += [column(labels[kind][1], f"total_{kind}", fieldtype, options, 150) for kind in PERIOD_FIELDS]
	return columns


def get_chart(
	dimension: str,
	targets: dict[Target, list[Decimal]],
	done: dict[Target, list],
	periods: list[TargetPeriod],
	on_quantity: bool,
	precision: int,
) -> dict | None:
	"""Targets against achievements per period, over the targets no other target counts already (a
	territory's target without its sub-territories' targets, which its own figure includes)."""
	if not targets:
		return None
	kept = uncovered_targets(sorted_keys(targets), member_parents(dimension), get_tree_parents("Item Group"))

	def per_period(figures: dict[Target, list]) -> list[float]:
		return [
			flt(sum((figures[key][index] for key in kept), Decimal(0)), precision)
			for index in range(len(periods))
		]

	return {
		"data": {
			"labels": [period_label(period) for period in periods],
			"datasets": [
				{"name": _("Target"), "values": per_period(targets)},
				{"name": _("Achieved"), "values": per_period(done)},
			],
		},
		"type": "bar",
		"fieldtype": figure_type(on_quantity)[0],
	}
