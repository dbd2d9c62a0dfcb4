// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Stock Ledger Entry", {
	refresh(frm) {
		// entries are written by the documents that move stock
		frm.disable_form();
		if (frm.doc.voucher_type && frm.doc.voucher_no) {
			frm.add_custom_button(__("Open Voucher"), () =>
				frappe.set_route("Form", frm.doc.voucher_type, frm.doc.voucher_no)
			);
		}
	},
});
