// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.query_reports["Customer Credit Balance"] = {
	filters: [{ fieldname: "customer", label: __("Customer"), fieldtype: "Link", options: "Customer" }],
};
