"""Pricing Rule as the engine sees it: ERPNext's fields, normalised once, with a ready-made rank.

``PricingRule.rank`` orders rules when several match: priority, then how specific the item condition is
(item > group > brand > all), then how specific the party condition is (customer > group / territory /
partner / campaign > none), then the newer ``creation``, then the greater name.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from .. import _data
from ..money import ZERO, to_decimal
from .constants import (
	BRAND,
	DISCOUNT_PERCENTAGE,
	ITEM_CODE,
	ITEM_GROUP,
	PARTY_FIELDS,
	PRICE,
	PRODUCT,
	TARGET_TABLES,
	TRANSACTION,
)
from .explanation import effect_text, plain_conditions

_TARGET_RANK = {ITEM_CODE: 4, ITEM_GROUP: 3, BRAND: 2}  # 1 = item rule without targets, 0 = transaction
_PARTY_RANK = {"Customer": 2}  # any other condition 1, none 0


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
		self.price_effect = "" if self.is_product_discount else effect_text(self)
		self.plain_conditions = plain_conditions(self)
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
