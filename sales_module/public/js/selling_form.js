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

// Each request carries the fields a person types; an answer to an older request, or one that arrives
// after the person typed again, is dropped (the newer change has its own request): the shown amounts
// and totals are always the server's answer for what the form holds.
sales_module.selling.TYPED = {
	items: ["item_code", "qty", "uom", "rate", "warehouse", "blanket_order", "delivery_date"],
	taxes: ["charge_type", "row_id", "rate", "tax_amount", "included_in_print_rate", "account_head"],
};

sales_module.selling.typed_state = function (frm) {
	const state = { header: sales_module.selling.HEADER_TRIGGERS.map((field) => frm.doc[field] ?? null) };
	for (const [table, fields] of Object.entries(sales_module.selling.TYPED)) {
		state[table] = (frm.doc[table] || []).map((row) => fields.map((field) => row[field] ?? null));
	}
	return JSON.stringify(state);
};

sales_module.selling.recalculate = frappe.utils.debounce((frm) => {
	if (frm.doc.docstatus !== 0 || !(frm.doc.items || []).some((row) => row.item_code)) return;
	const request = (frm.__recalculation = (frm.__recalculation || 0) + 1);
	const sent = sales_module.selling.typed_state(frm);
	frappe
		.call({
			method: "sales_module.api.transaction.recalculate",
			args: { doc: frm.doc },
			freeze: false,
		})
		.then((r) => {
			if (!r.message || request !== frm.__recalculation) return;
			if (sales_module.selling.typed_state(frm) !== sent) return;
			frappe.model.sync(r.message);
			sales_module.selling.explain_prices(frm);
			frm.refresh_fields();
			sales_module.selling.show_company_currency(frm);
		});
}, 300);

// Figures in the company currency repeat the document's own when both currencies are the same
sales_module.selling.show_company_currency = function (frm) {
	const company_currency = (frappe.boot.sales_module || {}).company_currency;
	const show = !!(company_currency && frm.doc.currency && frm.doc.currency !== company_currency);
	const fields = frm.meta.fields
		.filter((df) => df.fieldname.startsWith("base_") && !frappe.model.no_value_type.includes(df.fieldtype))
		.map((df) => df.fieldname);
	frm.toggle_display(fields, show);
};

// A new document's defaults that depend on the settings or on today, for the fields still empty
sales_module.selling.set_new_document_defaults = function (frm) {
	if (!frm.is_new()) return;
	frappe
		.call({
			method: "sales_module.api.desk.get_new_document_defaults",
			args: { doctype: frm.doctype },
		})
		.then((r) => {
			for (const [field, value] of Object.entries(r.message || {})) {
				if (value && !frm.doc[field]) frm.set_value(field, value);
			}
		});
};

// The line's price: a tooltip on its rate tells why (the pricing rules the server applied). The
// formatter goes on the DocType's field and on the copies the form and its grid already made of it.
sales_module.selling.price_formatter = function (value, docfield, options, row) {
	const shown = frappe.form.get_formatter(docfield.fieldtype)(value, docfield, options, row);
	if (!row || !row.pricing_rule_explanation) return shown;
	const why = frappe.utils.escape_html(row.pricing_rule_explanation);
	return `<span title="${why}" data-pricing-explanation="1">${shown} <span class="text-muted">&#9432;</span></span>`;
};

sales_module.selling.explain_prices = function (frm) {
	const grid = frm.fields_dict.items && frm.fields_dict.items.grid;
	if (!grid) return;
	const item_doctype = grid.doctype;
	// each row keeps its own copy of the fields, made when the row was first shown
	const fields = [
		(frappe.meta.docfield_map[item_doctype] || {}).rate,
		frappe.meta.get_docfield(item_doctype, "rate", frm.doc.name),
		...(grid.docfields || []).filter((df) => df.fieldname === "rate"),
		...(frm.doc.items || []).map((row) => frappe.meta.get_docfield(item_doctype, "rate", row.name)),
	];
	let attached = false;
	for (const df of fields) {
		if (df && df.formatter !== sales_module.selling.price_formatter) {
			df.formatter = sales_module.selling.price_formatter;
			attached = true;
		}
	}
	if (attached) grid.refresh();
};

// Order lines show what the warehouse holds for them: green when the stock covers the line, orange when
// only the projected stock is short, red when nothing is in stock (the quantities are the server's).
// Called from the form's setup, before its fields are copied for a document.
sales_module.selling.show_availability = function (frm) {
	frm.set_indicator_formatter(
		"item_code",
		(row) => {
			if (!row.warehouse || frm.doc.docstatus === 2) return "";
			if (row.actual_qty <= 0) return "red";
			return row.projected_qty < 0 ? "orange" : "green";
		},
		(row) => row.item_code
	);
};

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
		onload(frm) {
			sales_module.selling.set_new_document_defaults(frm);
		},
		refresh(frm) {
			sales_module.selling.show_company_currency(frm);
			sales_module.selling.explain_prices(frm);
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
	item_handlers.item_code = (frm, cdt, cdn) => {
		// a picked item is for one unit until the quantity is typed
		const row = locals[cdt][cdn];
		if (row.item_code && !row.qty) row.qty = 1;
		sales_module.selling.recalculate(frm);
	};
	frappe.ui.form.on(item_doctype, item_handlers);

	const tax_handlers = { taxes_remove: (frm) => sales_module.selling.recalculate(frm) };
	for (const field of sales_module.selling.TAX_TRIGGERS) {
		tax_handlers[field] = (frm) => sales_module.selling.recalculate(frm);
	}
	tax_handlers.account_head = (frm, cdt, cdn) => {
		// the account names the charge: it describes the row until a description is typed
		const row = locals[cdt][cdn];
		if (row.account_head && !row.description) {
			frappe.model.set_value(cdt, cdn, "description", row.account_head);
		}
	};
	frappe.ui.form.on("Sales Taxes and Charges", tax_handlers);
};

function clear_fields(frm, fieldnames) {
	for (const fieldname of fieldnames) {
		if (frm.fields_dict[fieldname]) frm.doc[fieldname] = null;
	}
}

// Actions open a new document of `doctype`: offered only to users who may create one
sales_module.selling.add_mapper_button = function (frm, label, method, group, doctype) {
	if (doctype && !frappe.model.can_create(doctype)) return;
	frm.add_custom_button(label, () => frappe.model.open_mapped_doc({ method, frm }), group || __("Create"));
};

// for server methods that take only the source's name and return an unsaved document
sales_module.selling.add_make_button = function (frm, label, method, doctype) {
	if (doctype && !frappe.model.can_create(doctype)) return;
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

// "Get Items From" on a draft: pick submitted documents of the customer; the mapper adds their lines
sales_module.selling.add_get_items_button = function (frm, source_doctype, method, filters) {
	if (frm.doc.docstatus !== 0 || !frappe.model.can_read(source_doctype)) return;
	frm.add_custom_button(
		__(source_doctype),
		() => {
			const dialog = new frappe.ui.form.MultiSelectDialog({
				doctype: source_doctype,
				target: frm,
				setters: { customer: frm.doc.customer || undefined },
				date_field: source_doctype === "Delivery Note" ? "posting_date" : "transaction_date",
				get_query: () => ({ filters: { docstatus: 1, ...(filters || {}) } }),
				action(selections) {
					if (!selections || !selections.length) return;
					dialog.dialog.hide();
					map_selected(frm, method, selections);
				},
			});
		},
		__("Get Items From")
	);
};

function map_selected(frm, method, names) {
	// one source after another: each mapper adds its lines to the draft as it stands
	let chain = Promise.resolve();
	for (const name of names) {
		chain = chain.then(() =>
			frappe
				.call({ method, args: { source_name: name, target_doc: frm.doc }, freeze: true })
				.then((r) => {
					if (r.message) frappe.model.sync(r.message);
				})
		);
	}
	chain.then(() => {
		frm.dirty();
		frm.refresh();
	});
}

function address_query(frm) {
	const customer = frm.doc.customer || frm.doc.party_name;
	return { filters: { link_doctype: "Customer", link_name: customer || "" } };
}
