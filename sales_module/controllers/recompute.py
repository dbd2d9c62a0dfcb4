"""Figures that follow other documents, kept by one mechanism: the `RELATIONS` table and `recompute`.

A relation names the fields of a target document (or of its lines) that are sums over submitted source
documents, the allowance that caps each, and what follows on the header (percentages, statuses).
`recompute(doctype, names)` locks the targets (the fixed lock order of sales_module/controllers/locking.py
is the caller's: sources lock their targets before their own row), reads each sum with one grouped query
behind those locks, refuses a figure beyond its allowance when asked to check, writes only the values
that changed (one statement per table) and updates the headers. Nothing is ever incremented: cancelling a
source and recomputing gives back the figures as they were.

Quantities are kept in the stock unit (`stock`) or the line's unit (`line`, the stock sum divided by the
line's conversion factor) at the engine's quantity precision; amounts at the target currency's precision.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import cint, flt

from sales_module.accounts.dunnings import refresh_dunnings_of_invoices
from sales_module.accounts.invoicing import settle_schedules
from sales_module.controllers.locking import lock_rows
from sales_module.controllers.statuses import document_status, fulfilment_status
from sales_module.engine import EngineValidationError, exceeds_allowance, invoice_outstanding, payable_total
from sales_module.engine.quantities import QTY_PRECISION, billed_percent, percent_of
from sales_module.engine.text import N_
from sales_module.exceptions import (
	BlanketOrderExceededError,
	CouponExhaustedError,
	OverAllocationError,
	OverBillingError,
	OverDeliveryError,
	OverReturnError,
)
from sales_module.stock.reservation import order_stock_pairs, update_reserved_qty
from sales_module.utils.currency import currency_precision
from sales_module.utils.engine_bridge import engine_message
from sales_module.utils.pricing_data import coupon_uses_by_customer
from sales_module.utils.transactions import read_protected, snapshot_reads


@dataclass(frozen=True)
class Figure:
	"""`field` of each target line (or header) = the sum of `value` over the submitted `source` rows
	whose `link` fields name it; `key` names the target's matching fields (its name by default)."""

	field: str
	source: str
	value: str
	link: tuple[str, ...]
	key: tuple[str, ...] = ("name",)
	parent: str | None = None  # the source's parent DocType when `source` is a child table
	unit: str = "stock"  # "stock", "line" (per the target line's conversion factor), "amount", "count"
	negate: bool = False
	where: Callable | None = None  # extra condition on (source header table, source table)
	adds: bool = False  # adds to the figure of the same field before it (a second source)


@dataclass(frozen=True)
class Limit:
	"""A figure may not pass `cap` x (1 + allowance %): checked when the caller names the figure (the
	submit that adds to it), or on every recompute when `always`."""

	figure: str
	cap: str
	refusal: type
	message: str  # English, marked with N_(): translated when the refusal is raised, in the user's language
	title: str
	allowance: str | None = None  # Selling Settings field
	always: bool = False


@dataclass(frozen=True)
class Relation:
	lines: str | None  # the target's child DocType holding the figures, None for header figures
	figures: tuple[Figure, ...]
	line_fields: tuple[str, ...] = ()
	header_fields: tuple[str, ...] = ()
	limits: tuple[Limit, ...] = ()
	header: Callable | None = None  # (header, lines) -> values to store on the header
	after: tuple[Callable, ...] = field(default_factory=tuple)  # (names) -> None, once the figures are stored


def is_return(header, _row):
	return header.is_return == 1


def is_not_return(header, _row):
	return header.is_return == 0


def updates_stock(header, _row):
	return header.update_stock == 1


def returns_stock(header, _row):
	return (header.update_stock == 1) & (header.is_return == 1)


def order_not_closed(header, _row):
	return header.status != "Closed"


def references(doctype: str):
	return lambda _header, row: row.reference_doctype == doctype


def receipts_of(doctype: str):
	return lambda _header, row: (row.reference_doctype == doctype) & (row.allocated_amount > 0)


def refunds_of(doctype: str):
	return lambda _header, row: (row.reference_doctype == doctype) & (row.allocated_amount < 0)


def credit_applied(_header, row):
	return row.reference_type == "Sales Invoice"


def credits_original(header, _row):
	"""Credit notes that settle against the invoice they return (ERPNext's update_outstanding_for_self
	off); the others carry their own outstanding, refunded or reconciled on their own."""
	return (header.is_return == 1) & (header.update_outstanding_for_self == 0)


def advance_from_payment(header, row):
	"""Advances an invoice takes from a payment's unallocated amount."""
	return (row.reference_type == "Payment Entry") & (
		(row.reference_row.isnull()) | (row.reference_row == "")
	)


def invoiced_directly(header, _row):
	"""Invoices that count a coupon use themselves: not credit notes, not made from orders."""
	line = frappe.qb.DocType("Sales Invoice Item")
	from_orders = (
		frappe.qb.from_(line)
		.select(line.parent)
		.where(line.sales_order.isnotnull() & (line.sales_order != ""))
	)
	return (header.is_return == 0) & header.name.notin(from_orders)


# ---------------------------------------------------------------- header rules


def sales_order_header(order, lines) -> dict:
	per_delivered = percent_of([(line.delivered_qty, line.qty) for line in lines])
	per_billed = billed_percent(
		[(line.billed_amt, line.amount, line.billed_stock_qty, line.stock_qty) for line in lines]
	)
	closed = order.status == "Closed"
	values = {
		"per_delivered": per_delivered,
		"per_billed": per_billed,
		"delivery_status": "Closed" if closed else fulfilment_status(per_delivered, "Delivered"),
		"billing_status": "Closed" if closed else fulfilment_status(per_billed, "Billed"),
	}
	values["status"] = document_status("Sales Order", {**order, **values}, lines)
	return values


def delivery_note_header(note, lines) -> dict:
	values = {
		"per_billed": billed_percent(
			[(line.billed_amt, line.amount, line.billed_stock_qty, line.stock_qty) for line in lines]
		),
		"per_returned": percent_of([(line.returned_qty, line.qty) for line in lines]),
	}
	values["status"] = document_status("Delivery Note", {**note, **values}, lines)
	return values


def quotation_header(quotation, lines) -> dict:
	ordered = any(flt(line.ordered_qty) > 0 for line in lines)
	# a lost quotation that is ordered after all is open again (and then ordered)
	status = "Open" if quotation.status == "Lost" and ordered else quotation.status
	return {"status": document_status("Quotation", {**quotation, "status": status}, lines)}


def coupon_header(coupon, _lines) -> dict:
	return {"used": cint(coupon.orders) + cint(coupon.invoices)}


def sales_invoice_header(invoice, _lines) -> dict:
	if invoice.is_return and invoice.return_against and not invoice.update_outstanding_for_self:
		# counted on the invoice it returns (its `credited`)
		return {"outstanding_amount": 0, "paid_amount": 0}
	payable = payable_total(invoice.grand_total, invoice.rounded_total, invoice.disable_rounded_total)
	precision = currency_precision(invoice.currency)
	received = flt(invoice.allocated) + flt(invoice.advanced)
	try:
		# credit applied to other invoices pays out of what is owed to the customer, as a refund does
		paid_out = flt(invoice.refunded) - flt(invoice.applied)
		outstanding = invoice_outstanding(payable, received, paid_out, flt(invoice.credited), precision)
	except EngineValidationError as error:
		frappe.throw(
			_("Sales Invoice {0}: {1}").format(frappe.bold(invoice.name), engine_message(error)),
			OverAllocationError,
			title=_("Over Allocation"),
		)
	return {
		"outstanding_amount": flt(outstanding, precision),
		"paid_amount": flt(flt(invoice.allocated) + flt(invoice.refunded), precision),
	}


def payment_entry_header(entry, _lines) -> dict:
	precision = currency_precision(entry.paid_currency)
	unallocated = flt(
		flt(entry.paid_amount) - flt(entry.total_allocated_amount) - flt(entry.advanced), precision
	)
	if unallocated < 0:
		frappe.throw(
			_("Payment Entry {0}: {1} is allocated to invoices and orders of the {2} paid").format(
				frappe.bold(entry.name),
				flt(flt(entry.total_allocated_amount) + flt(entry.advanced), precision),
				flt(entry.paid_amount),
			),
			OverAllocationError,
			title=_("Over Allocation"),
		)
	return {"unallocated_amount": unallocated}


def check_order_advance_rows(entries: list[str]):
	"""An invoice may take an advance paid for its order only up to what that payment row allocated to
	the order, less what other invoices already took from it. The payments are locked by the caller."""
	reference, advance, invoice = (
		frappe.qb.DocType("Payment Entry Reference"),
		frappe.qb.DocType("Sales Invoice Advance"),
		frappe.qb.DocType("Sales Invoice"),
	)
	rows = (
		frappe.qb.from_(advance)
		.join(invoice)
		.on((invoice.name == advance.parent) & (advance.parenttype == "Sales Invoice"))
		.join(reference)
		.on(reference.name == advance.reference_row)
		.select(reference.parent, reference.idx, reference.reference_name, reference.allocated_amount)
		.select(Sum(advance.allocated_amount))
		.where(
			(invoice.docstatus == 1)
			& (advance.reference_type == "Payment Entry")
			& advance.reference_name.isin(entries)
		)
		.groupby(reference.name)
	)
	for entry, idx, order, paid_for_order, taken in read_protected(rows).run():
		if flt(taken) - flt(paid_for_order) > 0.005:
			frappe.throw(
				_(
					"Payment Entry {0} row {1}: invoices take {2} of the {3} paid in advance for Sales Order {4}"
				).format(frappe.bold(entry), idx, flt(taken), flt(paid_for_order), frappe.bold(order)),
				OverAllocationError,
				title=_("Over Allocation"),
			)


def order_advances_header(order, _lines) -> dict:
	payable = flt(payable_total(order.grand_total, order.rounded_total, order.disable_rounded_total))
	if flt(order.advances) > payable:
		frappe.throw(
			_("Advance payments of {0} exceed the total {1} of Sales Order {2}").format(
				flt(order.advances), payable, frappe.bold(order.name)
			),
			OverAllocationError,
			title=_("Over Allocation"),
		)
	return {"advance_paid": flt(order.advances, currency_precision(order.currency))}


# ---------------------------------------------------------------- the table


def update_order_reservations(orders: list[str]):
	update_reserved_qty(order_stock_pairs(orders))


SO_LINE, DN_LINE, SI_LINE = "Sales Order Item", "Delivery Note Item", "Sales Invoice Item"
# a figure's value that is what each source document owes (its payable total)
PAYABLE = "payable"
RELATIONS: dict[str, Relation] = {
	"Sales Order": Relation(
		lines=SO_LINE,
		line_fields=("qty", "stock_qty", "conversion_factor", "amount"),
		header_fields=("status", "docstatus", "skip_delivery_note"),
		figures=(
			Figure(
				"delivered_qty", DN_LINE, "stock_qty", ("so_detail",), parent="Delivery Note", unit="line"
			),
			# direct sales: invoices that update stock deliver too (and their credit notes bring back)
			Figure(
				"delivered_qty",
				SI_LINE,
				"stock_qty",
				("so_detail",),
				parent="Sales Invoice",
				unit="line",
				where=updates_stock,
				adds=True,
			),
			Figure(
				"returned_qty",
				DN_LINE,
				"stock_qty",
				("so_detail",),
				parent="Delivery Note",
				unit="line",
				negate=True,
				where=is_return,
			),
			Figure(
				"returned_qty",
				SI_LINE,
				"stock_qty",
				("so_detail",),
				parent="Sales Invoice",
				unit="line",
				negate=True,
				where=returns_stock,
				adds=True,
			),
			Figure("billed_amt", SI_LINE, "amount", ("so_detail",), parent="Sales Invoice", unit="amount"),
			# how lines at zero amount (free, agreed at zero) are billed: by quantity
			Figure("billed_stock_qty", SI_LINE, "stock_qty", ("so_detail",), parent="Sales Invoice"),
		),
		limits=(
			Limit(
				"delivered_qty",
				"qty",
				OverDeliveryError,
				title=N_("Over Delivery"),
				allowance="over_delivery_allowance",
				message=N_(
					"Sales Order {0} row {1}: {2} delivered of {3} ordered for Item {4}; "
					"the over-delivery allowance is {5}%"
				),
			),
			Limit(
				"billed_amt",
				"amount",
				OverBillingError,
				title=N_("Over Billing"),
				allowance="over_billing_allowance",
				message=N_(
					"Sales Order {0} row {1}: {2} billed of {3} ordered for Item {4}; "
					"the over-billing allowance is {5}%"
				),
			),
		),
		header=sales_order_header,
		after=(update_order_reservations,),
	),
	"Delivery Note": Relation(
		lines=DN_LINE,
		line_fields=("qty", "stock_qty", "conversion_factor", "amount"),
		header_fields=("status", "docstatus", "is_return"),
		figures=(
			Figure("billed_amt", SI_LINE, "amount", ("dn_detail",), parent="Sales Invoice", unit="amount"),
			Figure("billed_stock_qty", SI_LINE, "stock_qty", ("dn_detail",), parent="Sales Invoice"),
			Figure(
				"returned_qty",
				DN_LINE,
				"stock_qty",
				("dn_detail",),
				parent="Delivery Note",
				unit="line",
				negate=True,
				where=is_return,
			),
		),
		limits=(
			Limit(
				"returned_qty",
				"qty",
				OverReturnError,
				title=N_("Over Return"),
				message=N_("Delivery Note {0} row {1}: {2} returned of {3} delivered for Item {4}"),
			),
		),
		header=delivery_note_header,
	),
	"Quotation": Relation(
		lines="Quotation Item",
		line_fields=("stock_qty",),
		header_fields=("status", "docstatus", "valid_till"),
		figures=(Figure("ordered_qty", SO_LINE, "stock_qty", ("quotation_item",), parent="Sales Order"),),
		header=quotation_header,
	),
	"Blanket Order": Relation(
		lines="Blanket Order Item",
		line_fields=("qty",),
		figures=(
			Figure(
				"ordered_qty",
				SO_LINE,
				"stock_qty",
				("blanket_order", "item_code"),
				key=("parent", "item_code"),
				parent="Sales Order",
				where=order_not_closed,
			),
		),
		limits=(
			Limit(
				"ordered_qty",
				"qty",
				BlanketOrderExceededError,
				title=N_("Blanket Order Exceeded"),
				allowance="blanket_order_allowance",
				always=True,
				message=N_(
					"Blanket Order {0}: {2} ordered of {3} agreed for Item {4}; the allowance is {5}%"
				),
			),
		),
	),
	"Coupon Code": Relation(
		lines=None,
		header_fields=("coupon_code", "maximum_use", "maximum_use_per_customer"),
		figures=(
			Figure("orders", "Sales Order", "name", ("coupon_code",), unit="count"),
			Figure(
				"invoices", "Sales Invoice", "name", ("coupon_code",), unit="count", where=invoiced_directly
			),
		),
		header=coupon_header,
	),
	"Sales Invoice": Relation(
		lines=None,
		header_fields=(
			"is_return",
			"return_against",
			"update_outstanding_for_self",
			"grand_total",
			"rounded_total",
			"disable_rounded_total",
			"currency",
		),
		figures=(
			Figure(
				"allocated",
				"Payment Entry Reference",
				"allocated_amount",
				("reference_name",),
				parent="Payment Entry",
				unit="amount",
				where=receipts_of("Sales Invoice"),
			),
			# refunds are allocated negative, as in ERPNext
			Figure(
				"refunded",
				"Payment Entry Reference",
				"allocated_amount",
				("reference_name",),
				parent="Payment Entry",
				unit="amount",
				where=refunds_of("Sales Invoice"),
			),
			Figure(
				"credited",
				"Sales Invoice",
				PAYABLE,
				("return_against",),
				unit="amount",
				where=credits_original,
			),
			# advances allocated on the invoice itself, counted once it is submitted (receipts, and credits
			# of other invoices applied by Payment Reconciliation)
			Figure(
				"advanced",
				"Sales Invoice Advance",
				"allocated_amount",
				("parent",),
				parent="Sales Invoice",
				unit="amount",
			),
			# what this invoice's credit (a credit note's) gave to other invoices in reconciliation
			Figure(
				"applied",
				"Sales Invoice Advance",
				"allocated_amount",
				("reference_name",),
				parent="Sales Invoice",
				unit="amount",
				where=credit_applied,
			),
		),
		header=sales_invoice_header,
		after=(settle_schedules, refresh_dunnings_of_invoices),
	),
	"Payment Entry": Relation(
		lines=None,
		header_fields=("payment_type", "paid_amount", "total_allocated_amount", "paid_currency"),
		figures=(
			Figure(
				"advanced",
				"Sales Invoice Advance",
				"allocated_amount",
				("reference_name",),
				parent="Sales Invoice",
				unit="amount",
				where=advance_from_payment,
			),
		),
		header=payment_entry_header,
		after=(check_order_advance_rows,),
	),
}
# advances on orders: the same target DocType as the line figures, recomputed on its own by payments
ORDER_ADVANCES = Relation(
	lines=None,
	header_fields=("grand_total", "rounded_total", "disable_rounded_total", "currency"),
	figures=(
		Figure(
			"advances", "Payment Entry Reference", "allocated_amount", ("reference_name",),
			parent="Payment Entry", unit="amount", where=references("Sales Order"),
		),
	),
	header=order_advances_header,
)  # fmt: skip


# ---------------------------------------------------------------- the mechanism


def recompute(
	doctype: str, names, check: tuple[str, ...] = (), relation: Relation | None = None
) -> list[str]:
	"""Recompute the figures of the target documents; the figures named in `check` (and those limited
	always) are refused beyond their allowance. Returns the names recomputed (those that exist)."""
	relation = relation or RELATIONS[doctype]
	targets = lock_rows(doctype, names)
	if not targets:
		return []
	headers, lines = compute_figures(doctype, targets, relation)
	check_limits(relation, lines, headers, check)
	if relation.lines:
		store_line_values(relation, lines)
	if relation.header:
		by_parent = group_lines(lines)
		store_header_values(
			doctype, {name: relation.header(headers[name], by_parent.get(name, [])) for name in targets}
		)
	for follow_up in relation.after:
		follow_up(targets)
	return targets


def compute_figures(doctype: str, targets: list[str], relation: Relation) -> tuple[dict, list]:
	"""The targets' headers and lines with every figure set to its sum (the stored value kept in
	`row.stored`); reads only, behind the caller's locks (or in a snapshot, `expected_figures`)."""
	headers = load_headers(doctype, targets, relation)
	lines = load_lines(relation, targets) if relation.lines else []
	rows = lines if relation.lines else list(headers.values())
	for figure in relation.figures:
		sums = sum_figure(figure, rows)
		for row in rows:
			value = figure_value(figure, row, sums, headers)
			if figure.adds:
				row[figure.field] = flt(flt(row[figure.field]) + value, QTY_PRECISION)
				continue
			row.setdefault("stored", {})[figure.field] = row.get(figure.field)
			row[figure.field] = value
	return headers, lines


@dataclass(frozen=True)
class ExpectedFigure:
	"""A stored figure and the value its definition gives; `refusal` is the message of a rule the sums
	break (a figure beyond its allowance, payments beyond what is owed), with no figure then."""

	doctype: str  # the DocType holding the figure: the target's, or its line DocType
	name: str
	field: str
	expected: float | None
	stored: float | None
	refusal: str | None = None


def expected_figures(doctype: str, names, relation: Relation | None = None) -> list[ExpectedFigure]:
	"""What `recompute` would store for the targets, side-effect free: no locks, no writes, no follow-ups.
	Header rules and limits that would refuse are returned as refusals instead of raised."""
	relation = relation or RELATIONS[doctype]
	names = sorted({name for name in names if name})
	if not names:
		return []
	messages = len(frappe.local.message_log or [])
	found: list[ExpectedFigure] = []
	try:
		with snapshot_reads():
			headers, lines = compute_figures(doctype, names, relation)
			if relation.lines:
				found += stored_line_figures(relation, lines)
			by_parent = group_lines(lines)
			expected_headers = {}
			every_limit = tuple(limit.figure for limit in relation.limits)
			for name in headers:
				refusal = refusal_of(
					check_limits, relation, by_parent.get(name, []), {name: headers[name]}, every_limit
				)
				if relation.header:
					try:
						expected_headers[name] = relation.header(headers[name], by_parent.get(name, []))
					except frappe.ValidationError as error:
						refusal = refusal or str(error)
				if refusal:
					found.append(
						ExpectedFigure(doctype, name, "", None, None, frappe.utils.strip_html(refusal))
					)
			found += stored_header_figures(doctype, expected_headers)
	finally:
		if frappe.local.message_log is not None:
			del frappe.local.message_log[messages:]
	return found


def refusal_of(check, *args) -> str | None:
	try:
		check(*args)
	except frappe.ValidationError as error:
		return str(error)
	return None


def stored_line_figures(relation: Relation, lines: list) -> list[ExpectedFigure]:
	meta = frappe.get_meta(relation.lines)
	stored = [figure.field for figure in relation.figures if not figure.adds and meta.has_field(figure.field)]
	return [
		ExpectedFigure(relation.lines, line.name, name, line[name], line.stored.get(name))
		for line in lines
		for name in stored
	]


def stored_header_figures(doctype: str, expected: dict[str, dict]) -> list[ExpectedFigure]:
	"""The numeric values the header rule gives (statuses follow dates and jobs: not compared here)."""
	numeric = {
		fieldname
		for values in expected.values()
		for fieldname, value in values.items()
		if isinstance(value, int | float) and not isinstance(value, bool)
	}
	if not numeric:
		return []
	table = frappe.qb.DocType(doctype)
	stored = {
		row.name: row
		for row in frappe.qb.from_(table)
		.select(table.name, *(table[fieldname] for fieldname in sorted(numeric)))
		.where(table.name.isin(list(expected)))
		.run(as_dict=True)
	}
	return [
		ExpectedFigure(doctype, name, fieldname, values[fieldname], stored[name].get(fieldname))
		for name, values in expected.items()
		for fieldname in sorted(numeric)
		if name in stored and fieldname in values
	]


def load_headers(doctype: str, names: list[str], relation: Relation) -> dict[str, frappe._dict]:
	table = frappe.qb.DocType(doctype)
	fields = ["name", *relation.header_fields]
	if doctype in ("Sales Order", "Sales Invoice", "Delivery Note", "Quotation"):
		fields.append("currency")
	rows = (
		frappe.qb.from_(table)
		.select(*(table[name] for name in dict.fromkeys(fields)))
		.where(table.name.isin(names))
		.run(as_dict=True)
	)
	return {row.name: row for row in rows}


def load_lines(relation: Relation, parents: list[str]) -> list[frappe._dict]:
	table = frappe.qb.DocType(relation.lines)
	stored = {
		figure.field for figure in relation.figures if frappe.get_meta(relation.lines).has_field(figure.field)
	}
	fields = dict.fromkeys(["name", "parent", "idx", "item_code", *relation.line_fields, *stored])
	return (
		frappe.qb.from_(table)
		.select(*(table[name] for name in fields))
		.where(table.parent.isin(parents))
		.orderby(table.parent)
		.orderby(table.idx)
		.run(as_dict=True)
	)


def sum_figure(figure: Figure, rows: list[frappe._dict]) -> dict[tuple, float]:
	"""{target key: sum} over submitted sources linking to the rows."""
	keys = {tuple(row[name] for name in figure.key) for row in rows}
	if not keys:
		return {}
	source = frappe.qb.DocType(figure.source)
	header = frappe.qb.DocType(figure.parent) if figure.parent else source
	links = [source[name] for name in figure.link]
	if figure.unit == "count":
		total = Count(source.name)
	elif figure.value != PAYABLE:
		total = Sum(source[figure.value])
	query = frappe.qb.from_(source)
	if figure.parent:
		query = query.join(header).on((header.name == source.parent) & (source.parenttype == figure.parent))
	condition = header.docstatus == 1
	if len(links) == 1:
		condition &= links[0].isin([key[0] for key in keys])
	else:
		for position, link in enumerate(links):
			condition &= link.isin(list({key[position] for key in keys}))
	if figure.where:
		condition &= figure.where(header, source)
	if figure.value == PAYABLE:
		# what each document owes is the engine's rule (grand or rounded total), summed here
		query = query.select(*links, source.grand_total, source.rounded_total, source.disable_rounded_total)
		sums: dict[tuple, float] = {}
		for *key, grand, rounded, disabled in read_protected(query.where(condition)).run():
			sums[tuple(key)] = sums.get(tuple(key), 0.0) + flt(payable_total(grand, rounded, disabled))
		return sums
	query = query.select(*links, total).where(condition).groupby(*links)
	return {tuple(row[:-1]): flt(row[-1]) for row in read_protected(query).run()}


def figure_value(figure: Figure, row, sums: dict[tuple, float], headers: dict) -> float:
	total = sums.get(tuple(row[name] for name in figure.key), 0.0)
	if figure.negate:
		total = -total
	if figure.unit == "line":
		return flt(total / (flt(row.conversion_factor) or 1), QTY_PRECISION)
	if figure.unit == "amount":
		parent = headers.get(row.get("parent")) or row
		return flt(total, currency_precision(parent.get("currency")))
	if figure.unit == "count":
		return cint(total)
	return flt(total, QTY_PRECISION)


def check_limits(relation: Relation, lines: list, headers: dict, check: tuple[str, ...]):
	for limit in relation.limits:
		if limit.figure not in check and not limit.always:
			continue
		allowance = (
			flt(frappe.db.get_single_value("Selling Settings", limit.allowance)) if limit.allowance else 0
		)
		for line in lines:
			if flt(line[limit.cap]) <= 0:
				continue  # returns and lines at zero are followed, not capped
			precision = (
				currency_precision(headers[line.parent].get("currency"))
				if limit.figure.endswith("_amt")
				else QTY_PRECISION
			)
			if exceeds_allowance(line[limit.figure], line[limit.cap], allowance, precision):
				frappe.throw(
					_(limit.message).format(
						frappe.bold(line.parent), line.idx, flt(line[limit.figure]), flt(line[limit.cap]),
						frappe.bold(line.item_code), allowance,
					),
					limit.refusal,
					title=_(limit.title),
				)  # fmt: skip
	if "maximum_use" in relation.header_fields:
		check_coupon_limits(headers)


def check_coupon_limits(coupons: dict):
	for coupon in coupons.values():
		used = cint(coupon.orders) + cint(coupon.invoices)
		if cint(coupon.maximum_use) and used > cint(coupon.maximum_use):
			frappe.throw(
				_("Coupon code {0} has been used {1} times; it may be used {2} times").format(
					frappe.bold(coupon.coupon_code), used - 1, coupon.maximum_use
				),
				CouponExhaustedError,
				title=_("Coupon Used Up"),
			)
		per_customer = cint(coupon.maximum_use_per_customer)
		if not per_customer:
			continue
		for customer, count in coupon_uses_by_customer(coupon.name).items():
			if count > per_customer:
				frappe.throw(
					_(
						"Customer {0} has already used coupon code {1} {2} times, the most allowed per customer"
					).format(frappe.bold(customer), frappe.bold(coupon.coupon_code), per_customer),
					CouponExhaustedError,
					title=_("Coupon Used Up"),
				)


def group_lines(lines: list) -> dict[str, list]:
	grouped: dict[str, list] = {}
	for line in lines:
		grouped.setdefault(line.parent, []).append(line)
	return grouped


def store_line_values(relation: Relation, lines: list):
	"""The lines whose stored figures changed, in one UPDATE (none when nothing changed)."""
	meta = frappe.get_meta(relation.lines)
	stored = [figure.field for figure in relation.figures if meta.has_field(figure.field)]
	changed = {
		line.name: {name: line[name] for name in stored}
		for line in lines
		if any(flt(line[name]) != flt(line.stored.get(name)) for name in stored)
	}
	bulk_set_values(relation.lines, changed)


def store_header_values(doctype: str, values: dict[str, dict]):
	for name, header_values in values.items():
		if header_values:
			frappe.db.set_value(doctype, name, header_values, update_modified=False)


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


# ---------------------------------------------------------------- what sources call


def recompute_order_advances(orders) -> list[str]:
	return recompute("Sales Order", orders, relation=ORDER_ADVANCES)


def billed_qty_by_line(detail_field: str, lines: list[str]) -> dict[str, float]:
	"""Stock qty billed by submitted invoices per source line (`so_detail` or `dn_detail`): for lines at
	zero amount, only their quantity tells whether they were billed (the mappers ask)."""
	if not lines:
		return {}
	figure = Figure("billed_stock_qty", SI_LINE, "stock_qty", (detail_field,), parent="Sales Invoice")
	rows = [frappe._dict(name=name) for name in lines]
	return {key[0]: total for key, total in sum_figure(figure, rows).items()}
