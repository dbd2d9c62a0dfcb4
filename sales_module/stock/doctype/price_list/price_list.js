// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Price List", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Item Prices"), () =>
				frappe.set_route("List", "Item Price", { price_list: frm.doc.name })
			);
		}
	},
});
