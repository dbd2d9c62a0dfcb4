"""What the invoice reports share: their period and filters as permission-aware list conditions."""

import frappe
from frappe import _
from frappe.utils import add_months, getdate, nowdate

from sales_module.exceptions import InvalidDatesError, InvalidValueError
from sales_module.utils.permissions import ensure_permitted


def validate_period(filters) -> frappe._dict:
	filters = frappe._dict(filters or {})
	filters.to_date = getdate(filters.get("to_date") or nowdate())
	filters.from_date = getdate(filters.get("from_date") or add_months(filters.to_date, -1))
	if filters.to_date < filters.from_date:
		frappe.throw(_("To Date cannot be before From Date"), InvalidDatesError, title=_("Invalid Dates"))
	return filters


def validate_choices(filters, choices: dict, title: str):
	"""Each of `choices` ({fieldname: allowed values}) set in `filters` to one of its allowed values."""
	for fieldname, allowed in choices.items():
		if filters.get(fieldname) not in allowed:
			frappe.throw(
				_("{0} cannot be {1}; choose one of {2}").format(
					_(frappe.unscrub(fieldname)),
					frappe.bold(filters.get(fieldname)),
					", ".join(_(choice) for choice in allowed),
				),
				InvalidValueError,
				title=title,
			)


def invoice_conditions(filters) -> list:
	"""Submitted invoices of the period, narrowed by ERPNext's register filters; filters this app has
	no use for (company, cost_center, include_payments ...) are ignored."""
	conditions = [
		["Sales Invoice", "docstatus", "=", 1],
		["Sales Invoice", "posting_date", "between", [filters.from_date, filters.to_date]],
	]
	for fieldname in ("customer", "customer_group", "territory", "owner"):
		if filters.get(fieldname):
			conditions.append(["Sales Invoice", fieldname, "=", filters[fieldname]])
	for fieldname in ("item_code", "item_group", "brand", "warehouse"):
		if filters.get(fieldname):
			conditions.append(["Sales Invoice Item", fieldname, "=", filters[fieldname]])
	if filters.get("mode_of_payment"):
		conditions.append(["Sales Invoice Payment", "mode_of_payment", "=", filters.mode_of_payment])
	return conditions


def column(
	label: str, fieldname: str, fieldtype: str = "Data", options: str | None = None, width: int = 120
) -> dict:
	return {
		"label": label,
		"fieldname": fieldname,
		"fieldtype": fieldtype,
		"options": options,
		"width": width,
	}


def currency_column(width: int = 80) -> dict:
	"""A row's currency, as text: Frappe checks the user's read permission on the DocType of every Link
	column of a report, and Frappe's Currency is read by Sales User and Accounts User only (not by a Sales
	Manager or Stock User who holds no other role)."""
	return column(_("Currency"), "currency", "Data", None, width)


def tax_column(head: str) -> dict:
	return {
		"label": head,
		"fieldname": frappe.scrub(head),
		"fieldtype": "Currency",
		"options": "currency",
		"width": 110,
	}


def permitted(query, doctype: str):
	"""`query` (over `doctype`'s table) restricted as Frappe's list view restricts it: the user needs
	read permission, and User Permissions and permission query hooks narrow the rows. For grouped
	reads that Frappe's list query cannot express (periods computed in the database)."""
	from frappe.model.db_query import DatabaseQuery
	from pypika.terms import PseudoColumn

	ensure_permitted(doctype, "read")
	condition = DatabaseQuery(doctype).build_match_conditions(as_condition=True)
	return query.where(PseudoColumn(f"({condition})")) if condition else query


def readable_names(doctype: str, names) -> list[str]:
	"""Those of `names` (records of `doctype`) the user may read: the role's read permission, then the
	User Permissions on `doctype` itself (a restriction to a tree node allows its descendants unless it
	hides them), as Frappe narrows a list of `doctype` by the record's own name."""
	ensure_permitted(doctype, "read")
	from frappe.permissions import get_user_permissions

	allowed = {
		permission.doc
		for permission in get_user_permissions(frappe.session.user).get(doctype, [])
		if not permission.get("applicable_for") or permission.applicable_for == doctype
	}
	return [name for name in names if not allowed or name in allowed]


def ageing_labels(bounds: list[int]) -> list[str]:
	"""ERPNext's bucket labels for ageing bounds: 0-30, 31-60, ..., 121-Above."""
	lower = [0, *(bound + 1 for bound in bounds)]
	return [f"{low}-{high}" for low, high in zip(lower, bounds, strict=False)] + [
		_("{0}-Above").format(lower[-1])
	]
