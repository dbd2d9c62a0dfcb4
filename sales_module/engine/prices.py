"""Item Price resolution: the price list rate a line starts from, before pricing rules."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from . import _data
from .errors import EngineValidationError
from .money import DEFAULT_ROUNDING, ONE, ZERO, quantum, to_decimal
from .text import N_

_OPEN_START = date.min


@dataclass(frozen=True, slots=True)
class ItemPrice:
	"""One Item Price record. A blank ``uom`` means the item's stock UOM; blank ``customer`` = everyone."""

	item_code: str
	price_list: str
	price_list_rate: Decimal
	uom: str = ""
	customer: str = ""
	valid_from: date | None = None
	valid_upto: date | None = None
	name: str = ""

	@classmethod
	def from_obj(cls, obj: object) -> "ItemPrice":
		if isinstance(obj, cls):
			return obj
		return cls(
			item_code=_data.text(obj, "item_code"),
			price_list=_data.text(obj, "price_list"),
			price_list_rate=_data.number(obj, "price_list_rate"),
			uom=_data.text(obj, "uom"),
			customer=_data.text(obj, "customer"),
			valid_from=_data.day(obj, "valid_from"),
			valid_upto=_data.day(obj, "valid_upto"),
			name=_data.text(obj, "name"),
		)

	def is_valid_on(self, on_date: date) -> bool:
		if self.valid_from and on_date < self.valid_from:
			return False
		return not (self.valid_upto and on_date > self.valid_upto)


@dataclass(frozen=True, slots=True)
class PriceMatch:
	"""A resolved price: ``price_list_rate`` is per line UOM, in document currency, rounded."""

	price_list_rate: Decimal
	item_price: ItemPrice
	customer_specific: bool
	from_stock_uom: bool


def _newest_first(price: ItemPrice) -> tuple[date, str]:
	return (price.valid_from or _OPEN_START, price.name)


class PriceIndex:
	"""Item prices grouped by (price list, item) then (customer, uom); built once, O(1) lookups."""

	def __init__(self, prices: Iterable[object]) -> None:
		grouped: dict[tuple[str, str], dict[tuple[str, str], list[ItemPrice]]] = {}
		for raw in prices:
			price = ItemPrice.from_obj(raw)
			slots = grouped.setdefault((price.price_list, price.item_code), {})
			slots.setdefault((price.customer, price.uom), []).append(price)
		self._prices = {
			key: {
				slot: tuple(sorted(found, key=_newest_first, reverse=True)) for slot, found in slots.items()
			}
			for key, slots in grouped.items()
		}

	def find(
		self,
		item_code: str,
		price_list: str,
		on_date: date,
		*,
		uom: str = "",
		stock_uom: str = "",
		customer: str = "",
	) -> tuple[ItemPrice, bool] | None:
		"""The applicable price and whether it is a stock-UOM price (to be multiplied by the factor).

		Order: the customer's own prices before general ones; within each, the line UOM before the
		stock UOM (blank UOM prices count as stock UOM); among valid prices the latest valid_from wins.
		"""
		slots = self._prices.get((price_list, item_code))
		if not slots:
			return None
		for party in (customer, "") if customer else ("",):
			for price_uom, per_stock_unit in _uom_steps(uom, stock_uom):
				for price in slots.get((party, price_uom), ()):
					if price.is_valid_on(on_date):
						return price, per_stock_unit
		return None

	def resolve(
		self,
		item_code: str,
		price_list: str,
		on_date: object,
		*,
		uom: str = "",
		stock_uom: str = "",
		conversion_factor: object = 1,
		customer: str = "",
		plc_conversion_rate: object = 1,
		conversion_rate: object = 1,
		precision: int = 2,
		rounding: str = DEFAULT_ROUNDING,
	) -> PriceMatch | None:
		"""Price per line UOM in document currency: rate x plc_conversion_rate / conversion_rate."""
		posting = _data.required_date(on_date, N_("Price date"))
		found = self.find(item_code, price_list, posting, uom=uom, stock_uom=stock_uom, customer=customer)
		if found is None:
			return None
		price, per_stock_unit = found
		rate = price.price_list_rate
		if per_stock_unit:
			rate *= to_decimal(conversion_factor) or ONE
		rate = convert_price_list_rate(rate, plc_conversion_rate, conversion_rate, precision, rounding)
		return PriceMatch(rate, price, bool(customer) and price.customer == customer, per_stock_unit)


@lru_cache(maxsize=1024)
def _uom_steps(uom: str, stock_uom: str) -> tuple[tuple[str, bool], ...]:
	"""(price uom, multiply by conversion factor) in lookup order; a blank price UOM means stock UOM."""
	converts = bool(uom) and uom != stock_uom
	steps = [(uom, False)] if uom else []
	if stock_uom and stock_uom != uom:
		steps.append((stock_uom, converts))
	steps.append(("", converts))
	return tuple(steps)


def convert_price_list_rate(
	rate: object,
	plc_conversion_rate: object,
	conversion_rate: object,
	precision: int = 2,
	rounding: str = DEFAULT_ROUNDING,
) -> Decimal:
	"""Price-list currency -> document currency through the company currency."""
	doc_rate = to_decimal(conversion_rate)
	if doc_rate <= ZERO:
		raise EngineValidationError(N_("Conversion rate must be positive"), code="invalid_conversion_rate")
	plc_rate = to_decimal(plc_conversion_rate) or ONE
	return (to_decimal(rate) * plc_rate / doc_rate).quantize(quantum(precision), rounding=rounding)
