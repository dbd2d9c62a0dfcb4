// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Payment Entry", {
	setup(frm) {
		frm.set_query("reference_doctype", "references", () => ({
			filters: { name: ["in", ["Sales Invoice", "Sales Order"]] },
		}));
		frm.set_query("reference_name", "references", (doc, cdt, cdn) => {
			const row = locals[cdt][cdn];
			const filters = { customer: doc.party, docstatus: 1 };
			// a receipt pays what is owed; a refund pays out what credit notes owe the customer
			if (row.reference_doctype === "Sales Invoice") {
				filters.outstanding_amount = doc.payment_type === "Pay" ? ["<", 0] : [">", 0];
			}
			return { filters };
		});
	},
	get_outstanding_invoices(frm) {
		// the server lists and allocates (oldest due first); the form only shows the result
		frm.call("set_outstanding_references").then(() => frm.refresh_fields());
	},
});
