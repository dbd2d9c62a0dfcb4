// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Commission Settlement"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = { Draft: "red", Submitted: "blue", Cancelled: "gray" };
		const status = doc.status || "Draft";
		return [__(status), colors[status] || "gray", "status,=," + status];
	},
};
