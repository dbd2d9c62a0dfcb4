// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/selling_form.js" %}

frappe.ui.form.on("Blanket Order", {
	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		const path = "sales_module.selling.doctype.blanket_order.blanket_order.";
		if (frm.doc.status === "Submitted") {
			sales_module.selling.add_make_button(frm, __("Sales Order"), path + "make_sales_order", "Sales Order");
			sales_module.selling.add_make_button(frm, __("Quotation"), path + "make_quotation", "Quotation");
			if (frm.has_perm("write")) {
				frm.add_custom_button(__("Close"), () =>
					frm.call("update_status", { status: "Closed" }).then(() => frm.reload_doc())
				);
			}
		} else if (frm.doc.status === "Closed" && frm.has_perm("write")) {
			frm.add_custom_button(__("Re-open"), () =>
				frm.call("update_status", { status: "Submitted" }).then(() => frm.reload_doc())
			);
		}
	},
});
