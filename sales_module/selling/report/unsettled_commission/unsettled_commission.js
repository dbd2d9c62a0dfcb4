// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.query_reports["Unsettled Commission"] = {
	filters: [
		{
			fieldname: "party_type",
			label: __("Party Type"),
			fieldtype: "Select",
			options: "\nSales Partner\nSales Person",
			default: "Sales Partner",
			on_change() {
				frappe.query_report.set_filter_value("party", "");
			},
		},
		{ fieldname: "party", label: __("Party"), fieldtype: "Dynamic Link", options: "party_type" },
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
			reqd: 1,
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.month_end(), reqd: 1 },
		{ fieldname: "only_paid_invoices", label: __("Only Paid Invoices"), fieldtype: "Check", default: 0 },
	],
};
