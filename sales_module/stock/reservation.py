"""Stock reserved by submitted, open sales orders, recomputed per item and warehouse."""

import frappe
from frappe.utils import flt

from sales_module.engine.quantities import QTY_PRECISION
from sales_module.utils.items import get_stock_items
from sales_module.utils.transactions import read_protected


def stock_pairs(order) -> set[tuple[str, str]]:
	"""(item, warehouse) pairs whose reservation the order affects: its stock lines and packed items."""
	if order.flags.stock_pairs is None:
		order.flags.stock_pairs = find_stock_pairs(order)
	return order.flags.stock_pairs


def find_stock_pairs(order) -> set[tuple[str, str]]:
	codes = {row.item_code for row in order.items} | {row.item_code for row in order.packed_items}
	stock_items = get_stock_items(codes)
	pairs = {
		(row.item_code, row.warehouse)
		for row in order.items
		if row.item_code in stock_items and row.warehouse
	}
	pairs |= {
		(row.item_code, row.warehouse)
		for row in order.packed_items
		if row.item_code in stock_items and row.warehouse
	}
	return pairs


def order_stock_pairs(orders: list[str]) -> set[tuple[str, str]]:
	"""(item, warehouse) pairs of the orders' stock lines and packed items, read from the database."""
	line, packed = frappe.qb.DocType("Sales Order Item"), frappe.qb.DocType("Packed Item")
	rows = (
		frappe.qb.from_(line)
		.select(line.item_code, line.warehouse)
		.where(line.parent.isin(orders) & (line.parenttype == "Sales Order"))
		.run()
	) + (
		frappe.qb.from_(packed)
		.select(packed.item_code, packed.warehouse)
		.where(packed.parent.isin(orders) & (packed.parenttype == "Sales Order"))
		.run()
	)
	stock_items = get_stock_items({item_code for item_code, _warehouse in rows})
	return {(item_code, warehouse) for item_code, warehouse in rows if item_code in stock_items and warehouse}


def update_reserved_qty_for(order):
	update_reserved_qty(stock_pairs(order), locked_bins=order.flags.locked_bins)


def update_reserved_qty(pairs: set[tuple[str, str]], locked_bins: dict | None = None):
	"""Set the bins' reserved quantities to the sums over open orders; `locked_bins` are bins this
	transaction already holds ({pair: bin}), locked again only when they do not cover every pair."""
	if not pairs:
		return
	from sales_module.stock.utils import lock_bins, set_bins_reserved_qty

	# bins before the sums: whoever changes a reservation of these items queues here first
	bins = locked_bins if locked_bins and pairs <= set(locked_bins) else lock_bins(pairs)
	reserved = get_reserved_qty(pairs)
	set_bins_reserved_qty({bins[pair].name: reserved.get(pair, 0) for pair in pairs})


def get_reserved_qty(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], float]:
	"""Undelivered stock qty of submitted orders that are not closed: plain lines and bundle components."""
	order, line, packed = (
		frappe.qb.DocType("Sales Order"),
		frappe.qb.DocType("Sales Order Item"),
		frappe.qb.DocType("Packed Item"),
	)
	items = list({item for item, _warehouse in pairs})
	open_order = (order.docstatus == 1) & (order.status != "Closed")
	# the caller holds the bins: whoever changes a reservation of these items locks them first
	lines = read_protected(
		frappe.qb.from_(line)
		.join(order)
		.on(order.name == line.parent)
		.select(line.item_code, line.warehouse, line.stock_qty, line.delivered_qty, line.conversion_factor)
		.where(open_order & line.item_code.isin(items) & (line.parenttype == "Sales Order"))
	).run(as_dict=True)
	components = read_protected(
		frappe.qb.from_(packed)
		.join(order)
		.on(order.name == packed.parent)
		.join(line)
		.on(line.name == packed.parent_detail_docname)
		.select(packed.item_code, packed.warehouse, packed.qty, line.qty.as_("line_qty"), line.delivered_qty)
		.where(open_order & packed.item_code.isin(items) & (packed.parenttype == "Sales Order"))
	).run(as_dict=True)
	reserved: dict[tuple[str, str], float] = {}
	for row in lines:
		remaining = flt(row.stock_qty) - flt(row.delivered_qty) * (flt(row.conversion_factor) or 1)
		add(reserved, (row.item_code, row.warehouse), remaining)
	for row in components:
		share = 1 - flt(row.delivered_qty) / flt(row.line_qty) if flt(row.line_qty) else 0
		add(reserved, (row.item_code, row.warehouse), flt(row.qty) * share)
	return {pair: flt(qty, QTY_PRECISION) for pair, qty in reserved.items() if pair in pairs}


def add(totals: dict, key, qty: float):
	totals[key] = totals.get(key, 0) + max(qty, 0)
