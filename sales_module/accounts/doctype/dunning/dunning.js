// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Dunning", {
	setup(frm) {
		frm.set_query("sales_invoice", "overdue_payments", () => ({
			filters: { customer: frm.doc.customer, docstatus: 1, outstanding_amount: [">", 0] },
		}));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.status === "Unresolved" && frappe.model.can_create("Payment Entry")) {
			frm.add_custom_button(__("Payment"), () =>
				frappe.new_doc("Payment Entry", { party_type: "Customer", party: frm.doc.customer })
			);
		}
	},
});
