frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Top Customers"] = {
	method: "sales_module.selling.dashboard_chart_source.top_customers.top_customers.get",
	filters: [],
};
