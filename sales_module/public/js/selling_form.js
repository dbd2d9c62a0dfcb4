// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt
//
// Shared desk behaviour of the selling documents. All figures come from the server
// (sales_module.api.transaction.recalculate): the browser never re-implements the maths.

frappe.provide("sales_module.selling");

sales_module.selling.HEADER_TRIGGERS = [
	"customer", "party_name", "selling_price_list", "currency", "conversion_rate", "plc_conversion_rate",
	"coupon_code", "shipping_rule", "apply_discount_on", "additional_discount_percentage", "discount_amount",
	"ignore_pricing_rule", "disable_rounded_total", "payment_terms_template", "sales_partner",
	"commission_rate", "set_warehouse", "transaction_date", "posting_date",
];
// the server fills and renders these from the customer; a changed link clears the text it rendered
sales_module.selling.PARTY_LINKS = {
	customer_address: ["address_display"],
	shipping_address_name: ["shipping_address"],
	contact_person: ["contact_display", "contact_email", "contact_mobile", "contact_phone"],
};
sales_module.selling.ITEM_TRIGGERS = ["item_code", "qty", "uom", "rate", "warehouse", "blanket_order"];
sales_module.selling.TAX_TRIGGERS = ["charge_type", "row_id", "rate", "tax_amount", "included_in_print_rate"];

sales_module.selling.recalculate = frappe.utils.debounce((frm) => {
	if (frm.doc.docstatus !== 0 || !(frm.doc.items || []).some((row) => row.item_code)) return;
	frappe
		.call({
			method: "sales_module.api.transaction.recalculate",
			args: { doc: frm.doc },
			freeze: false,
		})
		.then((r) => {
			if (!r.message) return;
			frappe.model.sync(r.message);
			frm.refresh_fields();
		});
}, 300);

sales_module.selling.setup = function (doctype, item_doctype) {
	const handlers = {
		setup(frm) {
			frm.set_query("customer_group", () => ({ filters: { is_group: 0 } }));
			frm.set_query("territory", () => ({ filters: { is_group: 0 } }));
			frm.set_query("selling_price_list", () => ({ filters: { selling: 1, enabled: 1 } }));
			frm.set_query("set_warehouse", () => ({ filters: { is_group: 0, disabled: 0 } }));
			frm.set_query("warehouse", "items", () => ({ filters: { is_group: 0, disabled: 0 } }));
			frm.set_query("item_code", "items", () => ({ filters: { is_sales_item: 1, disabled: 0 } }));
			frm.set_query("coupon_code", () => ({ filters: { disabled: 0 } }));
			frm.set_query("customer_address", () => address_query(frm));
			frm.set_query("shipping_address_name", () => address_query(frm));
			frm.set_query("contact_person", () => ({
				query: "frappe.contacts.doctype.contact.contact.contact_query",
				filters: { link_doctype: "Customer", link_name: frm.doc.customer || frm.doc.party_name || "" },
			}));
		},
		taxes_and_charges(frm) {
			// a new template replaces the rows; the server copies them in
			frm.clear_table("taxes");
			sales_module.selling.recalculate(frm);
		},
	};
	for (const field of sales_module.selling.HEADER_TRIGGERS) {
		handlers[field] = (frm) => sales_module.selling.recalculate(frm);
	}
	for (const [link, texts] of Object.entries(sales_module.selling.PARTY_LINKS)) {
		handlers[link] = (frm) => {
			clear_fields(frm, texts);
			sales_module.selling.recalculate(frm);
		};
	}
	for (const party_field of ["customer", "party_name"]) {
		// another customer: their own address and contact replace the previous customer's
		handlers[party_field] = (frm) => {
			const links = Object.keys(sales_module.selling.PARTY_LINKS);
			clear_fields(frm, links.concat(...Object.values(sales_module.selling.PARTY_LINKS)));
			sales_module.selling.recalculate(frm);
		};
	}
	frappe.ui.form.on(doctype, handlers);

	const item_handlers = { items_remove: (frm) => sales_module.selling.recalculate(frm) };
	for (const field of sales_module.selling.ITEM_TRIGGERS) {
		item_handlers[field] = (frm) => sales_module.selling.recalculate(frm);
	}
	frappe.ui.form.on(item_doctype, item_handlers);

	const tax_handlers = { taxes_remove: (frm) => sales_module.selling.recalculate(frm) };
	for (const field of sales_module.selling.TAX_TRIGGERS) {
		tax_handlers[field] = (frm) => sales_module.selling.recalculate(frm);
	}
	frappe.ui.form.on("Sales Taxes and Charges", tax_handlers);
};

function clear_fields(frm, fieldnames) {
	for (const fieldname of fieldnames) {
		if (frm.fields_dict[fieldname]) frm.doc[fieldname] = null;
	}
}

sales_module.selling.add_mapper_button = function (frm, label, method, group) {
	frm.add_custom_button(label, () => frappe.model.open_mapped_doc({ method, frm }), group || __("Create"));
};

// for server methods that take only the source's name and return an unsaved document
sales_module.selling.add_make_button = function (frm, label, method) {
	frm.add_custom_button(
		label,
		() =>
			frappe.call(method, { source_name: frm.doc.name }).then((r) => {
				const doc = frappe.model.sync(r.message)[0];
				frappe.set_route("Form", doc.doctype, doc.name);
			}),
		__("Create")
	);
};

function address_query(frm) {
	const customer = frm.doc.customer || frm.doc.party_name;
	return { filters: { link_doctype: "Customer", link_name: customer || "" } };
}
