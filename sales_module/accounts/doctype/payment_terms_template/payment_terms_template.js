// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Payment Terms Template", {
	refresh(frm) {
		show_portion_total(frm);
	},
});

frappe.ui.form.on("Payment Terms Template Detail", {
	invoice_portion: show_portion_total,
	terms_remove: show_portion_total,
});

function show_portion_total(frm) {
	const total = (frm.doc.terms || []).reduce((sum, row) => sum + flt(row.invoice_portion), 0);
	frm.set_intro(total === 100 ? "" : __("Invoice portions add up to {0}%; they must add up to 100%.", [total]));
}
