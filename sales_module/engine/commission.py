"""Sales partner commission and sales team contribution (allocated amounts and incentives)."""

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from . import _data
from .errors import EngineValidationError
from .money import DEFAULT_ROUNDING, HUNDRED, ZERO, apportion, distribute, quantum, to_decimal
from .text import N_


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
			N_("Commission rate must be between 0 and 100, not {0}"), rate, code="commission_rate"
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
			N_("Total allocated percentage for sales team should be 100, not {0}"),
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
				N_("Commission rate must be between 0 and 100, not {0}"),
				tier.commission_rate,
				code="commission_rate",
			)
	if tiers[0].from_amount != ZERO:
		raise EngineValidationError(
			N_("The first commission tier must start at 0, not {0}"), tiers[0].from_amount, code="tier_start"
		)
	for lower, upper in itertools.pairwise(tiers):
		if upper.from_amount == lower.from_amount:
			raise EngineValidationError(
				N_("Two commission tiers start at {0}"), upper.from_amount, code="tier_overlap"
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


def spread_commission(total: object, weights: Iterable[object], precision: int = 2) -> list[Decimal]:
	"""``total`` split over rows in proportion to ``weights`` (their eligible amounts), summing to it
	exactly. When the total and every weight share a sign (sales, or credit notes), by the largest
	remainder, so no row gets a commission of the other sign; mixed signs fall back to ``distribute``."""
	amount = to_decimal(total)
	parts = [to_decimal(weight) for weight in weights]
	if all(part >= ZERO for part in parts) and amount >= ZERO:
		return apportion(amount, parts, precision)
	if all(part <= ZERO for part in parts) and amount <= ZERO:
		return [-share for share in apportion(-amount, [-part for part in parts], precision)]
	return distribute(amount, parts, precision)


def settlement_row_commissions(
	settled_before: object,
	amounts: Iterable[object],
	tiers: list[CommissionTier],
	*,
	precision: int = 2,
	rounding: str = DEFAULT_ROUNDING,
) -> list[Decimal]:
	"""Each row's part of a tiered settlement: the sales (positive rows) earn what they add to the
	period's earlier settlements, the credit notes (negative rows) then take back what they remove, each
	side spread over its rows by their amounts. The parts sum exactly to
	``settlement_commission(settled_before, sum(amounts), tiers)``."""
	values = [to_decimal(amount) for amount in amounts]
	before = to_decimal(settled_before)
	sales = sum((value for value in values if value > ZERO), ZERO)
	credits = sum((value for value in values if value < ZERO), ZERO)
	earned = settlement_commission(before, sales, tiers, precision=precision, rounding=rounding)
	taken_back = settlement_commission(before + sales, credits, tiers, precision=precision, rounding=rounding)
	earned_parts = iter(spread_commission(earned, [value for value in values if value > ZERO], precision))
	credit_parts = iter(spread_commission(taken_back, [value for value in values if value < ZERO], precision))
	return [
		next(earned_parts) if value > ZERO else next(credit_parts) if value < ZERO else ZERO
		for value in values
	]


def effective_rate(commission: object, amount: object, precision: int = 2) -> Decimal:
	"""The rate ``commission`` is of ``amount``, in percent (zero for a zero amount)."""
	base = to_decimal(amount)
	if base == ZERO:
		return ZERO
	return (to_decimal(commission) * HUNDRED / base).quantize(quantum(precision), rounding=DEFAULT_ROUNDING)


@dataclass(frozen=True, slots=True)
class SettlementFigures:
	commissions: list[Decimal]
	commission_rates: list[Decimal]
	total_eligible_amount: Decimal
	total_commission: Decimal


def settlement_figures(
	rows: Iterable[object],
	settled_before: object = 0,
	tiers: list[CommissionTier] | None = None,
	*,
	precision: int = 2,
) -> SettlementFigures:
	"""A Commission Settlement's rows and totals. Rows carry ``eligible_amount``, ``commission_rate`` and
	``commission_amount`` (the commission their document stores). Without tiers every row keeps its
	stored commission and rate, as the commission reports show them; with tiers the settlement earns
	``settlement_commission(settled_before, total, tiers)``, spread over the rows (sales first, then
	credit notes), each row showing its effective rate."""
	items = list(rows)
	amounts = [_data.number(row, "eligible_amount") for row in items]
	total_eligible = sum(amounts, ZERO)
	if tiers:
		commissions = settlement_row_commissions(settled_before, amounts, tiers, precision=precision)
		rates = [
			effective_rate(commission, amount)
			for commission, amount in zip(commissions, amounts, strict=True)
		]
	else:
		commissions = [
			_data.number(row, "commission_amount").quantize(quantum(precision), rounding=DEFAULT_ROUNDING)
			for row in items
		]
		rates = [_data.number(row, "commission_rate") for row in items]
	return SettlementFigures(commissions, rates, total_eligible, sum(commissions, ZERO))


@dataclass(frozen=True, slots=True)
class TeamLineShare:
	contribution_qty: Decimal
	contribution_amount: Decimal


def team_line_share(
	qty: object, amount: object, allocated_percentage: object, *, precision: int = 2, qty_precision: int = 6
) -> TeamLineShare:
	"""A sales person's share of one document line: its quantity and amount times the person's
	contribution percentage."""
	share = to_decimal(allocated_percentage) / HUNDRED
	return TeamLineShare(
		(to_decimal(qty) * share).quantize(quantum(qty_precision), rounding=DEFAULT_ROUNDING),
		(to_decimal(amount) * share).quantize(quantum(precision), rounding=DEFAULT_ROUNDING),
	)


@dataclass(frozen=True, slots=True)
class LineInEffect:
	stock_qty: Decimal
	amount: Decimal


def order_line_in_effect(
	stock_qty: object,
	base_net_amount: object,
	*,
	closed: bool = False,
	delivered_qty: object = 0,
	conversion_factor: object = 1,
	base_net_rate: object = 0,
	precision: int = 2,
	qty_precision: int = 6,
) -> LineInEffect:
	"""What an order line stands for: all of it, or only what was delivered once the order is closed
	(its delivered quantity at the line's net rate)."""
	if not closed:
		return LineInEffect(to_decimal(stock_qty), to_decimal(base_net_amount))
	delivered = to_decimal(delivered_qty)
	return LineInEffect(
		(delivered * to_decimal(conversion_factor)).quantize(
			quantum(qty_precision), rounding=DEFAULT_ROUNDING
		),
		(delivered * to_decimal(base_net_rate)).quantize(quantum(precision), rounding=DEFAULT_ROUNDING),
	)
