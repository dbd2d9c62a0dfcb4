// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

// The server lists, allocates (oldest first) and reconciles; the form only shows the rows.
frappe.ui.form.on("Payment Reconciliation", {
	setup(frm) {
		frm.set_query("party_type", () => ({ filters: { name: "Customer" } }));
	},
	refresh(frm) {
		frm.disable_save();
		if (frm.doc.party) {
			frm.add_custom_button(__("Get Unreconciled Entries"), () => frm.trigger("get_unreconciled_entries"));
		}
		if (frm.doc.invoices?.length && frm.doc.payments?.length) {
			frm.add_custom_button(__("Allocate"), () => frm.trigger("allocate"));
		}
		if (frm.doc.allocation?.length) {
			frm.add_custom_button(__("Reconcile"), () => frm.trigger("reconcile"));
			frm.page.set_primary_action(__("Reconcile"), () => frm.trigger("reconcile"));
		}
	},
	party(frm) {
		frm.clear_table("invoices");
		frm.clear_table("payments");
		frm.clear_table("allocation");
		frm.refresh();
	},
	get_unreconciled_entries(frm) {
		frm.call("get_unreconciled_entries").then(() => frm.refresh());
	},
	allocate(frm) {
		const chosen = (table) => frm.fields_dict[table].grid.get_selected_children();
		const args = { payments: chosen("payments"), invoices: chosen("invoices") };
		frm.call("allocate_entries", { args }).then(() => frm.refresh());
	},
	reconcile(frm) {
		frm.call("reconcile").then(() => frm.refresh());
	},
});
