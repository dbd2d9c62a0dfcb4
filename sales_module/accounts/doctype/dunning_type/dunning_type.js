// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Dunning Type", {
	refresh(frm) {
		frm.set_intro(
			__("Interest is simple annual interest on the overdue amount for each day it is overdue.")
		);
	},
});
