"""What must hold in the whole database whatever the load: stock bins are their ledgers, every figure that
follows other documents is its sum (`controllers/recompute.py`), nothing is half-written.

`check_invariants()` only reads (no locks: `snapshot_reads`), in batches of `BATCH` documents, so it runs on
a site of 100,000 documents; at REPEATABLE READ (a bench command) it sees one consistent snapshot. Run it
on a site at rest: documents saved while it runs may be seen half-way through a batch.

Rules (`RULES`):
- bin_actual_qty: a Bin's actual quantity is the sum of its live (not cancelled) ledger entries, and every
  item and warehouse with live entries has a Bin;
- ledger_balance: the newest live entry of an item and warehouse records the balance as it is now, unless
  an entry was cancelled after it (the ledger is not reposted; a cancelled voucher that was deleted since
  is not seen);
- bin_reserved_qty: the reserved quantity is what submitted, open orders still have to deliver (the
  semantics of `stock/reservation.get_reserved_qty`, computed here, not read from the Bin);
- bin_projected_qty: projected = actual - reserved;
- negative_stock: no Bin below zero unless Selling Settings allows negative stock;
- figure: every figure of `RELATIONS` (and the order advances) equals its sum over submitted documents;
- figure_limit: no figure beyond its allowance, no payment or credit beyond what is owed (the refusals of
  the header rules);
- voucher_ledger: a submitted Stock Entry, Delivery Note or stock-updating Sales Invoice has exactly the
  live ledger entries its lines make; a draft or cancelled one has none; no live entry without its voucher;
- document_lines: a submitted document has lines, each with its parent's docstatus;
- line_totals: total and net total are the sums of the lines' amounts and net amounts, grand total is
  the net total plus taxes;
- status: a submitted or cancelled quotation, order, delivery note or invoice has the status its stored
  figures call for (`controllers/statuses.py`); a status only the passing of time changes (Overdue,
  Expired), which a daily job sets, may still be the one before it.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import cint, flt

from sales_module.controllers.recompute import ORDER_ADVANCES, RELATIONS, expected_figures
from sales_module.controllers.statuses import document_status
from sales_module.engine.quantities import QTY_PRECISION
from sales_module.stock.reservation import get_reserved_qty
from sales_module.utils.transactions import snapshot_reads

BATCH = 500
QTY_TOLERANCE = 10**-QTY_PRECISION
AMOUNT_TOLERANCE = 0.005
RULES = (
	"bin_actual_qty",
	"ledger_balance",
	"bin_reserved_qty",
	"bin_projected_qty",
	"negative_stock",
	"figure",
	"figure_limit",
	"voucher_ledger",
	"document_lines",
	"line_totals",
	"status",
)
SELLING_DOCUMENTS = {
	"Quotation": "Quotation Item",
	"Sales Order": "Sales Order Item",
	"Delivery Note": "Delivery Note Item",
	"Sales Invoice": "Sales Invoice Item",
}
STOCK_VOUCHERS = ("Stock Entry", "Delivery Note", "Sales Invoice")
LINES_OF = {**SELLING_DOCUMENTS, "Stock Entry": "Stock Entry Detail"}


@dataclass(frozen=True)
class Violation:
	rule: str
	doctype: str
	name: str
	expected: object
	stored: object
	detail: str = ""

	def __str__(self) -> str:
		what = f"{self.doctype} {self.name}".strip()
		text = f"[{self.rule}] {what}: expected {self.expected}, stored {self.stored}"
		return f"{text} ({self.detail})" if self.detail else text


@dataclass
class InvariantReport:
	checked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RULES, 0))
	violations: list[Violation] = field(default_factory=list)

	def count(self, rule: str, number: int = 1):
		self.checked[rule] += number

	def add(self, rule: str, doctype: str, name: str, expected, stored, detail: str = ""):
		self.violations.append(Violation(rule, doctype, name, expected, stored, detail))


def check_invariants() -> list[Violation]:
	return run_checks().violations


def run_checks() -> InvariantReport:
	"""Every rule over the whole database; the number of items checked per rule and what broke."""
	report = InvariantReport()
	with snapshot_reads():
		check_bins(report)
		check_figures(report)
		check_voucher_ledgers(report)
		check_documents(report)
		check_statuses(report)
	return report


# ---------------------------------------------------------------- batches


def batches(doctype: str, filters=None, fields: tuple[str, ...] = ()) -> Iterator[list]:
	"""The rows of a table in batches of BATCH, by name (keyset paging, not OFFSET)."""
	table = frappe.qb.DocType(doctype)
	last = ""
	while True:
		query = (
			frappe.qb.from_(table)
			.select(table.name, *(table[fieldname] for fieldname in fields))
			.where(table.name > last)
			.orderby(table.name)
			.limit(BATCH)
		)
		if filters is not None:
			query = query.where(filters(table))
		rows = query.run(as_dict=True)
		if not rows:
			return
		yield rows
		last = rows[-1].name


def differs(stored, expected, tolerance: float = QTY_TOLERANCE) -> bool:
	return abs(flt(stored) - flt(expected)) > tolerance


# ---------------------------------------------------------------- stock


def check_bins(report: InvariantReport):
	sle = frappe.qb.DocType("Stock Ledger Entry")
	negative_allowed = cint(frappe.db.get_single_value("Selling Settings", "allow_negative_stock"))
	seen: set[tuple[str, str]] = set()
	for bins in batches(
		"Bin", fields=("item_code", "warehouse", "actual_qty", "reserved_qty", "projected_qty")
	):
		items = list({row.item_code for row in bins})
		pairs = {(row.item_code, row.warehouse) for row in bins}
		seen |= pairs
		ledger = {
			(item, warehouse): (flt(balance), newest)
			for item, warehouse, balance, newest in frappe.qb.from_(sle)
			.select(sle.item_code, sle.warehouse, Sum(sle.actual_qty), Max(sle.creation))
			.where(sle.item_code.isin(items) & (sle.is_cancelled == 0))
			.groupby(sle.item_code, sle.warehouse)
			.run()
		}
		reserved = get_reserved_qty(pairs)
		for row in bins:
			pair = (row.item_code, row.warehouse)
			label = f"{row.item_code} @ {row.warehouse}"
			balance = ledger.get(pair, (0.0, None))[0]
			report.count("bin_actual_qty")
			if differs(row.actual_qty, balance):
				report.add("bin_actual_qty", "Bin", row.name, balance, row.actual_qty, label)
			report.count("bin_reserved_qty")
			if differs(row.reserved_qty, reserved.get(pair, 0)):
				report.add(
					"bin_reserved_qty", "Bin", row.name, reserved.get(pair, 0), row.reserved_qty, label
				)
			report.count("bin_projected_qty")
			projected = flt(flt(row.actual_qty) - flt(row.reserved_qty), QTY_PRECISION)
			if differs(row.projected_qty, projected):
				report.add("bin_projected_qty", "Bin", row.name, projected, row.projected_qty, label)
			report.count("negative_stock")
			if not negative_allowed and flt(row.actual_qty) < -QTY_TOLERANCE:
				report.add("negative_stock", "Bin", row.name, ">= 0", row.actual_qty, label)
		check_newest_entries(report, items, pairs, ledger)
	# live entries of an item and warehouse without a Bin
	for item, warehouse, balance in (
		frappe.qb.from_(sle)
		.select(sle.item_code, sle.warehouse, Sum(sle.actual_qty))
		.where(sle.is_cancelled == 0)
		.groupby(sle.item_code, sle.warehouse)
		.run()
	):
		if (item, warehouse) not in seen:
			report.count("bin_actual_qty")
			report.add("bin_actual_qty", "Bin", "", flt(balance), None, f"no Bin for {item} @ {warehouse}")


def check_newest_entries(report: InvariantReport, items: list, pairs: set, ledger: dict):
	"""The newest live entry per pair records today's balance, unless something was cancelled after it."""
	sle = frappe.qb.DocType("Stock Ledger Entry")
	newest = {pair: created for pair, (_balance, created) in ledger.items() if pair in pairs and created}
	if not newest:
		return
	cancelled_after = {
		(item, warehouse): last
		for item, warehouse, last in frappe.qb.from_(sle)
		.select(sle.item_code, sle.warehouse, Max(sle.modified))
		.where(sle.item_code.isin(items) & (sle.is_cancelled == 1))
		.groupby(sle.item_code, sle.warehouse)
		.run()
	}
	entries = (
		frappe.qb.from_(sle)
		.select(sle.name, sle.item_code, sle.warehouse, sle.creation, sle.qty_after_transaction)
		.where(
			sle.item_code.isin(items)
			& (sle.is_cancelled == 0)
			& sle.creation.isin(list({created for created in newest.values()}))
		)
		.run(as_dict=True)
	)
	written_together: dict[tuple, list] = {}
	for entry in entries:
		pair = (entry.item_code, entry.warehouse)
		if newest.get(pair) == entry.creation:
			written_together.setdefault(pair, []).append(entry)
	for pair, group in written_together.items():
		last_cancel = cancelled_after.get(pair)
		if last_cancel and last_cancel >= newest[pair]:
			continue
		report.count("ledger_balance")
		balance = flt(ledger[pair][0], QTY_PRECISION)
		# entries written by one voucher share their timestamp: the last of them holds the balance
		if not any(not differs(entry.qty_after_transaction, balance) for entry in group):
			entry = group[-1]
			report.add(
				"ledger_balance", "Stock Ledger Entry", entry.name, balance, entry.qty_after_transaction,
				f"{pair[0]} @ {pair[1]}",
			)  # fmt: skip


def check_voucher_ledgers(report: InvariantReport):
	sle = frappe.qb.DocType("Stock Ledger Entry")
	for doctype in STOCK_VOUCHERS:
		fields = ("docstatus", "update_stock") if doctype == "Sales Invoice" else ("docstatus",)
		for vouchers in batches(doctype, fields=fields):
			names = [row.name for row in vouchers]
			live: dict[str, dict[tuple, float]] = {}
			for voucher, item, warehouse, qty in (
				frappe.qb.from_(sle)
				.select(sle.voucher_no, sle.item_code, sle.warehouse, Sum(sle.actual_qty))
				.where((sle.voucher_type == doctype) & sle.voucher_no.isin(names) & (sle.is_cancelled == 0))
				.groupby(sle.voucher_no, sle.item_code, sle.warehouse)
				.run()
			):
				live.setdefault(voucher, {})[(item, warehouse)] = flt(qty, QTY_PRECISION)
			moving = [
				row.name
				for row in vouchers
				if row.docstatus == 1 and (doctype != "Sales Invoice" or cint(row.update_stock))
			]
			expected = expected_movements(doctype, moving)
			for row in vouchers:
				report.count("voucher_ledger")
				wanted = expected.get(row.name, {}) if row.name in moving else {}
				found = {pair: qty for pair, qty in live.get(row.name, {}).items() if qty}
				wanted = {pair: qty for pair, qty in wanted.items() if qty}
				if set(found) != set(wanted) or any(differs(found[pair], wanted[pair]) for pair in wanted):
					state = {0: "draft", 1: "submitted", 2: "cancelled"}[cint(row.docstatus)]
					report.add(
						"voucher_ledger", doctype, row.name, describe(wanted), describe(found),
						f"{state}: live ledger entries per item and warehouse",
					)  # fmt: skip
		orphans = (
			frappe.qb.from_(sle)
			.select(sle.voucher_no, Count(sle.name))
			.where(
				(sle.voucher_type == doctype)
				& (sle.is_cancelled == 0)
				& sle.voucher_no.notin(frappe.qb.from_(frappe.qb.DocType(doctype)).select("name"))
			)
			.groupby(sle.voucher_no)
			.run()
		)
		for voucher, count in orphans:
			report.count("voucher_ledger")
			report.add("voucher_ledger", doctype, voucher, "no live entries", f"{count} live entries",
					   "the voucher does not exist")  # fmt: skip


def describe(movements: dict) -> str:
	return (
		", ".join(f"{item}@{warehouse} {qty:g}" for (item, warehouse), qty in sorted(movements.items()))
		or "none"
	)


def expected_movements(doctype: str, vouchers: list[str]) -> dict[str, dict[tuple, float]]:
	"""{voucher: {(item, warehouse): qty}} as its lines post them (sales_module/stock/delivery.py and the
	Stock Entry's `get_sl_entries`): out of the source, into the target, bundles by their components."""
	if not vouchers:
		return {}
	movements: dict[str, dict[tuple, float]] = {}

	def post(voucher: str, item: str, warehouse: str, qty: float):
		if warehouse and item in stock_items:
			moves = movements.setdefault(voucher, {})
			moves[(item, warehouse)] = flt(moves.get((item, warehouse), 0) + flt(qty), QTY_PRECISION)

	if doctype == "Stock Entry":
		rows = frappe.get_all(
			"Stock Entry Detail",
			filters={"parent": ("in", vouchers), "parenttype": doctype},
			fields=["parent", "item_code", "s_warehouse", "t_warehouse", "transfer_qty"],
		)
		stock_items = stock_item_codes({row.item_code for row in rows})
		for row in rows:
			post(row.parent, row.item_code, row.s_warehouse, -flt(row.transfer_qty))
			post(row.parent, row.item_code, row.t_warehouse, flt(row.transfer_qty))
		return movements
	lines = frappe.get_all(
		LINES_OF[doctype],
		filters={"parent": ("in", vouchers), "parenttype": doctype},
		fields=["name", "parent", "item_code", "warehouse", "stock_qty"],
	)
	packed = frappe.get_all(
		"Packed Item",
		filters={"parent": ("in", vouchers), "parenttype": doctype},
		fields=["parent", "parent_detail_docname", "item_code", "warehouse", "qty"],
	)
	stock_items = stock_item_codes({row.item_code for row in lines} | {row.item_code for row in packed})
	bundles = {row.parent_detail_docname for row in packed}
	for row in lines:
		if row.name not in bundles:
			post(row.parent, row.item_code, row.warehouse, -flt(row.stock_qty))
	for row in packed:
		post(row.parent, row.item_code, row.warehouse, -flt(row.qty))
	return movements


def stock_item_codes(codes: set[str]) -> set[str]:
	if not codes:
		return set()
	return set(
		frappe.get_all("Item", filters={"name": ("in", list(codes)), "is_stock_item": 1}, pluck="name")
	)


# ---------------------------------------------------------------- figures


def figure_targets() -> list[tuple[str, object]]:
	"""(target DocType, relation) for every relation, the order advances included."""
	return [
		*((doctype, relation) for doctype, relation in RELATIONS.items()),
		("Sales Order", ORDER_ADVANCES),
	]


def check_figures(report: InvariantReport):
	for doctype, relation in figure_targets():
		submitted = frappe.get_meta(doctype).is_submittable
		for rows in batches(doctype, filters=(lambda table: table.docstatus == 1) if submitted else None):
			for found in expected_figures(doctype, [row.name for row in rows], relation=relation):
				if found.refusal:
					report.add(
						"figure_limit", found.doctype, found.name, "within limits", "beyond", found.refusal
					)
					continue
				report.count("figure")
				tolerance = (
					AMOUNT_TOLERANCE
					if frappe.get_meta(found.doctype).get_field(found.field)
					and frappe.get_meta(found.doctype).get_field(found.field).fieldtype == "Currency"
					else QTY_TOLERANCE
				)
				if differs(found.stored, found.expected, tolerance):
					report.add("figure", found.doctype, found.name, found.expected, found.stored, found.field)
			report.count("figure_limit", len(rows))


# ---------------------------------------------------------------- documents


def check_documents(report: InvariantReport):
	for doctype, line_doctype in LINES_OF.items():
		for rows in batches(doctype, filters=lambda table: table.docstatus == 1):
			names = [row.name for row in rows]
			check_lines(report, doctype, line_doctype, names)
			if doctype in SELLING_DOCUMENTS:
				check_totals(report, doctype, line_doctype, names)


def check_lines(report: InvariantReport, doctype: str, line_doctype: str, names: list[str]):
	line = frappe.qb.DocType(line_doctype)
	counts = {
		parent: (count, off)
		for parent, count, off in frappe.qb.from_(line)
		.select(line.parent, Count(line.name), Sum(Case().when(line.docstatus != 1, 1).else_(0)))
		.where(line.parent.isin(names) & (line.parenttype == doctype))
		.groupby(line.parent)
		.run()
	}
	for name in names:
		report.count("document_lines")
		count, off = counts.get(name, (0, 0))
		if not count:
			report.add("document_lines", doctype, name, "lines", "no lines", "submitted without lines")
		elif cint(off):
			report.add("document_lines", doctype, name, "docstatus 1", f"{cint(off)} lines not submitted")


def check_totals(report: InvariantReport, doctype: str, line_doctype: str, names: list[str]):
	header, line = frappe.qb.DocType(doctype), frappe.qb.DocType(line_doctype)
	sums = {
		parent: (flt(amount), flt(net))
		for parent, amount, net in frappe.qb.from_(line)
		.select(line.parent, Sum(line.amount), Sum(line.net_amount))
		.where(line.parent.isin(names) & (line.parenttype == doctype))
		.groupby(line.parent)
		.run()
	}
	for row in (
		frappe.qb.from_(header)
		.select(
			header.name, header.total, header.net_total, header.total_taxes_and_charges, header.grand_total
		)
		.where(header.name.isin(names))
		.run(as_dict=True)
	):
		report.count("line_totals")
		amount, net = sums.get(row.name, (0.0, 0.0))
		for fieldname, stored, expected in (
			("total", row.total, amount),
			("net_total", row.net_total, net),
			("grand_total", row.grand_total, flt(row.net_total) + flt(row.total_taxes_and_charges)),
		):
			if differs(stored, expected, AMOUNT_TOLERANCE):
				report.add("line_totals", doctype, row.name, flt(expected, 6), stored, fieldname)


# ---------------------------------------------------------------- statuses

STATUS_FIELDS = {
	"Quotation": ("status", "docstatus", "valid_till"),
	"Sales Order": ("status", "docstatus", "per_delivered", "per_billed", "skip_delivery_note"),
	"Delivery Note": ("status", "docstatus", "is_return", "per_billed", "per_returned"),
	"Sales Invoice": (
		"status", "docstatus", "is_return", "outstanding_amount", "grand_total", "rounded_total",
		"disable_rounded_total", "due_date",
	),
}  # fmt: skip
# (called for, stored): statuses the passing of time brings, set by the daily jobs
TIME_DRIVEN = {("Overdue", "Unpaid"), ("Overdue", "Partly Paid"), ("Expired", "Open")}


def check_statuses(report: InvariantReport):
	for doctype, fields in STATUS_FIELDS.items():
		for rows in batches(doctype, filters=lambda table: table.docstatus > 0, fields=fields):
			names = [row.name for row in rows]
			lines: dict[str, list] = {}
			if doctype == "Quotation":
				for line in frappe.get_all(
					"Quotation Item",
					filters={"parent": ("in", names), "parenttype": doctype},
					fields=["parent", "stock_qty", "ordered_qty"],
				):
					lines.setdefault(line.parent, []).append(line)
			schedules: dict[str, list] = {}
			if doctype == "Sales Invoice":
				for row in frappe.get_all(
					"Payment Schedule",
					filters={"parent": ("in", names), "parenttype": doctype},
					fields=["parent", "due_date", "outstanding"],
				):
					schedules.setdefault(row.parent, []).append(row)
			for row in rows:
				report.count("status")
				header = {**row, "payment_schedule": schedules.get(row.name, [])}
				expected = document_status(doctype, header, lines.get(row.name, []))
				if expected != row.status and (expected, row.status) not in TIME_DRIVEN:
					report.add("status", doctype, row.name, expected, row.status)
