"""Decimal helpers: conversion of loose inputs, rounding to a currency precision, exact splitting."""

from collections.abc import Iterable, Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import lru_cache

from .errors import EngineValidationError
from .text import N_

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
DEFAULT_ROUNDING = ROUND_HALF_UP

# ISO 4217 minor units that differ from 2; a hint only, callers still pass precision explicitly.
_CURRENCY_PRECISION = {
	**dict.fromkeys(
		("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV"),
		0,
	),
	**dict.fromkeys(("XAF", "XOF", "XPF"), 0),
	**dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
}


def currency_precision(currency: str, default: int = 2) -> int:
	"""Number of decimals usually used for ``currency`` (0 for JPY/KRW, 3 for KWD, else ``default``)."""
	return _CURRENCY_PRECISION.get((currency or "").upper(), default)


def to_decimal(value: object) -> Decimal:
	"""Convert int/float/str/Decimal/None to Decimal; floats go through str() to avoid binary noise."""
	if isinstance(value, Decimal):
		result = value
	elif value is None or value == "":
		return ZERO
	elif isinstance(value, bool | int):
		return Decimal(int(value))
	elif isinstance(value, float | str):
		result = _parse(str(value).strip())
	else:
		raise EngineValidationError(N_("Invalid number: {0}"), value, code="invalid_number")
	if not result.is_finite():
		raise EngineValidationError(N_("Invalid number: {0}"), value, code="invalid_number")
	return result


def _parse(text: str) -> Decimal:
	try:
		return Decimal(text)
	except InvalidOperation:
		raise EngineValidationError(N_("Invalid number: {0}"), text, code="invalid_number")


@lru_cache(maxsize=64)
def quantum(precision: int) -> Decimal:
	"""The smallest step for ``precision`` decimals: 0 -> 1, 2 -> 0.01."""
	if precision < 0:
		raise EngineValidationError(
			N_("Precision must not be negative: {0}"), precision, code="invalid_precision"
		)
	return ONE.scaleb(-precision)


@lru_cache(maxsize=16)
def rounding_context(rounding: str = DEFAULT_ROUNDING) -> Context:
	"""A context carrying ``rounding``: ``rounding_context(r).quantize(x, step)`` is several times
	faster than ``x.quantize(step, rounding=r)``, which matters in per-line loops."""
	return Context(prec=40, rounding=rounding)


def round_money(value: object, precision: int = 2, rounding: str = DEFAULT_ROUNDING) -> Decimal:
	"""Round ``value`` to ``precision`` decimals with ``rounding`` (commercial half-up by default)."""
	return to_decimal(value).quantize(quantum(precision), rounding=rounding)


def round_to_unit(value: Decimal, unit: Decimal, precision: int, rounding: str = DEFAULT_ROUNDING) -> Decimal:
	"""Round to a multiple of ``unit`` (e.g. 1 or 0.05), then to ``precision`` decimals."""
	if unit <= ZERO:
		return round_money(value, precision, rounding)
	steps = (value / unit).quantize(ONE, rounding=rounding)
	return (steps * unit).quantize(quantum(precision), rounding=rounding)


def floor_whole(value: Decimal) -> Decimal:
	"""Whole units not above ``value`` (free quantities are never fractional)."""
	return value.quantize(ONE, rounding=ROUND_FLOOR)


def distribute(
	total: Decimal, weights: Sequence[Decimal], precision: int, rounding: str = DEFAULT_ROUNDING
) -> list[Decimal]:
	"""Split ``total`` proportionally to ``weights`` so the parts sum to ``total`` exactly.

	Each part is rounded; the remainder goes to the last part with a non-zero weight (or the last part
	when all weights are zero) so no row with nothing to carry receives a stray cent.
	"""
	count = len(weights)
	if not count:
		return []
	weight_sum = sum(weights, ZERO)
	target = last_nonzero_index(weights)
	if weight_sum == ZERO:
		parts = [ZERO] * count
	else:
		step = quantum(precision)
		ratio = total / weight_sum
		quantize = rounding_context(rounding).quantize
		parts = [quantize(weight * ratio, step) for weight in weights]
	parts[target] = ZERO
	parts[target] = total - sum(parts, ZERO)
	return parts


def apportion(total: Decimal, weights: Sequence[Decimal], precision: int) -> list[Decimal]:
	"""Split a non-negative ``total`` over non-negative ``weights`` by the largest remainder: every part
	is its exact share rounded down, and the steps left over go one each to the parts that lost most
	(the earlier part on a tie). The parts sum to ``total`` exactly and none is negative, which
	``distribute`` cannot promise when many parts round up."""
	if not weights:
		return []
	weight_sum = sum(weights, ZERO)
	if weight_sum <= ZERO:
		return [ZERO] * len(weights)
	step = quantum(precision)
	exact = [total * weight / weight_sum for weight in weights]
	parts = [share.quantize(step, rounding=ROUND_FLOOR) for share in exact]
	left = int((total - sum(parts, ZERO)) / step)
	order = sorted(range(len(parts)), key=lambda index: (parts[index] - exact[index], index))
	for index in order[:left]:
		parts[index] += step
	return parts


def last_nonzero_index(values: Sequence[Decimal]) -> int:
	"""Index of the last non-zero value, or the last index when all are zero."""
	for index in range(len(values) - 1, -1, -1):
		if values[index]:
			return index
	return len(values) - 1


def total_of(values: Iterable[Decimal]) -> Decimal:
	return sum(values, ZERO)
