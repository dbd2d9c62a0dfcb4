// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/target_variance.js" %}

// the variance reports' period and target filters and their colours, for one submitted plan (in a
// function: the desk may evaluate a report script more than once)
frappe.query_reports["Sales Plan vs Actual"] = (() => {
	const variance_report = sales_module.target_variance.report();
	const variance_filter = (fieldname) => variance_report.filters.find((df) => df.fieldname === fieldname);
	return {
		filters: [
			{
				fieldname: "sales_plan",
				label: __("Sales Plan"),
				fieldtype: "Link",
				options: "Sales Plan",
				get_query: () => ({ filters: { docstatus: 1 } }),
			},
			variance_filter("period"),
			{ ...variance_filter("target_on"), default: "Amount" },
		],
		formatter: variance_report.formatter,
	};
})();
