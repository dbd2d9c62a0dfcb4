// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Customer", {
	setup(frm) {
		for (const fieldname of ["customer_group", "territory"]) {
			frm.set_query(fieldname, () => ({ filters: { is_group: 0 } }));
		}
		frm.set_query("default_price_list", () => ({ filters: { selling: 1, enabled: 1 } }));
		frm.set_query("customer_primary_address", () => ({
			filters: { link_doctype: "Customer", link_name: frm.doc.name },
		}));
		frm.set_query("customer_primary_contact", () => ({
			filters: { link_doctype: "Customer", link_name: frm.doc.name },
		}));
		frm.set_query("sales_person", "sales_team", () => ({ filters: { is_group: 0, enabled: 1 } }));
	},
	refresh(frm) {
		frappe.dynamic_link = { doc: frm.doc, fieldname: "name", doctype: "Customer" };
		frm.toggle_display(["address_html", "contact_html"], !frm.is_new());
		if (frm.is_new()) {
			frappe.contacts.clear_address_and_contact(frm);
		} else {
			frappe.contacts.render_address_and_contact(frm);
		}
	},
});
