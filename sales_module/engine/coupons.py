"""Coupon Code validation for a document (pure: usage counts are passed in by the caller)."""

from dataclasses import dataclass
from datetime import date

from . import _data
from .errors import EngineValidationError
from .text import N_

PROMOTIONAL = "Promotional"
GIFT_CARD = "Gift Card"


@dataclass(frozen=True, slots=True)
class Coupon:
	"""A Coupon Code. ``maximum_use`` / ``maximum_use_per_customer``: 0 = unlimited."""

	coupon_code: str
	pricing_rule: str = ""
	coupon_type: str = PROMOTIONAL
	customer: str = ""
	valid_from: date | None = None
	valid_upto: date | None = None
	maximum_use: int = 0
	used: int = 0
	maximum_use_per_customer: int = 0
	disabled: bool = False

	@classmethod
	def from_obj(cls, obj: object) -> "Coupon":
		if isinstance(obj, cls):
			return obj
		return cls(
			coupon_code=_data.text(obj, "coupon_code") or _data.text(obj, "name"),
			pricing_rule=_data.text(obj, "pricing_rule"),
			coupon_type=_data.text(obj, "coupon_type", PROMOTIONAL),
			customer=_data.text(obj, "customer"),
			valid_from=_data.day(obj, "valid_from"),
			valid_upto=_data.day(obj, "valid_upto"),
			maximum_use=_data.to_int(_data.get(obj, "maximum_use", 0)),
			used=_data.to_int(_data.get(obj, "used", 0)),
			maximum_use_per_customer=_data.to_int(_data.get(obj, "maximum_use_per_customer", 0)),
			disabled=_data.flag(obj, "disabled"),
		)


@dataclass(frozen=True, slots=True)
class CouponCheck:
	"""``ok`` or a ``reason`` code with an English ``message`` template and its ``args``."""

	ok: bool
	reason: str = ""
	message: str = ""
	args: tuple[object, ...] = ()

	@property
	def text(self) -> str:
		return self.message.format(*self.args)

	def raise_if_invalid(self) -> None:
		if not self.ok:
			raise EngineValidationError(self.message, *self.args, code=self.reason)


VALID = CouponCheck(True)


def validate_coupon_definition(coupon: object) -> Coupon:
	"""Save-time checks: a gift card is bound to one customer and usable once."""
	found = Coupon.from_obj(coupon)
	if found.coupon_type not in (PROMOTIONAL, GIFT_CARD):
		raise EngineValidationError(N_("Invalid coupon type {0}"), found.coupon_type, code="invalid_type")
	if found.coupon_type == GIFT_CARD and (not found.customer or found.maximum_use != 1):
		raise EngineValidationError(
			N_("Gift card {0} needs a customer and a maximum use of 1"),
			found.coupon_code,
			code="gift_card_setup",
		)
	if min(found.maximum_use, found.used, found.maximum_use_per_customer) < 0:
		raise EngineValidationError(
			N_("Coupon {0}: usage limits cannot be negative"), found.coupon_code, code="negative"
		)
	if found.valid_from and found.valid_upto and found.valid_from > found.valid_upto:
		raise EngineValidationError(
			N_("Coupon {0}: Valid From must be before Valid Upto"), found.coupon_code, code="dates"
		)
	return found


def check_coupon(
	coupon: object, posting_date: object, customer: str = "", customer_uses: int = 0
) -> CouponCheck:
	"""Can ``customer`` use ``coupon`` on ``posting_date``? ``customer_uses``: their earlier uses.

	Reasons: disabled, not_started, expired, exhausted, customer_limit, gift_card_setup,
	gift_card_customer (missing or another customer).
	"""
	found = Coupon.from_obj(coupon)
	on = _data.required_date(posting_date, N_("Posting Date"))
	for check in (_state, _dates, _usage, _gift_card):
		result = check(found, on, customer, customer_uses)
		if result is not None:
			return result
	return VALID


def _state(coupon: Coupon, on: date, customer: str, uses: int) -> CouponCheck | None:
	if coupon.disabled:
		return CouponCheck(False, "disabled", N_("Coupon code {0} is disabled"), (coupon.coupon_code,))
	return None


def _dates(coupon: Coupon, on: date, customer: str, uses: int) -> CouponCheck | None:
	if coupon.valid_from and on < coupon.valid_from:
		return CouponCheck(
			False,
			"not_started",
			N_("Coupon code {0} is not valid before {1}"),
			(coupon.coupon_code, coupon.valid_from),
		)
	if coupon.valid_upto and on > coupon.valid_upto:
		return CouponCheck(
			False, "expired", N_("Coupon code {0} expired on {1}"), (coupon.coupon_code, coupon.valid_upto)
		)
	return None


def _usage(coupon: Coupon, on: date, customer: str, uses: int) -> CouponCheck | None:
	if coupon.maximum_use and coupon.used >= coupon.maximum_use:
		return CouponCheck(
			False,
			"exhausted",
			N_("Coupon code {0} has been used {1} times, its limit"),
			(coupon.coupon_code, coupon.used),
		)
	if coupon.maximum_use_per_customer and uses >= coupon.maximum_use_per_customer:
		return CouponCheck(
			False,
			"customer_limit",
			N_("Coupon code {0} can be used {1} times per customer and {2} has used it {3} times"),
			(coupon.coupon_code, coupon.maximum_use_per_customer, customer, uses),
		)
	return None


def _gift_card(coupon: Coupon, on: date, customer: str, uses: int) -> CouponCheck | None:
	if coupon.coupon_type != GIFT_CARD:
		return None
	if not coupon.customer or coupon.maximum_use != 1:
		return CouponCheck(
			False,
			"gift_card_setup",
			N_("Gift card {0} must be bound to one customer and one use"),
			(coupon.coupon_code,),
		)
	if customer != coupon.customer:
		return CouponCheck(
			False,
			"gift_card_customer",
			N_("Gift card {0} can only be used by {1}"),
			(coupon.coupon_code, coupon.customer),
		)
	return None
