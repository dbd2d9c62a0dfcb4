// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

// Every figure is the server's: the button asks it for the eligible rows and their commission.
frappe.provide("sales_module.selling.commission_settlement");

sales_module.selling.commission_settlement.INDICATORS = { Draft: "red", Submitted: "blue", Cancelled: "gray" };

sales_module.selling.commission_settlement.get_eligible_documents = function (frm) {
	if (!frm.doc.party || !frm.doc.from_date || !frm.doc.to_date) {
		frappe.msgprint(__("Select the party and the period first"));
		return;
	}
	frm.call({
		method: "get_eligible_documents",
		doc: frm.doc,
		freeze: true,
		freeze_message: __("Finding the documents to settle..."),
	}).then((r) => {
		if (r.exc) return;
		frm.dirty();
		frm.refresh_fields();
	});
};

frappe.ui.form.on("Commission Settlement", {
	setup(frm) {
		frm.set_query("party_type", () => ({ filters: { name: ["in", ["Sales Partner", "Sales Person"]] } }));
		frm.set_query("party", () => ({
			filters: frm.doc.party_type === "Sales Person" ? { enabled: 1, is_group: 0 } : { disabled: 0 },
		}));
	},
	onload(frm) {
		// the default of Selling Settings, as the server applies it to a settlement sent without the flag
		if (frm.is_new() && !frm.doc.details?.length) {
			frappe.db
				.get_single_value("Selling Settings", "settle_commission_only_on_paid_invoices")
				.then((value) => frm.set_value("only_paid_invoices", value ? 1 : 0));
		}
	},
	refresh(frm) {
		const settlement = sales_module.selling.commission_settlement;
		if (!frm.is_new() && !frm.is_dirty()) {
			const status = frm.doc.status || "Draft";
			frm.page.set_indicator(__(status), settlement.INDICATORS[status] || "gray");
		}
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Get Eligible Documents"), () => settlement.get_eligible_documents(frm));
		}
	},
	party_type(frm) {
		frm.set_value("party", null);
	},
});
