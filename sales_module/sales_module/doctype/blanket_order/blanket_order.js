// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Blanket Order", {
	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		const path = "sales_module.sales_module.doctype.blanket_order.blanket_order.";
		if (frm.doc.status === "Submitted") {
			for (const [label, method] of [
				[__("Sales Order"), "make_sales_order"],
				[__("Quotation"), "make_quotation"],
			]) {
				frm.add_custom_button(
					label,
					() =>
						frappe.call(path + method, { source_name: frm.doc.name }).then((r) => {
							const doc = frappe.model.sync(r.message)[0];
							frappe.set_route("Form", doc.doctype, doc.name);
						}),
					__("Create")
				);
			}
			frm.add_custom_button(__("Close"), () => frm.call("update_status", { status: "Closed" }).then(() => frm.reload_doc()));
		} else if (frm.doc.status === "Closed") {
			frm.add_custom_button(__("Re-open"), () =>
				frm.call("update_status", { status: "Submitted" }).then(() => frm.reload_doc())
			);
		}
	},
});
