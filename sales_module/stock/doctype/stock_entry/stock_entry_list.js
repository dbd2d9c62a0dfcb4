// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

// a Stock Entry has no status of its own: the submitted entry shows what it did
frappe.listview_settings["Stock Entry"] = {
	add_fields: ["stock_entry_type"],
	get_indicator(doc) {
		if (doc.docstatus !== 1) return;
		const colors = { "Material Receipt": "green", "Material Issue": "orange", "Material Transfer": "blue" };
		const type = doc.stock_entry_type;
		if (colors[type]) return [__(type), colors[type], "stock_entry_type,=," + type];
	},
};
