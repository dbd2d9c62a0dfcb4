import datetime
import math
import re

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate

from sales_module.engine import commission_tiers
from sales_module.exceptions import InvalidDatesError, InvalidValueError
from sales_module.utils.engine_bridge import engine_errors


def validate_percentage(doc, fieldname: str, upper: float = 100.0):
	value = flt(doc.get(fieldname))
	if value < 0 or value > upper:
		frappe.throw(
			_("{0} must be between 0 and {1}, got {2}").format(
				_(doc.meta.get_label(fieldname)), upper, value
			),
			InvalidValueError,
			title=_("Invalid Percentage"),
		)


def validate_not_negative(doc, fieldname: str):
	if flt(doc.get(fieldname)) < 0:
		frappe.throw(
			_("{0} cannot be negative").format(_(doc.meta.get_label(fieldname))),
			InvalidValueError,
			title=_("Invalid Value"),
		)


def validate_date_order(doc, from_field: str, to_field: str):
	start, end = doc.get(from_field), doc.get(to_field)
	if start and end and getdate(end) < getdate(start):
		frappe.throw(
			_("{0} ({1}) cannot be before {2} ({3})").format(
				_(doc.meta.get_label(to_field)),
				frappe.format(end, "Date"),
				_(doc.meta.get_label(from_field)),
				frappe.format(start, "Date"),
			),
			InvalidDatesError,
			title=_("Invalid Dates"),
		)


def validate_commission_tiers(doc, fieldname: str = "commission_tiers"):
	"""A party's commission tiers as the engine accepts them (the first from 0, no two from the same
	amount, rates between 0 and 100), kept in the order of their amounts."""
	rows = doc.get(fieldname) or []
	if not rows:
		return
	with engine_errors(_("Commission Tiers")):
		commission_tiers(rows)
	rows.sort(key=lambda row: flt(row.from_amount))
	for idx, row in enumerate(rows, start=1):
		row.idx = idx


# numeric field types, each with the magnitude its column holds (Frappe's column types on MariaDB:
# decimal(21,9) below 10^12, int(11) and bigint(20) to their signed range, Rating decimal(3,2))
NUMBER_BOUNDS = {
	"Currency": 10**12,
	"Float": 10**12,
	"Percent": 10**12,
	"Duration": 10**12,
	"Rating": 10,
	"Int": 2**31,
	"Check": 2**31,
	"Long Int": 2**63,
}
INTEGER_TYPES = ("Int", "Check", "Long Int")
# what the database takes for each date type: ISO text, read by Python as the column stores it
DATE_TYPES = {"Date": datetime.date, "Datetime": datetime.datetime, "Time": datetime.time}


def validate_values(doc, method=None):
	"""`doc_events` hook (before the controller validates, and again before the write): every number of a
	document of the app and its rows is finite and fits its column, every date is a real date in ISO form.
	NaN ("NaN" read as a number), Infinity, numbers beyond the column and dates such as "31/12/2025" or
	"2025-13-45" would otherwise reach the calculations or the database (a server error)."""
	if doc.meta.module not in app_modules():
		return
	for row in (doc, *doc.get_all_children()):
		for field in row.meta.fields:
			value = row.get(field.fieldname)
			if value is None or value == "":
				continue
			if field.fieldtype in NUMBER_BOUNDS:
				check_number(row, field, value)
			elif field.fieldtype in DATE_TYPES:
				check_date(row, field, value)


def check_number(row, field, value):
	bound = NUMBER_BOUNDS[field.fieldtype]
	number = cint(value) if field.fieldtype in INTEGER_TYPES else flt(value)
	if math.isfinite(number) and abs(number) < bound:
		return
	frappe.throw(
		in_row(row, _("Invalid number: {0}").format(f"{_(field.label or field.fieldname)} {value!r}")),
		InvalidValueError,
		title=_("Invalid Value"),
	)


def check_date(row, field, value):
	kind = DATE_TYPES[field.fieldtype]
	if isinstance(value, kind) or (kind is datetime.date and type(value) is datetime.datetime):
		return
	if isinstance(value, datetime.timedelta) and kind is datetime.time:
		return  # how Frappe reads a Time column back
	if kind is datetime.time and isinstance(value, str) and time_of_day(value):
		return
	# a Date column also takes a date and time (and keeps the date)
	for reading in (kind, datetime.datetime) if kind is datetime.date else (kind,):
		try:
			parsed = reading.fromisoformat(value) if isinstance(value, str) else None
		except ValueError:
			parsed = None
		if parsed is not None and getattr(parsed, "tzinfo", None) is None:
			return
	frappe.throw(
		in_row(row, _("Invalid date: {0}").format(f"{_(field.label or field.fieldname)} {value!r}")),
		InvalidDatesError,
		title=_("Invalid Dates"),
	)


# a time as MariaDB reads it and as Frappe writes one it read back ("10:55:6.334162": seconds unpadded)
TIME = re.compile(r"(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d{1,6})?)?")


def time_of_day(value: str) -> bool:
	match = TIME.fullmatch(value)
	return bool(match) and int(match[1]) < 24 and int(match[2]) < 60 and int(match[3] or 0) < 60


def in_row(row, message: str) -> str:
	return _("Row {0} ({1}): {2}").format(row.idx, _(row.meta.name), message) if row.meta.istable else message


def date_argument(value, label: str) -> datetime.date:
	"""A date sent as a method argument, read as Frappe reads it, or a refusal naming it: Frappe's getdate
	refuses text it cannot read but lets an overflow ("-1" followed by forty zeros) through as an error."""
	try:
		return getdate(value)
	except (ValueError, OverflowError, TypeError):
		frappe.throw(
			_("Invalid date: {0}").format(f"{label} {value!r}"), InvalidDatesError, title=_("Invalid Dates")
		)


def app_modules() -> set[str]:
	return set(frappe.get_module_list("sales_module"))
