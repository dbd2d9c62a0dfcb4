// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Sales Partner", {
	setup(frm) {
		frm.set_query("territory", () => ({ filters: { is_group: 0 } }));
	},
	referral_code(frm) {
		if (frm.doc.referral_code) frm.set_value("referral_code", frm.doc.referral_code.toUpperCase());
	},
});
