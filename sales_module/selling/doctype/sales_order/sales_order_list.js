// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

// the status, coloured, in the list and the form header (Frappe shows the form's from here too)
frappe.listview_settings["Sales Order"] = {
	add_fields: ["delivery_date", "per_delivered", "per_billed", "status", "skip_delivery_note"],
	get_indicator(doc) {
		if (doc.status === "Closed") return [__("Closed"), "green", "status,=,Closed"];
		if (doc.status === "On Hold") return [__("On Hold"), "orange", "status,=,On Hold"];
		if (doc.status === "Completed") return [__("Completed"), "green", "status,=,Completed"];
		// late for delivery, as ERPNext's list shows it
		const open_for_delivery = ["To Deliver and Bill", "To Deliver"].includes(doc.status);
		if (open_for_delivery && doc.delivery_date && frappe.datetime.get_diff(frappe.datetime.get_today(), doc.delivery_date) > 0) {
			return [__("Overdue"), "red", "per_delivered,<,100|delivery_date,<,Today|status,!=,Closed"];
		}
		const colors = { "To Deliver and Bill": "orange", "To Bill": "orange", "To Deliver": "orange" };
		if (colors[doc.status]) return [__(doc.status), colors[doc.status], "status,=," + doc.status];
	},
};
