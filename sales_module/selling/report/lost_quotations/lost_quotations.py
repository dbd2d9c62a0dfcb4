# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Lost Quotations (ERPNext's report, filters and columns): quotations lost in the timespan, counted and
valued (company currency, net) per lost reason; a quotation lost for several reasons counts under each."""

import frappe
from frappe import _
from frappe.utils import flt, get_timespan_date_range

from sales_module.exceptions import InvalidValueError

TIMESPANS = ("Last Week", "Last Month", "Last Quarter", "Last 6 months", "Last Year")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	timespan = filters.get("timespan") or "Last Year"
	if timespan not in TIMESPANS:
		frappe.throw(
			_("Timespan must be one of {0}").format(", ".join(_(span) for span in TIMESPANS)),
			InvalidValueError,
			title=_("Lost Quotations"),
		)
	if (filters.get("group_by") or "Lost Reason") != "Lost Reason":
		frappe.throw(
			_("Lost quotations are grouped by Lost Reason: competitors are not recorded here"),
			InvalidValueError,
			title=_("Lost Quotations"),
		)
	from_date, to_date = get_timespan_date_range(timespan.lower())
	rows = frappe.get_list(
		"Quotation",
		filters=[
			["Quotation", "docstatus", "=", 1],
			["Quotation", "status", "=", "Lost"],
			["Quotation", "transaction_date", "between", [from_date, to_date]],
		],
		fields=["name", "base_net_total", "`tabQuotation Lost Reason Detail`.lost_reason as lost_reason"],
		order_by=None,
	)
	groups: dict[str, dict] = {}
	for row in rows:
		reason = row.lost_reason or _("Not Specified")
		group = groups.setdefault(reason, {"lost_reason": reason, "lost_quotations": 0, "lost_value": 0.0})
		group["lost_quotations"] += 1
		group["lost_value"] = flt(group["lost_value"] + flt(row.base_net_total))
	data = sorted(groups.values(), key=lambda group: (-group["lost_value"], group["lost_reason"]))
	return get_columns(), data, None, get_chart(data)


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Lost Reason"),
			"fieldname": "lost_reason",
			"fieldtype": "Link",
			"options": "Quotation Lost Reason",
			"width": 200,
		},
		{"label": _("Lost Quotations"), "fieldname": "lost_quotations", "fieldtype": "Int", "width": 130},
		{"label": _("Lost Value"), "fieldname": "lost_value", "fieldtype": "Currency", "width": 150},
	]


def get_chart(data: list[dict]) -> dict:
	return {
		"data": {
			"labels": [row["lost_reason"] for row in data],
			"datasets": [{"name": _("Lost Value"), "values": [row["lost_value"] for row in data]}],
		},
		"type": "bar",
		"fieldtype": "Currency",
	}
