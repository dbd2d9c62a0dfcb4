"""Update Items: change, add and remove the lines of a submitted Sales Order (ERPNext's
`update_child_qty_rate`, answering at its path too).

A request sends the order's lines as they should be: `docname` names a stored line (absent for a new
line) with `qty`, `rate`, `uom`, `conversion_factor`, `delivery_date`; stored lines left out are removed.
The engine (`sales_module.engine.order_changes`) plans what really changes and refuses what may not: a
quantity below what was delivered or billed, a rate changed after billing, a delivered or billed line
removed, or one a draft delivery or invoice was made from. Changed and new lines go through the checks of a new line (item, unit, whole quantities,
delivery date, price); the order is then recalculated by the controller's own steps (totals and taxes,
commission, packed items, payment schedule) and everything that follows it is recomputed: delivered and
billed percentages and status, advances, the stock it reserves, blanket order and quotation ordered
quantities, and the customer's credit limit when the total grows.

It works as a submit does: the stock bins of the old and new lines first, then the shared rows in
LOCK_ORDER (the customer, blanket orders, quotations, the order itself), then the order is read again
behind those locks and changed. All of it is one transaction, under a savepoint: any refusal leaves the
order, its bins and everything else as they were, even for a caller that catches it and goes on. A change that changes nothing writes nothing.
"""

import json

import frappe
from frappe import _
from frappe.utils import cint, escape_html, flt

from sales_module.controllers.locking import LOCK_ORDER, lock_rows
from sales_module.controllers.recompute import billed_qty_by_line, recompute, recompute_order_advances
from sales_module.engine import (
	check_line_change,
	check_line_removal,
	kept_rate,
	plan_line_changes,
)
from sales_module.exceptions import (
	BlanketOrderError,
	DocumentStateError,
	InvalidUOMError,
	InvalidValueError,
)
from sales_module.selling.blanket_orders import validate_blanket_order_lines
from sales_module.selling.credit_limit import check_credit_limit
from sales_module.stock.reservation import find_stock_pairs, update_reserved_qty
from sales_module.stock.utils import lock_bins, undo_on_error
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.permissions import ensure_permitted
from sales_module.utils.transactions import reads_latest_commits, run_retrying_from_start

# statuses of a submitted order whose lines stay as they are (ERPNext's rule)
FROZEN_STATUSES = ("Closed", "On Hold", "Completed")
NUMBER_FIELDS = ("qty", "rate", "conversion_factor")


@frappe.whitelist()
def update_child_qty_rate(
	parent_doctype: str, trans_items: str | list, parent_doctype_name: str, child_docname: str = "items"
) -> None:
	"""ERPNext's "Update Items": `trans_items` (a JSON list) are the order's lines as they should be."""
	if parent_doctype != "Sales Order":
		frappe.throw(
			_("Update Items works on a submitted Sales Order, not on {0}").format(_(parent_doctype)),
			DocumentStateError,
			title=_("Update Items"),
		)
	if child_docname != "items":
		frappe.throw(
			_("Update Items changes the table items, not {0}").format(child_docname),
			InvalidValueError,
			title=_("Update Items"),
		)
	ensure_permitted("Sales Order", "write", parent_doctype_name)
	update_order_items(parent_doctype_name, parse_lines(trans_items))


def parse_lines(trans_items: str | list) -> list:
	if isinstance(trans_items, str):
		try:
			trans_items = json.loads(trans_items)
		except ValueError:
			frappe.throw(_("The items must be a JSON list"), InvalidValueError, title=_("Update Items"))
	if not isinstance(trans_items, list):
		frappe.throw(_("The items must be a JSON list"), InvalidValueError, title=_("Update Items"))
	return trans_items


def update_order_items(name: str, lines: list) -> bool:
	"""Apply the lines to Sales Order `name`; returns whether anything changed."""
	return run_retrying_from_start(lambda: _undone_if_refused(name, lines), "Sales Order", name)


def _undone_if_refused(name: str, lines: list) -> bool:
	# a refusal undoes what the update wrote even when the caller carries on with its transaction
	with undo_on_error():
		return _update_order_items(name, lines)


def _update_order_items(name: str, lines: list) -> bool:
	# a first pass without locks tells which rows the change touches, so they are locked in order
	draft = frappe.get_doc("Sales Order", name)
	ensure_editable(draft)
	plan = plan_changes(draft, lines)
	if plan.is_empty:
		return False
	pairs, shared = touched_rows(draft)
	apply_changes(draft, plan)
	more_pairs, more_shared = touched_rows(draft)
	locked_bins = lock_bins(pairs | more_pairs)
	for doctype in LOCK_ORDER:
		names = set(shared.get(doctype, ())) | set(more_shared.get(doctype, ()))
		lock_rows(doctype, (names | {name}) if doctype == "Sales Order" else names)

	# behind the locks: the order as it is now (a locking read where a plain one sees an older snapshot)
	order = frappe.get_doc("Sales Order", name, for_update=not reads_latest_commits())
	ensure_editable(order)
	plan = plan_changes(order, lines)
	if plan.is_empty:
		return False
	stored_pairs, stored_shared = touched_rows(order)
	stored_total = flt(order.base_grand_total)
	summary = describe(order, plan)
	apply_changes(order, plan)
	order.flags.ignore_validate_update_after_submit = True
	# the version history always records the change (Frappe's default skips versions under tests)
	order.save(ignore_version=False)

	new_pairs, new_shared = touched_rows(order)
	recompute("Sales Order", [name], check=("delivered_qty", "billed_amt"))
	recompute_order_advances([name])
	update_reserved_qty(stored_pairs | new_pairs, locked_bins=locked_bins)
	for doctype in ("Blanket Order", "Quotation"):
		recompute(doctype, set(stored_shared[doctype]) | set(new_shared[doctype]))
	if flt(order.base_grand_total) > stored_total:
		check_credit_limit(order)
	order.add_comment("Edit", summary)
	return True


def ensure_editable(order):
	order.check_permission("write")
	if order.docstatus != 1:
		frappe.throw(
			_("Sales Order {0} is not submitted: change its items on the form").format(order.name),
			DocumentStateError,
			title=_("Update Items"),
		)
	if order.status in FROZEN_STATUSES:
		frappe.throw(
			_("Sales Order {0} is {1}: its items cannot be updated").format(order.name, _(order.status)),
			DocumentStateError,
			title=_("Update Items"),
		)


def plan_changes(order, lines: list):
	with engine_errors(_("Update Items")):
		return plan_line_changes(order.items, lines, rate_precision=order.precision_digits)


def touched_rows(order) -> tuple[set, dict]:
	"""The (item, warehouse) bins and the shared rows the order's lines are counted in."""
	return find_stock_pairs(order), {doctype: set(names) for doctype, names in order.shared_rows().items()}


def apply_changes(order, plan):
	"""Change the lines as planned and recalculate the order with the checks of a new line."""
	rows = {row.name: row for row in order.items}
	stored = {name: frappe._dict(row.as_dict()) for name, row in rows.items()}
	# billed quantities are not stored on order lines: summed over the submitted invoices
	billed = billed_qty_by_line("so_detail", [*plan.removals, *(update.name for update in plan.updates)])
	drafts = drafts_by_line(plan.removals)
	for name, line in stored.items():
		line.billed_stock_qty = billed.get(name, 0)
		line.draft_documents = drafts.get(name, [])
	with engine_errors(_("Update Items")):
		for name in plan.removals:
			check_line_removal(stored[name])
	removed = set(plan.removals)
	order.set("items", [row for row in order.items if row.name not in removed])
	updated = []
	for update in plan.updates:
		row = rows[update.name]
		if "rate" in update.changes and row.blanket_order:
			frappe.throw(
				_("Row {0}: the rate of Item {1} is agreed on Blanket Order {2}").format(
					row.idx, frappe.bold(row.item_code), row.blanket_order
				),
				BlanketOrderError,
				title=_("Blanket Order"),
			)
		for fieldname, value in update.changes.items():
			row.set(fieldname, flt(value) if fieldname in NUMBER_FIELDS else value)
		updated.append(row)
	added = []
	for values in plan.additions:
		row = order.append("items", {key: value for key, value in values.items() if key not in NUMBER_FIELDS})
		row.qty = flt(values.get("qty"))
		if values.get("rate") is not None:
			row.rate = flt(values["rate"])
		row.flags.rate_not_given = values.get("rate") is None
		row.flags.price_list_rate_not_given = True
		added.append(row)
	for idx, row in enumerate(order.items, 1):
		row.idx = idx

	order.flags.updating_items = True
	order.load_items(rows_to_check=added)
	order.set_item_details(rows=updated + added)
	sent = [update.changes for update in plan.updates] + list(plan.additions)
	for row, values in zip(updated + added, sent, strict=True):
		factor = values.get("conversion_factor")
		if factor is not None and flt(factor) != flt(row.conversion_factor):
			frappe.throw(
				_("Row {0}: Item {1} converts {2} at {3}, not {4}").format(
					row.idx, frappe.bold(row.item_code), row.uom, flt(row.conversion_factor), flt(factor)
				),
				InvalidUOMError,
				title=_("Invalid UOM"),
			)
	order.set_delivery_dates()
	if any(row.blanket_order for row in updated + added):
		validate_blanket_order_lines(order)
	price_lines(order, updated, plan, added)
	order.calculate_taxes_and_totals()
	order.set_commission()
	order.set_packed_items()
	order.set_payment_schedule()
	order.set_stock_availability()
	order.check_prices()
	with engine_errors(_("Update Items")):
		for row in updated:
			check_line_change(stored[row.name], row, rate_precision=order.precision_digits)


def drafts_by_line(lines) -> dict[str, list[str]]:
	"""{order line: draft Delivery Notes and Sales Invoices with a line made from it}."""
	found: dict[str, list[str]] = {}
	if not lines:
		return found
	for doctype, line_doctype in (
		("Delivery Note", "Delivery Note Item"),
		("Sales Invoice", "Sales Invoice Item"),
	):
		line, voucher = frappe.qb.DocType(line_doctype), frappe.qb.DocType(doctype)
		rows = (
			frappe.qb.from_(line)
			.join(voucher)
			.on(voucher.name == line.parent)
			.select(line.so_detail, voucher.name)
			.where((voucher.docstatus == 0) & line.so_detail.isin(list(lines)))
			.run()
		)
		for so_detail, name in rows:
			found.setdefault(so_detail, []).append(name)
	return found


def price_lines(order, updated: list, plan, added: list):
	"""A changed line keeps the rate sent (its discount shows the gap to its list price); a new line is
	priced by the rate sent, or from the price list when it comes without one."""
	for row, update in zip(updated, plan.updates, strict=True):
		if "rate" not in update.changes:
			continue
		figures = kept_rate(row.rate, row.price_list_rate, order.precision_digits)
		row.discount_percentage = flt(figures.discount_percentage)
		row.discount_amount = flt(figures.discount_amount)
		order.validate_max_discount(row)
	order._unpriced = []
	if not added:
		return
	result = order.price(added, rules_apply=False)
	for row, priced in zip(added, result.lines, strict=True):
		order.set_line_price(row, priced)
		if priced.is_unpriced and not flt(row.rate) and not cint(row.is_free_item):
			order._unpriced.append(row)


def describe(order, plan) -> str:
	"""The timeline's account of the change, from the order as stored."""
	rows = {row.name: row for row in order.items}
	parts = []
	for update in plan.updates:
		row = rows[update.name]
		changes = ", ".join(
			_("{0} {1} to {2}").format(
				_(row.meta.get_label(fieldname)), shown(row.get(fieldname)), shown(value)
			)
			for fieldname, value in update.changes.items()
		)
		parts.append(_("Row {0} ({1}): {2}").format(row.idx, escape_html(row.item_code), changes))
	for values in plan.additions:
		parts.append(
			_("{0} added: {1} at {2}").format(
				escape_html(values["item_code"]), shown(values.get("qty")), shown(values.get("rate"))
			)
		)
	for name in plan.removals:
		parts.append(_("Row {0} ({1}) removed").format(rows[name].idx, escape_html(rows[name].item_code)))
	return _("Items updated: {0}").format("; ".join(parts))


def shown(value) -> str:
	if value is None or value == "":
		return "-"
	if isinstance(value, str):
		return escape_html(value)
	if hasattr(value, "year"):
		return frappe.format(value, "Date")
	return f"{flt(value):g}"
