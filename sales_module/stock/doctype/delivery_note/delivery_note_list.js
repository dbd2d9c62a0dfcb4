// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Delivery Note"] = {
	add_fields: ["status", "is_return", "per_billed", "per_returned", "grand_total", "currency"],
	get_indicator(doc) {
		if (doc.is_return && doc.docstatus === 1) return [__("Return"), "gray", "is_return,=,1"];
		const colors = { "To Bill": "orange", Completed: "green", "Return Issued": "gray", Closed: "green" };
		if (colors[doc.status]) return [__(doc.status), colors[doc.status], "status,=," + doc.status];
	},
};
