// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

// the status, coloured, in the list and the form header (Frappe shows the form's from here too)
frappe.listview_settings["Quotation"] = {
	add_fields: ["status", "valid_till", "party_name", "grand_total", "currency"],
	get_indicator(doc) {
		const colors = {
			Open: "orange",
			Replied: "blue",
			"Partially Ordered": "yellow",
			Ordered: "green",
			Lost: "gray",
			Expired: "gray",
		};
		if (colors[doc.status]) return [__(doc.status), colors[doc.status], "status,=," + doc.status];
	},
};
