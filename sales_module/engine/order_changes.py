"""Changes to the lines of a submitted order ("Update Items"): what the request changes, and what it may not.

``plan_line_changes(stored_lines, requested, rate_precision=)`` compares the lines a client sends
(``docname`` naming a stored line, none for a new one; ``qty``, ``rate``, ``uom``, ``conversion_factor``,
``delivery_date``) with the stored lines and returns a ``LineChanges``: the fields that really change on
each stored line (compared at the quantity and rate precision), the new lines, the stored lines left out
(to remove). A line that is not the order's, sent twice, or whose item changes is refused.

Once the order is recalculated, ``check_line_change(stored, new, rate_precision=)`` refuses a line whose
quantity falls below what was delivered or billed, whose amount falls below what was billed, or whose rate
changes after billing; ``check_line_removal(stored)`` refuses removing a line delivered or billed, or
named by a draft delivery or invoice (``draft_documents``: their names), which would then point nowhere.
Delivered quantities are in the line's unit (stock quantity / conversion factor), billed quantities in
the stock unit, so quantities are compared in the stock unit.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from . import _data
from .errors import EngineValidationError
from .money import round_money
from .quantities import QTY_PRECISION
from .text import N_

# the fields of a stored line a request may change, with how they compare
QTY_FIELDS = ("qty", "conversion_factor")
TEXT_FIELDS = ("uom",)
DATE_FIELDS = ("delivery_date",)
# fields a new line may carry besides these
NEW_LINE_FIELDS = ("item_code", "qty", "rate", "uom", "conversion_factor", "delivery_date", "warehouse")


@dataclass(frozen=True)
class LineUpdate:
	"""A stored line (``name``) and the fields that change on it, with their new values."""

	name: str
	changes: dict


@dataclass(frozen=True)
class LineChanges:
	updates: tuple[LineUpdate, ...]
	additions: tuple[dict, ...]
	removals: tuple[str, ...]

	@property
	def is_empty(self) -> bool:
		return not (self.updates or self.additions or self.removals)


def plan_line_changes(stored_lines, requested, rate_precision: int = 2) -> LineChanges:
	"""What ``requested`` (a list of mappings) changes on ``stored_lines`` (rows with name, idx,
	item_code, qty, rate, uom, conversion_factor, delivery_date)."""
	if isinstance(requested, (str, bytes, Mapping)) or not hasattr(requested, "__iter__"):
		raise EngineValidationError(N_("The items must be a list of lines"), code="invalid_line")
	stored = {_data.text(line, "name"): line for line in stored_lines}
	seen: set[str] = set()
	updates: list[LineUpdate] = []
	additions: list[dict] = []
	for position, line in enumerate(requested, 1):
		if not isinstance(line, Mapping):
			raise EngineValidationError(
				N_("Line {0} is not an object with fields"), position, code="invalid_line"
			)
		docname = _data.text(line, "docname")
		if not docname:
			if not _data.text(line, "item_code"):
				raise EngineValidationError(
					N_("New line {0} has no item code"), position, code="invalid_line"
				)
			additions.append({field: line[field] for field in NEW_LINE_FIELDS if is_given(line, field)})
			continue
		if docname not in stored:
			raise EngineValidationError(
				N_("Line {0} is not a line of this order"), docname, code="unknown_line"
			)
		if docname in seen:
			raise EngineValidationError(N_("Line {0} is sent twice"), docname, code="duplicate_line")
		seen.add(docname)
		changes = changed_fields(stored[docname], line, rate_precision)
		if changes:
			updates.append(LineUpdate(docname, changes))
	removals = tuple(name for name in stored if name not in seen)
	return LineChanges(tuple(updates), tuple(additions), removals)


def changed_fields(stored, line: Mapping, rate_precision: int) -> dict:
	"""The fields ``line`` sends with another value than ``stored`` has (fields not sent do not change)."""
	idx, item_code = _data.get(stored, "idx", ""), _data.text(stored, "item_code")
	sent_item = _data.text(line, "item_code")
	if sent_item and sent_item != item_code:
		raise EngineValidationError(
			N_("Row {0}: the item of a line cannot change ({1} to {2}); remove the line and add a new one"),
			idx,
			item_code,
			sent_item,
			code="item_changed",
		)
	changes: dict = {}
	for field in QTY_FIELDS:
		if not is_given(line, field):
			continue
		new = round_money(_data.number(line, field), QTY_PRECISION)
		if new != round_money(_data.number(stored, field), QTY_PRECISION):
			changes[field] = new
	rate = _data.optional_number(line, "rate")
	if rate is not None and round_money(rate, rate_precision) != round_money(
		_data.number(stored, "rate"), rate_precision
	):
		changes["rate"] = round_money(rate, rate_precision)
	for field in TEXT_FIELDS:
		new = _data.text(line, field)
		if new and new != _data.text(stored, field):
			changes[field] = new
	for field in DATE_FIELDS:
		new = _data.day(line, field)
		if new is not None and new != _data.day(stored, field):
			changes[field] = new
	return changes


def is_given(line: Mapping, field: str) -> bool:
	"""Whether the line sends a value: blank is not one, nor a conversion factor of 0 (a form's empty
	number; the factor then follows the unit)."""
	value = line.get(field)
	if value is None or value == "":
		return False
	return field != "conversion_factor" or _data.number(line, field) != 0


def delivered_stock_qty(stored) -> Decimal:
	factor = _data.number(stored, "conversion_factor") or Decimal(1)
	return round_money(_data.number(stored, "delivered_qty") * factor, QTY_PRECISION)


def is_billed(stored) -> bool:
	return _data.number(stored, "billed_amt") > 0 or _data.number(stored, "billed_stock_qty") > 0


def check_line_removal(stored) -> None:
	"""Refuse removing a line that is delivered or billed (even in part), or that a draft document
	(``draft_documents``, a list of names) was made from."""
	idx, item_code = _data.get(stored, "idx", ""), _data.text(stored, "item_code")
	if _data.number(stored, "delivered_qty") > 0:
		raise EngineValidationError(
			N_("Row {0}: Item {1} is already delivered ({2}) and cannot be removed"),
			idx,
			item_code,
			shown(_data.number(stored, "delivered_qty")),
			code="line_delivered",
		)
	if is_billed(stored):
		raise EngineValidationError(
			N_("Row {0}: Item {1} is already billed and cannot be removed"),
			idx,
			item_code,
			code="line_billed",
		)
	drafts = sorted({str(name) for name in (_data.get(stored, "draft_documents", None) or ()) if name})
	if drafts:
		raise EngineValidationError(
			N_("Row {0}: Item {1} is on draft {2}; delete that line from the draft before removing it here"),
			idx, item_code, ", ".join(drafts),
			code="line_in_draft",
		)  # fmt: skip


def check_line_change(stored, new, rate_precision: int = 2) -> None:
	"""Refuse the recalculated line ``new`` (qty, stock_qty, rate, amount, conversion_factor) of the
	stored line ``stored`` (rate, conversion_factor, delivered_qty, billed_amt, billed_stock_qty)."""
	idx, item_code = _data.get(stored, "idx", ""), _data.text(stored, "item_code")
	new_rate = round_money(_data.number(new, "rate"), rate_precision)
	if is_billed(stored) and new_rate != round_money(_data.number(stored, "rate"), rate_precision):
		raise EngineValidationError(
			N_("Row {0}: the rate of Item {1} cannot change, the line is already billed"), idx, item_code,
			code="rate_billed",
		)  # fmt: skip
	stock_qty = round_money(_data.number(new, "stock_qty"), QTY_PRECISION)
	factor = _data.number(new, "conversion_factor") or Decimal(1)
	qty = shown(_data.number(new, "qty"))
	delivered = delivered_stock_qty(stored)
	if stock_qty < delivered:
		raise EngineValidationError(
			N_("Row {0}: quantity {1} of Item {2} is below the {3} already delivered"),
			idx, qty, item_code, shown(delivered / factor),
			code="below_delivered",
		)  # fmt: skip
	billed_stock = round_money(_data.number(stored, "billed_stock_qty"), QTY_PRECISION)
	if stock_qty < billed_stock:
		raise EngineValidationError(
			N_("Row {0}: quantity {1} of Item {2} is below the {3} already billed"),
			idx, qty, item_code, shown(billed_stock / factor),
			code="below_billed",
		)  # fmt: skip
	billed_amount = round_money(_data.number(stored, "billed_amt"), rate_precision)
	if round_money(_data.number(new, "amount"), rate_precision) < billed_amount:
		raise EngineValidationError(
			N_("Row {0}: the amount {1} of Item {2} is below the {3} already billed"),
			idx, round_money(_data.number(new, "amount"), rate_precision), item_code, billed_amount,
			code="below_billed_amount",
		)  # fmt: skip


def shown(value: Decimal) -> str:
	"""A quantity as a person writes it: 10, 2.5 (no exponent, no trailing zeros)."""
	return format(round_money(value, QTY_PRECISION).normalize(), "f")
