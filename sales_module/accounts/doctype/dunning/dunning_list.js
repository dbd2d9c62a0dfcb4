// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Dunning"] = {
	add_fields: ["status", "max_dunning_level", "grand_total"],
	get_indicator(doc) {
		const colors = { Unresolved: "red", Resolved: "green" };
		if (colors[doc.status]) return [__(doc.status), colors[doc.status], "status,=," + doc.status];
	},
};
