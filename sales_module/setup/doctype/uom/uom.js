// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("UOM", {
	refresh(frm) {
		frm.set_intro(
			frm.doc.must_be_whole_number ? __("Quantities in this unit are checked to be whole numbers.") : ""
		);
	},
});
