// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/selling_form.js" %}

sales_module.selling.setup("Delivery Note", "Delivery Note Item");

frappe.ui.form.on("Delivery Note", {
	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.doc.is_return) {
			sales_module.selling.add_get_items_button(
				frm,
				"Sales Order",
				"sales_module.selling.doctype.sales_order.sales_order.make_delivery_note",
				{ status: ["in", ["To Deliver and Bill", "To Deliver"]], skip_delivery_note: 0 }
			);
		}
		if (frm.doc.docstatus !== 1 || frm.doc.is_return) return;
		const path = "sales_module.stock.doctype.delivery_note.delivery_note.";
		const set_status = (status) =>
			frappe
				.call(path + "update_delivery_note_status", { docname: frm.doc.name, status })
				.then(() => frm.reload_doc());
		const can_write = frm.has_perm("write");
		if (frm.doc.status === "Closed") {
			if (can_write) frm.add_custom_button(__("Re-open"), () => set_status("Re-open"), __("Status"));
			return;
		}
		if (frm.doc.per_billed < 100 && can_write) {
			frm.add_custom_button(__("Close"), () => set_status("Closed"), __("Status"));
		}
		if (frm.doc.per_billed < 100) {
			sales_module.selling.add_mapper_button(
				frm, __("Sales Invoice"), path + "make_sales_invoice", null, "Sales Invoice"
			);
		}
		if (frm.doc.per_returned < 100) {
			sales_module.selling.add_mapper_button(
				frm, __("Sales Return"), path + "make_sales_return", null, "Delivery Note"
			);
		}
	},
});
