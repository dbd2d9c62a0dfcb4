"""Over-delivery / over-billing / blanket-order allowances: how far a done quantity or amount may go
beyond the ordered one."""

from decimal import Decimal

from .errors import EngineValidationError
from .money import DEFAULT_ROUNDING, HUNDRED, ONE, ZERO, round_money, to_decimal
from .text import N_


def allowance_limit(
	quantity: object, allowance_percent: object, precision: int, rounding: str = DEFAULT_ROUNDING
) -> Decimal:
	"""quantity x (1 + allowance_percent / 100), rounded to ``precision`` decimals (half-up by default).
	A negative allowance raises EngineValidationError (code "negative_allowance")."""
	allowance = to_decimal(allowance_percent)
	if allowance < ZERO:
		raise EngineValidationError(
			N_("Allowance cannot be negative: {0}%"), allowance, code="negative_allowance"
		)
	return round_money(to_decimal(quantity) * (ONE + allowance / HUNDRED), precision, rounding)


def exceeds_allowance(
	done: object,
	quantity: object,
	allowance_percent: object,
	precision: int,
	rounding: str = DEFAULT_ROUNDING,
) -> bool:
	"""True when ``done`` (delivered qty, billed amount...), rounded to ``precision``, is above
	``allowance_limit(quantity, allowance_percent, precision)``; reaching the limit is allowed."""
	limit = allowance_limit(quantity, allowance_percent, precision, rounding)
	return round_money(done, precision, rounding) > limit
