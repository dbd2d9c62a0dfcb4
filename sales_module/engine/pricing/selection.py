"""Which rules apply to a line: per-document filtering of the index buckets, line conditions (UOM row,
qty/amount limits, mixed-condition totals), and conflict resolution by rank.

Conflicts never raise: the best-ranked rule wins (see ``PricingRule.rank``) unless every matched rule
allows multiple rules, in which case all apply by ascending rank.
"""

from dataclasses import dataclass
from decimal import Decimal

from ..money import ZERO
from .constants import BRAND, ITEM_GROUP
from .context import PricingContext, PricingLine
from .explanation import loser_notes
from .index import EMPTY_BUCKET, DocBucket, Entry, PartyKey, RuleIndex, Slot, TargetKey
from .model import PricingRule


@dataclass(slots=True)
class Survivor:
	"""A rule that passed every condition for a line; qty/amount are set when thresholds were checked."""

	order: int
	rule: PricingRule
	entry_uom: str
	label: str
	qty: Decimal | None = None
	amount: Decimal | None = None


class DocumentScope:
	"""Per-document caches: doc-level rule filters per bucket and mixed-condition totals."""

	__slots__ = (
		"_buckets",
		"_conditions",
		"_line_map",
		"_mixed",
		"_parties",
		"_party_targets",
		"ctx",
		"index",
		"lines",
		"plrs",
	)

	def __init__(self, index: RuleIndex, ctx: PricingContext, lines: list[PricingLine], plrs: list[Decimal]):
		self.index = index
		self.ctx = ctx
		self.lines = lines
		self.plrs = plrs
		self._parties = _party_keys(ctx)
		self._party_targets = [index.by_party[key] for key in sorted(self._parties) if key in index.by_party]
		self._conditions = (
			ctx.posting_date,
			ctx.company,
			ctx.currency,
			ctx.price_list,
			ctx.coupon_pricing_rules,
		)
		self._buckets = index.context_buckets((self._conditions, self._parties))
		self._mixed: dict[str, tuple[Decimal, Decimal]] = {}
		self._line_map: dict[tuple[int, str], list[int]] | None = None

	def doc_ok_except_party(self, rule: PricingRule) -> bool:
		"""Dates, company, currency, price list and coupon; the party is matched by the index."""
		ctx = self.ctx
		on = ctx.posting_date
		if (rule.valid_from and on < rule.valid_from) or (rule.valid_upto and on > rule.valid_upto):
			return False
		if (rule.company and rule.company != ctx.company) or (
			rule.currency and rule.currency != ctx.currency
		):
			return False
		if rule.for_price_list and rule.for_price_list != ctx.price_list:
			return False
		return not rule.coupon_code_based or rule.name in ctx.coupon_pricing_rules  # type: ignore[operator]

	def bucket(self, key: TargetKey) -> DocBucket:
		"""Rules for one item code / group / brand that suit this document; cached, as lines share
		groups and brands. A few dict look-ups, one per party condition the document satisfies."""
		found = self._buckets.get(key)
		if found is not None:
			return found
		always: list[Entry] = []
		orders: list[int] = []
		checked: list[Entry] = []
		for targets in self._party_targets:
			slot = targets.get(key)
			if slot is None:
				continue
			always += slot.always
			orders += slot.orders
			checked += slot.checked
			if slot.conditional:
				valid_always, valid_orders, valid_checked = self._valid_conditional(slot)
				always += valid_always
				orders += valid_orders
				checked += valid_checked
		found = self._buckets[key] = (always, orders, checked) if (always or checked) else EMPTY_BUCKET
		return found

	def _valid_conditional(self, slot: Slot) -> DocBucket:
		"""A slot's rules with document conditions that hold here. Remembered on the slot for the
		last document conditions seen, which the next documents (same day, company...) share."""
		memo = slot.memo
		if memo is not None and memo[0] == self._conditions:
			return memo[1]
		always: list[Entry] = []
		checked: list[Entry] = []
		for entry in slot.conditional:
			if self.doc_ok_except_party(entry[0]):
				(checked if entry[1] or entry[0].has_limits else always).append(entry)
		found = (always, [entry[3] for entry in always], checked)
		slot.memo = (self._conditions, found)  # one tuple assignment: safe to race
		return found

	def survivors(self, line: PricingLine, plr: Decimal) -> tuple[list[Entry], dict[int, tuple]]:
		"""Entries of the rules passing every condition for ``line``, best first, one per rule, plus
		the (qty, amount) measured for rules with limits. Found through the index buckets only."""
		groups = self.ctx.item_group_ancestors.get(line.item_group) or (
			(line.item_group,) if line.item_group else ()
		)
		keys = [(0, line.item_code), *[(1, group) for group in groups], (2, line.brand), (3, "")]
		cached = self._buckets.get
		buckets = [cached(key) or self.bucket(key) for key in keys]
		pool: dict[int, Entry] = {}
		for always, orders, _checked in reversed(buckets):  # most specific match written last, kept
			if always:
				pool.update(zip(orders, always, strict=True))
		measured: dict[int, tuple] = {}
		uom, line_qty, stock_qty = line.uom, line.qty, line.stock_qty
		line_amount = plr * line_qty
		for _always, _orders, checked in buckets:
			for entry in checked:
				rule, entry_uom, _label, order = entry
				if entry_uom and entry_uom != uom:
					continue
				if rule.has_limits:  # inlined measure(): this loop is the hot path
					if rule.mixed_conditions:
						qty, amount = self.mixed_totals(rule)
					else:
						qty, amount = (line_qty if entry_uom else stock_qty), line_amount
					if not within_limits(rule, qty, amount):  # type: ignore[arg-type]
						continue
					measured[order] = (qty, amount)
				if order not in pool or (entry_uom and not pool[order][1]):
					pool[order] = entry
		return [pool[order] for order in sorted(pool)], measured

	def measure(
		self, rule: PricingRule, entry_uom: str, line: PricingLine, plr: Decimal
	) -> tuple[Decimal, Decimal]:
		"""(qty, amount) a rule is judged on: the line's, or all matching lines' for mixed conditions.
		Qty is in stock UOM unless the rule row names the line's UOM."""
		if rule.mixed_conditions:
			return self.mixed_totals(rule)
		return (line.qty if entry_uom else line.stock_qty), plr * line.qty  # type: ignore[return-value]

	def mixed_totals(self, rule: PricingRule) -> tuple[Decimal, Decimal]:
		"""Qty (stock UOM) and amount of all non-free lines matching the rule's item/group/brand list."""
		totals = self._mixed.get(rule.name)
		if totals is None:
			qty = amount = ZERO
			for position in self.matching_lines(rule):
				line = self.lines[position]
				qty += line.stock_qty  # type: ignore[operator]
				amount += self.plrs[position] * line.qty
			totals = self._mixed[rule.name] = (qty, amount)
		return totals

	def matching_lines(self, rule: PricingRule) -> list[int]:
		"""Positions of non-free lines matching any of the rule's targets (and their UOM)."""
		if not rule.targets:
			return [i for i, line in enumerate(self.lines) if not line.is_free_item]
		kind = {ITEM_GROUP: 1, BRAND: 2}.get(rule.apply_on, 0)
		line_map = self._lines_by_value()
		found: set[int] = set()
		for value, uom in rule.targets:
			for position in line_map.get((kind, value), ()):
				if not uom or self.lines[position].uom == uom:
					found.add(position)
		return sorted(found)

	def _lines_by_value(self) -> dict[tuple[int, str], list[int]]:
		if self._line_map is None:
			line_map: dict[tuple[int, str], list[int]] = {}
			ancestors = self.ctx.item_group_ancestors
			for position, line in enumerate(self.lines):
				if line.is_free_item:
					continue
				keys = [(0, line.item_code), (2, line.brand)]
				keys.extend((1, group) for group in ancestors.get(line.item_group) or (line.item_group,))
				for key in keys:
					line_map.setdefault(key, []).append(position)
			self._line_map = line_map
		return self._line_map


def _party_keys(ctx: PricingContext) -> frozenset[PartyKey]:
	"""Every party condition this document satisfies (a blank condition always does)."""
	keys: set[PartyKey] = {("", "")}
	if ctx.customer:
		keys.add(("Customer", ctx.customer))
	keys.update(("Customer Group", group) for group in ctx.customer_groups if group)
	keys.update(("Territory", territory) for territory in ctx.territories if territory)
	if ctx.sales_partner:
		keys.add(("Sales Partner", ctx.sales_partner))
	if ctx.campaign:
		keys.add(("Campaign", ctx.campaign))
	return frozenset(keys)


def entry_order(entry: Entry) -> int:
	return entry[3]


def within_limits(rule: PricingRule, qty: Decimal, amount: Decimal) -> bool:
	if (rule.min_qty and qty < rule.min_qty) or (rule.max_qty and qty > rule.max_qty):
		return False
	return not ((rule.min_amt and amount < rule.min_amt) or (rule.max_amt and amount > rule.max_amt))


def select_rules(
	entries: list[Entry], measured: dict[int, tuple]
) -> tuple[list[Survivor], list[tuple[str, str]]]:
	"""Winners in application order (ascending rank) and notes for the closest rules left out.
	``entries`` are sorted best first; all apply only if every one allows multiple rules."""
	if len(entries) > 1 and all(entry[0].apply_multiple_pricing_rules for entry in entries):
		return [_survivor(entry, measured) for entry in reversed(entries)], []
	notes = loser_notes(entries[0][0], [entry[0] for entry in entries[1:]])
	return [_survivor(entries[0], measured)], notes


def _survivor(entry: Entry, measured: dict[int, tuple]) -> Survivor:
	rule, entry_uom, label, order = entry
	qty, amount = measured.get(order, (None, None))
	return Survivor(order, rule, entry_uom, label, qty, amount)
