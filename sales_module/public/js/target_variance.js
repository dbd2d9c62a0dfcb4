// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

// The filters and formatting the three target variance reports share: ERPNext's filters (its `company`
// is accepted by the server and ignored); the figures come from sales_module/selling/target_variance.py.
frappe.provide("sales_module.target_variance");

sales_module.target_variance.report = function () {
	return {
		filters: [
			{
				fieldname: "fiscal_year",
				label: __("Fiscal Year"),
				fieldtype: "Link",
				options: "Fiscal Year",
				// the fiscal year of today (sent with the desk's boot), as ERPNext's default
				default: (frappe.boot.sales_module || {}).fiscal_year,
				reqd: 1,
			},
			{
				fieldname: "doctype",
				label: __("Document Type"),
				fieldtype: "Select",
				options: [
					{ value: "Sales Order", label: __("Sales Order") },
					{ value: "Delivery Note", label: __("Delivery Note") },
					{ value: "Sales Invoice", label: __("Sales Invoice") },
				],
				default: "Sales Order",
				reqd: 1,
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
				reqd: 1,
			},
			{
				fieldname: "target_on",
				label: __("Target On"),
				fieldtype: "Select",
				options: [
					{ value: "Quantity", label: __("Quantity") },
					{ value: "Amount", label: __("Amount") },
				],
				default: "Quantity",
				reqd: 1,
			},
		],
		formatter(value, row, column, data, default_formatter) {
			value = default_formatter(value, row, column, data);
			// a shortfall in red, more than the target in green
			if (data && column.fieldname.includes("variance")) {
				const figure = data[column.fieldname];
				if (figure < 0) value = `<span class="text-danger">${value}</span>`;
				else if (figure > 0) value = `<span class="text-success">${value}</span>`;
			}
			return value;
		},
	};
};
