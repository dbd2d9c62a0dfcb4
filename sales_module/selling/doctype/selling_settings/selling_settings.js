// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Selling Settings", {
	setup(frm) {
		for (const fieldname of ["customer_group", "territory", "item_group", "default_warehouse"]) {
			frm.set_query(fieldname, () => ({ filters: { is_group: 0 } }));
		}
		frm.set_query("selling_price_list", () => ({ filters: { selling: 1, enabled: 1 } }));
	},
});
