// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.query_reports["Inactive Customers"] = {
	filters: [
		{ fieldname: "days_since_last_order", label: __("Days Since Last Order"), fieldtype: "Int", default: 60 },
		{
			fieldname: "doctype",
			label: __("Doctype"),
			fieldtype: "Select",
			options: [
				{ value: "Sales Order", label: __("Sales Order") },
				{ value: "Sales Invoice", label: __("Sales Invoice") },
			],
			default: "Sales Order",
		},
	],
};
