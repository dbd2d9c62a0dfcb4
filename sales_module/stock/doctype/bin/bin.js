// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Bin", {
	refresh(frm) {
		// quantities come from the stock ledger; nobody edits a Bin by hand
		frm.disable_form();
		if (frappe.model.can_read("Stock Ledger Entry")) frm.add_custom_button(__("Stock Ledger"), () =>
			frappe.set_route("List", "Stock Ledger Entry", {
				item_code: frm.doc.item_code,
				warehouse: frm.doc.warehouse,
				is_cancelled: 0,
			})
		);
	},
});
