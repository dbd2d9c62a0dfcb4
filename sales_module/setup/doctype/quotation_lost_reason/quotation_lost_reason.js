// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Quotation Lost Reason", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Lost Quotations"), () =>
				frappe.set_route("List", "Quotation", { status: "Lost" })
			);
		}
	},
});
