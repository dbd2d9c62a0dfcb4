// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Warehouse", {
	setup(frm) {
		// only groups can hold other nodes; the server refuses anything else
		frm.set_query("parent_warehouse", () => ({ filters: { is_group: 1, name: ["!=", frm.doc.name] } }));
	},
	refresh(frm) {
		frm.add_custom_button(__("Tree View"), () => frappe.set_route("Tree", "Warehouse"));
	},
});
