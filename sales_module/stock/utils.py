"""Stock quantities: Stock Ledger Entry rows record every movement, a Bin sums them per item and warehouse.

Documents that move stock (Stock Entry, Delivery Note, Sales Invoice returns ...) call `make_sl_entries` on
submit and `cancel_sl_entries` on cancel. Both:

1. lock the Bin row of every item and warehouse involved, creating it when missing, one at a time in sorted
   order, so two transactions never wait on each other in opposite order;
2. read the ledger balance, which then includes everything committed before the lock was taken (a plain
   read at READ COMMITTED, a locking read on a connection left at REPEATABLE READ: `read_protected`);
3. refuse to take a balance below zero unless negative stock is allowed;
4. write the ledger and set each Bin's actual quantity to the sum of its ledger, never an increment.

Quantities are in the item's stock unit, rounded to QTY_PRECISION decimals. Entries are not reposted by
posting date: `qty_after_transaction` is the balance when the entry was written.
"""

from collections.abc import Iterable
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Sum
from frappe.utils import cint, flt, now, nowdate, nowtime
from pypika.terms import Tuple

from sales_module.engine.quantities import QTY_PRECISION
from sales_module.exceptions import (
	InactiveRecordError,
	InvalidStockMovementError,
	NegativeStockError,
	TreeNodeError,
)
from sales_module.utils.permissions import ensure_permitted
from sales_module.utils.reports import readable_names
from sales_module.utils.transactions import read_protected

REQUIRED_ENTRY_FIELDS = ("item_code", "warehouse", "voucher_type", "voucher_no")

BinKey = tuple[str, str]


# Movements
# ---------


def make_sl_entries(entries: list[dict], allow_negative_stock: bool | None = None) -> list[str]:
	"""Post stock movements and return the names of the Stock Ledger Entries written.

	Each entry has item_code, warehouse, actual_qty (positive in, negative out, in the stock unit),
	voucher_type, voucher_no and optionally voucher_detail_no, posting_date and posting_time (default: now).
	Entries with a zero quantity are skipped. With `allow_negative_stock=None` Selling Settings decides.
	A refused movement raises NegativeStockError (a ValidationError) and writes nothing.
	"""
	entries = [entry for entry in map(normalise_entry, entries) if entry.actual_qty]
	if not entries:
		return []
	validate_items_and_warehouses(entries)
	changes = get_net_changes(entries)
	with undo_on_error():
		bins = lock_bins(changes)
		balances = {key: balance for key, (balance, _voucher) in read_ledgers(bins).items()}
		validate_stock_levels(balances, changes, allow_negative_stock)
		names = insert_ledger_entries(entries, balances)
		refresh_bins(bins)
	return names


def cancel_sl_entries(voucher_type: str, voucher_no: str, allow_negative_stock: bool | None = None) -> None:
	"""Reverse a voucher's movements: its entries get is_cancelled = 1 and their Bins are recomputed.

	Refused like `make_sl_entries` when the reversal would take stock below zero, e.g. cancelling a receipt
	whose stock was issued since.
	"""
	keys = get_voucher_bin_keys(voucher_type, voucher_no)
	if not keys:
		return
	with undo_on_error():
		bins = lock_bins(keys)
		balances, reversal = {}, {}
		for key, (balance, voucher_qty) in read_ledgers(bins, voucher=(voucher_type, voucher_no)).items():
			balances[key], reversal[key] = balance, -voucher_qty
		validate_stock_levels(balances, reversal, allow_negative_stock)
		mark_cancelled(voucher_type, voucher_no)
		refresh_bins(bins)


def update_bin_reserved_qty(item_code: str, warehouse: str, reserved_qty: float) -> None:
	"""Set the quantity reserved by sales orders (the caller sums it over submitted, open orders)."""
	update_bins_reserved_qty({(item_code, warehouse): reserved_qty})


def update_bins_reserved_qty(reserved: dict[BinKey, float]) -> None:
	"""Set reserved quantities of many Bins at once (locked in one statement, updated in one)."""
	reserved = {key: flt(qty, QTY_PRECISION) for key, qty in reserved.items()}
	# a Bin is created for a reservation, never for a reservation of nothing
	needed = {key for key, qty in reserved.items() if qty} | set(lock_existing_bins(reserved, lock=False))
	bins = lock_bins(needed)
	set_bins_qty({bins[key].name: (bins[key].actual_qty, reserved[key]) for key in bins})


def delete_cancelled_sl_entries(voucher_type: str, voucher_no: str):
	"""Remove the cancelled entries of a voucher being deleted; they no longer count in any Bin."""
	frappe.db.delete(
		"Stock Ledger Entry", {"voucher_type": voucher_type, "voucher_no": voucher_no, "is_cancelled": 1}
	)


# Reading quantities
# ------------------


def get_bin_qty(item_code: str, warehouse: str) -> dict:
	"""actual_qty, reserved_qty and projected_qty of an item in a warehouse (zeros without a Bin)."""
	return get_bins([(item_code, warehouse)])[(item_code, warehouse)]


def get_bins(pairs: Iterable[BinKey]) -> dict[BinKey, dict]:
	"""Quantities of many (item_code, warehouse) pairs in one query, keyed by pair."""
	pairs = {(item_code, warehouse) for item_code, warehouse in pairs}
	result = {pair: empty_qty() for pair in pairs}
	wanted = {pair for pair in pairs if all(pair)}
	if not wanted:
		return result
	table = frappe.qb.DocType("Bin")
	rows = (
		frappe.qb.from_(table)
		.select(table.item_code, table.warehouse, table.actual_qty, table.reserved_qty, table.projected_qty)
		.where(
			table.item_code.isin(list({item for item, _warehouse in wanted}))
			& table.warehouse.isin(list({warehouse for _item, warehouse in wanted}))
		)
		.run(as_dict=True)
	)
	for row in rows:
		if (row.item_code, row.warehouse) in wanted:
			result[(row.item_code, row.warehouse)] = qty_of(row)
	return result


@frappe.whitelist()
def get_stock_availability(item_code: str, warehouse: str | None = None) -> list[dict]:
	"""Stock of an item per warehouse (only the given one if any), for anyone who may read the item."""
	if not frappe.db.exists("Item", item_code):
		frappe.throw(_("Item {0} not found").format(frappe.bold(item_code)), frappe.DoesNotExistError)
	ensure_permitted("Item", "read", item_code)
	if warehouse:
		ensure_permitted("Warehouse", "read", warehouse)
	table = frappe.qb.DocType("Bin")
	query = (
		frappe.qb.from_(table)
		.select(
			table.warehouse,
			table.stock_uom,
			table.actual_qty,
			table.reserved_qty,
			table.projected_qty,
		)
		.where(table.item_code == item_code)
		.orderby(table.warehouse)
	)
	if warehouse:
		query = query.where(table.warehouse == warehouse)
	rows = query.run(as_dict=True)
	if not warehouse:
		# only the warehouses the user may read (User Permissions on Warehouse)
		readable = set(readable_names("Warehouse", [row.warehouse for row in rows]))
		rows = [row for row in rows if row.warehouse in readable]
	if warehouse and not rows:
		stock_uom = frappe.db.get_value("Item", item_code, "stock_uom")
		return [{"warehouse": warehouse, "stock_uom": stock_uom, **empty_qty()}]
	return [{"warehouse": row.warehouse, "stock_uom": row.stock_uom, **qty_of(row)} for row in rows]


def empty_qty() -> dict:
	return {"actual_qty": 0.0, "reserved_qty": 0.0, "projected_qty": 0.0}


def qty_of(row) -> dict:
	return {
		fieldname: flt(row.get(fieldname), QTY_PRECISION)
		for fieldname in ("actual_qty", "reserved_qty", "projected_qty")
	}


# Steps
# -----


def normalise_entry(entry: dict) -> frappe._dict:
	missing = [fieldname for fieldname in REQUIRED_ENTRY_FIELDS if not entry.get(fieldname)]
	if missing:
		frappe.throw(
			_("A stock movement is missing {0}").format(", ".join(missing)),
			frappe.MandatoryError,
			title=_("Stock Movement"),
		)
	return frappe._dict(
		item_code=entry["item_code"],
		warehouse=entry["warehouse"],
		actual_qty=flt(entry.get("actual_qty"), QTY_PRECISION),
		voucher_type=entry["voucher_type"],
		voucher_no=entry["voucher_no"],
		voucher_detail_no=entry.get("voucher_detail_no"),
		posting_date=entry.get("posting_date") or nowdate(),
		posting_time=entry.get("posting_time") or nowtime(),
	)


def validate_items_and_warehouses(entries: list[frappe._dict]):
	"""Stock is kept for stock items only, in warehouses that are neither groups nor disabled."""
	item_codes = sorted({entry.item_code for entry in entries})
	items = {
		item.name: item
		for item in frappe.get_all(
			"Item", filters={"name": ("in", item_codes)}, fields=["name", "is_stock_item"]
		)
	}
	for item_code in item_codes:
		if item_code not in items:
			frappe.throw(_("Item {0} not found").format(frappe.bold(item_code)), frappe.LinkValidationError)
		if not items[item_code].is_stock_item:
			frappe.throw(
				_("Item {0} is not a stock item").format(frappe.bold(item_code)),
				InvalidStockMovementError,
				title=_("Not a Stock Item"),
			)
	for warehouse in sorted({entry.warehouse for entry in entries}):
		validate_stock_warehouse(warehouse)


def validate_stock_warehouse(warehouse: str, row_label: str = ""):
	"""Throw unless stock can be kept in the warehouse; `row_label` prefixes the message ("Row 2: ")."""
	details = frappe.db.get_value("Warehouse", warehouse, ["is_group", "disabled"], as_dict=True)
	if not details:
		frappe.throw(
			row_label + _("Warehouse {0} not found").format(frappe.bold(warehouse)),
			frappe.LinkValidationError,
		)
	if details.is_group:
		frappe.throw(
			row_label
			+ _("Warehouse {0} is a group; stock can only be kept in warehouses that are not groups").format(
				frappe.bold(warehouse)
			),
			TreeNodeError,
			title=_("Group Warehouse"),
		)
	if details.disabled:
		frappe.throw(
			row_label + _("Warehouse {0} is disabled").format(frappe.bold(warehouse)),
			InactiveRecordError,
			title=_("Disabled Warehouse"),
		)


def get_net_changes(entries: list[frappe._dict]) -> dict[BinKey, float]:
	changes: dict[BinKey, float] = {}
	for entry in entries:
		key = (entry.item_code, entry.warehouse)
		changes[key] = flt(changes.get(key, 0) + entry.actual_qty, QTY_PRECISION)
	return changes


def lock_bins(keys: Iterable[BinKey]) -> dict[BinKey, frappe._dict]:
	"""Lock (creating where missing) the Bins of the keys, in sorted order; the dict keeps that order.

	One locking read takes the locks of the existing Bins, scanning the unique (item_code, warehouse)
	index in order, so all transactions lock in the same order. Missing Bins are inserted one at a time
	in sorted order and then locked too (a Bin is missing only before an item's first movement there).
	"""
	keys = sorted(set(keys))
	if not keys:
		return {}
	locked = lock_existing_bins(keys)
	if missing := [key for key in keys if key not in locked]:
		for key in missing:
			insert_bin(*key)
		locked.update(lock_existing_bins(missing))
	return {key: locked[key] for key in keys}


def lock_existing_bins(keys: Iterable[BinKey], lock: bool = True) -> dict[BinKey, frappe._dict]:
	"""The existing Bins among the keys, locked (FOR UPDATE) unless `lock` is False.

	Exact (item, warehouse) pairs on the unique index: only those rows are locked, never other
	warehouses' bins of the same items.
	"""
	keys = set(keys)
	if not keys:
		return {}
	table = frappe.qb.DocType("Bin")
	query = (
		frappe.qb.from_(table)
		.select(table.name, table.item_code, table.warehouse, table.actual_qty, table.reserved_qty)
		.where(Tuple(table.item_code, table.warehouse).isin([Tuple(*key) for key in sorted(keys)]))
		.orderby(table.item_code)
		.orderby(table.warehouse)
	)
	if lock:
		query = query.for_update()
	rows = query.run(as_dict=True)
	return {(row.item_code, row.warehouse): row for row in rows if (row.item_code, row.warehouse) in keys}


def lock_bin(item_code: str, warehouse: str) -> frappe._dict:
	"""The Bin of an item and warehouse, locked FOR UPDATE until the transaction ends."""
	if not read_bin(item_code, warehouse):
		insert_bin(item_code, warehouse)
	return read_bin(item_code, warehouse, for_update=True)


def read_bin(item_code: str, warehouse: str, for_update: bool = False) -> frappe._dict | None:
	table = frappe.qb.DocType("Bin")
	query = (
		frappe.qb.from_(table)
		.select(table.name, table.actual_qty, table.reserved_qty)
		.where((table.item_code == item_code) & (table.warehouse == warehouse))
	)
	if for_update:
		query = query.for_update()
	rows = query.run(as_dict=True)
	return rows[0] if rows else None


def insert_bin(item_code: str, warehouse: str):
	"""Insert an empty Bin unless one exists; safe when another transaction inserts the same one.

	ON DUPLICATE KEY UPDATE waits for a concurrent insert of the same (item, warehouse) and then takes an
	exclusive lock on that row. INSERT IGNORE would take a shared lock, and two transactions upgrading shared
	locks to the exclusive lock of the following SELECT ... FOR UPDATE deadlock.
	"""
	stock_uom = frappe.get_cached_value("Item", item_code, "stock_uom")
	if not stock_uom:
		frappe.throw(_("Item {0} not found").format(frappe.bold(item_code)), frappe.LinkValidationError)
	if not frappe.db.exists("Warehouse", warehouse):
		frappe.throw(_("Warehouse {0} not found").format(frappe.bold(warehouse)), frappe.LinkValidationError)
	table = frappe.qb.DocType("Bin")
	timestamp, user = now(), frappe.session.user
	(
		frappe.qb.into(table)
		.columns(
			table.name,
			table.creation,
			table.modified,
			table.owner,
			table.modified_by,
			table.docstatus,
			table.item_code,
			table.warehouse,
			table.stock_uom,
			table.actual_qty,
			table.reserved_qty,
			table.projected_qty,
		)
		.insert(
			frappe.generate_hash(length=10),
			timestamp,
			timestamp,
			user,
			user,
			0,
			item_code,
			warehouse,
			stock_uom,
			0,
			0,
			0,
		)
		.on_duplicate_key_update(table.item_code, table.item_code)
		.run()
	)


def read_ledgers(
	keys: Iterable[BinKey], voucher: tuple[str, str] | None = None
) -> dict[BinKey, tuple[float, float]]:
	"""`read_ledger` for many keys in one locking read: {key: (balance, part posted by voucher)}."""
	keys = set(keys)
	result = {key: (0.0, 0.0) for key in keys}
	if not keys:
		return result
	sle = frappe.qb.DocType("Stock Ledger Entry")
	voucher_type, voucher_no = voucher or ("", "")
	posted_by_voucher = (
		Case()
		.when((sle.voucher_type == voucher_type) & (sle.voucher_no == voucher_no), sle.actual_qty)
		.else_(0)
	)
	rows = read_protected(
		frappe.qb.from_(sle)
		.select(sle.item_code, sle.warehouse, Sum(sle.actual_qty), Sum(posted_by_voucher))
		.where(
			sle.item_code.isin(sorted({item for item, _warehouse in keys}))
			& sle.warehouse.isin(sorted({warehouse for _item, warehouse in keys}))
			& (sle.is_cancelled == 0)
		)
		.groupby(sle.item_code, sle.warehouse)
	).run()
	for item_code, warehouse, balance, voucher_qty in rows:
		if (item_code, warehouse) in keys:
			result[(item_code, warehouse)] = (flt(balance, QTY_PRECISION), flt(voucher_qty, QTY_PRECISION))
	return result


def read_ledger(key: BinKey, voucher: tuple[str, str] | None = None) -> tuple[float, float]:
	"""Ledger balance of an item in a warehouse and the part of it posted by `voucher` (type, name).

	The caller holds the Bin lock, which keeps anyone from adding entries for the key until this
	transaction ends; the read sees every entry committed before (`read_protected`).
	"""
	sle = frappe.qb.DocType("Stock Ledger Entry")
	item_code, warehouse = key
	voucher_type, voucher_no = voucher or ("", "")
	posted_by_voucher = (
		Case()
		.when((sle.voucher_type == voucher_type) & (sle.voucher_no == voucher_no), sle.actual_qty)
		.else_(0)
	)
	balance, voucher_qty = read_protected(
		frappe.qb.from_(sle)
		.select(Sum(sle.actual_qty), Sum(posted_by_voucher))
		.where((sle.item_code == item_code) & (sle.warehouse == warehouse) & (sle.is_cancelled == 0))
	).run()[0]
	return flt(balance, QTY_PRECISION), flt(voucher_qty, QTY_PRECISION)


def validate_stock_levels(
	balances: dict[BinKey, float], changes: dict[BinKey, float], allow_negative_stock: bool | None
):
	"""Refuse changes that take stock below zero; a change that adds stock is always accepted."""
	if negative_stock_allowed(allow_negative_stock):
		return
	for key in sorted(changes):
		change = changes[key]
		if change < 0 and flt(balances[key] + change, QTY_PRECISION) < 0:
			item_code, warehouse = key
			frappe.throw(
				_("Not enough stock of Item {0} in Warehouse {1}: {2} available, {3} required.").format(
					frappe.bold(item_code),
					frappe.bold(warehouse),
					frappe.bold(format_qty(balances[key])),
					frappe.bold(format_qty(-change)),
				),
				NegativeStockError,
				title=_("Insufficient Stock"),
			)


def negative_stock_allowed(allow_negative_stock: bool | None) -> bool:
	if allow_negative_stock is not None:
		return bool(allow_negative_stock)
	return bool(cint(frappe.db.get_single_value("Selling Settings", "allow_negative_stock", cache=False)))


def format_qty(qty: float) -> str:
	return frappe.format(flt(qty, QTY_PRECISION), {"fieldtype": "Float"})


LEDGER_COLUMNS = (
	"name", "creation", "modified", "owner", "modified_by", "docstatus", "item_code", "warehouse",
	"posting_date", "posting_time", "voucher_type", "voucher_no", "voucher_detail_no", "actual_qty",
	"qty_after_transaction", "stock_uom", "is_cancelled",
)  # fmt: skip


def insert_ledger_entries(entries: list[frappe._dict], balances: dict[BinKey, float]) -> list[str]:
	"""All rows in one INSERT: entries were validated as a whole, and a per-row ORM insert costs ~ms."""
	running = dict(balances)
	stock_uoms = dict(
		frappe.get_all(
			"Item",
			filters={"name": ("in", list({entry.item_code for entry in entries}))},
			fields=["name", "stock_uom"],
			as_list=True,
		)
	)
	timestamp, user = now(), frappe.session.user
	rows, names = [], []
	for entry in entries:
		key = (entry.item_code, entry.warehouse)
		running[key] = flt(running[key] + entry.actual_qty, QTY_PRECISION)
		name = frappe.generate_hash(length=10)
		names.append(name)
		rows.append(
			(name, timestamp, timestamp, user, user, 1, entry.item_code, entry.warehouse, entry.posting_date,
			 entry.posting_time, entry.voucher_type, entry.voucher_no, entry.voucher_detail_no, entry.actual_qty,
			 running[key], stock_uoms.get(entry.item_code), 0)
		)  # fmt: skip
	frappe.db.bulk_insert("Stock Ledger Entry", LEDGER_COLUMNS, rows)
	return names


def get_voucher_bin_keys(voucher_type: str, voucher_no: str) -> set[BinKey]:
	sle = frappe.qb.DocType("Stock Ledger Entry")
	rows = (
		frappe.qb.from_(sle)
		.select(sle.item_code, sle.warehouse)
		.distinct()
		.where((sle.voucher_type == voucher_type) & (sle.voucher_no == voucher_no) & (sle.is_cancelled == 0))
		.run()
	)
	return {(item_code, warehouse) for item_code, warehouse in rows}


def mark_cancelled(voucher_type: str, voucher_no: str):
	sle = frappe.qb.DocType("Stock Ledger Entry")
	(
		frappe.qb.update(sle)
		.set(sle.is_cancelled, 1)
		.set(sle.modified, now())
		.set(sle.modified_by, frappe.session.user)
		.where((sle.voucher_type == voucher_type) & (sle.voucher_no == voucher_no) & (sle.is_cancelled == 0))
		.run()
	)


def refresh_bins(bins: dict[BinKey, frappe._dict]):
	"""Set each Bin's actual quantity to its ledger balance and update the projected quantity."""
	balances = read_ledgers(bins)
	set_bins_qty({locked.name: (balances[key][0], locked.reserved_qty) for key, locked in bins.items()})


def set_bins_qty(quantities: dict[str, tuple[float, float]]):
	"""{bin name: (actual, reserved)} in one UPDATE; projected = actual - reserved."""
	if not quantities:
		return
	table = frappe.qb.DocType("Bin")
	actual, reserved, projected = Case(), Case(), Case()
	for name, (actual_qty, reserved_qty) in quantities.items():
		actual_qty, reserved_qty = flt(actual_qty, QTY_PRECISION), flt(reserved_qty, QTY_PRECISION)
		actual = actual.when(table.name == name, actual_qty)
		reserved = reserved.when(table.name == name, reserved_qty)
		projected = projected.when(table.name == name, flt(actual_qty - reserved_qty, QTY_PRECISION))
	(
		frappe.qb.update(table)
		.set(table.actual_qty, actual)
		.set(table.reserved_qty, reserved)
		.set(table.projected_qty, projected)
		.set(table.modified, now())
		.where(table.name.isin(list(quantities)))
		.run()
	)


def set_bins_reserved_qty(reserved: dict[str, float]):
	"""{bin name: reserved} in one UPDATE; projected = the stored actual - reserved."""
	if not reserved:
		return
	table = frappe.qb.DocType("Bin")
	reserved_qty = Case()
	for name, qty in reserved.items():
		reserved_qty = reserved_qty.when(table.name == name, flt(qty, QTY_PRECISION))
	(
		frappe.qb.update(table)
		.set(table.reserved_qty, reserved_qty)
		.set(table.projected_qty, table.actual_qty - reserved_qty)
		.set(table.modified, now())
		.where(table.name.isin(list(reserved)))
		.run()
	)


def set_bin_qty(bin_name: str, actual_qty: float, reserved_qty: float):
	actual_qty, reserved_qty = flt(actual_qty, QTY_PRECISION), flt(reserved_qty, QTY_PRECISION)
	frappe.db.set_value(
		"Bin",
		bin_name,
		{
			"actual_qty": actual_qty,
			"reserved_qty": reserved_qty,
			"projected_qty": flt(actual_qty - reserved_qty, QTY_PRECISION),
		},
	)


@contextmanager
def undo_on_error():
	"""Undo the writes of the block (new Bins, ledger rows) when it raises a ValidationError."""
	savepoint = f"stock_{frappe.generate_hash(length=10)}"
	frappe.db.savepoint(savepoint)
	try:
		yield
	except frappe.ValidationError:
		frappe.db.rollback(save_point=savepoint)
		raise
	frappe.db.release_savepoint(savepoint)
