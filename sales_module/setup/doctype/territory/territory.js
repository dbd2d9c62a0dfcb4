// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Territory", {
	setup(frm) {
		// only groups can hold other nodes; the server refuses anything else
		frm.set_query("parent_territory", () => ({ filters: { is_group: 1, name: ["!=", frm.doc.name] } }));
	},
	refresh(frm) {
		frm.add_custom_button(__("Tree View"), () => frappe.set_route("Tree", "Territory"));
	},
});

frappe.ui.form.on("Territory", "setup", (frm) => {
	frm.set_query("territory_manager", () => ({ filters: { is_group: 0, enabled: 1 } }));
});
