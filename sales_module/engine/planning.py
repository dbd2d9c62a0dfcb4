"""Sales planning: a fiscal year cut into ERPNext's target periods, yearly targets spread over them by
a monthly distribution, plan versus actual with its variance, a company target spread over the plan's
members, and the forecast of a period's end.

Periods follow ERPNext's target variance reports: they start on the fiscal year's first day and run
one, three, six or twelve months (the last one cut at the year's end); a period's key is the month and
year of its last day (``mar_2026``), its label "Mar 2026" (monthly), "Jan 26-Mar 26" or "2026".
"""

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ._data import to_date
from .errors import EngineValidationError
from .money import HUNDRED, ZERO, apportion, round_money, to_decimal

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


def add_months(day: date, months: int) -> date:
	"""The same day ``months`` later, at most the last day of that month."""
	index = day.month - 1 + months
	year, month = day.year + index // 12, index % 12 + 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def target_periods(year_start: object, year_end: object, periodicity: str) -> list[TargetPeriod]:
	"""The periods of a fiscal year for a periodicity (Monthly, Quarterly, Half-Yearly, Yearly)."""
	start, end = to_date(year_start), to_date(year_end)
	if periodicity not in PERIODICITY_MONTHS:
		raise EngineValidationError(
			"Period {0} is not one of {1}", periodicity, ", ".join(PERIODICITY_MONTHS), code="invalid_range"
		)
	if start is None or end is None:
		raise EngineValidationError("Year Start Date and Year End Date are required", code="missing_date")
	if end < start:
		raise EngineValidationError("To Date {0} is before From Date {1}", end, start, code="report_dates")
	step = PERIODICITY_MONTHS[periodicity]
	periods, current, count = [], start, 0
	while current <= end:
		count += 1
		following = add_months(start, step * count)
		last = min(following - timedelta(days=1), end)
		periods.append(make_target_period(current, last, periodicity))
		current = last + timedelta(days=1)
	return periods


def make_target_period(start: date, end: date, periodicity: str) -> TargetPeriod:
	key = f"{calendar.month_abbr[end.month].lower()}_{end.year}"
	if periodicity == "Monthly":
		label = f"{calendar.month_abbr[end.month]} {end.year}"
	elif periodicity == "Yearly":
		label = str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
	else:
		label = (
			f"{calendar.month_abbr[start.month]} {start.year % 100:02d}-"
			f"{calendar.month_abbr[end.month]} {end.year % 100:02d}"
		)
	return TargetPeriod(start, end, key, label, months_between(start, end))


def months_between(start: date, end: date) -> tuple[int, ...]:
	months, year, month = [], start.year, start.month
	while (year, month) <= (end.year, end.month):
		months.append(month)
		year, month = (year + 1, 1) if month == 12 else (year, month + 1)
	return tuple(months)


def validate_distribution(percentages: Mapping[str, object], precision: int = 2) -> dict[str, Decimal]:
	"""A Monthly Distribution: a percentage per month name, none negative, totalling 100 (rounded to
	``precision``, the currency-independent float precision). Returns them as Decimals, every month
	present."""
	unknown = sorted(set(percentages) - set(MONTH_NAMES))
	if unknown:
		raise EngineValidationError("Unknown month {0}", ", ".join(unknown), code="invalid_month")
	values = {month: to_decimal(percentages.get(month)) for month in MONTH_NAMES}
	negative = [month for month, value in values.items() if value < ZERO]
	if negative:
		raise EngineValidationError(
			"Percentage allocation cannot be negative ({0})", ", ".join(negative), code="negative"
		)
	total = round_money(sum(values.values(), ZERO), precision)
	if total != HUNDRED:
		raise EngineValidationError(
			"Percentage allocations should add up to 100%, not {0}%", total, code="distribution_total"
		)
	return values


def period_weights(
	periods: Sequence[TargetPeriod], percentages: Mapping[str, object] | None = None
) -> list[Decimal]:
	"""Each period's share of the year in percent: the sum of its months' percentages, or, without a
	distribution, an even share per month of the fiscal year."""
	if percentages:
		by_month = {MONTH_NAMES.index(name) + 1: to_decimal(value) for name, value in percentages.items()}
		return [sum((by_month.get(month, ZERO) for month in period.months), ZERO) for period in periods]
	month_count = sum(len(period.months) for period in periods)
	if not month_count:
		return []
	return [HUNDRED * len(period.months) / month_count for period in periods]


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
		raise EngineValidationError("Target cannot be negative: {0}", amount, code="negative")
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
			"Targets for {0} periods but achievements for {1}",
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
	members: Sequence[str],
	weights: Mapping[str, object] | None = None,
	precision: int = 2,
) -> dict[str, Decimal]:
	"""A company target spread over members by their weights (last period's sales); members without
	sales get nothing unless no member had any, when it is spread evenly. The parts add up exactly."""
	if not members:
		raise EngineValidationError("There are no members to spread the target over", code="no_members")
	amount = to_decimal(total)
	if amount < ZERO:
		raise EngineValidationError("Target cannot be negative: {0}", amount, code="negative")
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
		raise EngineValidationError("From Date and To Date are required", code="missing_date")
	if end < start:
		raise EngineValidationError("To Date {0} is before From Date {1}", end, start, code="report_dates")
	done = round_money(achieved, precision)
	if now > end:
		elapsed = (end - start).days + 1
		return Forecast(done, ZERO, ZERO, done, elapsed, 0)
	open_orders = round_money(pipeline, precision)
	elapsed = max((now - start).days + 1, 0)
	remaining = (end - max(now, start - timedelta(days=1))).days
	projection = round_money(done * remaining / elapsed, precision) if elapsed else ZERO
	return Forecast(done, open_orders, projection, done + open_orders + projection, elapsed, remaining)
