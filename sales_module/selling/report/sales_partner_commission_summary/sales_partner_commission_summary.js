// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/commission_report_filters.js" %}

frappe.query_reports["Sales Partner Commission Summary"] = {
	filters: sales_module.selling.commission_report_filters({
		party: "Sales Partner",
		doctype_filter: "doctype",
		from_date: frappe.datetime.add_months(frappe.datetime.get_today(), -1),
	}),
};
