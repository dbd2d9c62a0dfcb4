// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Item", {
	setup(frm) {
		frm.set_query("item_group", () => ({ filters: { is_group: 0 } }));
		for (const fieldname of ["stock_uom", "weight_uom"]) {
			frm.set_query(fieldname, () => ({ filters: { enabled: 1 } }));
		}
		frm.set_query("uom", "uoms", () => ({ filters: { enabled: 1 } }));
	},
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Item Prices"), () =>
				frappe.set_route("List", "Item Price", { item_code: frm.doc.name })
			);
		}
	},
	item_code(frm) {
		if (!frm.doc.item_name) frm.set_value("item_name", frm.doc.item_code);
	},
});
