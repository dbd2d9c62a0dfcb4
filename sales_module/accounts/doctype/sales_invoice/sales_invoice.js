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
		if (frm.doc.docstatus === 0 && !frm.doc.is_return) {
			sales_module.selling.add_get_items_button(
				frm,
				"Sales Order",
				"sales_module.selling.doctype.sales_order.sales_order.make_sales_invoice",
				{ status: ["in", ["To Deliver and Bill", "To Bill"]] }
			);
			sales_module.selling.add_get_items_button(
				frm,
				"Delivery Note",
				"sales_module.stock.doctype.delivery_note.delivery_note.make_sales_invoice",
				{ status: "To Bill", is_return: 0 }
			);
		}
		if (frm.doc.docstatus !== 1) return;
		const path = "sales_module.accounts.doctype.sales_invoice.sales_invoice.";
		if (frm.doc.outstanding_amount > 0) {
			sales_module.selling.add_make_button(frm, __("Payment"), path + "make_payment_entry", "Payment Entry");
		} else if (frm.doc.outstanding_amount < 0) {
			// a credit note (or its invoice) owes the customer: the server makes the refund
			sales_module.selling.add_make_button(frm, __("Refund"), path + "make_payment_entry", "Payment Entry");
		}
		if (frm.doc.is_return) return;
		sales_module.selling.add_mapper_button(
			frm, __("Credit Note"), path + "make_sales_return", null, "Sales Invoice"
		);
		if (frm.doc.status === "Overdue") {
			sales_module.selling.add_mapper_button(
				frm,
				__("Dunning"),
				"sales_module.accounts.doctype.dunning.dunning.create_dunning",
				null,
				"Dunning"
			);
		}
	},
});
