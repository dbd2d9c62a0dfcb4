"""Pricing Rule matching and application, per line and per transaction.

Rules are indexed once (``RuleIndex``) by party condition and then by item code, item group and
brand, so pricing a line costs a few dict look-ups plus cheap filters on the rules found; nothing
scans the rule list. Ties that ERPNext reports as "multiple pricing rules with same criteria" are
resolved deterministically by ``PricingRule.rank``: priority, then how specific the item condition is
(item > group > brand > all), then how specific the party condition is (customer > group / territory /
partner / campaign > none), then the newer ``creation``, then the greater name. Every line records
the rules applied and why. Free items: one row per (rule, item), quantities summed over the lines
that earned it (mixed-condition rules count once on the summed quantity), whole units (floor).
"""

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from . import _data
from .errors import EngineValidationError
from .money import DEFAULT_ROUNDING, HUNDRED, ONE, ZERO, floor_whole, quantum, rounding_context, to_decimal
from .prices import PriceIndex

ITEM_CODE = "Item Code"
ITEM_GROUP = "Item Group"
BRAND = "Brand"
TRANSACTION = "Transaction"

RATE = "Rate"
DISCOUNT_PERCENTAGE = "Discount Percentage"
DISCOUNT_AMOUNT = "Discount Amount"
PRICE = "Price"
PRODUCT = "Product"
PERCENTAGE = "Percentage"
AMOUNT = "Amount"

# apply_on -> (child table, link field in that table)
TARGET_TABLES = {
	ITEM_CODE: ("items", "item_code"),
	ITEM_GROUP: ("item_groups", "item_group"),
	BRAND: ("brands", "brand"),
}
# applicable_for -> link field holding the condition's value
PARTY_FIELDS = {
	"Customer": "customer",
	"Customer Group": "customer_group",
	"Territory": "territory",
	"Sales Partner": "sales_partner",
	"Campaign": "campaign",
}
_TARGET_RANK = {ITEM_CODE: 4, ITEM_GROUP: 3, BRAND: 2}  # 1 = item rule without targets, 0 = transaction
_PARTY_RANK = {"Customer": 2}  # any other condition 1, none 0
MAX_LOSER_NOTES = 3  # runner-ups named in a line's explanation; the rest are only counted
_RANK_LABELS = ("priority", "item specificity", "party specificity", "creation", "name")


def _creation_key(value: object) -> str:
	"""Make creation stamps of any type comparable: ISO text, zero-padded sequence numbers."""
	if isinstance(value, datetime | date):
		return value.isoformat()
	if isinstance(value, int):
		return f"{value:020d}"
	return "" if value is None else str(value)


def _targets_from(obj: object, apply_on: str) -> tuple[tuple[str, str], ...]:
	explicit = _data.get(obj, "targets")
	table, link = TARGET_TABLES.get(apply_on, ("", ""))
	rows = explicit if explicit is not None else (_data.get(obj, table, ()) if table else ())
	targets: list[tuple[str, str]] = []
	for row in rows:  # type: ignore[union-attr]
		if isinstance(row, str):
			targets.append((row, ""))
		elif isinstance(row, tuple | list):
			targets.append((str(row[0]), str(row[1]) if len(row) > 1 and row[1] else ""))
		else:
			targets.append((_data.text(row, link), _data.text(row, "uom")))
	return tuple(target for target in targets if target[0])


@dataclass(slots=True, eq=False)
class PricingRule:
	"""A Pricing Rule, field names as in ERPNext. ``targets`` = (item code|group|brand, uom) pairs;
	``party`` is the value of the ``applicable_for`` link (customer, customer_group, ...)."""

	name: str
	apply_on: str = ITEM_CODE
	targets: tuple[tuple[str, str], ...] = ()
	title: str = ""
	disable: bool = False
	selling: bool = True
	mixed_conditions: bool = False
	applicable_for: str = ""
	party: str = ""
	valid_from: date | None = None
	valid_upto: date | None = None
	company: str = ""
	currency: str = ""
	for_price_list: str = ""
	min_qty: Decimal = ZERO
	max_qty: Decimal = ZERO
	min_amt: Decimal = ZERO
	max_amt: Decimal = ZERO
	price_or_product_discount: str = PRICE
	rate_or_discount: str = DISCOUNT_PERCENTAGE
	rate: Decimal = ZERO
	discount_percentage: Decimal = ZERO
	discount_amount: Decimal = ZERO
	margin_type: str = ""
	margin_rate_or_amount: Decimal = ZERO
	apply_discount_on: str = "Grand Total"
	apply_discount_on_rate: bool = False
	same_item: bool = False
	free_item: str = ""
	free_qty: Decimal = ZERO
	free_item_uom: str = ""
	free_item_rate: Decimal = ZERO
	is_recursive: bool = False
	recurse_for: Decimal = ZERO
	apply_recursion_over: Decimal = ZERO
	round_free_qty: bool = True
	priority: int = 0
	apply_multiple_pricing_rules: bool = False
	coupon_code_based: bool = False
	creation: object = ""
	rank: tuple = field(init=False, repr=False)
	has_limits: bool = field(init=False, repr=False)
	has_doc_conditions: bool = field(init=False, repr=False)
	price_effect: str = field(init=False, repr=False)  # explanation texts, built once per rule
	plain_conditions: str = field(init=False, repr=False)

	def __post_init__(self) -> None:
		for name in (
			"min_qty",
			"max_qty",
			"min_amt",
			"max_amt",
			"rate",
			"discount_percentage",
			"discount_amount",
			"margin_rate_or_amount",
			"free_qty",
			"free_item_rate",
			"recurse_for",
			"apply_recursion_over",
		):
			setattr(self, name, to_decimal(getattr(self, name)))
		self.valid_from = _data.to_date(self.valid_from)
		self.valid_upto = _data.to_date(self.valid_upto)
		self.priority = _data.to_int(self.priority)
		self.targets = tuple((str(value), str(uom or "")) for value, uom in self.targets)
		self.has_limits = bool(self.min_qty or self.max_qty or self.min_amt or self.max_amt)
		self.has_doc_conditions = bool(
			self.valid_from
			or self.valid_upto
			or self.company
			or self.currency
			or self.for_price_list
			or self.coupon_code_based
		)
		self.price_effect = "" if self.is_product_discount else _effect_text(self)
		self.plain_conditions = _plain_conditions(self)
		self.rank = (
			self.priority,
			self.target_rank,
			_PARTY_RANK.get(self.applicable_for, 1 if self.applicable_for else 0),
			_creation_key(self.creation),
			self.name,
		)

	@property
	def target_rank(self) -> int:
		if self.apply_on == TRANSACTION:
			return 0
		return _TARGET_RANK.get(self.apply_on, 1) if self.targets else 1

	@property
	def is_product_discount(self) -> bool:
		return self.price_or_product_discount == PRODUCT

	@classmethod
	def from_obj(cls, obj: object) -> "PricingRule":
		"""Build from an ERPNext-shaped dict/document (child tables items/item_groups/brands)."""
		if isinstance(obj, cls):
			return obj
		apply_on = _data.text(obj, "apply_on", ITEM_CODE)
		applicable_for = _data.text(obj, "applicable_for")
		party_field = PARTY_FIELDS.get(applicable_for, "party")
		return cls(
			name=_data.text(obj, "name"),
			apply_on=apply_on,
			targets=_targets_from(obj, apply_on),
			title=_data.text(obj, "title"),
			disable=_data.flag(obj, "disable"),
			selling=_data.flag(obj, "selling", True),
			mixed_conditions=_data.flag(obj, "mixed_conditions"),
			applicable_for=applicable_for,
			party=_data.text(obj, party_field) or _data.text(obj, "party"),
			valid_from=_data.day(obj, "valid_from"),
			valid_upto=_data.day(obj, "valid_upto"),
			company=_data.text(obj, "company"),
			currency=_data.text(obj, "currency"),
			for_price_list=_data.text(obj, "for_price_list"),
			min_qty=_data.number(obj, "min_qty"),
			max_qty=_data.number(obj, "max_qty"),
			min_amt=_data.number(obj, "min_amt"),
			max_amt=_data.number(obj, "max_amt"),
			price_or_product_discount=_data.text(obj, "price_or_product_discount", PRICE),
			rate_or_discount=_data.text(obj, "rate_or_discount", DISCOUNT_PERCENTAGE),
			rate=_data.number(obj, "rate"),
			discount_percentage=_data.number(obj, "discount_percentage"),
			discount_amount=_data.number(obj, "discount_amount"),
			margin_type=_data.text(obj, "margin_type"),
			margin_rate_or_amount=_data.number(obj, "margin_rate_or_amount"),
			apply_discount_on=_data.text(obj, "apply_discount_on", "Grand Total"),
			apply_discount_on_rate=_data.flag(obj, "apply_discount_on_rate"),
			same_item=_data.flag(obj, "same_item"),
			free_item=_data.text(obj, "free_item"),
			free_qty=_data.number(obj, "free_qty"),
			free_item_uom=_data.text(obj, "free_item_uom"),
			free_item_rate=_data.number(obj, "free_item_rate"),
			is_recursive=_data.flag(obj, "is_recursive"),
			recurse_for=_data.number(obj, "recurse_for"),
			apply_recursion_over=_data.number(obj, "apply_recursion_over"),
			round_free_qty=_data.flag(obj, "round_free_qty", True),
			priority=_data.to_int(_data.get(obj, "priority", 0)),
			apply_multiple_pricing_rules=_data.flag(obj, "apply_multiple_pricing_rules"),
			coupon_code_based=_data.flag(obj, "coupon_code_based"),
			creation=_data.get(obj, "creation", ""),
		)


def validate_pricing_rule(rule: object) -> PricingRule:
	"""Save-time checks (ERPNext's, minus the ones needing the database). Raises EngineValidationError."""
	rule = PricingRule.from_obj(rule)
	if rule.apply_on not in (*TARGET_TABLES, TRANSACTION):
		_fail("Pricing Rule {0}: invalid Apply On {1}", rule.name, rule.apply_on, code="invalid_apply_on")
	if rule.apply_on != TRANSACTION and not rule.targets:
		_fail("Pricing Rule {0}: add at least one {1}", rule.name, rule.apply_on, code="missing_targets")
	if rule.applicable_for and rule.applicable_for not in PARTY_FIELDS:
		_fail(
			"Pricing Rule {0}: invalid Applicable For {1}",
			rule.name,
			rule.applicable_for,
			code="invalid_party",
		)
	if rule.applicable_for and not rule.party:
		_fail("Pricing Rule {0}: {1} is required", rule.name, rule.applicable_for, code="missing_party")
	_validate_ranges(rule)
	_validate_discounts(rule)
	_validate_recursion(rule)
	return rule


def _validate_ranges(rule: PricingRule) -> None:
	for low, high, label in ((rule.min_qty, rule.max_qty, "Qty"), (rule.min_amt, rule.max_amt, "Amount")):
		if low < ZERO or high < ZERO:
			_fail(
				"Pricing Rule {0}: Min and Max {1} cannot be negative",
				rule.name,
				label,
				code="negative_limit",
			)
		if high and low > high:
			_fail(
				"Pricing Rule {0}: Min {1} cannot be greater than Max {1}",
				rule.name,
				label,
				code="min_gt_max",
			)
	if rule.valid_from and rule.valid_upto and rule.valid_from > rule.valid_upto:
		_fail("Pricing Rule {0}: Valid From must be before Valid Upto", rule.name, code="invalid_dates")


def _validate_discounts(rule: PricingRule) -> None:
	if rule.is_product_discount:
		if rule.mixed_conditions and not rule.free_item:
			_fail("Pricing Rule {0}: mixed conditions need a Free Item", rule.name, code="mixed_same_item")
		return
	if rule.rate_or_discount not in (RATE, DISCOUNT_PERCENTAGE, DISCOUNT_AMOUNT):
		_fail(
			"Pricing Rule {0}: invalid Rate or Discount {1}",
			rule.name,
			rule.rate_or_discount,
			code="invalid_kind",
		)
	if min(rule.rate, rule.discount_amount, rule.discount_percentage) < ZERO:
		_fail("Pricing Rule {0}: rate and discounts cannot be negative", rule.name, code="negative_discount")
	if rule.discount_percentage > HUNDRED:
		_fail("Pricing Rule {0}: discount cannot exceed 100%", rule.name, code="discount_over_100")
	if rule.margin_type and rule.margin_type not in (PERCENTAGE, AMOUNT):
		_fail("Pricing Rule {0}: invalid Margin Type {1}", rule.name, rule.margin_type, code="invalid_margin")


def _validate_recursion(rule: PricingRule) -> None:
	if not rule.is_recursive:
		return
	if rule.recurse_for < ONE:
		_fail("Pricing Rule {0}: Recurse Every must be at least 1", rule.name, code="invalid_recursion")
	if rule.mixed_conditions:
		_fail(
			"Pricing Rule {0}: recursion cannot be combined with mixed conditions",
			rule.name,
			code="recursion_mixed",
		)
	if rule.min_qty and rule.apply_recursion_over > rule.min_qty:
		_fail(
			"Pricing Rule {0}: Apply Recursion Over cannot exceed Min Qty", rule.name, code="recursion_over"
		)


def _fail(template: str, *params: object, code: str) -> None:
	raise EngineValidationError(template, *params, code=code)


# One bucket entry: (rule, uom of the child row, label of the matched condition, global rank order)
_Entry = tuple[PricingRule, str, str, int]
# Party condition key: ("", "") for rules without one, else (applicable_for, value)
_PartyKey = tuple[str, str]
# Target key: (0 item code | 1 item group | 2 brand | 3 all items | 4 transaction, value)
_TargetKey = tuple[int, str]
# A document's view of a target: (entries no line condition can reject, their orders, entries to check)
_DocBucket = tuple[list[_Entry], list[int], list[_Entry]]
_EMPTY_BUCKET: _DocBucket = ([], [], [])
_TARGET_KINDS = {ITEM_CODE: 0, ITEM_GROUP: 1, BRAND: 2}
_TRANSACTION_KEY: _TargetKey = (4, "")
_LABELS = {ITEM_CODE: "item", ITEM_GROUP: "item group", BRAND: "brand"}


class _Slot:
	"""Entries of one (party, target) pair, pre-sorted by what a document must still check."""

	__slots__ = ("always", "checked", "conditional", "memo", "orders")

	def __init__(self) -> None:
		self.memo: tuple | None = None  # (document conditions, filtered ``conditional``)
		self.always: list[_Entry] = []  # no document or line condition at all
		self.orders: list[int] = []  # orders of ``always``
		self.checked: list[_Entry] = []  # only line conditions (UOM row, qty/amount limits)
		self.conditional: list[_Entry] = []  # document conditions (dates, company, ...) first

	def add(self, entry: _Entry) -> None:
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
		self._context_cache: OrderedDict[tuple, dict[_TargetKey, _DocBucket]] = OrderedDict()
		self.by_party: dict[_PartyKey, dict[_TargetKey, _Slot]] = {}
		self.transaction: list[PricingRule] = []
		self.rules: dict[str, PricingRule] = {}
		for raw in rules:
			rule = PricingRule.from_obj(raw)
			if rule.disable or not rule.selling:
				continue
			if rule.name in self.rules:
				_fail("Duplicate pricing rule name {0}", rule.name, code="duplicate_rule")
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
			targets.setdefault(_TRANSACTION_KEY, _Slot()).add((rule, "", "transaction", order))
			return
		if not rule.targets:
			targets.setdefault((3, ""), _Slot()).add((rule, "", "all items", order))
			return
		kind = _TARGET_KINDS.get(rule.apply_on, 0)
		label = _LABELS.get(rule.apply_on, "item")
		for value, uom in rule.targets:
			targets.setdefault((kind, value), _Slot()).add((rule, uom, f"{label} {value}", order))

	def __len__(self) -> int:
		return len(self.rules)

	def context_buckets(self, signature: tuple) -> dict[_TargetKey, _DocBucket]:
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


def build_ancestor_map(parent_of: Mapping[str, str | None]) -> dict[str, tuple[str, ...]]:
	"""{group: (group, parent, ..., root)} from a child -> parent mapping (for item group trees)."""
	chains: dict[str, tuple[str, ...]] = {}
	for start in parent_of:
		chain: list[str] = []
		node: str | None = start
		while node and node not in chain:
			if node in chains:
				chain.extend(chains[node])
				break
			chain.append(node)
			node = parent_of.get(node)
		chains[start] = tuple(chain)
	return chains


@dataclass(slots=True)
class PricingContext:
	"""Document-level facts the rules are matched against.

	``customer_groups`` / ``territories``: the document's group followed by its ancestors up to the root.
	``item_group_ancestors``: {item group: (group, parent, ..., root)} (see ``build_ancestor_map``).
	``coupon_pricing_rules``: pricing rules of the valid coupon(s) on the document.
	"""

	posting_date: date
	customer: str = ""
	customer_groups: Sequence[str] = ()
	territories: Sequence[str] = ()
	sales_partner: str = ""
	campaign: str = ""
	company: str = ""
	currency: str = ""
	price_list: str = ""
	coupon_pricing_rules: Iterable[str] = ()
	item_group_ancestors: Mapping[str, Sequence[str]] = field(default_factory=dict)
	conversion_rate: Decimal = ONE
	plc_conversion_rate: Decimal = ONE
	rate_precision: int = 2
	precision: int = 2
	rounding: str = DEFAULT_ROUNDING
	ignore_pricing_rule: bool = False

	def __post_init__(self) -> None:
		self.posting_date = _data.required_date(self.posting_date, "Posting Date")
		self.customer_groups = tuple(self.customer_groups)
		self.territories = tuple(self.territories)
		self.coupon_pricing_rules = frozenset(self.coupon_pricing_rules)
		self.conversion_rate = to_decimal(self.conversion_rate) or ONE
		self.plc_conversion_rate = to_decimal(self.plc_conversion_rate) or ONE


@dataclass(slots=True)
class PricingLine:
	"""A document line as pricing sees it. ``price_list_rate`` is per line UOM in document currency;
	leave it None to resolve it from a ``PriceIndex``. ``name`` must be unique within the document."""

	name: str
	item_code: str
	qty: Decimal = ONE
	uom: str = ""
	stock_uom: str = ""
	conversion_factor: Decimal = ONE
	stock_qty: Decimal | None = None
	price_list_rate: Decimal | None = None
	item_group: str = ""
	brand: str = ""
	max_discount: Decimal = ZERO
	is_free_item: bool = False
	rate: Decimal | None = None

	def __post_init__(self) -> None:
		self.qty = to_decimal(self.qty)
		self.conversion_factor = to_decimal(self.conversion_factor) or ONE
		self.stock_qty = (
			self.qty * self.conversion_factor if self.stock_qty is None else to_decimal(self.stock_qty)
		)
		if self.price_list_rate is not None:
			self.price_list_rate = to_decimal(self.price_list_rate)
		if self.rate is not None:
			self.rate = to_decimal(self.rate)
		self.max_discount = to_decimal(self.max_discount)
		self.is_free_item = _data.to_bool(self.is_free_item)

	@classmethod
	def from_obj(cls, obj: object) -> "PricingLine":
		if isinstance(obj, cls):
			return obj
		return cls(
			name=_data.text(obj, "name"),
			item_code=_data.text(obj, "item_code"),
			qty=_data.number(obj, "qty"),
			uom=_data.text(obj, "uom"),
			stock_uom=_data.text(obj, "stock_uom"),
			conversion_factor=_data.number(obj, "conversion_factor", 1),
			stock_qty=_data.optional_number(obj, "stock_qty"),
			price_list_rate=_data.optional_number(obj, "price_list_rate"),
			item_group=_data.text(obj, "item_group"),
			brand=_data.text(obj, "brand"),
			max_discount=_data.number(obj, "max_discount"),
			is_free_item=_data.flag(obj, "is_free_item"),
			rate=_data.optional_number(obj, "rate"),
		)


@dataclass(slots=True)
class LinePricing:
	"""Pricing outcome for one line (same order as the input). ``explanation``: (rule name, reason)."""

	name: str
	item_code: str
	price_list_rate: Decimal
	rate: Decimal
	margin_type: str = ""
	margin_rate_or_amount: Decimal = ZERO
	rate_with_margin: Decimal = ZERO
	discount_percentage: Decimal = ZERO
	discount_amount: Decimal = ZERO
	pricing_rules: tuple[str, ...] = ()
	explanation: tuple[tuple[str, str], ...] = ()
	is_free_item: bool = False
	# False when the line brought no price and the price list has none for it on the date
	price_found: bool = True

	@property
	def has_pricing_rule(self) -> bool:
		return bool(self.pricing_rules)

	@property
	def is_unpriced(self) -> bool:
		"""Zero only because no price exists: not free, no rule made it, and no price was found."""
		return not self.price_found and not self.rate and not self.is_free_item and not self.pricing_rules

	@property
	def explanation_text(self) -> list[str]:
		return [f"{name}: {reason}" for name, reason in self.explanation]

	def as_dict(self) -> dict[str, object]:
		"""Fields to set on the document row (``pricing_rules`` as a list; JSON-encode it for ERPNext)."""
		return {
			"price_list_rate": self.price_list_rate,
			"margin_type": self.margin_type,
			"margin_rate_or_amount": self.margin_rate_or_amount,
			"rate_with_margin": self.rate_with_margin,
			"discount_percentage": self.discount_percentage,
			"discount_amount": self.discount_amount,
			"rate": self.rate,
			"pricing_rules": list(self.pricing_rules),
			"has_pricing_rule": int(self.has_pricing_rule),
		}


@dataclass(frozen=True, slots=True)
class FreeItem:
	"""A free row the document should carry. One per (pricing rule, item): quantities are summed."""

	item_code: str
	qty: Decimal
	uom: str
	rate: Decimal
	pricing_rule: str
	source_lines: tuple[str, ...]
	reason: str

	@property
	def key(self) -> tuple[str, str]:
		return (self.pricing_rule, self.item_code)

	def as_row(self) -> dict[str, object]:
		return {
			"item_code": self.item_code,
			"qty": self.qty,
			"uom": self.uom,
			"price_list_rate": self.rate,
			"rate": self.rate,
			"is_free_item": 1,
			"pricing_rules": [self.pricing_rule],
		}


@dataclass(slots=True)
class TransactionPricing:
	"""Outcome of transaction-level rules: a document discount and/or free items."""

	apply_discount_on: str = "Grand Total"
	additional_discount_percentage: Decimal = ZERO
	discount_amount: Decimal = ZERO
	free_items: tuple[FreeItem, ...] = ()
	pricing_rules: tuple[str, ...] = ()
	explanation: tuple[tuple[str, str], ...] = ()

	@property
	def has_discount(self) -> bool:
		return bool(self.additional_discount_percentage or self.discount_amount)


@dataclass(slots=True)
class PricingResult:
	lines: list[LinePricing]
	free_items: list[FreeItem]
	transaction: TransactionPricing

	def by_name(self) -> dict[str, LinePricing]:
		return {line.name: line for line in self.lines}

	def rule_details(self) -> list[dict[str, object]]:
		"""Rows for the document's Pricing Rule Detail table."""
		details: list[dict[str, object]] = [
			{"pricing_rule": rule, "item_code": line.item_code, "child_docname": line.name, "rule_applied": 1}
			for line in self.lines
			for rule in line.pricing_rules
		]
		details.extend(
			{"pricing_rule": rule, "item_code": "", "child_docname": "", "rule_applied": 1}
			for rule in self.transaction.pricing_rules
		)
		return details


@dataclass(slots=True)
class _Survivor:
	"""A rule that passed every condition for a line; qty/amount are set when thresholds were checked."""

	order: int
	rule: PricingRule
	entry_uom: str
	label: str
	qty: Decimal | None = None
	amount: Decimal | None = None


class _Scope:
	"""Per-document caches: doc-level rule filters per bucket and mixed-condition totals."""

	__slots__ = (
		"_buckets",
		"_conditions",
		"_free",
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
		self._free: dict[tuple[str, str], list] = {}
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

	def bucket(self, key: _TargetKey) -> _DocBucket:
		"""Rules for one item code / group / brand that suit this document; cached, as lines share
		groups and brands. A few dict look-ups, one per party condition the document satisfies."""
		found = self._buckets.get(key)
		if found is not None:
			return found
		always: list[_Entry] = []
		orders: list[int] = []
		checked: list[_Entry] = []
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
		found = self._buckets[key] = (always, orders, checked) if (always or checked) else _EMPTY_BUCKET
		return found

	def _valid_conditional(self, slot: _Slot) -> _DocBucket:
		"""A slot's rules with document conditions that hold here. Remembered on the slot for the
		last document conditions seen, which the next documents (same day, company...) share."""
		memo = slot.memo
		if memo is not None and memo[0] == self._conditions:
			return memo[1]
		always: list[_Entry] = []
		checked: list[_Entry] = []
		for entry in slot.conditional:
			if self.doc_ok_except_party(entry[0]):
				(checked if entry[1] or entry[0].has_limits else always).append(entry)
		found = (always, [entry[3] for entry in always], checked)
		slot.memo = (self._conditions, found)  # one tuple assignment: safe to race
		return found

	def survivors(self, line: PricingLine, plr: Decimal) -> tuple[list[_Entry], dict[int, tuple]]:
		"""Entries of the rules passing every condition for ``line``, best first, one per rule, plus
		the (qty, amount) measured for rules with limits. Found through the index buckets only."""
		groups = self.ctx.item_group_ancestors.get(line.item_group) or (
			(line.item_group,) if line.item_group else ()
		)
		keys = [(0, line.item_code), *[(1, group) for group in groups], (2, line.brand), (3, "")]
		cached = self._buckets.get
		buckets = [cached(key) or self.bucket(key) for key in keys]
		pool: dict[int, _Entry] = {}
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
					if not _within_limits(rule, qty, amount):  # type: ignore[arg-type]
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

	def add_free(self, item: FreeItem, *, replace: bool) -> None:
		"""Collect free rows; quantities from separate lines add up, mixed-condition ones are set once."""
		slot = self._free.get(item.key)
		if slot is None:
			self._free[item.key] = [item, set(item.source_lines)]
			return
		slot[1].update(item.source_lines)
		kept: FreeItem = slot[0]
		qty = kept.qty if replace else kept.qty + item.qty
		uom = max(kept.uom, item.uom)  # a named UOM beats a blank one whatever the line order
		slot[0] = FreeItem(kept.item_code, qty, uom, kept.rate, kept.pricing_rule, (), kept.reason)

	def free_items(self) -> list[FreeItem]:
		"""Aggregated free rows; the reason is rebuilt from the totals so line order cannot show."""
		items = []
		for key in sorted(self._free):
			item, found = self._free[key]
			if item.qty <= ZERO:
				continue
			sources = tuple(sorted(found))
			reason = f"free {_fmt(item.qty)} x {item.item_code} earned by {', '.join(sources)}"
			items.append(
				FreeItem(item.item_code, item.qty, item.uom, item.rate, item.pricing_rule, sources, reason)
			)
		return items


def _party_keys(ctx: PricingContext) -> frozenset[_PartyKey]:
	"""Every party condition this document satisfies (a blank condition always does)."""
	keys: set[_PartyKey] = {("", "")}
	if ctx.customer:
		keys.add(("Customer", ctx.customer))
	keys.update(("Customer Group", group) for group in ctx.customer_groups if group)
	keys.update(("Territory", territory) for territory in ctx.territories if territory)
	if ctx.sales_partner:
		keys.add(("Sales Partner", ctx.sales_partner))
	if ctx.campaign:
		keys.add(("Campaign", ctx.campaign))
	return frozenset(keys)


def _order(entry: _Entry) -> int:
	return entry[3]


def _within_limits(rule: PricingRule, qty: Decimal, amount: Decimal) -> bool:
	if (rule.min_qty and qty < rule.min_qty) or (rule.max_qty and qty > rule.max_qty):
		return False
	return not ((rule.min_amt and amount < rule.min_amt) or (rule.max_amt and amount > rule.max_amt))


def _fmt(value: Decimal) -> str:
	"""Decimal as plain text: 10 rather than 1E+1 or 10.00, but 10.50 kept as typed."""
	return format(value.normalize() if value == value.to_integral_value() else value, "f")


def _effect_text(rule: PricingRule, free_qty: Decimal | None = None, free_item: str = "") -> str:
	if rule.is_product_discount:
		every = f" (every {_fmt(rule.recurse_for)})" if rule.is_recursive else ""
		return f"free {_fmt(free_qty or ZERO)} x {free_item}{every} for"
	parts = []
	if rule.margin_type and rule.margin_rate_or_amount:
		unit = "%" if rule.margin_type == PERCENTAGE else ""
		parts.append(f"margin +{_fmt(rule.margin_rate_or_amount)}{unit}")
	if rule.rate_or_discount == RATE:
		parts.append(f"rate {_fmt(rule.rate)}")
	elif rule.rate_or_discount == DISCOUNT_AMOUNT:
		parts.append(f"{_fmt(rule.discount_amount)} off")
	else:
		cascade = " on discounted rate" if rule.apply_discount_on_rate else ""
		parts.append(f"{_fmt(rule.discount_percentage)}% off{cascade}")
	return ", ".join(parts)


def _plain_conditions(rule: PricingRule) -> str:
	"""Priority, party and coupon: the part of a rule's explanation that never changes."""
	return ", ".join([f"priority {rule.priority}", *_party_parts(rule)])


def _party_parts(rule: PricingRule) -> list[str]:
	parts = [f"for {rule.applicable_for.lower()} {rule.party}"] if rule.applicable_for else []
	return [*parts, "coupon"] if rule.coupon_code_based else parts


def _condition_text(rule: PricingRule, qty: Decimal | None, amount: Decimal | None) -> str:
	"""Why the rule matched: priority, the limits met by ``qty`` / ``amount``, party, coupon."""
	if not rule.has_limits or qty is None or amount is None:
		return rule.plain_conditions
	prefix = "mixed " if rule.mixed_conditions else ""
	parts = [f"priority {rule.priority}"]
	if rule.min_qty:
		parts.append(f"{prefix}qty {_fmt(qty)} >= min {_fmt(rule.min_qty)}")
	if rule.max_qty:
		parts.append(f"{prefix}qty {_fmt(qty)} <= max {_fmt(rule.max_qty)}")
	if rule.min_amt:
		parts.append(f"{prefix}amount {_fmt(amount)} >= min {_fmt(rule.min_amt)}")
	if rule.max_amt:
		parts.append(f"{prefix}amount {_fmt(amount)} <= max {_fmt(rule.max_amt)}")
	return ", ".join(parts + _party_parts(rule))


def _outranked_text(loser: PricingRule, winner: PricingRule) -> str:
	won, lost = winner.rank, loser.rank
	for position in range(len(won)):
		if won[position] != lost[position]:
			label = _RANK_LABELS[position]
			return f"not applied: {winner.name} wins on {label} ({won[position]} > {lost[position]})"
	return f"not applied: {winner.name} wins"


def _select(
	entries: list[_Entry], measured: dict[int, tuple]
) -> tuple[list[_Survivor], list[tuple[str, str]]]:
	"""Winners in application order (ascending rank) and notes for the closest rules left out.
	``entries`` are sorted best first; all apply only if every one allows multiple rules."""
	if len(entries) > 1 and all(entry[0].apply_multiple_pricing_rules for entry in entries):
		return [_survivor(entry, measured) for entry in reversed(entries)], []
	winner = entries[0][0]
	losers = entries[1:]
	notes = [(entry[0].name, _outranked_text(entry[0], winner)) for entry in losers[:MAX_LOSER_NOTES]]
	if len(losers) > MAX_LOSER_NOTES:
		notes.append(("...", f"{len(losers) - MAX_LOSER_NOTES} more matching rules not applied"))
	return [_survivor(entries[0], measured)], notes


def _survivor(entry: _Entry, measured: dict[int, tuple]) -> _Survivor:
	rule, entry_uom, label, order = entry
	qty, amount = measured.get(order, (None, None))
	return _Survivor(order, rule, entry_uom, label, qty, amount)


def _free_quantity(rule: PricingRule, qty: Decimal) -> Decimal:
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


class _RateBuilder:
	"""Accumulates price effects of the applied rules for one line."""

	__slots__ = ("fixed", "margin_amount", "margin_pct", "pct", "plr")

	def __init__(self, plr: Decimal) -> None:
		self.plr = plr
		self.margin_pct = ZERO
		self.margin_amount = ZERO
		self.pct = ZERO
		self.fixed = ZERO

	def apply(self, rule: PricingRule, entry_uom: str, line: PricingLine) -> None:
		if rule.margin_type == PERCENTAGE:
			self.margin_pct += rule.margin_rate_or_amount
		elif rule.margin_type == AMOUNT:
			self.margin_amount += rule.margin_rate_or_amount
		kind = rule.rate_or_discount
		if kind == RATE:
			# A rule rate is per stock UOM unless its row names the line's UOM.
			self.plr = rule.rate if entry_uom else rule.rate * line.conversion_factor
			self.pct = ZERO
		elif kind == DISCOUNT_AMOUNT:
			self.fixed += rule.discount_amount
		elif rule.apply_discount_on_rate and self.pct:
			self.pct = HUNDRED - (HUNDRED - self.pct) * (HUNDRED - rule.discount_percentage) / HUNDRED
		else:
			self.pct += rule.discount_percentage


def _finish(builder: _RateBuilder, line: PricingLine, ctx: PricingContext, applied: list[str], notes: list):
	step = quantum(ctx.rate_precision)
	quantize = rounding_context(ctx.rounding).quantize
	plr = quantize(builder.plr, step)
	has_margin = bool(builder.margin_pct or builder.margin_amount)
	rate_with_margin = ZERO
	if has_margin:
		margin = plr * builder.margin_pct / HUNDRED + builder.margin_amount
		rate_with_margin = quantize(plr + margin, step)
	base = rate_with_margin if has_margin else plr
	pct, fixed = min(builder.pct, HUNDRED), builder.fixed
	if line.max_discount:
		pct, fixed = _clamp_max_discount(pct, fixed, base, line, notes)
	rate = base - base * pct / HUNDRED - fixed if (pct or fixed) else base
	if rate < ZERO:
		notes.append(("rate", f"discount exceeds the rate {_fmt(base)}; rate clamped at 0"))
		rate = ZERO
	rate = quantize(rate, step)
	margin_type, margin_value = _margin_fields(builder, plr, step) if has_margin else ("", ZERO)
	return LinePricing(
		line.name,
		line.item_code,
		plr,
		rate,
		margin_type,
		margin_value,
		rate_with_margin,
		quantize(pct, step) if pct else ZERO,
		base - rate,
		tuple(applied),
		tuple(notes),
	)


def _clamp_max_discount(pct: Decimal, fixed: Decimal, base: Decimal, line: PricingLine, notes: list):
	limit = line.max_discount
	if not limit or base <= ZERO or not (pct or fixed):
		return pct, fixed
	effective = pct + fixed * HUNDRED / base
	if effective <= limit:
		return pct, fixed
	notes.append(
		(
			"max_discount",
			f"discount {_fmt(effective.quantize(quantum(2)))}% clamped to max_discount "
			f"{_fmt(limit)}% of item {line.item_code}",
		)
	)
	return limit, ZERO


def _margin_fields(builder: _RateBuilder, plr: Decimal, step: Decimal) -> tuple[str, Decimal]:
	"""One margin for the row: the summed percentage, or everything as an amount if any rule used one."""
	if builder.margin_amount:
		return AMOUNT, (plr * builder.margin_pct / HUNDRED + builder.margin_amount).quantize(step)
	if builder.margin_pct:
		return PERCENTAGE, builder.margin_pct
	return "", ZERO


def _plain_line(line: PricingLine, plr: Decimal, ctx: PricingContext) -> LinePricing:
	"""No rule: the list price; a free row keeps its own rate and shows the gap as its discount."""
	step = quantum(ctx.rate_precision)
	plr = rounding_context(ctx.rounding).quantize(plr, step)
	if not (line.is_free_item and line.rate is not None):
		return LinePricing(line.name, line.item_code, plr, plr)
	rate = line.rate
	discount = plr - rate if plr > rate else ZERO
	pct = (discount * HUNDRED / plr).quantize(step, rounding=ctx.rounding) if plr else ZERO
	return LinePricing(
		line.name,
		line.item_code,
		plr,
		rate,
		discount_percentage=pct,
		discount_amount=discount,
		is_free_item=True,
	)


def _price_line(line: PricingLine, plr: Decimal, scope: _Scope) -> LinePricing:
	ctx = scope.ctx
	if line.is_free_item or ctx.ignore_pricing_rule:
		return _plain_line(line, plr, ctx)
	entries, measured = scope.survivors(line, plr)
	if not entries:
		return _plain_line(line, plr, ctx)
	chosen, notes = _select(entries, measured)
	builder = _RateBuilder(plr)
	applied: list[str] = []
	explained: list[tuple[str, str]] = []
	for found in chosen:
		rule = found.rule
		applied.append(rule.name)
		if rule.is_product_discount:
			free = _line_free_item(found, line, plr, scope)
			effect = _effect_text(rule, free.qty, free.item_code)
		else:
			builder.apply(rule, found.entry_uom, line)
			effect = rule.price_effect
		explained.append(
			(rule.name, f"{effect} {found.label}, {_condition_text(rule, found.qty, found.amount)}")
		)
	explained.extend(notes)
	return _finish(builder, line, ctx, applied, explained)


def _line_free_item(found: _Survivor, line: PricingLine, plr: Decimal, scope: _Scope) -> FreeItem:
	rule = found.rule
	if rule.mixed_conditions:
		item_code = rule.free_item or _first_matching_item(rule, scope)
	else:
		item_code = rule.free_item if rule.free_item and not rule.same_item else line.item_code
	basis = found.qty if found.qty is not None else scope.measure(rule, found.entry_uom, line, plr)[0]
	qty = _free_quantity(rule, basis)
	uom = rule.free_item_uom or (line.stock_uom if item_code == line.item_code else "")
	reason = f"{_effect_text(rule, qty, item_code)} {found.label}"
	free = FreeItem(item_code, qty, uom, rule.free_item_rate, rule.name, (line.name,), reason)
	scope.add_free(free, replace=rule.mixed_conditions)
	return free


def _first_matching_item(rule: PricingRule, scope: _Scope) -> str:
	"""The item of the matching line with the smallest name: deterministic whatever the line order."""
	matching = sorted((scope.lines[i].name, scope.lines[i].item_code) for i in scope.matching_lines(rule))
	return matching[0][1] if matching else ""


def _resolve_plrs(
	lines: list[PricingLine], ctx: PricingContext, price_index: PriceIndex | None
) -> list[Decimal | None]:
	"""Each line's price list rate: its own, else the index's; None where neither has one."""
	plrs = []
	for line in lines:
		plr = line.price_list_rate
		if plr is None and price_index is not None:
			match = price_index.resolve(
				line.item_code,
				ctx.price_list,
				ctx.posting_date,
				uom=line.uom,
				stock_uom=line.stock_uom,
				conversion_factor=line.conversion_factor,
				customer=ctx.customer,
				plc_conversion_rate=ctx.plc_conversion_rate,
				conversion_rate=ctx.conversion_rate,
				precision=ctx.rate_precision,
				rounding=ctx.rounding,
			)
			plr = match.price_list_rate if match else None
		plrs.append(plr)
	return plrs


def _priced(line: PricingLine, plr: Decimal | None, scope: "_Scope") -> LinePricing:
	result = _price_line(line, ZERO if plr is None else plr, scope)
	result.price_found = plr is not None
	return result


def price_document(
	lines: Iterable[object],
	index: RuleIndex,
	ctx: PricingContext,
	*,
	price_index: PriceIndex | None = None,
	apply_transaction_rules: bool = True,
) -> PricingResult:
	"""Price every line, collect free items, then apply transaction-level rules on the priced totals."""
	items = [PricingLine.from_obj(line) for line in lines]
	resolved = _resolve_plrs(items, ctx, price_index)
	scope = _Scope(index, ctx, items, [ZERO if plr is None else plr for plr in resolved])
	priced = [_priced(line, plr, scope) for line, plr in zip(items, resolved, strict=True)]
	transaction = TransactionPricing()
	if apply_transaction_rules and not ctx.ignore_pricing_rule:
		total_qty, total = _priced_totals(items, priced, ctx)
		transaction = price_transaction(index, ctx, total_qty=total_qty, total=total)
	free = scope.free_items() + list(transaction.free_items)
	return PricingResult(priced, free, transaction)


def price_line(
	line: object,
	index: RuleIndex,
	ctx: PricingContext,
	*,
	document_lines: Iterable[object] = (),
	price_index: PriceIndex | None = None,
) -> LinePricing:
	"""Price one line (e.g. on item/qty change); ``document_lines`` feed mixed-condition totals."""
	target = PricingLine.from_obj(line)
	others = [PricingLine.from_obj(other) for other in document_lines]
	items = [other for other in others if other.name != target.name] + [target]
	resolved = _resolve_plrs(items, ctx, price_index)
	scope = _Scope(index, ctx, items, [ZERO if plr is None else plr for plr in resolved])
	return _priced(target, resolved[-1], scope)


def _priced_totals(items: list[PricingLine], priced: list[LinePricing], ctx: PricingContext):
	step = quantum(ctx.precision)
	total_qty = total = ZERO
	for line, result in zip(items, priced, strict=True):
		if not line.is_free_item:
			total_qty += line.qty
			total += (line.qty * result.rate).quantize(step, rounding=ctx.rounding)
	return total_qty, total


def price_transaction(
	index: RuleIndex, ctx: PricingContext, *, total_qty: object, total: object
) -> TransactionPricing:
	"""Transaction rules filtered by the document's total qty and total (amount)."""
	qty, amount = to_decimal(total_qty), to_decimal(total)
	scope = _Scope(index, ctx, [], [])
	always, _orders, checked = scope.bucket(_TRANSACTION_KEY)
	entries = sorted(
		always + [entry for entry in checked if _within_limits(entry[0], qty, amount)], key=_order
	)
	measured = {entry[3]: (qty, amount) for entry in entries}
	if not entries:
		return TransactionPricing()
	chosen, notes = _select(entries, measured)
	return _apply_transaction(chosen, notes, ctx)


def _apply_transaction(chosen: list[_Survivor], notes: list[tuple[str, str]], ctx: PricingContext):
	result = TransactionPricing()
	explained: list[tuple[str, str]] = []
	applied: list[str] = []
	free: list[FreeItem] = []
	kind = _discount_kind(chosen)
	for found in reversed(chosen):
		if not found.rule.is_product_discount:
			result.apply_discount_on = found.rule.apply_discount_on or "Grand Total"
			break
	for found in chosen:
		rule = found.rule
		condition = _condition_text(rule, found.qty, found.amount)
		if rule.is_product_discount:
			qty = _free_quantity(rule, found.qty or ZERO)
			reason = f"{_effect_text(rule, qty, rule.free_item)} the transaction, {condition}"
			if rule.free_item and qty > ZERO:
				free.append(
					FreeItem(
						rule.free_item, qty, rule.free_item_uom, rule.free_item_rate, rule.name, (), reason
					)
				)
			applied.append(rule.name)
			explained.append((rule.name, reason))
			continue
		if rule.rate_or_discount == RATE:
			explained.append((rule.name, "not applied: a Rate cannot apply to a whole transaction"))
			continue
		if rule.rate_or_discount != kind:
			explained.append((rule.name, f"not applied: {rule.rate_or_discount} cannot combine with {kind}"))
			continue
		_add_transaction_discount(result, rule, ctx)
		applied.append(rule.name)
		explained.append((rule.name, f"{_effect_text(rule)} the {result.apply_discount_on}, {condition}"))
	result.free_items = tuple(sorted(free, key=lambda item: item.key))
	result.pricing_rules = tuple(applied)
	result.explanation = tuple(explained + notes)
	return result


def _discount_kind(chosen: list[_Survivor]) -> str:
	"""The discount kind of the best-ranked price rule decides; others of another kind are skipped."""
	for found in reversed(chosen):
		if not found.rule.is_product_discount and found.rule.rate_or_discount != RATE:
			return found.rule.rate_or_discount
	return ""


def _add_transaction_discount(result: TransactionPricing, rule: PricingRule, ctx: PricingContext) -> None:
	if rule.rate_or_discount == DISCOUNT_AMOUNT:
		result.discount_amount += rule.discount_amount
		return
	pct, extra = result.additional_discount_percentage, rule.discount_percentage
	if rule.apply_discount_on_rate and pct:
		pct = HUNDRED - (HUNDRED - pct) * (HUNDRED - extra) / HUNDRED
	else:
		pct += extra
	result.additional_discount_percentage = min(pct, HUNDRED)


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
