"""Targets on the sales masters (the `targets` table of Target Detail rows on Sales Person, Territory and
Sales Partner), checked when the master is saved: every row names its fiscal year, no figure is negative,
a row's Monthly Distribution (when it names a fiscal year) is one of the row's own year, and the rows a
submitted Sales Plan wrote stay as the plan wrote them. The plan writes and removes its rows itself,
straight in the database; these checks guard the master's form and REST saves."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.exceptions import InvalidValueError, PlanningError

# what a Sales Plan writes on its rows: none of it may change on the master
PLAN_FIELDS = ("item_group", "fiscal_year", "target_qty", "target_amount", "distribution_id", "sales_plan")
FIGURES = ("target_qty", "target_amount")


def validate_targets(doc, require_figure: bool = False):
	"""`require_figure`: a row needs a target quantity or amount (ERPNext's rule on Sales Person and
	Territory; its Sales Partner takes rows without either). A plan's row may have neither (a member
	the plan's spread gave nothing): it is checked against what the plan wrote instead."""
	for row in doc.get("targets"):
		validate_fiscal_year(row)
		validate_figures(row, require_figure and not row.sales_plan)
	validate_distributions(doc)
	validate_plan_rows(doc)


def row_label(row) -> str:
	return _("Row {0} of Targets").format(row.idx)


def validate_fiscal_year(row):
	if not row.fiscal_year:
		frappe.throw(
			_("{0}: Fiscal Year is required").format(row_label(row)),
			frappe.MandatoryError,
			title=_("Missing Fiscal Year"),
		)


def validate_figures(row, require_figure: bool):
	for fieldname in FIGURES:
		if flt(row.get(fieldname)) < 0:
			frappe.throw(
				_("{0}: {1} cannot be negative").format(row_label(row), _(row.meta.get_label(fieldname))),
				InvalidValueError,
				title=_("Invalid Target"),
			)
	if require_figure and not any(flt(row.get(fieldname)) for fieldname in FIGURES):
		frappe.throw(
			_("{0}: either Target Qty or Target Amount is mandatory").format(row_label(row)),
			InvalidValueError,
			title=_("Invalid Target"),
		)


def validate_distributions(doc):
	"""A distribution made for a fiscal year spreads only that year's targets."""
	names = sorted({row.distribution_id for row in doc.get("targets") if row.distribution_id})
	if not names:
		return
	year_of = dict(
		frappe.get_all(
			"Monthly Distribution",
			filters={"name": ("in", names)},
			fields=["name", "fiscal_year"],
			as_list=True,
		)
	)
	for row in doc.get("targets"):
		year = year_of.get(row.distribution_id)
		if year and year != row.fiscal_year:
			frappe.throw(
				_("{0}: Target Distribution {1} is made for Fiscal Year {2}, not {3}").format(
					row_label(row), frappe.bold(row.distribution_id), year, row.fiscal_year
				),
				PlanningError,
				title=_("Invalid Target"),
			)


def validate_plan_rows(doc):
	"""Rows a Sales Plan wrote can be neither changed nor removed here, and none can be added that
	claims to come from a plan."""
	stored = {} if doc.is_new() else stored_plan_rows(doc)
	current = {row.name: row for row in doc.get("targets")}
	for name, written in stored.items():
		row = current.get(name)
		if row is None or any(differs(row.get(field), written.get(field), field) for field in PLAN_FIELDS):
			refuse_plan_row(row or written, written.sales_plan)
	for row in doc.get("targets"):
		if row.sales_plan and row.name not in stored:
			refuse_plan_row(row, row.sales_plan)


def stored_plan_rows(doc) -> dict[str, frappe._dict]:
	rows = frappe.get_all(
		"Target Detail",
		filters={
			"parenttype": doc.doctype,
			"parent": doc.name,
			"parentfield": "targets",
			"sales_plan": ("is", "set"),
		},
		fields=["name", "idx", *PLAN_FIELDS],
	)
	return {row.name: row for row in rows}


def differs(value, stored, field: str) -> bool:
	if field in FIGURES:
		return flt(value, 9) != flt(stored, 9)
	return (value or None) != (stored or None)


def refuse_plan_row(row, sales_plan: str):
	frappe.throw(
		_("{0} was written by Sales Plan {1}: cancel or amend the plan to change it").format(
			row_label(row), frappe.bold(sales_plan)
		),
		PlanningError,
		title=_("Target from a Sales Plan"),
	)
