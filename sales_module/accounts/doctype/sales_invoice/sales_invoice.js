// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/selling_form.js" %}

sales_module.selling.setup("Sales Invoice", "Sales Invoice Item");

frappe.ui.form.on("Sales Invoice", {
	get_advances(frm) {
		// the server finds the receipts and allocates them; the form only shows the rows
		frm.call("set_advances").then(() => frm.refresh_fields());
	},
	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		const path = "sales_module.accounts.doctype.sales_invoice.sales_invoice.";
		if (frm.doc.outstanding_amount > 0) {
			sales_module.selling.add_make_button(frm, __("Payment"), path + "make_payment_entry");
		} else if (frm.doc.outstanding_amount < 0) {
			// a credit note (or its invoice) owes the customer: the server makes the refund
			sales_module.selling.add_make_button(frm, __("Refund"), path + "make_payment_entry");
		}
		if (frm.doc.is_return) return;
		sales_module.selling.add_mapper_button(frm, __("Credit Note"), path + "make_sales_return");
		if (frm.doc.status === "Overdue") {
			sales_module.selling.add_mapper_button(
				frm,
				__("Dunning"),
				"sales_module.accounts.doctype.dunning.dunning.create_dunning"
			);
		}
	},
});
