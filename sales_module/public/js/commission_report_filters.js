// Copyright (c) 2026, sales_module developers and contributors
// For license information, please see license.txt
//
// The filters ERPNext's four commission reports share: the party, the document type (filter `doctype`
// in the partner reports, `doc_type` in the person reports), the period, and for the transaction
// summaries item group, brand and return entries.

frappe.provide("sales_module.selling");

sales_module.selling.COMMISSION_PARTY_LABELS = { "Sales Partner": __("Sales Partner"), "Sales Person": __("Sales Person") };

sales_module.selling.commission_report_filters = function ({ party, doctype_filter, from_date, lines }) {
	const link = (fieldname, label, options) => ({ fieldname, label, fieldtype: "Link", options });
	const filters = [
		link(frappe.scrub(party), sales_module.selling.COMMISSION_PARTY_LABELS[party], party),
		{
			fieldname: doctype_filter,
			label: __("Document Type"),
			fieldtype: "Select",
			options: "Sales Order\nDelivery Note\nSales Invoice",
			default: "Sales Order",
		},
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: from_date },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
	];
	if (lines) {
		filters.push(link("item_group", __("Item Group"), "Item Group"), link("brand", __("Brand"), "Brand"));
	}
	filters.push(link("customer", __("Customer"), "Customer"), link("territory", __("Territory"), "Territory"));
	if (lines) {
		filters.push({ fieldname: "show_return_entries", label: __("Show Return Entries"), fieldtype: "Check", default: 0 });
	}
	return filters;
};
