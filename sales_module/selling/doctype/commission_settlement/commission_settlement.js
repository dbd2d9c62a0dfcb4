// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

// Every figure is the server's: the button asks it for the eligible rows and their commission.
const COMMISSION_SETTLEMENT_INDICATORS = { Draft: "red", Submitted: "blue", Cancelled: "gray" };

frappe.ui.form.on("Commission Settlement", {
	setup(frm) {
		frm.set_query("party_type", () => ({ filters: { name: ["in", ["Sales Partner", "Sales Person"]] } }));
		frm.set_query("party", () => ({
			filters: frm.doc.party_type === "Sales Person" ? { enabled: 1, is_group: 0 } : { disabled: 0 },
		}));
	},
	onload(frm) {
		if (frm.is_new() && !frm.doc.details?.length) {
			frappe.db
				.get_single_value("Selling Settings", "settle_commission_only_on_paid_invoices")
				.then((value) => frm.set_value("only_paid_invoices", value ? 1 : 0));
		}
	},
	refresh(frm) {
		const status = frm.doc.status || "Draft";
		frm.page.set_indicator(__(status), COMMISSION_SETTLEMENT_INDICATORS[status] || "gray");
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Get Eligible Documents"), () => get_eligible_documents(frm));
		}
	},
	party_type(frm) {
		frm.set_value("party", null);
	},
});

function get_eligible_documents(frm) {
	if (!frm.doc.party || !frm.doc.from_date || !frm.doc.to_date) {
		frappe.msgprint(__("Select the party and the period first"));
		return;
	}
	frm.call({ method: "get_eligible_documents", doc: frm.doc, freeze: true }).then(() => frm.refresh_fields());
}
