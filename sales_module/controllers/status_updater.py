"""Quantities that follow other documents (delivered, billed, returned, ordered, outstanding).

Every figure is recomputed as a sum over submitted documents, never incremented. The rows being
recomputed are locked first and the sums are read with locking reads, so two users submitting at the
same moment are serialised and the second one sees what the first one committed.
"""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Sum
from frappe.utils import flt

from sales_module.engine import evaluate_status
from sales_module.utils.transactions import ChangedChildRowsOnly, RetryOnLockConflict, read_protected

QTY_PRECISION = 6
AMOUNT_PRECISION = 2


# Every submit / cancel / status change locks what it shares with other documents BEFORE writing its own
# row, bins first and documents in this order, so concurrent transactions queue instead of deadlocking.
LOCK_ORDER = (
	"Customer",
	"Coupon Code",
	"Blanket Order",
	"Quotation",
	"Sales Order",
	"Delivery Note",
	"Sales Invoice",
)


class SharedRowLocks(RetryOnLockConflict, ChangedChildRowsOnly):
	"""Mixin: `shared_rows()` names the rows, `bins_to_lock()` the (item, warehouse) stock bins.

	Documents that share rows also retry a save that lost a deadlock and write only changed child rows.
	"""

	def shared_rows(self) -> dict[str, set[str]]:
		return {}

	def bins_to_lock(self) -> set[tuple[str, str]]:
		return set()

	def lock_shared_rows(self):
		# once per save: before Frappe's own-row lock, or in before_submit for a new document
		if self.flags.shared_rows_locked:
			return
		self.flags.shared_rows_locked = True
		if bins := self.bins_to_lock():
			from sales_module.stock.utils import lock_bins

			# their names serve the reservation update of this save (sales_module/selling/reservation.py)
			self.flags.locked_bins = lock_bins(bins)
		rows = self.shared_rows()
		for doctype in LOCK_ORDER:
			lock_rows(doctype, rows.get(doctype, ()))

	def load_doc_before_save(self, *args, **kwargs):
		# Frappe locks the document's own row (and child rows) here; shared rows must be locked first
		self.forget_locks()
		if self.is_changing_docstatus():
			self.lock_shared_rows()
			self.flags.locked_before_own_row = True
		return super().load_doc_before_save(*args, **kwargs)

	def before_validate(self):
		# locks taken by an earlier, failed save of this object do not carry over
		if not self.flags.locked_before_own_row:
			self.forget_locks()
		self.flags.locked_before_own_row = False

	def forget_locks(self):
		self.flags.shared_rows_locked = False
		self.flags.stock_pairs = None
		self.flags.locked_bins = None

	def _submit(self):
		return self.changing_docstatus(super()._submit)

	def _cancel(self):
		return self.changing_docstatus(super()._cancel)

	def changing_docstatus(self, operation):
		self.flags.submitting_or_cancelling = True
		try:
			return operation()
		finally:
			self.flags.submitting_or_cancelling = False

	def is_changing_docstatus(self) -> bool:
		if self.is_new():
			return False
		if self.flags.submitting_or_cancelling:
			return True  # submit() and cancel() change it; a plain save may too (docstatus in a PUT)
		table = frappe.qb.DocType(self.doctype)
		stored = frappe.qb.from_(table).select(table.docstatus).where(table.name == self.name).run()
		return bool(stored) and int(stored[0][0]) != int(self.docstatus or 0)

	def before_submit(self):
		# a document inserted and submitted at once has no row of its own yet
		self.lock_shared_rows()

	def before_cancel(self):
		self.lock_shared_rows()


def lock_rows(doctype: str, names) -> list[str]:
	"""Lock the rows in a fixed order (so concurrent transactions cannot deadlock on them)."""
	names = sorted({name for name in names if name})
	if not names:
		return []
	table = frappe.qb.DocType(doctype)
	return (
		frappe.qb.from_(table).select(table.name).where(table.name.isin(names)).for_update().run(pluck=True)
	)


def bulk_set_values(doctype: str, values: dict[str, dict[str, float]]):
	"""Set fields of many rows in one UPDATE: {row name: {fieldname: value}} (same fields on every row)."""
	if not values:
		return
	table = frappe.qb.DocType(doctype)
	fieldnames = next(iter(values.values())).keys()
	query = frappe.qb.update(table).where(table.name.isin(list(values)))
	for fieldname in fieldnames:
		case = Case()
		for name, row in values.items():
			case = case.when(table.name == name, row[fieldname])
		query = query.set(table[fieldname], case)
	query.run()


def sum_by_detail(
	child_doctype: str,
	parent_doctype: str,
	detail_field: str,
	details: list[str],
	value_field: str,
	extra_condition=None,
) -> dict[str, float]:
	"""SUM(child.value_field) of submitted parents, grouped by child.detail_field.

	The caller holds the lock of the documents the details belong to, which every writer takes first.
	"""
	if not details:
		return {}
	child, parent = frappe.qb.DocType(child_doctype), frappe.qb.DocType(parent_doctype)
	condition = child[detail_field].isin(details) & (parent.docstatus == 1)
	if extra_condition is not None:
		condition &= extra_condition(parent, child)
	rows = read_protected(
		frappe.qb.from_(child)
		.join(parent)
		.on(parent.name == child.parent)
		.select(child[detail_field], Sum(child[value_field]))
		.where(condition & (child.parenttype == parent_doctype))
		.groupby(child[detail_field])
	).run()
	return {detail: flt(total) for detail, total in rows}


def fulfilment_status(percent: float, keyword: str) -> str:
	if percent <= 0:
		return _not(keyword)
	return f"Fully {keyword}" if percent >= 100 else f"Partly {keyword}"


def _not(keyword: str) -> str:
	return f"Not {keyword}"


def percent_of(done: list[tuple[float, float]]) -> float:
	"""Share of the whole that is done, counting each line at most in full."""
	whole = sum(abs(total) for _done, total in done)
	if not whole:
		return 0.0
	return flt(sum(min(abs(part), abs(total)) for part, total in done if part > 0) * 100 / whole, 6)


def billed_percent(lines: list[tuple[float, float, float, float]]) -> float:
	"""(billed amount, amount, billed qty, qty) per line: billed share by amount; a document whose
	lines are all at zero (free, agreed at zero) is billed by quantity instead."""
	if any(amount for _billed, amount, _billed_qty, _qty in lines):
		return percent_of([(billed, amount) for billed, amount, _billed_qty, _qty in lines])
	return percent_of([(billed_qty, qty) for _billed, _amount, billed_qty, qty in lines])


def billed_qty_by_line(detail_field: str, lines: list[str]) -> dict[str, float]:
	"""Stock qty billed by submitted invoices per source line, for lines at zero amount (only their
	quantity tells whether they were billed)."""
	if not lines:
		return {}
	return sum_by_detail("Sales Invoice Item", "Sales Invoice", detail_field, lines, "stock_qty")


def get_allowance(fieldname: str) -> float:
	return flt(frappe.db.get_single_value("Selling Settings", fieldname))


# ---------------------------------------------------------------- sales order


def update_sales_orders(names, check_overflow: str | None = None, update_reservation: bool = True):
	"""Recompute delivered / returned / billed of the orders' lines, their percentages and statuses.

	check_overflow: "delivery" or "billing" refuses quantities beyond the Selling Settings allowance.
	"""
	orders = lock_rows("Sales Order", names)
	if not orders:
		return
	lines = frappe.get_all(
		"Sales Order Item",
		filters={"parent": ("in", orders), "parenttype": "Sales Order"},
		fields=["name", "parent", "idx", "item_code", "qty", "stock_qty", "conversion_factor", "amount"],
	)
	details = [line.name for line in lines]
	billed_qty = billed_qty_by_line("so_detail", [line.name for line in lines if not flt(line.amount)])
	delivered = sum_by_detail("Delivery Note Item", "Delivery Note", "so_detail", details, "stock_qty")
	returned = sum_by_detail(
		"Delivery Note Item",
		"Delivery Note",
		"so_detail",
		details,
		"stock_qty",
		lambda parent, _c: parent.is_return == 1,
	)
	billed = sum_by_detail("Sales Invoice Item", "Sales Invoice", "so_detail", details, "amount")
	per_order: dict[str, dict[str, list]] = {name: {"delivery": [], "billing": []} for name in orders}
	line_values: dict[str, dict[str, float]] = {}
	for line in lines:
		factor = flt(line.conversion_factor) or 1
		delivered_qty = flt(delivered.get(line.name, 0) / factor, QTY_PRECISION)
		returned_qty = flt(-returned.get(line.name, 0) / factor, QTY_PRECISION)
		billed_amt = flt(billed.get(line.name, 0), AMOUNT_PRECISION)
		if check_overflow:
			check_line_overflow(line, delivered_qty, billed_amt, check_overflow)
		line_values[line.name] = {
			"delivered_qty": delivered_qty,
			"returned_qty": returned_qty,
			"billed_amt": billed_amt,
		}
		per_order[line.parent]["delivery"].append((delivered_qty, flt(line.qty)))
		per_order[line.parent]["billing"].append(
			(billed_amt, flt(line.amount), flt(billed_qty.get(line.name)), flt(line.stock_qty))
		)
	bulk_set_values("Sales Order Item", line_values)
	from sales_module.selling.doctype.sales_order.sales_order import SalesOrder

	# the headers only: loading whole orders of many lines again would cost more than all the sums
	for order in frappe.get_all(
		"Sales Order",
		filters={"name": ("in", orders)},
		fields=["name", "docstatus", "status", "skip_delivery_note"],
	):
		order.per_delivered = percent_of(per_order[order.name]["delivery"])
		order.per_billed = billed_percent(per_order[order.name]["billing"])
		closed = order.status == "Closed"
		frappe.db.set_value(
			"Sales Order",
			order.name,
			{
				"per_delivered": order.per_delivered,
				"per_billed": order.per_billed,
				"delivery_status": "Closed"
				if closed
				else fulfilment_status(order.per_delivered, "Delivered"),
				"billing_status": "Closed" if closed else fulfilment_status(order.per_billed, "Billed"),
				"status": evaluate_status(
					SalesOrder.status_map, order, order.status, sticky=SalesOrder.sticky_statuses
				),
			},
			update_modified=False,
		)
	if update_reservation:
		from sales_module.selling.reservation import order_stock_pairs, update_reserved_qty

		update_reserved_qty(order_stock_pairs(orders))


def check_line_overflow(line, delivered_qty: float, billed_amt: float, kind: str):
	if kind == "delivery":
		allowance = get_allowance("over_delivery_allowance")
		limit = flt(line.qty) * (1 + allowance / 100)
		if delivered_qty > flt(limit, QTY_PRECISION):
			frappe.throw(
				_(
					"Sales Order {0} row {1}: {2} delivered of {3} ordered for Item {4}; "
					"the over-delivery allowance is {5}%"
				).format(
					line.parent,
					line.idx,
					delivered_qty,
					flt(line.qty),
					frappe.bold(line.item_code),
					allowance,
				),
				title=_("Over Delivery"),
			)
	if kind == "billing":
		allowance = get_allowance("over_billing_allowance")
		limit = flt(line.amount) * (1 + allowance / 100)
		if billed_amt > flt(limit, AMOUNT_PRECISION):
			frappe.throw(
				_(
					"Sales Order {0} row {1}: {2} billed of {3} ordered for Item {4}; "
					"the over-billing allowance is {5}%"
				).format(
					line.parent,
					line.idx,
					billed_amt,
					flt(line.amount),
					frappe.bold(line.item_code),
					allowance,
				),
				title=_("Over Billing"),
			)


# ---------------------------------------------------------------- delivery note


def update_delivery_notes(names, check_overflow: bool = False):
	"""Recompute billed and returned figures of delivery notes and their statuses."""
	notes = lock_rows("Delivery Note", names)
	if not notes:
		return
	lines = frappe.get_all(
		"Delivery Note Item",
		filters={"parent": ("in", notes), "parenttype": "Delivery Note"},
		fields=["name", "parent", "idx", "item_code", "qty", "stock_qty", "amount", "conversion_factor"],
	)
	details = [line.name for line in lines]
	billed = sum_by_detail("Sales Invoice Item", "Sales Invoice", "dn_detail", details, "amount")
	billed_qty = billed_qty_by_line("dn_detail", [line.name for line in lines if not flt(line.amount)])
	returned = sum_by_detail(
		"Delivery Note Item",
		"Delivery Note",
		"dn_detail",
		details,
		"stock_qty",
		lambda parent, _c: parent.is_return == 1,
	)
	figures: dict[str, dict[str, list]] = {name: {"billing": [], "returns": []} for name in notes}
	line_values: dict[str, dict[str, float]] = {}
	for line in lines:
		billed_amt = flt(billed.get(line.name, 0), AMOUNT_PRECISION)
		returned_qty = flt(-returned.get(line.name, 0) / (flt(line.conversion_factor) or 1), QTY_PRECISION)
		if check_overflow and returned_qty > flt(line.qty) > 0:
			frappe.throw(
				_("Delivery Note {0} row {1}: {2} returned of {3} delivered for Item {4}").format(
					line.parent, line.idx, returned_qty, flt(line.qty), frappe.bold(line.item_code)
				),
				title=_("Over Return"),
			)
		frappe.db.set_value(
			"Delivery Note Item",
			line.name,
			{"billed_amt": billed_amt, "returned_qty": returned_qty},
			update_modified=False,
		)
		figures[line.parent]["billing"].append(
			(billed_amt, flt(line.amount), flt(billed_qty.get(line.name)), flt(line.stock_qty))
		)
		figures[line.parent]["returns"].append((returned_qty, flt(line.qty)))
	bulk_set_values("Delivery Note Item", line_values)
	for name in notes:
		note = frappe.get_doc("Delivery Note", name)  # few lines in a return; status needs the whole note
		note.db_set(
			{
				"per_billed": billed_percent(figures[name]["billing"]),
				"per_returned": percent_of(figures[name]["returns"]),
			},
			update_modified=False,
		)
		note.set_status(update=True)


# ---------------------------------------------------------------- sales invoice


def update_invoice_outstanding(names):
	"""outstanding = payable total - submitted payment allocations - submitted credit notes against it."""
	invoices = lock_rows("Sales Invoice", names)
	if not invoices:
		return
	paid = sum_reference_allocations("Sales Invoice", invoices)
	credits = sum_credit_notes(invoices)
	for name in invoices:
		invoice = frappe.get_doc("Sales Invoice", name)
		if invoice.is_return:
			invoice.db_set({"outstanding_amount": 0, "paid_amount": 0}, update_modified=False)
			invoice.set_status(update=True)
			continue
		payable = invoice.payable_total()
		outstanding = flt(payable - paid.get(name, 0) + credits.get(name, 0), invoice.precision_digits)
		if outstanding < 0:
			frappe.throw(
				_("Sales Invoice {0}: payments and credit notes of {1} exceed its total of {2}").format(
					frappe.bold(name), flt(paid.get(name, 0) - credits.get(name, 0)), payable
				),
				title=_("Over Allocation"),
			)
		invoice.db_set(
			{"outstanding_amount": outstanding, "paid_amount": flt(paid.get(name, 0))}, update_modified=False
		)
		invoice.outstanding_amount = outstanding
		update_schedule_outstanding(invoice, flt(payable - outstanding))
		invoice.set_status(update=True)
	from sales_module.accounts.doctype.dunning.dunning import refresh_dunnings_of_invoices

	refresh_dunnings_of_invoices(invoices)


def sum_reference_allocations(reference_doctype: str, names: list[str]) -> dict[str, float]:
	reference, entry = frappe.qb.DocType("Payment Entry Reference"), frappe.qb.DocType("Payment Entry")
	rows = read_protected(
		frappe.qb.from_(reference)
		.join(entry)
		.on(entry.name == reference.parent)
		.select(reference.reference_name, Sum(reference.allocated_amount))
		.where(
			(reference.reference_doctype == reference_doctype)
			& reference.reference_name.isin(names)
			& (entry.docstatus == 1)
		)
		.groupby(reference.reference_name)
	).run()
	return {name: flt(total) for name, total in rows}


def sum_credit_notes(invoices: list[str]) -> dict[str, float]:
	"""Totals of submitted credit notes against each invoice (negative figures)."""
	table = frappe.qb.DocType("Sales Invoice")
	payable = (
		frappe.qb.terms.Case()
		.when(table.disable_rounded_total == 1, table.grand_total)
		.else_(table.rounded_total)
	)
	rows = read_protected(
		frappe.qb.from_(table)
		.select(table.return_against, Sum(payable))
		.where((table.is_return == 1) & (table.docstatus == 1) & table.return_against.isin(invoices))
		.groupby(table.return_against)
	).run()
	return {name: flt(total) for name, total in rows}


def update_schedule_outstanding(invoice, settled: float):
	"""Spread what was paid or credited over the schedule rows in due order."""
	remaining = settled
	for row in sorted(invoice.payment_schedule, key=lambda row: (row.due_date, row.idx)):
		paid = min(flt(row.payment_amount), max(remaining, 0))
		remaining -= paid
		frappe.db.set_value(
			"Payment Schedule",
			row.name,
			{"paid_amount": flt(paid, 2), "outstanding": flt(flt(row.payment_amount) - paid, 2)},
			update_modified=False,
		)


def update_order_advances(orders):
	orders = lock_rows("Sales Order", orders)
	if not orders:
		return
	paid = sum_reference_allocations("Sales Order", orders)
	for name in orders:
		order = frappe.get_doc("Sales Order", name)
		if flt(paid.get(name, 0)) > order.payable_total():
			frappe.throw(
				_("Advance payments of {0} exceed the total {1} of Sales Order {2}").format(
					flt(paid.get(name, 0)), order.payable_total(), frappe.bold(name)
				),
				title=_("Over Allocation"),
			)
		order.db_set("advance_paid", flt(paid.get(name, 0)), update_modified=False)
