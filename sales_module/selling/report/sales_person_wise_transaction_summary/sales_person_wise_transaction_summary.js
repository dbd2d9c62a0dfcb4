// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/commission_report_filters.js" %}

frappe.query_reports["Sales Person-wise Transaction Summary"] = {
	filters: sales_module.selling.commission_report_filters({
		party: "Sales Person",
		doctype_filter: "doc_type",
		from_date: frappe.datetime.year_start(),
		lines: true,
	}),
};
