// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Campaign", {
	start_date(frm) {
		// keep the pickers consistent with the server's date-order check
		frm.fields_dict.end_date.datepicker?.update({ minDate: frappe.datetime.str_to_obj(frm.doc.start_date) });
	},
});
