// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/target_variance.js" %}

frappe.query_reports["Sales Partner Target Variance based on Item Group"] = sales_module.target_variance.report();
