// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Sales Invoice"] = {
	add_fields: ["status", "is_return", "outstanding_amount", "due_date", "grand_total", "currency"],
	get_indicator(doc) {
		const colors = {
			Paid: "green",
			"Partly Paid": "yellow",
			Unpaid: "orange",
			Overdue: "red",
			Return: "gray",
			"Credit Note Issued": "gray",
		};
		if (colors[doc.status]) return [__(doc.status), colors[doc.status], "status,=," + doc.status];
	},
};
