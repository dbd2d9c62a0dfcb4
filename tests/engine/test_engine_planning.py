"""Target periods as ERPNext's variance reports cut a fiscal year, monthly distributions, exact period
targets, variances, top-down spreading and the forecast formula."""

import itertools
import os
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_module.engine import (
	MONTH_NAMES,
	EngineValidationError,
	achievements,
	expected_on,
	forecast,
	forecast_series,
	period_targets,
	spread_target,
	target_periods,
	uncovered_targets,
	validate_distribution,
	variance,
	variance_series,
)

PROPERTY_SETTINGS = settings(
	max_examples=int(os.environ.get("ENGINE_HYPOTHESIS_EXAMPLES", "150")), deadline=None, database=None
)


@pytest.mark.parametrize(
	("start", "end", "periodicity", "keys", "labels"),
	[
		(
			"2026-01-01",
			"2026-12-31",
			"Quarterly",
			["mar_2026", "jun_2026", "sep_2026", "dec_2026"],
			["Jan 26-Mar 26", "Apr 26-Jun 26", "Jul 26-Sep 26", "Oct 26-Dec 26"],
		),
		(
			"2026-04-01",
			"2027-03-31",
			"Half-Yearly",
			["sep_2026", "mar_2027"],
			["Apr 26-Sep 26", "Oct 26-Mar 27"],
		),
		("2026-04-01", "2027-03-31", "Yearly", ["mar_2027"], ["2026-2027"]),
		("2026-01-01", "2026-12-31", "Yearly", ["dec_2026"], ["2026"]),
		# a short fiscal year: the last period is cut at the year's end
		("2026-01-01", "2026-08-15", "Quarterly", ["mar_2026", "jun_2026", "aug_2026"], None),
	],
)
def test_target_periods(start, end, periodicity, keys, labels):
	periods = target_periods(start, end, periodicity)
	assert [period.key for period in periods] == keys
	if labels:
		assert [period.label for period in periods] == labels
	assert periods[0].start == date.fromisoformat(start)
	assert periods[-1].end == date.fromisoformat(end)


def test_monthly_periods_label_and_months():
	periods = target_periods("2026-07-01", "2027-06-30", "Monthly")
	assert [p.label for p in periods[:2]] == ["Jul 2026", "Aug 2026"]
	assert [p.months for p in periods[5:7]] == [(12,), (1,)]


@given(
	start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
	length=st.integers(min_value=0, max_value=800),
	periodicity=st.sampled_from(["Monthly", "Quarterly", "Half-Yearly", "Yearly"]),
)
@PROPERTY_SETTINGS
def test_periods_tile_the_year(start, length, periodicity):
	end = date.fromordinal(start.toordinal() + length)
	periods = target_periods(start, end, periodicity)
	assert periods[0].start == start and periods[-1].end == end
	for earlier, later in itertools.pairwise(periods):
		assert later.start.toordinal() == earlier.end.toordinal() + 1


@pytest.mark.parametrize(
	("periodicity", "error_code"),
	[("Fortnightly", "invalid_range")],
)
def test_unknown_periodicity(periodicity, error_code):
	with pytest.raises(EngineValidationError) as err:
		target_periods("2026-01-01", "2026-12-31", periodicity)
	assert err.value.code == error_code


def test_year_end_before_start():
	with pytest.raises(EngineValidationError) as err:
		target_periods("2026-12-31", "2026-01-01", "Monthly")
	assert err.value.code == "report_dates"


def even_distribution():
	return {month: "8.333" for month in MONTH_NAMES[:-1]} | {"December": "8.337"}


@pytest.mark.parametrize(
	("percentages", "error_code"),
	[
		({month: "8" for month in MONTH_NAMES}, "distribution_total"),
		({**even_distribution(), "January": "-1", "February": "17.666"}, "negative"),
		({**even_distribution(), "Smarch": "0"}, "invalid_month"),
	],
)
def test_distribution_refused(percentages, error_code):
	with pytest.raises(EngineValidationError) as err:
		validate_distribution(percentages)
	assert err.value.code == error_code


def test_distribution_accepted_at_float_precision():
	# 100.0001 rounds to 100 at the float precision of three decimals
	values = validate_distribution({**even_distribution(), "December": "8.3371"}, precision=3)
	assert values["December"] == Decimal("8.3371")
	assert set(values) == set(MONTH_NAMES)


def test_period_targets_follow_distribution():
	periods = target_periods("2026-01-01", "2026-12-31", "Quarterly")
	percentages = dict.fromkeys(MONTH_NAMES, "5") | {"December": "45"}
	assert period_targets(1000, periods, percentages) == [
		Decimal("150.00"),
		Decimal("150.00"),
		Decimal("150.00"),
		Decimal("550.00"),
	]


def test_period_targets_even_without_distribution():
	periods = target_periods("2026-01-01", "2026-12-31", "Half-Yearly")
	assert period_targets("1000.01", periods) == [Decimal("500.01"), Decimal("500.00")]


@given(
	target=st.decimals(min_value=0, max_value=10**9, places=2),
	weights=st.lists(st.integers(min_value=0, max_value=1000), min_size=12, max_size=12),
	periodicity=st.sampled_from(["Monthly", "Quarterly", "Half-Yearly", "Yearly"]),
)
@PROPERTY_SETTINGS
def test_period_targets_add_up(target, weights, periodicity):
	periods = target_periods("2026-04-01", "2027-03-31", periodicity)
	percentages = dict(zip(MONTH_NAMES, weights, strict=True)) if any(weights) else None
	parts = period_targets(target, periods, percentages)
	assert sum(parts) == target
	assert all(part >= 0 for part in parts)


def test_variance_and_series():
	assert variance(200, 150).as_dict() == {
		"target": Decimal("200.00"),
		"achieved": Decimal("150.00"),
		"variance": Decimal("-50.00"),
		"achievement_percent": Decimal("75.00"),
	}
	assert variance(0, 10).achievement_percent is None
	rows, total = variance_series([100, 100], [120, 30])
	assert [row.variance for row in rows] == [Decimal("20.00"), Decimal("-70.00")]
	assert (total.target, total.achieved, total.variance) == (Decimal(200), Decimal(150), Decimal(-50))


def test_variance_series_lengths_must_match():
	with pytest.raises(EngineValidationError) as err:
		variance_series([1, 2], [1])
	assert err.value.code == "invalid_number"


def test_spread_by_last_period_sales():
	assert spread_target(1000, ["A", "B", "C"], {"A": 300, "B": 100, "C": 0}) == {
		"A": Decimal("750.00"),
		"B": Decimal("250.00"),
		"C": Decimal("0.00"),
	}


def test_spread_evenly_without_sales():
	# the cent left over goes to the first member on a tie
	assert spread_target(100, ["A", "B", "C"]) == {
		"A": Decimal("33.34"),
		"B": Decimal("33.33"),
		"C": Decimal("33.33"),
	}


@pytest.mark.parametrize(
	("total", "members", "error_code"), [(100, [], "no_members"), (-1, ["A"], "negative")]
)
def test_spread_refused(total, members, error_code):
	with pytest.raises(EngineValidationError) as err:
		spread_target(total, members)
	assert err.value.code == error_code


@given(
	total=st.decimals(min_value=0, max_value=10**9, places=2),
	weights=st.lists(st.decimals(min_value=-100, max_value=10**6, places=2), min_size=1, max_size=30),
)
@PROPERTY_SETTINGS
def test_spread_adds_up(total, weights):
	members = [f"M{index}" for index in range(len(weights))]
	parts = spread_target(total, members, dict(zip(members, weights, strict=True)))
	assert sum(parts.values()) == total
	assert all(part >= 0 for part in parts.values())


def test_forecast_mid_period():
	result = forecast(1000, 200, "2026-12-01", "2026-12-31", "2026-12-10")
	# 1000 over 10 days, 21 days left: 2100 more at that rate
	assert (result.elapsed_days, result.remaining_days) == (10, 21)
	assert result.run_rate_projection == Decimal("2100.00")
	assert result.forecast == Decimal("3300.00")


def test_forecast_before_and_after_the_period():
	before = forecast(0, 500, "2027-01-01", "2027-01-31", "2026-12-10")
	assert (before.run_rate_projection, before.forecast, before.remaining_days) == (
		Decimal("0.00"),
		Decimal("500.00"),
		31,
	)
	after = forecast(800, 500, "2026-11-01", "2026-11-30", "2026-12-10")
	assert (after.pipeline, after.forecast, after.remaining_days) == (Decimal(0), Decimal("800.00"), 0)


def test_forecast_on_the_last_day():
	result = forecast(300, 40, "2026-12-01", "2026-12-31", "2026-12-31")
	assert (result.remaining_days, result.run_rate_projection, result.forecast) == (
		0,
		Decimal("0.00"),
		Decimal("340.00"),
	)


def test_month_cut_by_the_period_counts_by_its_days():
	# 10 Dec to 31 Dec is 22 of December's 31 days; January is whole
	periods = target_periods("2026-12-10", "2027-01-31", "Monthly", calendar_months=True)
	assert [period.month_fractions for period in periods] == [(Decimal(22) / 31,), (Decimal(1),)]
	percentages = dict.fromkeys(MONTH_NAMES, 0) | {"December": 50, "January": 50}
	assert period_targets(5300, periods, percentages) == [Decimal("2200.00"), Decimal("3100.00")]


def test_uncovered_targets_leave_out_what_a_target_above_counts():
	targets = [
		("Moscow", "Laptops"),  # under Russia / every item
		("Russia", None),
		("Kazan", None),  # under Russia / every item
		("Russia", "Computers"),  # under Russia / every item
		("All Territories", "Services"),  # nothing above covers every territory's services
		("Russia", None),  # a second row of the same target: one target
	]
	assert uncovered_targets(targets, TERRITORIES, GROUPS) == [
		("Russia", None),
		("All Territories", "Services"),
	]


def test_a_target_on_every_item_is_not_covered_by_one_on_a_group():
	targets = [("Moscow", None), ("Russia", "Computers"), ("Kazan", "Laptops")]
	# Moscow's every-item target counts sales outside Computers: Russia / Computers does not cover it;
	# Kazan / Laptops is inside Russia / Computers
	assert uncovered_targets(targets, TERRITORIES, GROUPS) == [("Moscow", None), ("Russia", "Computers")]


@given(
	targets=st.lists(
		st.tuples(
			st.sampled_from(["Moscow", "Kazan", "Russia", "All Territories", "Sales Partner X"]),
			st.sampled_from(["Laptops", "Services", "Computers", "All Item Groups", None]),
		),
		max_size=12,
	)
)
@PROPERTY_SETTINGS
def test_uncovered_targets_still_count_every_sale(targets):
	kept = uncovered_targets(targets, TERRITORIES, GROUPS)
	assert set(kept) <= set(targets)
	periods = target_periods("2026-01-01", "2026-12-31", "Yearly")
	for member, item_group in itertools.product(["Moscow", "Kazan", "Russia", "Sales Partner X"], GROUPS):
		sale = [(member, item_group, "2026-05-01", 1)]
		by_kept = achievements(sale, kept, periods, TERRITORIES, GROUPS)
		by_all = achievements(sale, targets, periods, TERRITORIES, GROUPS)
		# a sale some target counts is still counted by a kept one; a chain of nested targets counts it once
		assert any(value[0] for value in by_kept.values()) == any(value[0] for value in by_all.values())


def test_nested_targets_count_a_sale_once():
	targets = [("Moscow", "Laptops"), ("Russia", "Computers"), ("All Territories", None)]
	kept = uncovered_targets(targets, TERRITORIES, GROUPS)
	periods = target_periods("2026-01-01", "2026-12-31", "Yearly")
	sale = [("Moscow", "Laptops", "2026-05-01", 7)]
	assert kept == [("All Territories", None)]
	assert achievements(sale, kept, periods, TERRITORIES, GROUPS) == {
		("All Territories", None): [Decimal("7.00")]
	}


TERRITORIES = {"Moscow": "Russia", "Kazan": "Russia", "Russia": "All Territories", "All Territories": None}
GROUPS = {"Laptops": "Computers", "Computers": "All Item Groups", "Services": "All Item Groups"}


def test_achievements_roll_up_both_trees():
	periods = target_periods("2026-01-01", "2026-12-31", "Half-Yearly")
	rows = [
		("Moscow", "Laptops", "2026-02-01", 100),
		("Kazan", "Services", "2026-08-01", 40),
		("Kazan", "Laptops", "2026-07-01", "-10"),  # a credit note counts negative
		("Moscow", "Laptops", "2027-01-01", 999),  # after the year: left out
	]
	targets = [("Russia", None), ("Russia", "Computers"), ("Moscow", "Laptops"), ("Kazan", "Services")]
	result = achievements(rows, targets, periods, TERRITORIES, GROUPS)
	assert result == {
		("Russia", None): [Decimal("100.00"), Decimal("30.00")],
		("Russia", "Computers"): [Decimal("100.00"), Decimal("-10.00")],
		("Moscow", "Laptops"): [Decimal("100.00"), Decimal("0.00")],
		("Kazan", "Services"): [Decimal("0.00"), Decimal("40.00")],
	}


@given(
	amounts=st.lists(
		st.tuples(
			st.sampled_from(["Moscow", "Kazan", "Russia"]),
			st.sampled_from(["Laptops", "Services", "Computers", None]),
			st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
			st.decimals(min_value=-1000, max_value=1000, places=2),
		),
		max_size=40,
	)
)
@PROPERTY_SETTINGS
def test_the_root_target_sees_every_sale_once(amounts):
	periods = target_periods("2026-01-01", "2026-12-31", "Quarterly")
	result = achievements(amounts, [("All Territories", None)], periods, TERRITORIES, GROUPS)
	assert sum(result[("All Territories", None)]) == sum((row[3] for row in amounts), Decimal(0))


def test_forecast_series_per_month():
	periods = target_periods("2026-11-01", "2027-01-31", "Monthly")
	# 300 achieved in November, 100 so far in December (10 days in), 50 of open orders due in January
	series = forecast_series(periods, [300, 100, 0], [0, 0, 50], "2026-12-10")
	# run rate 400 / 40 days = 10 a day: 21 days left in December, 31 in January
	assert series == [Decimal("300.00"), Decimal("310.00"), Decimal("360.00")]
	assert sum(series) == forecast(400, 50, "2026-11-01", "2027-01-31", "2026-12-10").forecast


@given(
	today=st.dates(min_value=date(2026, 10, 1), max_value=date(2027, 8, 31)),
	achieved=st.lists(st.decimals(min_value=-500, max_value=10**6, places=2), min_size=4, max_size=4),
	pipeline=st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=4, max_size=4),
)
@PROPERTY_SETTINGS
def test_forecast_series_adds_up_to_the_forecast(today, achieved, pipeline):
	periods = target_periods("2027-01-01", "2027-12-31", "Quarterly")
	# open orders are only ever placed in the current or a later period (expected_on)
	pipeline = [
		value if period.end >= today else Decimal(0) for value, period in zip(pipeline, periods, strict=True)
	]
	series = forecast_series(periods, achieved, pipeline, today)
	total = forecast(sum(achieved), sum(pipeline), periods[0].start, periods[-1].end, today)
	assert sum(series) == total.forecast


@pytest.mark.parametrize(
	("due", "expected"),
	[
		("2026-12-20", date(2026, 12, 20)),
		("2026-11-01", date(2026, 12, 10)),  # late: expected now
		("2026-08-01", date(2026, 12, 10)),
		("2027-02-01", None),  # after the plan
	],
)
def test_expected_on(due, expected):
	assert expected_on(due, "2026-12-10", "2026-09-01", "2027-01-31") == expected


def test_expected_on_before_the_plan_starts():
	assert expected_on("2026-08-01", "2026-08-15", "2026-09-01", "2027-01-31") == date(2026, 9, 1)
