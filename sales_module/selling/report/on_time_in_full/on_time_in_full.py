# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""On-Time In-Full (beyond ERPNext): of the order lines due in the period, how many had their whole
quantity delivered by their delivery date, per customer, item or month; late lines and their average
delay. Lines not yet due are left out: they can still be on time."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, nowdate

from sales_module.engine import line_delivery
from sales_module.exceptions import InvalidValueError
from sales_module.stock.delivery import order_line_deliveries
from sales_module.utils.reports import validate_period

GROUPS = {"Customer": "customer", "Item": "item_code", "Month": "month"}
NAMES = {"Customer": "customer_name", "Item": "item_name"}


def execute(filters=None):
	filters = validate_period(filters)
	filters.group_by = filters.get("group_by") or "Customer"
	if filters.group_by not in GROUPS:
		frappe.throw(
			_("Group By must be one of {0}").format(", ".join(_(group) for group in GROUPS)),
			InvalidValueError,
			title=_("On-Time In-Full"),
		)
	today = getdate(nowdate())
	lines = due_lines(filters, today)
	deliveries = deliveries_by_line([line.so_detail for line in lines])
	groups: dict[str, dict] = {}
	for line in lines:
		outcome = line_delivery(
			flt(line.qty) * flt(line.conversion_factor or 1),
			deliveries.get(line.so_detail, []),
			line.delivery_date,
			today,
		)
		key = group_key(line, filters.group_by)
		group = groups.setdefault(
			key,
			{"group": key, "name": line.get(NAMES.get(filters.group_by, "")) or "", "lines": 0,
			 "on_time_in_full": 0, "late_lines": 0, "delay_days": 0},
		)  # fmt: skip
		group["lines"] += 1
		group["on_time_in_full"] += int(outcome.on_time_in_full)
		group["late_lines"] += int(outcome.late)
		group["delay_days"] += outcome.delay if outcome.late else 0
	data = []
	for key in sorted(groups):
		group = groups.pop(key)
		group["otif_percent"] = (
			flt(100 * group["on_time_in_full"] / group["lines"], 2) if group["lines"] else 0
		)
		group["average_delay"] = (
			flt(group.pop("delay_days") / group["late_lines"], 1) if group["late_lines"] else 0
		)
		data.append(group)
	return get_columns(filters), data


def group_key(line, group_by: str) -> str:
	if group_by == "Month":
		return getdate(line.delivery_date).strftime("%Y-%m")
	return line[GROUPS[group_by]]


def due_lines(filters, today) -> list[frappe._dict]:
	item = "`tabSales Order Item`"
	conditions = [
		["Sales Order", "docstatus", "=", 1],
		["Sales Order Item", "delivery_date", "between", [filters.from_date, min(filters.to_date, today)]],
	]
	if filters.get("customer"):
		conditions.append(["Sales Order", "customer", "=", filters.customer])
	if filters.get("item_code"):
		conditions.append(["Sales Order Item", "item_code", "=", filters.item_code])
	return frappe.get_list(
		"Sales Order",
		filters=conditions,
		fields=[
			"customer", "customer_name", f"{item}.name as so_detail", f"{item}.item_code", f"{item}.item_name",
			f"{item}.qty", f"{item}.conversion_factor", f"{item}.delivery_date",
		],
		order_by=None,
	)  # fmt: skip


def deliveries_by_line(details: list[str]) -> dict[str, list[tuple]]:
	"""(date, stock qty) of every delivery and return of each line."""
	found: dict[str, list[tuple]] = {}
	if not details:
		return found
	deliveries = order_line_deliveries().as_("deliveries")
	query = frappe.qb.from_(deliveries).select(
		deliveries.so_detail, deliveries.posting_date, deliveries.stock_qty
	)
	for detail, day, qty in query.where(deliveries.so_detail.isin(details)).run():
		found.setdefault(detail, []).append((day, qty))
	return found


def get_columns(filters) -> list[dict]:
	label = {"Customer": _("Customer"), "Item": _("Item"), "Month": _("Month")}[filters.group_by]
	options = {"Customer": "Customer", "Item": "Item"}.get(filters.group_by)
	return [
		{
			"label": label,
			"fieldname": "group",
			"fieldtype": "Link" if options else "Data",
			"options": options,
			"width": 160,
		},
		{"label": _("Name"), "fieldname": "name", "fieldtype": "Data", "width": 160},
		{"label": _("Lines Due"), "fieldname": "lines", "fieldtype": "Int", "width": 90},
		{"label": _("On Time In Full"), "fieldname": "on_time_in_full", "fieldtype": "Int", "width": 110},
		{"label": _("OTIF %"), "fieldname": "otif_percent", "fieldtype": "Percent", "width": 90},
		{"label": _("Late Lines"), "fieldname": "late_lines", "fieldtype": "Int", "width": 90},
		{
			"label": _("Average Delay (Days)"),
			"fieldname": "average_delay",
			"fieldtype": "Float",
			"width": 130,
		},
	]
