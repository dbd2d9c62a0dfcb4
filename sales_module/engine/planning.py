"""Sales planning: a fiscal year cut into ERPNext's target periods, yearly targets spread over them by
a monthly distribution, plan versus actual with its variance, a company target spread over the plan's
members, and the forecast of a period's end.

Periods follow ERPNext's target variance reports: they start on the fiscal year's first day and run
one, three, six or twelve months (the last one cut at the year's end); a period's key is the month and
year of its last day (``mar_2026``), its label "Mar 2026" (monthly), "Jan 26-Mar 26" or "2026".
"""

import calendar
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ._data import to_date
from .analytics import MONTHS
from .errors import EngineValidationError
from .money import HUNDRED, ZERO, apportion, round_money, to_decimal
from .text import N_

PERIODICITY_MONTHS = {"Monthly": 1, "Quarterly": 3, "Half-Yearly": 6, "Yearly": 12}
# Monthly Distribution Percentage.month options, as ERPNext names them
MONTH_NAMES = tuple(calendar.month_name[month] for month in range(1, 13))


@dataclass(frozen=True)
class TargetPeriod:
	start: date
	end: date
	key: str  # ERPNext's period key: the last day's month and year, "mar_2026"
	label: str  # English; reports translate the month names
	months: tuple[int, ...]  # the calendar months (1-12) the period covers, in order
	month_fractions: tuple[Decimal, ...]  # the share of each of those months inside the period

	def contains(self, day: date) -> bool:
		return self.start <= day <= self.end


def add_months(day: date, months: int) -> date:
	"""The same day ``months`` later, at most the last day of that month."""
	index = day.month - 1 + months
	year, month = day.year + index // 12, index % 12 + 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def target_periods(
	year_start: object, year_end: object, periodicity: str, calendar_months: bool = False
) -> list[TargetPeriod]:
	"""The periods of a fiscal year for a periodicity (Monthly, Quarterly, Half-Yearly, Yearly): one,
	three, six or twelve months from its first day, as ERPNext counts them; with ``calendar_months``
	(a plan starting within a month) the first period ends with a calendar month and the others follow
	whole months."""
	start, end = to_date(year_start), to_date(year_end)
	if periodicity not in PERIODICITY_MONTHS:
		raise EngineValidationError(
			N_("Period {0} is not one of {1}"),
			periodicity,
			", ".join(PERIODICITY_MONTHS),
			code="invalid_range",
		)
	if start is None or end is None:
		raise EngineValidationError(N_("Year Start Date and Year End Date are required"), code="missing_date")
	if end < start:
		raise EngineValidationError(
			N_("To Date {0} is before From Date {1}"), end, start, code="report_dates"
		)
	step = PERIODICITY_MONTHS[periodicity]
	anchor = start.replace(day=1) if calendar_months else start
	periods, current, count = [], start, 0
	while current <= end:
		count += 1
		following = add_months(anchor, step * count)
		last = min(following - timedelta(days=1), end)
		periods.append(make_target_period(current, last, periodicity))
		current = last + timedelta(days=1)
	return periods


def make_target_period(start: date, end: date, periodicity: str) -> TargetPeriod:
	key = f"{MONTHS[end.month - 1].lower()}_{end.year}"
	if periodicity == "Monthly":
		label = f"{MONTHS[end.month - 1]} {end.year}"
	elif periodicity == "Yearly":
		label = str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
	else:
		label = (
			f"{MONTHS[start.month - 1]} {start.year % 100:02d}-{MONTHS[end.month - 1]} {end.year % 100:02d}"
		)
	months, fractions = months_between(start, end)
	return TargetPeriod(start, end, key, label, months, fractions)


def months_between(start: date, end: date) -> tuple[tuple[int, ...], tuple[Decimal, ...]]:
	"""The calendar months from start to end, and how much of each lies between them (1 for a whole
	month, days inside / days of the month for a month cut by either end)."""
	months, fractions, year, month = [], [], start.year, start.month
	while (year, month) <= (end.year, end.month):
		length = calendar.monthrange(year, month)[1]
		first = start.day if (year, month) == (start.year, start.month) else 1
		last = end.day if (year, month) == (end.year, end.month) else length
		months.append(month)
		fractions.append(Decimal(1) if (first, last) == (1, length) else Decimal(last - first + 1) / length)
		year, month = (year + 1, 1) if month == 12 else (year, month + 1)
	return tuple(months), tuple(fractions)


def validate_distribution(percentages: Mapping[str, object], precision: int = 2) -> dict[str, Decimal]:
	"""A Monthly Distribution: a percentage per month name, none negative, totalling 100 (rounded to
	``precision``, the currency-independent float precision). Returns them as Decimals, every month
	present."""
	unknown = sorted(set(percentages) - set(MONTH_NAMES))
	if unknown:
		raise EngineValidationError(N_("Unknown month {0}"), ", ".join(unknown), code="invalid_month")
	values = {month: to_decimal(percentages.get(month)) for month in MONTH_NAMES}
	negative = [month for month, value in values.items() if value < ZERO]
	if negative:
		raise EngineValidationError(
			N_("Percentage allocation cannot be negative ({0})"), ", ".join(negative), code="negative"
		)
	total = round_money(sum(values.values(), ZERO), precision)
	if total != HUNDRED:
		raise EngineValidationError(
			N_("Percentage allocations should add up to 100%, not {0}%"), total, code="distribution_total"
		)
	return values


def period_weights(
	periods: Sequence[TargetPeriod], percentages: Mapping[str, object] | None = None
) -> list[Decimal]:
	"""Each period's weight: the sum of its months' percentages (a month cut by the period's start or
	end counts by its days inside), or, without a distribution, the months it covers (evenly by month,
	as ERPNext spreads a target without one)."""
	by_month = (
		{MONTH_NAMES.index(name) + 1: to_decimal(value) for name, value in percentages.items()}
		if percentages
		else None
	)
	return [
		sum(
			(
				(by_month.get(month, ZERO) if by_month is not None else HUNDRED) * fraction
				for month, fraction in zip(period.months, period.month_fractions, strict=True)
			),
			ZERO,
		)
		for period in periods
	]


def period_targets(
	target: object,
	periods: Sequence[TargetPeriod],
	percentages: Mapping[str, object] | None = None,
	precision: int = 2,
) -> list[Decimal]:
	"""A yearly target spread over the periods by the distribution; the parts add up to the target
	exactly (rounding steps go to the periods whose exact share was cut most)."""
	amount = to_decimal(target)
	if amount < ZERO:
		raise EngineValidationError(N_("Target cannot be negative: {0}"), amount, code="negative")
	weights = period_weights(periods, percentages)
	if not any(weights):
		return [ZERO] * len(periods)
	return apportion(round_money(amount, precision), weights, precision)


@dataclass(frozen=True)
class Variance:
	target: Decimal
	achieved: Decimal
	variance: Decimal  # achieved - target: below zero is a shortfall
	achievement_percent: Decimal | None  # achieved / target x 100, None without a target

	def as_dict(self) -> dict[str, object]:
		return {
			"target": self.target,
			"achieved": self.achieved,
			"variance": self.variance,
			"achievement_percent": self.achievement_percent,
		}


def variance(target: object, achieved: object, precision: int = 2) -> Variance:
	planned, done = round_money(target, precision), round_money(achieved, precision)
	percent = round_money(done * HUNDRED / planned, 2) if planned else None
	return Variance(planned, done, done - planned, percent)


def variance_series(
	targets: Sequence[object], achieved: Sequence[object], precision: int = 2
) -> tuple[list[Variance], Variance]:
	"""Per-period variances and their total."""
	if len(targets) != len(achieved):
		raise EngineValidationError(
			N_("Targets for {0} periods but achievements for {1}"),
			len(targets),
			len(achieved),
			code="invalid_number",
		)
	rows = [variance(target, done, precision) for target, done in zip(targets, achieved, strict=True)]
	total = variance(
		sum((row.target for row in rows), ZERO), sum((row.achieved for row in rows), ZERO), precision
	)
	return rows, total


def spread_target(
	total: object,
	members: Sequence[Hashable],
	weights: Mapping[Hashable, object] | None = None,
	precision: int = 2,
) -> dict[Hashable, Decimal]:
	"""A company target spread over members by their weights (last period's sales); members without
	sales get nothing unless no member had any, when it is spread evenly. The parts add up exactly."""
	if not members:
		raise EngineValidationError(N_("There are no members to spread the target over"), code="no_members")
	amount = to_decimal(total)
	if amount < ZERO:
		raise EngineValidationError(N_("Target cannot be negative: {0}"), amount, code="negative")
	shares = [max(to_decimal((weights or {}).get(member)), ZERO) for member in members]
	if not any(shares):
		shares = [Decimal(1)] * len(members)
	return dict(zip(members, apportion(round_money(amount, precision), shares, precision), strict=True))


@dataclass(frozen=True)
class Forecast:
	achieved: Decimal
	pipeline: Decimal  # open orders not yet delivered / billed
	run_rate_projection: Decimal  # achieved / elapsed days x remaining days
	forecast: Decimal  # achieved + pipeline + run_rate_projection
	elapsed_days: int
	remaining_days: int


def forecast(
	achieved: object,
	pipeline: object,
	period_start: object,
	period_end: object,
	today: object,
	precision: int = 2,
) -> Forecast:
	"""What a period will reach by its end: what is achieved so far, plus the open orders still to be
	delivered or billed, plus the daily run rate so far over the days left. A period not started yet
	has no run rate; one that is over forecasts what it achieved."""
	start, end, now = to_date(period_start), to_date(period_end), to_date(today)
	if start is None or end is None or now is None:
		raise EngineValidationError(N_("From Date and To Date are required"), code="missing_date")
	if end < start:
		raise EngineValidationError(
			N_("To Date {0} is before From Date {1}"), end, start, code="report_dates"
		)
	done = round_money(achieved, precision)
	if now > end:
		elapsed = (end - start).days + 1
		return Forecast(done, ZERO, ZERO, done, elapsed, 0)
	open_orders = round_money(pipeline, precision)
	elapsed = max((now - start).days + 1, 0)
	remaining = (end - max(now, start - timedelta(days=1))).days
	projection = round_money(done * remaining / elapsed, precision) if elapsed else ZERO
	return Forecast(done, open_orders, projection, done + open_orders + projection, elapsed, remaining)


def ancestors_of(node: str | None, parent_of: Mapping[str, str | None]) -> list[str]:
	"""The node and every node above it, nearest first (a circle in the data stops the walk)."""
	chain, seen = [], set()
	while node and node not in seen:
		seen.add(node)
		chain.append(node)
		node = parent_of.get(node)
	return chain


def uncovered_targets(
	targets: Iterable[tuple[str, str | None]],
	member_parents: Mapping[str, str | None] | None = None,
	group_parents: Mapping[str, str | None] | None = None,
) -> list[tuple[str, str | None]]:
	"""The targets no other target already covers, in their order: a target on a member and item group
	is covered by one on the member or a group above it and the item group or one above it (or every
	item), since that one's achievement counts the same sales. Their sum shows the whole plan; only
	targets that cross (one on a member below and an item group above another's) count a sale twice."""
	wanted = list(dict.fromkeys(targets))
	keys = set(wanted)
	members, groups = member_parents or {}, group_parents or {}

	def covered(member: str, item_group: str | None) -> bool:
		member_chain = ancestors_of(member, members)
		group_chain = [*ancestors_of(item_group, groups), None]
		return any(
			(above_member, above_group) in keys and (above_member, above_group) != (member, item_group)
			for above_member in member_chain
			for above_group in group_chain
		)

	return [target for target in wanted if not covered(*target)]


def achievements(
	rows: Iterable[tuple[str, str | None, object, object]],
	targets: Iterable[tuple[str, str | None]],
	periods: Sequence[TargetPeriod],
	member_parents: Mapping[str, str | None] | None = None,
	group_parents: Mapping[str, str | None] | None = None,
	precision: int = 2,
) -> dict[tuple[str, str | None], list[Decimal]]:
	"""What each target (member, item group or None for every item) achieved per period, from sold rows
	(member, item group, date, amount). A sale counts for its member's target and, up the member tree,
	for every group above it (a territory's target is met by its sub-territories' sales); likewise up
	the item group tree (a target on a group is met by its sub-groups' items). Rows outside the periods
	are left out."""
	wanted = set(targets)
	sums = {target: [ZERO] * len(periods) for target in wanted}
	if not periods:
		return sums
	members, groups = member_parents or {}, group_parents or {}
	member_chains: dict[str, list[str]] = {}
	group_chains: dict[str | None, list[str | None]] = {}
	starts = [period.start for period in periods]
	for member, item_group, day, amount in rows:
		when = to_date(day)
		if when is None or when < periods[0].start or when > periods[-1].end:
			continue
		index = bisect_right(starts, when) - 1
		if member not in member_chains:
			member_chains[member] = ancestors_of(member, members)
		if item_group not in group_chains:
			group_chains[item_group] = [*ancestors_of(item_group, groups), None]
		value = to_decimal(amount)
		for target_member in member_chains[member]:
			for target_group in group_chains[item_group]:
				if (target_member, target_group) in wanted:
					sums[(target_member, target_group)][index] += value
	return {target: [round_money(value, precision) for value in figures] for target, figures in sums.items()}


def expected_on(due: object, today: object, start: object, end: object) -> date | None:
	"""The day an open order's figure is expected within a plan: its due date, or today if it is late,
	or the plan's start if it is due before; None when it is due after the plan's end."""
	due_day, now, first, last = to_date(due), to_date(today), to_date(start), to_date(end)
	if due_day is None or due_day > last:
		return None
	return max(due_day, now, first)


def forecast_series(
	periods: Sequence[TargetPeriod],
	achieved: Sequence[object],
	pipeline: Sequence[object],
	today: object,
	precision: int = 2,
) -> list[Decimal]:
	"""Each period's forecast, adding up to ``forecast`` over the whole plan: a period that is over
	keeps what it achieved; the current one adds its open orders and the run rate (the plan's achieved
	so far per elapsed day) over its remaining days; a later one its open orders and the run rate over
	all its days."""
	if not periods:
		return []
	now = to_date(today)
	if now is None:
		raise EngineValidationError(N_("From Date and To Date are required"), code="missing_date")
	done = [round_money(value, precision) for value in achieved]
	pending = [round_money(value, precision) for value in pipeline]
	start, end = periods[0].start, periods[-1].end
	elapsed = max((min(now, end) - start).days + 1, 0)
	total_done = sum(done, ZERO)
	# every period's share of the run-rate projection, cut so they add up to the whole plan's
	remaining_days = [
		0 if period.end <= now else (period.end - max(now, period.start - timedelta(days=1))).days
		for period in periods
	]
	projection = ZERO
	if elapsed and now <= end:
		projection = round_money(total_done * sum(remaining_days) / elapsed, precision)
	days = [Decimal(count) for count in remaining_days]
	# returns beyond the sales so far make the projection negative: spread its size, keep its sign
	shares = [share if projection >= 0 else -share for share in apportion(abs(projection), days, precision)]
	result = []
	for period, done_here, pending_here, share in zip(periods, done, pending, shares, strict=True):
		if period.end < now:
			result.append(done_here)
		else:
			result.append(done_here + pending_here + share)
	return result
