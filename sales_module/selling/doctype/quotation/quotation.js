// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/selling_form.js" %}

sales_module.selling.setup("Quotation", "Quotation Item");

frappe.ui.form.on("Quotation", {
	setup(frm) {
		frm.set_query("quotation_to", () => ({ filters: { name: "Customer" } }));
	},
	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		if (!["Lost", "Ordered", "Expired"].includes(frm.doc.status)) {
			const path = "sales_module.selling.doctype.quotation.quotation.";
			sales_module.selling.add_mapper_button(
				frm, __("Sales Order"), path + "make_sales_order", null, "Sales Order"
			);
			sales_module.selling.add_mapper_button(
				frm, __("Sales Invoice"), path + "make_sales_invoice", null, "Sales Invoice"
			);
		}
		if (["Open", "Replied", "Expired"].includes(frm.doc.status) && frm.has_perm("write")) {
			frm.add_custom_button(__("Set as Lost"), () => declare_lost(frm));
		}
	},
});

function declare_lost(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Set as Lost"),
		fields: [
			{
				fieldname: "lost_reasons",
				fieldtype: "Table MultiSelect",
				label: __("Lost Reasons"),
				options: "Quotation Lost Reason Detail",
				reqd: 1,
			},
			{ fieldname: "detailed_reason", fieldtype: "Small Text", label: __("Detailed Reason") },
		],
		primary_action_label: __("Declare Lost"),
		primary_action(values) {
			frm.call("declare_enquiry_lost", {
				lost_reasons_list: values.lost_reasons,
				detailed_reason: values.detailed_reason,
			}).then(() => {
				dialog.hide();
				frm.reload_doc();
			});
		},
	});
	dialog.show();
}
