// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Item Price", {
	setup(frm) {
		frm.set_query("price_list", () => ({ filters: { enabled: 1 } }));
		// offer only the units the item is sold in
		frm.set_query("uom", () => ({
			filters: frm._item_uoms ? { name: ["in", frm._item_uoms] } : { enabled: 1 },
		}));
	},
	item_code(frm) {
		if (!frm.doc.item_code) return;
		frappe.db.get_doc("Item", frm.doc.item_code).then((item) => {
			frm._item_uoms = [item.stock_uom, ...(item.uoms || []).map((row) => row.uom)];
			if (!frm.doc.uom) frm.set_value("uom", item.stock_uom);
		});
	},
});
