"""A line's rate from the price effects of its applied rules: margins, rate replacement, percentage and
amount discounts (cascading or summed), Item.max_discount clamping, never below zero, and the plain
list price when no rule applies."""

from decimal import Decimal

from ..money import HUNDRED, ZERO, quantum, rounding_context
from ..text import N_, Phrase
from .constants import AMOUNT, DISCOUNT_AMOUNT, PERCENTAGE, RATE
from .context import PricingContext, PricingLine
from .explanation import fmt_number
from .model import PricingRule
from .results import LinePricing


class RateBuilder:
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


def finish_line(
	builder: RateBuilder, line: PricingLine, ctx: PricingContext, applied: list[str], notes: list
):
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
		notes.append(
			("rate", Phrase(N_("discount exceeds the rate {0}; rate clamped at 0"), fmt_number(base)))
		)
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
			Phrase(
				N_("discount {0}% clamped to max_discount {1}% of item {2}"),
				fmt_number(effective.quantize(quantum(2))),
				fmt_number(limit),
				line.item_code,
			),
		)
	)
	return limit, ZERO


def _margin_fields(builder: RateBuilder, plr: Decimal, step: Decimal) -> tuple[str, Decimal]:
	"""One margin for the row: the summed percentage, or everything as an amount if any rule used one."""
	if builder.margin_amount:
		return AMOUNT, (plr * builder.margin_pct / HUNDRED + builder.margin_amount).quantize(step)
	if builder.margin_pct:
		return PERCENTAGE, builder.margin_pct
	return "", ZERO


def plain_line(line: PricingLine, plr: Decimal, ctx: PricingContext) -> LinePricing:
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
