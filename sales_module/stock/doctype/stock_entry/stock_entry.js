// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

const STOCK_ENTRY_NEEDS_SOURCE = ["Material Issue", "Material Transfer"];
const STOCK_ENTRY_NEEDS_TARGET = ["Material Receipt", "Material Transfer"];

frappe.ui.form.on("Stock Entry", {
	setup(frm) {
		const leaf_warehouses = () => ({ filters: { is_group: 0, disabled: 0 } });
		for (const fieldname of ["from_warehouse", "to_warehouse"]) {
			frm.set_query(fieldname, leaf_warehouses);
		}
		for (const fieldname of ["s_warehouse", "t_warehouse"]) {
			frm.set_query(fieldname, "items", leaf_warehouses);
		}
		frm.set_query("item_code", "items", () => ({ filters: { is_stock_item: 1, disabled: 0 } }));
		// offer only the units the row's item is kept in
		frm.set_query("uom", "items", (doc, cdt, cdn) => {
			const uoms = (frm._item_uoms || {})[locals[cdt][cdn].item_code];
			return { filters: uoms ? { name: ["in", uoms] } : { enabled: 1 } };
		});
	},
	refresh(frm) {
		frm.trigger("toggle_warehouses");
		if (frm.doc.docstatus === 1) {
			if (frappe.model.can_read("Stock Ledger Entry")) frm.add_custom_button(__("Stock Ledger"), () =>
				frappe.set_route("List", "Stock Ledger Entry", {
					voucher_type: frm.doc.doctype,
					voucher_no: frm.doc.name,
				})
			);
		}
	},
	stock_entry_type(frm) {
		frm.set_value("purpose", frm.doc.stock_entry_type);
		frm.trigger("toggle_warehouses");
	},
	toggle_warehouses(frm) {
		const type = frm.doc.stock_entry_type;
		const grid = frm.fields_dict.items.grid;
		grid.toggle_enable("s_warehouse", !type || STOCK_ENTRY_NEEDS_SOURCE.includes(type));
		grid.toggle_enable("t_warehouse", !type || STOCK_ENTRY_NEEDS_TARGET.includes(type));
	},
	from_warehouse(frm) {
		set_row_defaults(frm, "s_warehouse", frm.doc.from_warehouse);
	},
	to_warehouse(frm) {
		set_row_defaults(frm, "t_warehouse", frm.doc.to_warehouse);
	},
});

frappe.ui.form.on("Stock Entry Detail", {
	items_add(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		if (frm.doc.from_warehouse && !row.s_warehouse) row.s_warehouse = frm.doc.from_warehouse;
		if (frm.doc.to_warehouse && !row.t_warehouse) row.t_warehouse = frm.doc.to_warehouse;
	},
	item_code(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		if (!row.item_code) return;
		frappe.db.get_doc("Item", row.item_code).then((item) => {
			frm._item_uoms = frm._item_uoms || {};
			frm._item_uoms[item.name] = [item.stock_uom, ...(item.uoms || []).map((d) => d.uom)];
			frm._item_factors = frm._item_factors || {};
			frm._item_factors[item.name] = Object.fromEntries(
				(item.uoms || []).map((d) => [d.uom, d.conversion_factor])
			);
			frm._item_factors[item.name][item.stock_uom] = 1;
			frappe.model.set_value(cdt, cdn, "stock_uom", item.stock_uom);
			frappe.model.set_value(cdt, cdn, "uom", item.stock_uom);
		});
	},
	uom(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		const factor = ((frm._item_factors || {})[row.item_code] || {})[row.uom];
		if (factor) frappe.model.set_value(cdt, cdn, "conversion_factor", factor);
	},
	qty(frm, cdt, cdn) {
		update_transfer_qty(cdt, cdn);
	},
	conversion_factor(frm, cdt, cdn) {
		update_transfer_qty(cdt, cdn);
	},
	basic_rate(frm, cdt, cdn) {
		update_transfer_qty(cdt, cdn);
	},
});

function set_row_defaults(frm, fieldname, warehouse) {
	if (!warehouse) return;
	for (const row of frm.doc.items || []) {
		if (!row[fieldname]) frappe.model.set_value(row.doctype, row.name, fieldname, warehouse);
	}
}

function update_transfer_qty(cdt, cdn) {
	// shown while editing; the server recomputes both on save
	const row = locals[cdt][cdn];
	const transfer_qty = flt(row.qty) * flt(row.conversion_factor || 1);
	frappe.model.set_value(cdt, cdn, "transfer_qty", transfer_qty);
	frappe.model.set_value(cdt, cdn, "basic_amount", transfer_qty * flt(row.basic_rate));
}
