"""Sales partner commission and sales team contribution (allocated amounts and incentives)."""

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from . import _data
from .errors import EngineValidationError
from .money import DEFAULT_ROUNDING, HUNDRED, ZERO, quantum, to_decimal


@dataclass(frozen=True, slots=True)
class PartnerCommission:
	amount_eligible_for_commission: Decimal
	commission_rate: Decimal
	total_commission: Decimal


def sales_partner_commission(
	lines: Iterable[object], commission_rate: object, *, precision: int = 2, rounding: str = DEFAULT_ROUNDING
) -> PartnerCommission:
	"""commission_rate % of the base_net_amount of lines whose item grants commission
	(``grant_commission``, default on, as Item.grant_commission)."""
	rate = to_decimal(commission_rate)
	if not ZERO <= rate <= HUNDRED:
		raise EngineValidationError(
			"Commission rate must be between 0 and 100, not {0}", rate, code="commission_rate"
		)
	eligible = sum(
		(
			_data.number(line, "base_net_amount")
			for line in lines
			if _data.flag(line, "grant_commission", True)
		),
		ZERO,
	)
	commission = (eligible * rate / HUNDRED).quantize(quantum(precision), rounding=rounding)
	return PartnerCommission(eligible, rate, commission)


@dataclass(frozen=True, slots=True)
class SalesTeamShare:
	sales_person: str
	allocated_percentage: Decimal
	allocated_amount: Decimal
	commission_rate: Decimal
	incentives: Decimal

	def as_dict(self) -> dict[str, object]:
		return {
			"sales_person": self.sales_person,
			"allocated_percentage": self.allocated_percentage,
			"allocated_amount": self.allocated_amount,
			"commission_rate": self.commission_rate,
			"incentives": self.incentives,
		}


def sales_team_contribution(
	sales_team: Iterable[object],
	base_net_total: object,
	*,
	precision: int = 2,
	rounding: str = DEFAULT_ROUNDING,
) -> list[SalesTeamShare]:
	"""allocated_amount = base_net_total x allocated_percentage (the last member takes the residue, so
	the amounts sum exactly); incentives = allocated_amount x the member's commission_rate.
	Pass amount_eligible_for_commission instead of base_net_total to pay only on eligible items."""
	members = list(sales_team)
	if not members:
		return []
	percentages = [_data.number(member, "allocated_percentage") for member in members]
	total_pct = sum(percentages, ZERO)
	if total_pct != HUNDRED:
		raise EngineValidationError(
			"Total allocated percentage for sales team should be 100, not {0}",
			total_pct,
			code="allocation_total",
		)
	base = to_decimal(base_net_total)
	step = quantum(precision)
	amounts = [(base * pct / HUNDRED).quantize(step, rounding=rounding) for pct in percentages]
	amounts[-1] = base - sum(amounts[:-1], ZERO)
	shares = []
	for member, pct, amount in zip(members, percentages, amounts, strict=True):
		rate = _data.number(member, "commission_rate")
		incentives = (amount * rate / HUNDRED).quantize(step, rounding=rounding)
		shares.append(SalesTeamShare(_data.text(member, "sales_person"), pct, amount, rate, incentives))
	return shares


@dataclass(frozen=True, slots=True)
class CommissionTier:
	"""From ``from_amount`` of the period's eligible sales on, ``commission_rate`` % is paid on what lies
	above it (up to the next tier)."""

	from_amount: Decimal
	commission_rate: Decimal


def commission_tiers(rows: Iterable[object], base_rate: object = 0) -> list[CommissionTier]:
	"""Tier rows (``from_amount``, ``commission_rate``) checked and sorted; without rows, one tier of
	``base_rate`` from zero (the partner's flat rate). Tiers start at zero, rise strictly and keep
	their rates between 0 and 100."""
	tiers = sorted(
		(
			CommissionTier(_data.number(row, "from_amount"), _data.number(row, "commission_rate"))
			for row in rows
		),
		key=lambda tier: tier.from_amount,
	)
	if not tiers:
		tiers = [CommissionTier(ZERO, to_decimal(base_rate))]
	for tier in tiers:
		if not ZERO <= tier.commission_rate <= HUNDRED:
			raise EngineValidationError(
				"Commission rate must be between 0 and 100, not {0}",
				tier.commission_rate,
				code="commission_rate",
			)
	if tiers[0].from_amount != ZERO:
		raise EngineValidationError(
			"The first commission tier must start at 0, not {0}", tiers[0].from_amount, code="tier_start"
		)
	for lower, upper in itertools.pairwise(tiers):
		if upper.from_amount == lower.from_amount:
			raise EngineValidationError(
				"Two commission tiers start at {0}", upper.from_amount, code="tier_overlap"
			)
	return tiers


def tiered_commission(
	amount: object,
	tiers: list[CommissionTier],
	*,
	precision: int = 2,
	rounding: str = DEFAULT_ROUNDING,
) -> Decimal:
	"""Commission on a period's eligible amount, tier by tier: each rate applies only to the part of the
	amount inside its tier, so selling more never earns less. A negative amount (credit notes beyond
	sales) is clawed back at the first tier's rate."""
	base = to_decimal(amount)
	if base <= ZERO:
		total = base * tiers[0].commission_rate / HUNDRED
	else:
		total = ZERO
		for tier, following in zip(tiers, [*tiers[1:], None], strict=True):
			if base <= tier.from_amount:
				break
			top = base if following is None else min(base, following.from_amount)
			total += (top - tier.from_amount) * tier.commission_rate / HUNDRED
	return total.quantize(quantum(precision), rounding=rounding)


def settlement_commission(
	settled_before: object,
	amount: object,
	tiers: list[CommissionTier],
	*,
	precision: int = 2,
	rounding: str = DEFAULT_ROUNDING,
) -> Decimal:
	"""The commission a settlement adds to what earlier settlements of the same period paid: the tiered
	commission of everything settled so far minus that of what was settled before, so settling a
	period in several parts pays exactly what settling it at once would."""
	before = to_decimal(settled_before)
	after = before + to_decimal(amount)
	return tiered_commission(after, tiers, precision=precision, rounding=rounding) - tiered_commission(
		before, tiers, precision=precision, rounding=rounding
	)
