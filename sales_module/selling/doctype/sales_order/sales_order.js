// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/selling_form.js" %}

sales_module.selling.setup("Sales Order", "Sales Order Item");

frappe.ui.form.on("Sales Order", {
	setup(frm) {
		frm.set_query("blanket_order", "items", () => ({
			filters: { customer: frm.doc.customer, docstatus: 1, status: "Submitted" },
		}));
	},
	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		const path = "sales_module.selling.doctype.sales_order.sales_order.";
		if (frm.doc.per_delivered > 0) {
			frm.add_custom_button(__("Delivery History"), () => show_delivery_history(frm, path));
		}
		const status = frm.doc.status;
		if (!["Closed", "On Hold", "Completed"].includes(status)) {
			if (frm.doc.per_delivered < 100 && !frm.doc.skip_delivery_note) {
				sales_module.selling.add_mapper_button(frm, __("Delivery Note"), path + "make_delivery_note");
			}
			if (frm.doc.per_billed < 100) {
				sales_module.selling.add_mapper_button(frm, __("Sales Invoice"), path + "make_sales_invoice");
				sales_module.selling.add_make_button(frm, __("Payment"), path + "make_payment_entry");
			}
			frm.add_custom_button(__("Hold"), () => set_status(frm, "On Hold"), __("Status"));
		}
		if (status === "On Hold") frm.add_custom_button(__("Resume"), () => set_status(frm, "Resume"), __("Status"));
		if (status === "Closed") frm.add_custom_button(__("Re-open"), () => set_status(frm, "Re-open"), __("Status"));
		else frm.add_custom_button(__("Close"), () => set_status(frm, "Closed"), __("Status"));
	},
});

function set_status(frm, status) {
	frm.call("update_status", { status }).then(() => frm.reload_doc());
}

function show_delivery_history(frm, path) {
	frappe.call(path + "get_delivery_history", { sales_order: frm.doc.name }).then((r) => {
		const rows = (r.message || [])
			.map(
				(row) => `<tr>
					<td>${frappe.utils.escape_html(row.item_code)}</td>
					<td><a href="/app/${frappe.router.slug(row.voucher_type)}/${encodeURIComponent(row.voucher_no)}">${frappe.utils.escape_html(row.voucher_no)}</a></td>
					<td>${frappe.datetime.str_to_user(row.posting_date)}</td>
					<td class="text-right">${format_number(row.qty)} ${frappe.utils.escape_html(row.uom || "")}</td>
					<td>${frappe.utils.escape_html(row.warehouse || "")}</td>
					<td>${row.is_return ? __("Return") : __("Delivery")}</td>
				</tr>`
			)
			.join("");
		frappe.msgprint({
			title: __("Delivery History"),
			wide: true,
			message: `<table class="table table-bordered table-condensed">
				<thead><tr><th>${__("Item")}</th><th>${__("Delivered By")}</th><th>${__("Date")}</th>
				<th class="text-right">${__("Qty")}</th><th>${__("Warehouse")}</th><th>${__("Type")}</th></tr></thead>
				<tbody>${rows}</tbody></table>`,
		});
	});
}
