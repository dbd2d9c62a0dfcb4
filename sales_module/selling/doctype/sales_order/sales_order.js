// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt

{% include "sales_module/public/js/selling_form.js" %}

sales_module.selling.setup("Sales Order", "Sales Order Item");

frappe.ui.form.on("Sales Order", {
	setup(frm) {
		sales_module.selling.show_availability(frm);
		frm.set_query("blanket_order", "items", () => ({
			filters: { customer: frm.doc.customer, docstatus: 1, status: "Submitted" },
		}));
	},
	onload(frm) {
		frm.toggle_reqd("delivery_date", !frm.doc.skip_delivery_note);
	},
	skip_delivery_note(frm) {
		frm.toggle_reqd("delivery_date", !frm.doc.skip_delivery_note);
	},
	delivery_date(frm) {
		// lines without their own date are delivered on the order's
		for (const row of frm.doc.items || []) {
			if (!row.delivery_date && frm.doc.delivery_date) row.delivery_date = frm.doc.delivery_date;
		}
		frm.refresh_field("items");
	},
	validate(frm) {
		if (frm.doc.skip_delivery_note || frm.doc.delivery_date) return;
		const undated = (frm.doc.items || []).filter((row) => row.item_code && !row.delivery_date);
		if (undated.length) {
			frappe.throw({
				title: __("Delivery Date"),
				message: __("Set the order's Delivery Date (or each line's) before saving: rows {0} have none", [
					undated.map((row) => row.idx).join(", "),
				]),
			});
		}
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0) {
			sales_module.selling.add_get_items_button(
				frm,
				"Quotation",
				"sales_module.selling.doctype.quotation.quotation.make_sales_order",
				{ status: ["not in", ["Lost", "Ordered", "Expired", "Cancelled"]] }
			);
			sales_module.selling.add_get_items_button(
				frm,
				"Blanket Order",
				"sales_module.selling.doctype.blanket_order.blanket_order.make_sales_order",
				{ status: "Submitted" }
			);
		}
		if (frm.doc.docstatus !== 1) return;
		const path = "sales_module.selling.doctype.sales_order.sales_order.";
		if (frm.doc.per_delivered > 0) {
			frm.add_custom_button(__("Delivery History"), () => show_delivery_history(frm, path));
		}
		const status = frm.doc.status;
		if (!["Closed", "On Hold", "Completed"].includes(status)) {
			if (frm.doc.per_delivered < 100 && !frm.doc.skip_delivery_note) {
				sales_module.selling.add_mapper_button(
					frm, __("Delivery Note"), path + "make_delivery_note", null, "Delivery Note"
				);
			}
			if (frm.doc.per_billed < 100) {
				sales_module.selling.add_mapper_button(
					frm, __("Sales Invoice"), path + "make_sales_invoice", null, "Sales Invoice"
				);
				sales_module.selling.add_make_button(frm, __("Payment"), path + "make_payment_entry", "Payment Entry");
			}
			if (frm.has_perm("write")) {
				frm.add_custom_button(__("Hold"), () => set_status(frm, "On Hold"), __("Status"));
				frm.add_custom_button(__("Update Items"), () => update_items(frm));
			}
		}
		// the status actions change the order: for those who may write it
		if (!frm.has_perm("write")) return;
		if (status === "On Hold") frm.add_custom_button(__("Resume"), () => set_status(frm, "Resume"), __("Status"));
		if (status === "Closed") frm.add_custom_button(__("Re-open"), () => set_status(frm, "Re-open"), __("Status"));
		else frm.add_custom_button(__("Close"), () => set_status(frm, "Closed"), __("Status"));
	},
});

function set_status(frm, status) {
	frm.call("update_status", { status }).then(() => frm.reload_doc());
}

// Change, add or remove lines of the submitted order; the server checks and recalculates everything.
function update_items(frm) {
	const line_fields = [
		{ fieldname: "docname", fieldtype: "Data", label: __("Line"), hidden: 1, read_only: 1 },
		{
			fieldname: "item_code",
			fieldtype: "Link",
			options: "Item",
			label: __("Item Code"),
			in_list_view: 1,
			reqd: 1,
			columns: 3,
			get_query: () => ({ filters: { is_sales_item: 1, disabled: 0 } }),
		},
		{ fieldname: "qty", fieldtype: "Float", label: __("Quantity"), in_list_view: 1, reqd: 1, columns: 1 },
		{
			fieldname: "rate",
			fieldtype: "Currency",
			options: frm.doc.currency,
			label: __("Rate"),
			description: __("Left empty on a new line: the price list's"),
			in_list_view: 1,
			columns: 2,
		},
		{ fieldname: "uom", fieldtype: "Link", options: "UOM", label: __("UOM"), in_list_view: 1, columns: 1 },
		{
			fieldname: "conversion_factor",
			fieldtype: "Float",
			label: __("Conversion Factor"),
			description: __("Follows the unit: set by the server"),
			read_only: 1,
			in_list_view: 1,
			columns: 1,
		},
		{
			fieldname: "delivery_date",
			fieldtype: "Date",
			label: __("Delivery Date"),
			in_list_view: 1,
			reqd: frm.doc.skip_delivery_note ? 0 : 1,
			columns: 2,
			default: frm.doc.delivery_date,
		},
	];
	const lines = frm.doc.items.map((row) => ({
		docname: row.name,
		item_code: row.item_code,
		qty: row.qty,
		rate: row.rate,
		uom: row.uom,
		conversion_factor: row.conversion_factor,
		delivery_date: row.delivery_date,
	}));
	// the grid edits `lines` in place: the stored units tell a changed unit
	const stored_uom = Object.fromEntries(frm.doc.items.map((row) => [row.name, row.uom]));
	const dialog = new frappe.ui.Dialog({
		title: __("Update Items"),
		size: "extra-large",
		fields: [
			{
				fieldname: "trans_items",
				fieldtype: "Table",
				label: __("Items"),
				cannot_add_rows: false,
				in_place_edit: false,
				data: lines,
				get_data: () => lines,
				fields: line_fields,
			},
		],
		primary_action_label: __("Update"),
		primary_action(values) {
			const sent = (values.trans_items || []).map((line) => {
				const { idx, name, ...fields } = line;
				// a new line's empty rate or factor is not a value: the server fills it
				if (!fields.docname && !fields.rate) delete fields.rate;
				// the factor follows the unit: a changed unit's factor is the server's to set
				if (!fields.conversion_factor || fields.uom !== stored_uom[fields.docname]) {
					delete fields.conversion_factor;
				}
				return fields;
			});
			frappe
				.call({
					method: "sales_module.selling.order_changes.update_child_qty_rate",
					args: {
						parent_doctype: frm.doctype,
						trans_items: sent,
						parent_doctype_name: frm.doc.name,
						child_docname: "items",
					},
					freeze: true,
					freeze_message: __("Updating Items..."),
				})
				.then(() => {
					dialog.hide();
					frm.reload_doc();
				});
		},
	});
	dialog.show();
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
