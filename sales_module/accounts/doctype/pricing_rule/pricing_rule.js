// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Pricing Rule", {
	setup(frm) {
		frm.set_query("item_group", "item_groups", () => ({ filters: {} }));
		frm.set_query("for_price_list", () => ({ filters: { selling: 1 } }));
		frm.set_query("customer_group", () => ({ filters: {} }));
		frm.set_query("free_item", () => ({ filters: { disabled: 0, is_sales_item: 1 } }));
	},
	refresh(frm) {
		frm.set_intro(
			frm.doc.coupon_code_based
				? __("This rule applies only to documents that carry one of its coupon codes.")
				: ""
		);
		if (!frm.is_new() && frm.doc.coupon_code_based) {
			frm.add_custom_button(__("Coupon Codes"), () =>
				frappe.set_route("List", "Coupon Code", { pricing_rule: frm.doc.name })
			);
		}
	},
	apply_on(frm) {
		// the server clears the tables that do not apply; mirror it so the form shows what will be saved
		const tables = { "Item Code": "items", "Item Group": "item_groups", Brand: "brands" };
		for (const [apply_on, table] of Object.entries(tables)) {
			if (frm.doc.apply_on !== apply_on) frm.clear_table(table);
		}
		frm.refresh_fields(Object.values(tables));
	},
});
