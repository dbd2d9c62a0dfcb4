"""Goods leaving the warehouse for a customer: what a Delivery Note and a Sales Invoice that updates
stock (direct sale) share. Stock lines need a leaf warehouse; bundles move their components."""

import frappe
from frappe import _
from frappe.query_builder.functions import Max
from frappe.utils import flt

from sales_module.engine.quantities import QTY_PRECISION
from sales_module.exceptions import TreeNodeError
from sales_module.stock.utils import cancel_sl_entries, delete_cancelled_sl_entries, make_sl_entries


def validate_stock_warehouses(doc):
	stock_items = {code for code, item in doc._items.items() if item.is_stock_item}
	rows = [row for row in doc.items if row.item_code in stock_items] + list(doc.packed_items)
	warehouses = {row.warehouse for row in rows if row.warehouse}
	groups = set(
		frappe.get_all("Warehouse", filters={"name": ("in", list(warehouses)), "is_group": 1}, pluck="name")
	)
	for row in rows:
		if not row.warehouse:
			frappe.throw(
				_("Warehouse is required for stock Item {0}").format(frappe.bold(row.item_code)),
				frappe.MandatoryError,
			)
		if row.warehouse in groups:
			frappe.throw(
				_("Warehouse {0} is a group; choose one of its warehouses").format(
					frappe.bold(row.warehouse)
				),
				TreeNodeError,
			)


def deliver_stock(doc):
	"""The stock ledger entries of the document's stock lines, bundles by their stock components."""
	bundles = {row.parent_detail_docname for row in doc.packed_items}
	stock_items = {code for code, item in doc._items.items() if item.is_stock_item}
	entries = [
		ledger_entry(doc, row.item_code, row.warehouse, row.stock_qty, row.name)
		for row in doc.items
		if row.item_code in stock_items and row.name not in bundles
	]
	component_stock = set(
		frappe.get_all(
			"Item",
			filters={"name": ("in", [row.item_code for row in doc.packed_items]), "is_stock_item": 1},
			pluck="name",
		)
	)
	entries += [
		ledger_entry(doc, row.item_code, row.warehouse, row.qty, row.parent_detail_docname)
		for row in doc.packed_items
		if row.item_code in component_stock
	]
	if entries:
		make_sl_entries(entries)


def restore_stock(doc):
	cancel_sl_entries(doc.doctype, doc.name)


def forget_stock(doc):
	"""`on_trash` of a cancelled document that moved stock: its cancelled ledger rows go with it (they no
	longer count anywhere and would keep it from being deleted)."""
	delete_cancelled_sl_entries(doc.doctype, doc.name)


def ledger_entry(doc, item_code: str, warehouse: str, stock_qty: float, detail: str) -> dict:
	return {
		"item_code": item_code,
		"warehouse": warehouse,
		# goods leave on delivery and come back on a return (whose quantities are negative)
		"actual_qty": -flt(stock_qty, QTY_PRECISION),
		"voucher_type": doc.doctype,
		"voucher_no": doc.name,
		"voucher_detail_no": detail,
		"posting_date": doc.posting_date,
		"posting_time": doc.posting_time,
	}


def last_deliveries(orders: list[str]) -> dict[str, object]:
	"""{order line: the day of its latest delivery} of the lines of `orders` (returns left out), from
	Delivery Notes and from invoices that updated stock: each grouped on its own through the indexed
	order link of its lines, the later day kept."""
	latest: dict[str, object] = {}
	for query in last_delivery_queries(orders):
		for so_detail, day in query.run():
			if so_detail not in latest or day > latest[so_detail]:
				latest[so_detail] = day
	return latest


# what delivers order lines: (line DocType, voucher DocType, the lines' order link); invoices only when
# they updated stock
DELIVERY_SOURCES = (
	("Delivery Note Item", "Delivery Note", "against_sales_order"),
	("Sales Invoice Item", "Sales Invoice", "sales_order"),
)


def last_delivery_queries(orders: list[str]) -> list:
	"""The two grouped reads of `last_deliveries`: delivery note lines by their order link, and the
	lines of invoices that updated stock (found through `stock_invoices_index`)."""
	queries = []
	for line_doctype, doctype, order_link in DELIVERY_SOURCES:
		line, voucher = frappe.qb.DocType(line_doctype), frappe.qb.DocType(doctype)
		query = (
			frappe.qb.from_(line)
			.join(voucher)
			.on(voucher.name == line.parent)
			.select(line.so_detail, Max(voucher.posting_date))
			.where(
				(voucher.docstatus == 1)
				& (voucher.is_return == 0)
				& line[order_link].isin(orders or [""])
				& line.so_detail.isnotnull()
			)
			.groupby(line.so_detail)
		)
		if doctype == "Sales Invoice":
			query = query.where(voucher.update_stock == 1)
		queries.append(query)
	return queries


def order_line_deliveries(orders: list[str] | None = None):
	"""Every submitted delivery and return of order lines, as one query to read or join: (so_detail,
	posting_date, stock_qty, is_return) from Delivery Notes and from invoices that updated stock; of
	the lines of `orders` only when given (read through the indexed order link of the lines)."""
	parts = []
	for line_doctype, doctype, order_link in DELIVERY_SOURCES:
		line, voucher = frappe.qb.DocType(line_doctype), frappe.qb.DocType(doctype)
		query = (
			frappe.qb.from_(line)
			.join(voucher)
			.on(voucher.name == line.parent)
			.select(line.so_detail, voucher.posting_date, line.stock_qty, voucher.is_return)
			.where((voucher.docstatus == 1) & line.so_detail.isnotnull())
		)
		if orders is not None:
			query = query.where(line[order_link].isin(orders or [""]))
		if doctype == "Sales Invoice":
			query = query.where(voucher.update_stock == 1)
		parts.append(query)
	return parts[0] + parts[1]
