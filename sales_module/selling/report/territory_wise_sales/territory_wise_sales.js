// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.query_reports["Territory-wise Sales"] = {
	filters: [
		{
			fieldname: "transaction_date",
			label: __("Transaction Date"),
			fieldtype: "DateRange",
			default: [frappe.datetime.add_months(frappe.datetime.get_today(), -1), frappe.datetime.get_today()],
		},
	],
	tree: true,
	name_field: "territory",
	parent_field: "parent",
	initial_depth: 2,
};
