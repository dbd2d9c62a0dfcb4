// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/target_variance.js" %}

frappe.query_reports["Sales Person Target Variance Based On Item Group"] = sales_module.target_variance.report();
