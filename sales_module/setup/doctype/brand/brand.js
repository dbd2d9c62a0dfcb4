// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Brand", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Items"), () => frappe.set_route("List", "Item", { brand: frm.doc.name }));
		}
	},
});
