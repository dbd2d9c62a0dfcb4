"""Free items (product discounts): how many, which row each rule earns, and how a document's existing
free rows are brought in line. One row per (rule, item), quantities summed over the lines that earned
it (mixed-condition rules count once on the summed quantity), whole units (floor) unless the rule says
otherwise."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .. import _data
from ..money import ONE, ZERO, floor_whole
from ..text import N_, Phrase
from .context import PricingLine
from .explanation import effect_text, fmt_number
from .model import PricingRule
from .results import FreeItem
from .selection import DocumentScope, Survivor


def free_quantity(rule: PricingRule, qty: Decimal) -> Decimal:
	"""Free qty: fixed, or "every recurse_for get free_qty" above apply_recursion_over (floored)."""
	per = rule.free_qty or ONE
	if rule.is_recursive and rule.recurse_for > ZERO:
		eligible = qty - rule.apply_recursion_over
		if eligible <= ZERO:
			return ZERO
		if rule.round_free_qty:
			return floor_whole(floor_whole(eligible / rule.recurse_for) * per)
		return eligible * per / rule.recurse_for
	return floor_whole(per) if rule.round_free_qty else per


class FreeItemPool:
	"""Free rows earned by a document's lines, one per (pricing rule, item)."""

	__slots__ = ("_found",)

	def __init__(self) -> None:
		self._found: dict[tuple[str, str], list] = {}

	def add(self, item: FreeItem, *, replace: bool) -> None:
		"""Collect free rows; quantities from separate lines add up, mixed-condition ones are set once."""
		slot = self._found.get(item.key)
		if slot is None:
			self._found[item.key] = [item, set(item.source_lines)]
			return
		slot[1].update(item.source_lines)
		kept: FreeItem = slot[0]
		qty = kept.qty if replace else kept.qty + item.qty
		uom = max(kept.uom, item.uom)  # a named UOM beats a blank one whatever the line order
		slot[0] = FreeItem(kept.item_code, qty, uom, kept.rate, kept.pricing_rule, (), kept.reason)

	def items(self) -> list[FreeItem]:
		"""Aggregated free rows; the reason is rebuilt from the totals so line order cannot show."""
		items = []
		for key in sorted(self._found):
			item, found = self._found[key]
			if item.qty <= ZERO:
				continue
			sources = tuple(sorted(found))
			reason = Phrase(
				N_("free {0} x {1} earned by {2}"), fmt_number(item.qty), item.item_code, ", ".join(sources)
			)
			items.append(
				FreeItem(item.item_code, item.qty, item.uom, item.rate, item.pricing_rule, sources, reason)
			)
		return items


def line_free_item(
	found: Survivor, line: PricingLine, plr: Decimal, scope: DocumentScope, pool: FreeItemPool
) -> FreeItem:
	"""The free row a product-discount rule earns on ``line`` (the free item, or the line's own item for
	same-item rules), added to ``pool``."""
	rule = found.rule
	if rule.mixed_conditions:
		item_code = rule.free_item or _first_matching_item(rule, scope)
	else:
		item_code = rule.free_item if rule.free_item and not rule.same_item else line.item_code
	basis = found.qty if found.qty is not None else scope.measure(rule, found.entry_uom, line, plr)[0]
	qty = free_quantity(rule, basis)
	uom = rule.free_item_uom or (line.stock_uom if item_code == line.item_code else "")
	reason = Phrase("{0} {1}", effect_text(rule, qty, item_code), found.label)
	free = FreeItem(item_code, qty, uom, rule.free_item_rate, rule.name, (line.name,), reason)
	pool.add(free, replace=rule.mixed_conditions)
	return free


def _first_matching_item(rule: PricingRule, scope: DocumentScope) -> str:
	"""The item of the matching line with the smallest name: deterministic whatever the line order."""
	matching = sorted((scope.lines[i].name, scope.lines[i].item_code) for i in scope.matching_lines(rule))
	return matching[0][1] if matching else ""


@dataclass(slots=True)
class FreeItemPlan:
	"""Changes that bring a document's free rows in line with the rules (never duplicating rows)."""

	add: list[FreeItem] = field(default_factory=list)
	update: list[tuple[str, FreeItem]] = field(default_factory=list)
	remove: list[str] = field(default_factory=list)


def reconcile_free_items(existing_rows: Iterable[object], desired: Iterable[FreeItem]) -> FreeItemPlan:
	"""Match existing free rows (is_free_item with a pricing rule) to the desired free items by
	(pricing rule, item): update changed ones, add missing ones, remove stale ones and duplicates.
	Free rows typed by the user (no pricing rule) are left alone."""
	wanted = {item.key: item for item in desired}
	plan = FreeItemPlan()
	matched: set[tuple[str, str]] = set()
	for row in existing_rows:
		if not _data.flag(row, "is_free_item"):
			continue
		rules = _data.name_list(_data.get(row, "pricing_rules"))
		if not rules:
			continue
		key = (rules[0], _data.text(row, "item_code"))
		row_name = _data.text(row, "name")
		item = wanted.get(key)
		if item is None or key in matched:
			plan.remove.append(row_name)
			continue
		matched.add(key)
		if _data.number(row, "qty") != item.qty or _data.number(row, "rate") != item.rate:
			plan.update.append((row_name, item))
	plan.add = [item for key, item in sorted(wanted.items()) if key not in matched]
	return plan
