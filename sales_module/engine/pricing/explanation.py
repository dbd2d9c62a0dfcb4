"""Explanation texts: what a rule does, why it matched, why another rule won.

This module sits below ``model`` (a rule builds its fixed texts once, on construction), so it reads rules
through the ``DescribedRule`` protocol rather than importing ``PricingRule``.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from ..money import ZERO
from .constants import DISCOUNT_AMOUNT, PERCENTAGE, RATE

MAX_LOSER_NOTES = 3  # runner-ups named in a line's explanation; the rest are only counted
_RANK_LABELS = ("priority", "item specificity", "party specificity", "creation", "name")


class DescribedRule(Protocol):
	"""The fields of a pricing rule the texts are made of (``PricingRule`` has them all)."""

	name: str
	priority: int
	rank: tuple
	applicable_for: str
	party: str
	coupon_code_based: bool
	is_recursive: bool
	recurse_for: Decimal
	margin_type: str
	margin_rate_or_amount: Decimal
	rate_or_discount: str
	rate: Decimal
	discount_amount: Decimal
	discount_percentage: Decimal
	apply_discount_on_rate: bool
	mixed_conditions: bool
	has_limits: bool
	plain_conditions: str
	min_qty: Decimal
	max_qty: Decimal
	min_amt: Decimal
	max_amt: Decimal

	@property
	def is_product_discount(self) -> bool: ...


def fmt_number(value: Decimal) -> str:
	"""Decimal as plain text: 10 rather than 1E+1 or 10.00, but 10.50 kept as typed."""
	return format(value.normalize() if value == value.to_integral_value() else value, "f")


def effect_text(rule: DescribedRule, free_qty: Decimal | None = None, free_item: str = "") -> str:
	"""What the rule does: "10% off", "rate 80", "margin +5%, 2 off", "free 1 x F (every 3) for"."""
	if rule.is_product_discount:
		every = f" (every {fmt_number(rule.recurse_for)})" if rule.is_recursive else ""
		return f"free {fmt_number(free_qty or ZERO)} x {free_item}{every} for"
	parts = []
	if rule.margin_type and rule.margin_rate_or_amount:
		unit = "%" if rule.margin_type == PERCENTAGE else ""
		parts.append(f"margin +{fmt_number(rule.margin_rate_or_amount)}{unit}")
	if rule.rate_or_discount == RATE:
		parts.append(f"rate {fmt_number(rule.rate)}")
	elif rule.rate_or_discount == DISCOUNT_AMOUNT:
		parts.append(f"{fmt_number(rule.discount_amount)} off")
	else:
		cascade = " on discounted rate" if rule.apply_discount_on_rate else ""
		parts.append(f"{fmt_number(rule.discount_percentage)}% off{cascade}")
	return ", ".join(parts)


def plain_conditions(rule: DescribedRule) -> str:
	"""Priority, party and coupon: the part of a rule's explanation that never changes."""
	return ", ".join([f"priority {rule.priority}", *_party_parts(rule)])


def _party_parts(rule: DescribedRule) -> list[str]:
	parts = [f"for {rule.applicable_for.lower()} {rule.party}"] if rule.applicable_for else []
	return [*parts, "coupon"] if rule.coupon_code_based else parts


def condition_text(rule: DescribedRule, qty: Decimal | None, amount: Decimal | None) -> str:
	"""Why the rule matched: priority, the limits met by ``qty`` / ``amount``, party, coupon."""
	if not rule.has_limits or qty is None or amount is None:
		return rule.plain_conditions
	prefix = "mixed " if rule.mixed_conditions else ""
	parts = [f"priority {rule.priority}"]
	if rule.min_qty:
		parts.append(f"{prefix}qty {fmt_number(qty)} >= min {fmt_number(rule.min_qty)}")
	if rule.max_qty:
		parts.append(f"{prefix}qty {fmt_number(qty)} <= max {fmt_number(rule.max_qty)}")
	if rule.min_amt:
		parts.append(f"{prefix}amount {fmt_number(amount)} >= min {fmt_number(rule.min_amt)}")
	if rule.max_amt:
		parts.append(f"{prefix}amount {fmt_number(amount)} <= max {fmt_number(rule.max_amt)}")
	return ", ".join(parts + _party_parts(rule))


def outranked_text(loser: DescribedRule, winner: DescribedRule) -> str:
	"""Why ``loser`` was not applied: the first rank component where ``winner`` is greater."""
	won, lost = winner.rank, loser.rank
	for position in range(len(won)):
		if won[position] != lost[position]:
			label = _RANK_LABELS[position]
			return f"not applied: {winner.name} wins on {label} ({won[position]} > {lost[position]})"
	return f"not applied: {winner.name} wins"


def loser_notes(winner: DescribedRule, losers: Sequence[DescribedRule]) -> list[tuple[str, str]]:
	"""(rule, reason) for the first ``MAX_LOSER_NOTES`` losers (best first), then ("...", count)."""
	notes = [(loser.name, outranked_text(loser, winner)) for loser in losers[:MAX_LOSER_NOTES]]
	if len(losers) > MAX_LOSER_NOTES:
		notes.append(("...", f"{len(losers) - MAX_LOSER_NOTES} more matching rules not applied"))
	return notes
