"""What a document brings to pricing: its context (date, parties, currency...) and its lines."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .. import _data
from ..money import DEFAULT_ROUNDING, ONE, ZERO, to_decimal
from ..text import N_


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
		self.posting_date = _data.required_date(self.posting_date, N_("Posting Date"))
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
