// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Fiscal Year", {
	year_start_date(frm) {
		// a twelve-month year by default: the server checks the length
		if (frm.doc.year_start_date && !frm.doc.year_end_date && !frm.doc.is_short_year) {
			const end = frappe.datetime.add_days(frappe.datetime.add_months(frm.doc.year_start_date, 12), -1);
			frm.set_value("year_end_date", end);
		}
	},
});
