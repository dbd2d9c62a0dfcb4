// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.query_reports["Lost Quotations"] = {
	filters: [
		{
			fieldname: "timespan",
			label: __("Timespan"),
			fieldtype: "Select",
			options: [
				{ value: "Last Week", label: __("Last Week") },
				{ value: "Last Month", label: __("Last Month") },
				{ value: "Last Quarter", label: __("Last Quarter") },
				{ value: "Last 6 months", label: __("Last 6 months") },
				{ value: "Last Year", label: __("Last Year") },
			],
			default: "Last Year",
			reqd: 1,
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [{ value: "Lost Reason", label: __("Lost Reason") }],
			default: "Lost Reason",
			reqd: 1,
		},
	],
};
