// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Coupon Code", {
	setup(frm) {
		frm.set_query("pricing_rule", () => ({ filters: { coupon_code_based: 1, disable: 0 } }));
	},
	coupon_type(frm) {
		if (frm.doc.coupon_type === "Gift Card") frm.set_value("maximum_use", 1);
	},
});
