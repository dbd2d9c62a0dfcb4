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
	onload(frm) {
		// a new customer starts in the group and territory of Selling Settings
		if (!frm.is_new()) return;
		frappe
			.call({ method: "sales_module.api.desk.get_new_document_defaults", args: { doctype: "Customer" } })
			.then((r) => {
				for (const [field, value] of Object.entries(r.message || {})) {
					if (value && !frm.doc[field]) frm.set_value(field, value);
				}
			});
	},
	refresh(frm) {
		frappe.dynamic_link = { doc: frm.doc, fieldname: "name", doctype: "Customer" };
		frm.toggle_display(["address_html", "contact_html"], !frm.is_new());
		if (frm.is_new()) {
			frappe.contacts.clear_address_and_contact(frm);
		} else {
			frappe.contacts.render_address_and_contact(frm);
			show_customer_dashboard(frm);
			frm.add_custom_button(__("Statement of Account"), () => ask_statement_period(frm), __("View"));
		}
	},
});

// the figures come from the server (Customer.onload); the form only shows them
function show_customer_dashboard(frm) {
	const info = frm.doc.__onload && frm.doc.__onload.dashboard_info;
	if (!info) return;
	const money = (value) => format_currency(value || 0, info.currency);
	if (info.billed_this_year !== undefined) {
		frm.dashboard.add_indicator(__("Billed This Year: {0}", [money(info.billed_this_year)]), "blue");
		frm.dashboard.add_indicator(
			__("Outstanding: {0}", [money(info.outstanding)]),
			info.outstanding > 0 ? "orange" : "green"
		);
		if (info.overdue) frm.dashboard.add_indicator(__("Overdue: {0}", [money(info.overdue)]), "red");
	}
	if (info.credit_exposure !== undefined) {
		// the server's figures: the exposure the credit limit is checked against, and the limit
		const over = info.credit_limit && info.credit_exposure > info.credit_limit;
		frm.dashboard.add_indicator(
			__("Credit Exposure: {0}", [money(info.credit_exposure)]),
			over ? "red" : "blue"
		);
		if (info.credit_limit) {
			frm.dashboard.add_indicator(__("Credit Limit: {0}", [money(info.credit_limit)]), "gray");
		}
	}
	if (info.open_orders !== undefined) {
		frm.dashboard.add_indicator(__("Open Orders: {0}", [info.open_orders]), "blue");
		if (info.last_order_date) {
			frm.dashboard.add_indicator(
				__("Last Order: {0}", [frappe.datetime.str_to_user(info.last_order_date)]),
				"gray"
			);
		}
	}
}

function ask_statement_period(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Statement of Account"),
		fields: [
			{
				fieldname: "from_date",
				label: __("From Date"),
				fieldtype: "Date",
				reqd: 1,
				default: frappe.datetime.add_months(frappe.datetime.get_today(), -3),
			},
			{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		],
		primary_action_label: __("Show"),
		primary_action(values) {
			const args = { customer: frm.doc.name, ...values };
			frappe.call("sales_module.accounts.statement.get_statement_html", args).then((r) => {
				const page = window.open();
				page.document.write(r.message);
				page.document.close();
			});
			dialog.hide();
		},
		secondary_action_label: __("Download PDF"),
		secondary_action() {
			const values = dialog.get_values();
			if (!values) return;
			const query = new URLSearchParams({ customer: frm.doc.name, ...values });
			window.open(`/api/method/sales_module.accounts.statement.download_statement?${query}`);
		},
	});
	dialog.show();
}
