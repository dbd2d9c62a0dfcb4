"""Explanation texts: what a rule does, why it matched, why another rule won.

This module sits below ``model`` (a rule builds its fixed texts once, on construction), so it reads rules
through the ``DescribedRule`` protocol rather than importing ``PricingRule``.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from ..money import ZERO
from ..text import N_, Phrase, joined
from .constants import DISCOUNT_AMOUNT, PERCENTAGE, RATE

MAX_LOSER_NOTES = 3  # runner-ups named in a line's explanation; the rest are only counted
_RANK_LABELS = (N_("priority"), N_("item specificity"), N_("party specificity"), N_("creation"), N_("name"))
# the texts are English phrases the desk renders in the user's language (sales_module.engine.text.Phrase)
_PARTY_TEXTS = {
	"Customer": N_("for customer {0}"),
	"Customer Group": N_("for customer group {0}"),
	"Territory": N_("for territory {0}"),
	"Sales Partner": N_("for sales partner {0}"),
	"Campaign": N_("for campaign {0}"),
}
_LIMIT_TEXTS = {
	("qty", "min"): (N_("qty {0} >= min {1}"), N_("mixed qty {0} >= min {1}")),
	("qty", "max"): (N_("qty {0} <= max {1}"), N_("mixed qty {0} <= max {1}")),
	("amt", "min"): (N_("amount {0} >= min {1}"), N_("mixed amount {0} >= min {1}")),
	("amt", "max"): (N_("amount {0} <= max {1}"), N_("mixed amount {0} <= max {1}")),
}


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


def effect_text(rule: DescribedRule, free_qty: Decimal | None = None, free_item: str = "") -> Phrase:
	"""What the rule does: "10% off", "rate 80", "margin +5%, 2 off", "free 1 x F (every 3) for"."""
	if rule.is_product_discount:
		if rule.is_recursive:
			return Phrase(
				N_("free {0} x {1} (every {2}) for"),
				fmt_number(free_qty or ZERO), free_item, fmt_number(rule.recurse_for),
			)  # fmt: skip
		return Phrase(N_("free {0} x {1} for"), fmt_number(free_qty or ZERO), free_item)
	parts = []
	if rule.margin_type and rule.margin_rate_or_amount:
		template = N_("margin +{0}%") if rule.margin_type == PERCENTAGE else N_("margin +{0}")
		parts.append(Phrase(template, fmt_number(rule.margin_rate_or_amount)))
	if rule.rate_or_discount == RATE:
		parts.append(Phrase(N_("rate {0}"), fmt_number(rule.rate)))
	elif rule.rate_or_discount == DISCOUNT_AMOUNT:
		parts.append(Phrase(N_("{0} off"), fmt_number(rule.discount_amount)))
	else:
		template = N_("{0}% off on discounted rate") if rule.apply_discount_on_rate else N_("{0}% off")
		parts.append(Phrase(template, fmt_number(rule.discount_percentage)))
	return joined(parts)


def plain_conditions(rule: DescribedRule) -> Phrase:
	"""Priority, party and coupon: the part of a rule's explanation that never changes."""
	return joined([Phrase(N_("priority {0}"), rule.priority), *_party_parts(rule)])


def _party_parts(rule: DescribedRule) -> list[Phrase]:
	parts = []
	if rule.applicable_for:
		template = _PARTY_TEXTS.get(rule.applicable_for)
		party = (
			Phrase(template, rule.party)
			if template
			else Phrase("for {0} {1}", rule.applicable_for.lower(), rule.party)
		)
		parts.append(party)
	return [*parts, Phrase(N_("coupon"))] if rule.coupon_code_based else parts


def condition_text(rule: DescribedRule, qty: Decimal | None, amount: Decimal | None) -> Phrase:
	"""Why the rule matched: priority, the limits met by ``qty`` / ``amount``, party, coupon."""
	if not rule.has_limits or qty is None or amount is None:
		return rule.plain_conditions
	mixed = 1 if rule.mixed_conditions else 0
	parts = [Phrase(N_("priority {0}"), rule.priority)]
	for kind, bound, value, limit in (
		("qty", "min", qty, rule.min_qty),
		("qty", "max", qty, rule.max_qty),
		("amt", "min", amount, rule.min_amt),
		("amt", "max", amount, rule.max_amt),
	):
		if limit:
			parts.append(Phrase(_LIMIT_TEXTS[kind, bound][mixed], fmt_number(value), fmt_number(limit)))
	return joined(parts + _party_parts(rule))


def outranked_text(loser: DescribedRule, winner: DescribedRule) -> Phrase:
	"""Why ``loser`` was not applied: the first rank component where ``winner`` is greater."""
	won, lost = winner.rank, loser.rank
	for position in range(len(won)):
		if won[position] != lost[position]:
			return Phrase(
				N_("not applied: {0} wins on {1} ({2} > {3})"),
				winner.name, _RANK_LABELS[position], won[position], lost[position],
			)  # fmt: skip
	return Phrase(N_("not applied: {0} wins"), winner.name)


def loser_notes(winner: DescribedRule, losers: Sequence[DescribedRule]) -> list[tuple[str, str]]:
	"""(rule, reason) for the first ``MAX_LOSER_NOTES`` losers (best first), then ("...", count)."""
	notes = [(loser.name, outranked_text(loser, winner)) for loser in losers[:MAX_LOSER_NOTES]]
	if len(losers) > MAX_LOSER_NOTES:
		notes.append(
			("...", Phrase(N_("{0} more matching rules not applied"), len(losers) - MAX_LOSER_NOTES))
		)
	return notes
