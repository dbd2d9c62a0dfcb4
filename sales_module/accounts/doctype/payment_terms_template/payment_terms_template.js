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

// the server adds the portions as the template's check does (exact decimals, the field's precision)
function show_portion_total(frm) {
	frappe.call({
		method: "sales_module.accounts.doctype.payment_terms_template.payment_terms_template.get_portion_total",
		args: { portions: (frm.doc.terms || []).map((row) => row.invoice_portion || 0) },
		callback(r) {
			const { total, adds_up } = r.message || {};
			frm.set_intro(
				adds_up ? "" : __("Invoice portions add up to {0}%; they must add up to 100%.", [total])
			);
		},
	});
}
