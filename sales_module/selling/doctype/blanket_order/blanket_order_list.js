// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Blanket Order"] = {
	add_fields: ["status", "to_date"],
	get_indicator(doc) {
		const colors = { Submitted: "blue", Closed: "green", Expired: "gray" };
		if (colors[doc.status]) return [__(doc.status), colors[doc.status], "status,=," + doc.status];
	},
};
