// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Sales Taxes and Charges", {
	charge_type(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		// only previous-row charges refer to a row; "Actual" amounts are typed, not rated
		if (!["On Previous Row Amount", "On Previous Row Total"].includes(row.charge_type)) {
			frappe.model.set_value(cdt, cdn, "row_id", "");
		}
		if (row.charge_type === "Actual") {
			frappe.model.set_value(cdt, cdn, "rate", 0);
			frappe.model.set_value(cdt, cdn, "included_in_print_rate", 0);
		}
	},
});
