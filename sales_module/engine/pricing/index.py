"""RuleIndex: enabled selling rules indexed by party condition, then by item code, item group and brand,
so pricing a line costs a few dict look-ups plus cheap filters on the rules found; nothing scans the
rule list."""

from collections import OrderedDict
from collections.abc import Iterable
from contextlib import suppress

from ..errors import EngineValidationError
from ..text import N_, Phrase
from .constants import BRAND, ITEM_CODE, ITEM_GROUP, TRANSACTION
from .model import PricingRule

# One bucket entry: (rule, uom of the child row, label of the matched condition, global rank order)
Entry = tuple[PricingRule, str, str, int]
# Party condition key: ("", "") for rules without one, else (applicable_for, value)
PartyKey = tuple[str, str]
# Target key: (0 item code | 1 item group | 2 brand | 3 all items | 4 transaction, value)
TargetKey = tuple[int, str]
# A document's view of a target: (entries no line condition can reject, their orders, entries to check)
DocBucket = tuple[list[Entry], list[int], list[Entry]]
EMPTY_BUCKET: DocBucket = ([], [], [])
_TARGET_KINDS = {ITEM_CODE: 0, ITEM_GROUP: 1, BRAND: 2}
TRANSACTION_KEY: TargetKey = (4, "")
# what a rule matched on, in a line's explanation
_LABELS = {ITEM_CODE: N_("item {0}"), ITEM_GROUP: N_("item group {0}"), BRAND: N_("brand {0}")}


class Slot:
	"""Entries of one (party, target) pair, pre-sorted by what a document must still check."""

	__slots__ = ("always", "checked", "conditional", "memo", "orders")

	def __init__(self) -> None:
		self.memo: tuple | None = None  # (document conditions, filtered ``conditional``)
		self.always: list[Entry] = []  # no document or line condition at all
		self.orders: list[int] = []  # orders of ``always``
		self.checked: list[Entry] = []  # only line conditions (UOM row, qty/amount limits)
		self.conditional: list[Entry] = []  # document conditions (dates, company, ...) first

	def add(self, entry: Entry) -> None:
		rule = entry[0]
		if rule.has_doc_conditions:
			self.conditional.append(entry)
		elif entry[1] or rule.has_limits:
			self.checked.append(entry)
		else:
			self.always.append(entry)
			self.orders.append(entry[3])


class RuleIndex:
	"""Enabled selling rules indexed by party condition, then by item code / item group / brand: a
	document only looks at rules for its own parties and items. Build once and share it (it is never
	mutated after construction, apart from a small LRU of per-document-context filter results, whose
	entries are deterministic, so concurrent use at worst recomputes one)."""

	CONTEXT_CACHE_SIZE = 64

	def __init__(self, rules: Iterable[object]) -> None:
		self._context_cache: OrderedDict[tuple, dict[TargetKey, DocBucket]] = OrderedDict()
		self.by_party: dict[PartyKey, dict[TargetKey, Slot]] = {}
		self.transaction: list[PricingRule] = []
		self.rules: dict[str, PricingRule] = {}
		for raw in rules:
			rule = PricingRule.from_obj(raw)
			if rule.disable or not rule.selling:
				continue
			if rule.name in self.rules:
				raise EngineValidationError(
					N_("Duplicate pricing rule name {0}"), rule.name, code="duplicate_rule"
				)
			self.rules[rule.name] = rule
		# Position in the global ranking (0 = best): cheap int comparisons when choosing a winner.
		ranked = sorted(self.rules.values(), key=_rule_rank, reverse=True)
		self.order = {rule.name: position for position, rule in enumerate(ranked)}
		for rule in ranked:
			self._add(rule)

	def _add(self, rule: PricingRule) -> None:
		party = (rule.applicable_for, rule.party) if rule.applicable_for else ("", "")
		targets = self.by_party.setdefault(party, {})
		order = self.order[rule.name]
		if rule.apply_on == TRANSACTION:
			self.transaction.append(rule)
			targets.setdefault(TRANSACTION_KEY, Slot()).add((rule, "", Phrase(N_("transaction")), order))
			return
		if not rule.targets:
			targets.setdefault((3, ""), Slot()).add((rule, "", Phrase(N_("all items")), order))
			return
		kind = _TARGET_KINDS.get(rule.apply_on, 0)
		label = _LABELS.get(rule.apply_on, _LABELS[ITEM_CODE])
		for value, uom in rule.targets:
			targets.setdefault((kind, value), Slot()).add((rule, uom, Phrase(label, value), order))

	def __len__(self) -> int:
		return len(self.rules)

	def context_buckets(self, signature: tuple) -> dict[TargetKey, DocBucket]:
		"""Filtered buckets for one document context (date, company, currency, list, coupon, parties),
		kept for the next documents sharing it: re-pricing a document on every change costs no refilter."""
		cache = self._context_cache
		found = cache.get(signature)
		if found is None:
			found = cache[signature] = {}
			while len(cache) > self.CONTEXT_CACHE_SIZE:
				cache.popitem(last=False)
		else:
			with suppress(KeyError):  # evicted meanwhile by another thread: still usable
				cache.move_to_end(signature)
		return found


def _rule_rank(rule: PricingRule) -> tuple:
	return rule.rank
