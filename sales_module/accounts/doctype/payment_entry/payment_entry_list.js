// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Payment Entry"] = {
	add_fields: ["payment_type", "unallocated_amount", "paid_amount", "status"],
	get_indicator(doc) {
		if (doc.docstatus !== 1) return;
		// a receipt not yet set against invoices waits for its allocation
		if (doc.unallocated_amount > 0) return [__("Unallocated"), "orange", "unallocated_amount,>,0"];
		if (doc.payment_type === "Pay") return [__("Refund"), "gray", "payment_type,=,Pay"];
		return [__("Received"), "green", "payment_type,=,Receive"];
	},
};
