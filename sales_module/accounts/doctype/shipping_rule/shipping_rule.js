// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Shipping Rule", {
	refresh(frm) {
		frm.set_intro(
			frm.doc.calculate_based_on === "Fixed"
				? ""
				: __("Bands may not overlap; a band with To Value 0 has no upper limit.")
		);
	},
	calculate_based_on(frm) {
		frm.trigger("refresh");
	},
});
