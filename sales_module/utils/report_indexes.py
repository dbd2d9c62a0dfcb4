"""Composite indexes the reports read through (Frappe's `search_index` makes single-column ones only).

Each DocType's `on_doctype_update` adds its own on install and when its definition changes; the patch
`v1_3.add_report_indexes` adds them to existing sites. Each is confirmed with EXPLAIN by a test
(tests/test_report_indexes.py)."""

import frappe

REPORT_INDEXES: dict[str, dict[str, tuple[str, ...]]] = {
	# Sales Analytics per customer and the period figures of the number cards: read from the index
	# alone, without the documents' rows
	"Sales Invoice": {
		"customer_sales_index": ("docstatus", "posting_date", "customer", "base_net_total", "total_qty"),
		# the receivables: every open invoice's stored figures, read from the index alone (a fraction
		# of the invoices' rows, so it stays in the buffer pool where the table does not)
		"receivables_index": (
			"docstatus",
			"is_return",
			"posting_date",
			"outstanding_amount",
			"due_date",
			"customer",
			"sales_partner",
			"po_no",
			"conversion_rate",
			"grand_total",
			"rounded_total",
			"disable_rounded_total",
		),
		# the invoices that delivered goods themselves (update stock), few where delivery notes deliver:
		# Sales Order Analysis looks for their deliveries through them, not through every invoice line
		"stock_invoices_index": ("update_stock", "docstatus"),
	},
	"Sales Order": {
		"customer_sales_index": ("docstatus", "transaction_date", "customer", "base_net_total", "total_qty"),
	},
	"Delivery Note": {
		"customer_sales_index": ("docstatus", "posting_date", "customer", "base_net_total", "total_qty"),
	},
	# Sales Order Analysis: when each line of the orders shown was delivered (what was billed is stored
	# on the order line)
	"Delivery Note Item": {
		"delivered_order_lines_index": ("against_sales_order", "docstatus", "so_detail", "parent"),
	},
}


def add_report_indexes(doctype: str):
	for index_name, fields in REPORT_INDEXES.get(doctype, {}).items():
		frappe.db.add_index(doctype, list(fields), index_name)
