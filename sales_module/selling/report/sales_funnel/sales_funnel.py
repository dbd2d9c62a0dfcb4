# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Funnel (beyond ERPNext): per period, what was quoted, ordered, delivered, billed and paid
(count and company-currency amount); or the quotation win rate per sales person or per campaign
(won = ordered, decided = ordered or lost)."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.engine import period_ranges, sum_by_period
from sales_module.exceptions import InvalidValueError
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.reports import validate_period

STAGES = (
	("quoted", "Quotation", "transaction_date", "base_net_total"),
	("ordered", "Sales Order", "transaction_date", "base_net_total"),
	("delivered", "Delivery Note", "posting_date", "base_net_total"),
	("billed", "Sales Invoice", "posting_date", "base_net_total"),
	("paid", "Payment Entry", "posting_date", "paid_amount"),
)
VIEWS = ("Funnel", "Win Rate by Sales Person", "Win Rate by Campaign")
WON = ("Ordered", "Partially Ordered")


def execute(filters=None):
	filters = validate_period(filters)
	view = filters.get("view") or "Funnel"
	if view not in VIEWS:
		frappe.throw(
			_("View must be one of {0}").format(", ".join(_(name) for name in VIEWS)),
			InvalidValueError,
			title=_("Sales Funnel"),
		)
	if view == "Funnel":
		return funnel(filters)
	return win_rates(filters, "sales_person" if view == "Win Rate by Sales Person" else "campaign")


def funnel(filters):
	with engine_errors(_("Sales Funnel")):
		periods = period_ranges(filters.from_date, filters.to_date, filters.get("range") or "Monthly")
	data = [{"period": period.label, "period_start": period.start} for period in periods]
	for stage, doctype, date_field, amount_field in STAGES:
		conditions = [
			[doctype, "docstatus", "=", 1],
			[doctype, date_field, "between", [filters.from_date, filters.to_date]],
		]
		if doctype == "Payment Entry":
			conditions.append([doctype, "payment_type", "=", "Receive"])
		rows = frappe.get_list(
			doctype,
			filters=conditions,
			fields=[f"{date_field} as day", "count(name) as documents", f"sum({amount_field}) as amount"],
			group_by=date_field,
			order_by=None,
		)
		counts = sum_by_period([("count", row.day, row.documents) for row in rows], periods, 0).get(
			"count", []
		)
		amounts = sum_by_period([("amount", row.day, row.amount) for row in rows], periods).get("amount", [])
		for index, row in enumerate(data):
			row[f"{stage}_count"] = int(counts[index]) if counts else 0
			row[f"{stage}_amount"] = flt(amounts[index]) if amounts else 0.0
	for row in data:
		row.pop("period_start")
	return funnel_columns(), data


def win_rates(filters, by: str):
	team = "`tabSales Team`"
	fields = ["name", "status", "base_net_total"] + (
		[f"{team}.sales_person as entity"] if by == "sales_person" else ["campaign as entity"]
	)
	quotations = frappe.get_list(
		"Quotation",
		filters=[
			["Quotation", "docstatus", "=", 1],
			["Quotation", "transaction_date", "between", [filters.from_date, filters.to_date]],
		],
		fields=fields,
		order_by=None,
	)
	groups: dict[str, dict] = {}
	for row in quotations:
		entity = row.entity or _("Not Set")
		group = groups.setdefault(
			entity,
			{"entity": entity, "quotations": 0, "won": 0, "lost": 0, "quoted_amount": 0.0, "won_amount": 0.0},
		)
		group["quotations"] += 1
		group["quoted_amount"] = flt(group["quoted_amount"] + flt(row.base_net_total))
		if row.status in WON:
			group["won"] += 1
			group["won_amount"] = flt(group["won_amount"] + flt(row.base_net_total))
		elif row.status == "Lost":
			group["lost"] += 1
	data = []
	for entity in sorted(groups):
		group = groups[entity]
		decided = group["won"] + group["lost"]
		group["win_rate"] = flt(100 * group["won"] / decided, 2) if decided else 0.0
		data.append(group)
	label = _("Sales Person") if by == "sales_person" else _("Campaign")
	options = "Sales Person" if by == "sales_person" else "Campaign"
	count = {"fieldtype": "Int", "width": 100}
	return [
		{"label": label, "fieldname": "entity", "fieldtype": "Link", "options": options, "width": 180},
		{"label": _("Quotations"), "fieldname": "quotations", **count},
		{"label": _("Won"), "fieldname": "won", **count},
		{"label": _("Lost"), "fieldname": "lost", **count},
		{"label": _("Win Rate %"), "fieldname": "win_rate", "fieldtype": "Percent", "width": 100},
		{"label": _("Quoted Amount"), "fieldname": "quoted_amount", "fieldtype": "Currency", "width": 140},
		{"label": _("Won Amount"), "fieldname": "won_amount", "fieldtype": "Currency", "width": 140},
	], data


def funnel_columns() -> list[dict]:
	labels = {
		"quoted": _("Quoted"), "ordered": _("Ordered"), "delivered": _("Delivered"), "billed": _("Billed"), "paid": _("Paid"),
	}  # fmt: skip
	columns = [{"label": _("Period"), "fieldname": "period", "fieldtype": "Data", "width": 120}]
	for stage, *_rest in STAGES:
		columns.append(
			{
				"label": _("{0} (Count)").format(labels[stage]),
				"fieldname": f"{stage}_count",
				"fieldtype": "Int",
				"width": 100,
			}
		)
		columns.append(
			{
				"label": _("{0} (Amount)").format(labels[stage]),
				"fieldname": f"{stage}_amount",
				"fieldtype": "Currency",
				"width": 130,
			}
		)
	return columns
