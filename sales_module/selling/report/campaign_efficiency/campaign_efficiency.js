// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

// this calendar year by default, as ERPNext defaults to the fiscal year
frappe.query_reports["Campaign Efficiency"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: `${frappe.datetime.get_today().slice(0, 4)}-01-01`,
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: `${frappe.datetime.get_today().slice(0, 4)}-12-31`,
			reqd: 1,
		},
	],
};
