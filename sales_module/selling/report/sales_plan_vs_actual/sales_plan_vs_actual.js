// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.query_reports["Sales Plan vs Actual"] = {
	filters: [
		{
			fieldname: "sales_plan",
			label: __("Sales Plan"),
			fieldtype: "Link",
			options: "Sales Plan",
			reqd: 1,
			get_query: () => ({ filters: { docstatus: 1 } }),
		},
		{
			fieldname: "period",
			label: __("Period"),
			fieldtype: "Select",
			options: [
				{ value: "Monthly", label: __("Monthly") },
				{ value: "Quarterly", label: __("Quarterly") },
				{ value: "Half-Yearly", label: __("Half-Yearly") },
				{ value: "Yearly", label: __("Yearly") },
			],
			default: "Monthly",
		},
		{
			fieldname: "target_on",
			label: __("Target On"),
			fieldtype: "Select",
			options: [
				{ value: "Amount", label: __("Amount") },
				{ value: "Quantity", label: __("Quantity") },
			],
			default: "Amount",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && column.fieldname.startsWith("variance") && data[column.fieldname] < 0) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
