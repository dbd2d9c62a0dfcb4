"""Which rate a document row ends up with: the pricing result, or the rate the row already carries.

A row keeps its own rate when it was agreed on an earlier document (a Sales Order line billed by an
invoice), typed by hand, or when pricing rules are off (ignore_pricing_rule, returns); its discount
fields then show the gap to the list price. Otherwise the pricing result (rules, margin, explanation)
is applied to the row.
"""

from dataclasses import dataclass
from decimal import Decimal

from .. import _data
from ..money import HUNDRED, ZERO, round_money, to_decimal
from .results import LinePricing

DISCOUNT_PERCENTAGE_PRECISION = 6


@dataclass(frozen=True, slots=True)
class LineRate:
	"""The decision for one row. ``use_pricing``: set the pricing result on the row (``priced.as_dict()``,
	its rules and explanation); the four figures then equal the result's. Otherwise the row keeps its
	rate and takes these four figures only; check ``exceeds_max_discount`` in that case (the pricing
	result is already clamped to the item's maximum discount)."""

	rate: Decimal
	price_list_rate: Decimal
	discount_percentage: Decimal
	discount_amount: Decimal
	use_pricing: bool

	def as_dict(self) -> dict[str, Decimal]:
		return {
			"rate": self.rate,
			"price_list_rate": self.price_list_rate,
			"discount_percentage": self.discount_percentage,
			"discount_amount": self.discount_amount,
		}


def arbitrate_line_rate(
	priced: LinePricing,
	rate: object = None,
	price_list_rate: object = None,
	*,
	agreed: bool = False,
	is_free_item: bool = False,
	ignore_pricing_rule: bool = False,
	is_return: bool = False,
	price_list_rate_given: bool = True,
	precision: int = 2,
) -> LineRate:
	"""Decide between the pricing result ``priced`` and the row's own ``rate`` / ``price_list_rate``
	(None or "" count as 0, like ``flt``).

	- ``agreed`` (the row comes from an earlier document's line): the rate is kept whatever its value,
	  zero included, and so is the row's price list rate, unless ``price_list_rate_given`` is False
	  (then the list price of ``priced`` is used).
	- A manual rate (non-zero, no rule applied in ``priced``, different from its list price) is kept on
	  rows that are not free items.
	- With ``ignore_pricing_rule`` or on a return the rate is kept.
	- In every other case ``use_pricing`` is True and the figures are those of ``priced``.

	When the rate is kept, a row that is neither agreed nor free and has no rate takes the list price;
	discount_amount = max(price_list_rate - rate, 0) rounded to ``precision``; discount_percentage =
	that gap x 100 / price_list_rate rounded to 6 decimals (0 when the list price is 0).
	"""
	agreed, is_free_item = _data.to_bool(agreed), _data.to_bool(is_free_item)
	keeps_list_price = agreed and _data.to_bool(price_list_rate_given)
	plr = to_decimal(price_list_rate) if keeps_list_price else priced.price_list_rate
	own_rate = to_decimal(rate)
	manual = bool(own_rate) and not priced.pricing_rules and own_rate != priced.price_list_rate
	rules_off = _data.to_bool(ignore_pricing_rule) or _data.to_bool(is_return)
	if not (agreed or (manual and not is_free_item) or rules_off):
		return LineRate(
			priced.rate, priced.price_list_rate, priced.discount_percentage, priced.discount_amount, True
		)
	if not agreed and not own_rate and not is_free_item:
		own_rate = plr
	return kept_rate(own_rate, plr, precision)


def kept_rate(rate: object, price_list_rate: object, precision: int = 2) -> LineRate:
	"""The figures of a row that keeps its own ``rate`` against its list price: discount_amount =
	max(price_list_rate - rate, 0) rounded to ``precision``; discount_percentage = that gap x 100 /
	price_list_rate rounded to 6 decimals (0 when the list price is 0)."""
	own_rate, plr = to_decimal(rate), to_decimal(price_list_rate)
	gap = max(plr - own_rate, ZERO)
	percentage = round_money(gap * HUNDRED / plr, DISCOUNT_PERCENTAGE_PRECISION) if plr else ZERO
	return LineRate(own_rate, plr, percentage, round_money(gap, precision), False)


def exceeds_max_discount(
	discount_percentage: object, max_discount: object, is_free_item: bool = False
) -> bool:
	"""True when a row's discount is above the item's maximum discount (0 = no maximum); free items are
	never refused."""
	limit = to_decimal(max_discount)
	return bool(limit) and to_decimal(discount_percentage) > limit and not _data.to_bool(is_free_item)
