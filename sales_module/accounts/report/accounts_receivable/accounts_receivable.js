// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

sales_module_receivable_filters = [
	{
		fieldname: "report_date",
		label: __("Posting Date"),
		fieldtype: "Date",
		default: frappe.datetime.get_today(),
	},
	{
		fieldname: "ageing_based_on",
		label: __("Ageing Based On"),
		fieldtype: "Select",
		options: [
			{ value: "Due Date", label: __("Due Date") },
			{ value: "Posting Date", label: __("Posting Date") },
		],
		default: "Due Date",
	},
	{
		fieldname: "range",
		label: __("Ageing Range"),
		fieldtype: "Data",
		default: "30, 60, 90, 120",
	},
	{ fieldname: "party_type", label: __("Party Type"), fieldtype: "Data", default: "Customer", hidden: 1 },
	{
		fieldname: "party",
		label: __("Customer"),
		fieldtype: "MultiSelectList",
		options: "Customer",
		get_data(txt) {
			return frappe.db.get_link_options("Customer", txt);
		},
	},
	{ fieldname: "customer_group", label: __("Customer Group"), fieldtype: "Link", options: "Customer Group" },
	{ fieldname: "territory", label: __("Territory"), fieldtype: "Link", options: "Territory" },
	{ fieldname: "sales_partner", label: __("Sales Partner"), fieldtype: "Link", options: "Sales Partner" },
	{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
	{ fieldname: "based_on_payment_terms", label: __("Based On Payment Terms"), fieldtype: "Check" },
	{ fieldname: "group_by_party", label: __("Group By Customer"), fieldtype: "Check" },
];

frappe.query_reports["Accounts Receivable"] = {
	filters: sales_module_receivable_filters,
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.is_total_row) value = value.bold();
		return value;
	},
};
