import frappe
from frappe import _
from frappe.utils import flt, getdate

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
