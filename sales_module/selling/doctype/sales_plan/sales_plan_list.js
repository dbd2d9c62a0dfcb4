// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

// the plan's status, coloured, in the list and the form header
frappe.listview_settings["Sales Plan"] = {
	add_fields: ["status", "dimension", "from_date", "to_date"],
	get_indicator(doc) {
		const colors = { Draft: "red", Active: "green", Completed: "blue", Cancelled: "gray" };
		const status = doc.status || "Draft";
		return [__(status), colors[status] || "gray", "status,=," + status];
	},
};
