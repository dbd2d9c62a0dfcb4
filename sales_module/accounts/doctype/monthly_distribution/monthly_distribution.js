// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Monthly Distribution", {
	onload(frm) {
		// a new distribution starts with the twelve months spread evenly
		if (frm.is_new() && !(frm.doc.percentages || []).length) {
			frm.call("get_months").then(() => frm.refresh_field("percentages"));
		}
	},
	refresh(frm) {
		frm.add_custom_button(__("Spread Evenly"), () =>
			frm.call("get_months").then(() => frm.dirty())
		);
	},
});
