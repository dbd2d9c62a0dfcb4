// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.query_reports["Sales Funnel"] = {
	filters: [
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "Funnel", label: __("Funnel") },
				{ value: "Win Rate by Sales Person", label: __("Win Rate by Sales Person") },
				{ value: "Win Rate by Campaign", label: __("Win Rate by Campaign") },
			],
			default: "Funnel",
			reqd: 1,
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -6),
			reqd: 1,
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{
			fieldname: "range",
			label: __("Range"),
			fieldtype: "Select",
			options: [
				{ value: "Weekly", label: __("Weekly") },
				{ value: "Monthly", label: __("Monthly") },
				{ value: "Quarterly", label: __("Quarterly") },
				{ value: "Yearly", label: __("Yearly") },
			],
			default: "Monthly",
		},
	],
};
