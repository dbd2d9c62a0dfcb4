// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Product Bundle", {
	setup(frm) {
		// the sold item keeps no stock; its components do
		frm.set_query("new_item_code", () => ({ filters: { is_stock_item: 0, disabled: 0 } }));
		frm.set_query("item_code", "items", () => ({ filters: { disabled: 0 } }));
	},
});
