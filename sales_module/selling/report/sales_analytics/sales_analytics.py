# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Analytics (ERPNext's report, its filters and columns): revenue or quantity per customer, item,
group, territory, brand, sales person or sales partner, one column per week, month, quarter or year.
Trees roll up to their roots; sales persons get their allocated share of each document."""

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder.functions import Extract, Sum
from frappe.utils import add_months, flt, getdate, nowdate
from pypika.enums import DatePart
from pypika.functions import Function

from sales_module.engine import period_ranges, roll_up, sum_by_period
from sales_module.exceptions import InvalidValueError
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.reports import permitted, validate_choices

Filters = frappe._dict

DOC_TYPES = ("Sales Order", "Delivery Note", "Sales Invoice")
LINE_DOCTYPE = {
	"Sales Order": "Sales Order Item",
	"Delivery Note": "Delivery Note Item",
	"Sales Invoice": "Sales Invoice Item",
}
# tree type -> (DocType the entity links to, where it is read: "header", "line" or "team", its field)
TREE_TYPES = {
	"Customer": ("Customer", "header", "customer"),
	"Customer Group": ("Customer Group", "header", "customer_group"),
	"Territory": ("Territory", "header", "territory"),
	"Sales Partner": ("Sales Partner", "header", "sales_partner"),
	"Item": ("Item", "line", "item_code"),
	"Item Group": ("Item Group", "line", "item_group"),
	"Brand": ("Brand", "line", "brand"),
	"Sales Person": ("Sales Person", "team", "sales_person"),
}
TREES = {"Customer Group", "Territory", "Item Group", "Sales Person"}


def execute(filters: Filters | None = None):
	filters = prepared_filters(filters)
	with engine_errors(_("Sales Analytics")):
		periods = period_ranges(filters.from_date, filters.to_date, filters.range)
	precision = 3 if filters.value_quantity == "Quantity" else currency_precision(company_currency())
	sums = sum_by_period(load_rows(filters), periods, precision)
	columns = get_columns(filters, periods)
	data = (
		tree_rows(filters, sums, periods) if filters.tree_type in TREES else flat_rows(filters, sums, periods)
	)
	return columns, data, None, get_chart(filters, data, periods)


def prepared_filters(filters) -> Filters:
	filters = Filters(filters or {})
	filters.tree_type = filters.get("tree_type") or "Customer"
	filters.doc_type = filters.get("doc_type") or "Sales Invoice"
	filters.value_quantity = filters.get("value_quantity") or "Value"
	filters.range = filters.get("range") or "Monthly"
	filters.to_date = filters.get("to_date") or nowdate()
	filters.from_date = filters.get("from_date") or add_months(getdate(filters.to_date), -12)
	choices = {
		"tree_type": TREE_TYPES,
		"doc_type": DOC_TYPES,
		"value_quantity": ("Value", "Quantity"),
	}
	validate_choices(filters, choices, _("Sales Analytics"))
	return filters


def load_rows(filters: Filters) -> list[tuple]:
	"""(entity, a day of the period, amount) summed per entity and period in the database."""
	rows = grouped_query(filters).run()
	return [(name, period_day(key, filters.range), figure) for name, key, figure in rows if name]


def grouped_query(filters: Filters):
	"""The figures per entity and period, restricted as Frappe's list view is: the user's roles, User
	Permissions (a territory, a customer) and permission hooks decide which documents count."""
	doctype = filters.doc_type
	header = frappe.qb.DocType(doctype)
	date_field = header.transaction_date if doctype == "Sales Order" else header.posting_date
	_linked, source, fieldname = TREE_TYPES[filters.tree_type]
	quantity = filters.value_quantity == "Quantity"
	query = frappe.qb.from_(header)
	if source == "line":
		line = frappe.qb.DocType(LINE_DOCTYPE[doctype])
		query = query.join(line).on((line.parent == header.name) & (line.parenttype == doctype))
		entity, amount = line[fieldname], Sum(line.stock_qty if quantity else line.base_net_amount)
	elif source == "team":  # sales persons: each document's figure split by the allocated percentages
		team = frappe.qb.DocType("Sales Team")
		query = query.join(team).on((team.parent == header.name) & (team.parenttype == doctype))
		entity = team.sales_person
		amount = Sum(
			(header.total_qty if quantity else header.base_net_total) * team.allocated_percentage / 100
		)
	else:
		entity, amount = header[fieldname], Sum(header.total_qty if quantity else header.base_net_total)
	period = period_term(date_field, filters.range)
	query = (
		query.select(entity, period, amount)
		.where(
			(header.docstatus == 1)
			& (date_field >= getdate(filters.from_date))
			& (date_field <= getdate(filters.to_date))
		)
		.groupby(entity, period)
	)
	return permitted(query, doctype)


class DayOfYear(Function):
	def __init__(self, term):
		super().__init__("DAYOFYEAR", term)


def period_term(date_field, range_: str):
	"""The period of a date as a number the database groups by: year and day (weeks are cut from
	days), year and month, year and quarter, or the year."""
	year = Extract(DatePart.year, date_field)
	if range_ == "Weekly":
		return year * 1000 + DayOfYear(date_field)
	if range_ == "Monthly":
		return year * 100 + Extract(DatePart.month, date_field)
	if range_ == "Quarterly":
		return year * 10 + Extract(DatePart.quarter, date_field)
	return year


def period_day(key, range_: str) -> date:
	"""A day inside the period a grouped key stands for."""
	key = int(key)
	if range_ == "Weekly":
		return date(key // 1000, 1, 1) + timedelta(days=key % 1000 - 1)
	if range_ == "Monthly":
		return date(key // 100, key % 100, 1)
	if range_ == "Quarterly":
		return date(key // 10, 3 * (key % 10) - 2, 1)
	return date(key, 1, 1)


def get_columns(filters: Filters, periods) -> list[dict]:
	linked = TREE_TYPES[filters.tree_type][0]
	columns = [
		{
			"label": _(filters.tree_type),
			"fieldname": "entity",
			"fieldtype": "Link",
			"options": linked,
			"width": 180,
		}
	]
	if filters.tree_type in ("Customer", "Item"):
		columns.append(
			{
				"label": _("Customer Name") if filters.tree_type == "Customer" else _("Item Name"),
				"fieldname": "entity_name",
				"fieldtype": "Data",
				"width": 160,
			}
		)
	if filters.tree_type == "Item":
		columns.append(
			{"label": _("UOM"), "fieldname": "stock_uom", "fieldtype": "Link", "options": "UOM", "width": 80}
		)
	figure = (
		{"fieldtype": "Float", "width": 110}
		if filters.value_quantity == "Quantity"
		else {"fieldtype": "Currency", "options": "currency", "width": 120}
	)
	for period in periods:
		columns.append({"label": period_label(period), "fieldname": period.fieldname, **figure})
	columns.append({"label": _("Total"), "fieldname": "total", **figure})
	return columns


def period_label(period) -> str:
	"""The translated label; the fieldname stays the English one, as saved reports expect."""
	if "{0}" in period.template:  # "Week {0} {1}", "Quarter {0} {1}"
		return _(period.template).format(period.number, period.year)
	if period.template == "{1}":
		return str(period.year)
	month = period.template.split(" ")[0]  # "Nov {1}"
	return f"{_(month)} {period.year}"


def flat_rows(filters: Filters, sums: dict, periods) -> list[dict]:
	names = entity_names(filters, list(sums))
	currency = company_currency()
	rows = []
	for entity in sorted(sums, key=lambda key: (-sum(sums[key]), key)):
		row = {"entity": entity, "currency": currency, **names.get(entity, {})}
		row.update(period_values(sums[entity], periods))
		rows.append(row)
	return rows


def tree_rows(filters: Filters, sums: dict, periods) -> list[dict]:
	doctype = TREE_TYPES[filters.tree_type][0]
	parent_field = f"parent_{frappe.scrub(doctype)}"
	parent_of = dict(frappe.get_all(doctype, fields=["name", parent_field], as_list=True))
	currency = company_currency()
	rows = []
	for node in roll_up(sums, {name: parent or None for name, parent in parent_of.items()}, len(periods)):
		row = {"entity": node.node, "parent": node.parent, "indent": node.indent, "currency": currency}
		row.update(period_values(node.figures, periods))
		rows.append(row)
	return rows


def period_values(figures, periods) -> dict:
	values = {period.fieldname: flt(value) for period, value in zip(periods, figures, strict=True)}
	values["total"] = flt(sum(figures))
	return values


def entity_names(filters: Filters, entities: list[str]) -> dict[str, dict]:
	if filters.tree_type == "Customer":
		return {
			name: {"entity_name": customer_name}
			for name, customer_name in frappe.get_all(
				"Customer", filters={"name": ("in", entities)}, fields=["name", "customer_name"], as_list=True
			)
		}
	if filters.tree_type == "Item":
		return {
			name: {"entity_name": item_name, "stock_uom": stock_uom}
			for name, item_name, stock_uom in frappe.get_all(
				"Item",
				filters={"name": ("in", entities)},
				fields=["name", "item_name", "stock_uom"],
				as_list=True,
			)
		}
	return {}


def get_chart(filters: Filters, data: list[dict], periods) -> dict:
	"""The top entities (the leaves of a tree) per period."""
	parents = {row.get("parent") for row in data}
	leaves = [row for row in data if row["entity"] not in parents]
	top = sorted(leaves, key=lambda row: -row["total"])[:5]
	return {
		"data": {
			"labels": [period_label(period) for period in periods],
			"datasets": [
				{"name": row["entity"], "values": [row[period.fieldname] for period in periods]}
				for row in top
			],
		},
		"type": "bar" if filters.range in ("Yearly", "Quarterly") else "line",
		"fieldtype": "Float" if filters.value_quantity == "Quantity" else "Currency",
	}
