"""Report periods, sums per period and tree roll-up."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sales_module.engine import (
	EngineValidationError,
	acquisition_by_group,
	age_bucket,
	ageing_bounds,
	ageing_row,
	campaign_efficiency,
	line_delivery,
	order_line_progress,
	period_ranges,
	roll_up,
	sum_by_period,
)


def test_monthly_periods_cover_whole_months_with_erpnext_labels():
	periods = period_ranges("2026-01-15", "2026-03-02", "Monthly")
	assert [(p.label, p.fieldname, p.start, p.end) for p in periods] == [
		("Jan 2026", "jan_2026", date(2026, 1, 1), date(2026, 1, 31)),
		("Feb 2026", "feb_2026", date(2026, 2, 1), date(2026, 2, 28)),
		("Mar 2026", "mar_2026", date(2026, 3, 1), date(2026, 3, 31)),
	]


def test_weeks_start_on_monday_and_the_iso_year_names_the_week_at_new_year():
	periods = period_ranges("2026-12-30", "2027-01-06", "Weekly")
	assert [(p.label, p.start) for p in periods] == [
		("Week 53 2026", date(2026, 12, 28)),
		("Week 1 2027", date(2027, 1, 4)),
	]


def test_quarters_and_years():
	assert [p.label for p in period_ranges("2026-02-01", "2026-07-01", "Quarterly")] == [
		"Quarter 1 2026",
		"Quarter 2 2026",
		"Quarter 3 2026",
	]
	assert [p.fieldname for p in period_ranges("2025-06-01", "2026-01-01", "Yearly")] == ["2025", "2026"]


@pytest.mark.parametrize(
	("from_date", "to_date", "range_", "code"),
	[
		("2026-02-01", "2026-01-01", "Monthly", "report_dates"),
		("2026-01-01", "2026-02-01", "Daily", "invalid_range"),
		(None, "2026-02-01", "Monthly", "missing_date"),
	],
)
def test_bad_ranges_are_refused(from_date, to_date, range_, code):
	with pytest.raises(EngineValidationError) as raised:
		period_ranges(from_date, to_date, range_)
	assert raised.value.code == code


def test_amounts_fall_into_their_period_and_returns_count_negative():
	periods = period_ranges("2026-01-01", "2026-02-28", "Monthly")
	sums = sum_by_period(
		[
			("A", "2026-01-31", "100.10"),
			("A", date(2026, 2, 1), 50),
			("A", "2026-02-10", -20),
			("B", "2026-03-01", 9),
		],
		periods,
	)
	assert sums == {"A": [Decimal("100.10"), Decimal("30.00")]}


def test_parents_total_their_children_depth_first():
	parent_of = {
		"Moscow": "Russia",
		"Kazan": "Russia",
		"Russia": "All Territories",
		"Berlin": "All Territories",
	}
	rows = roll_up(
		{
			"Moscow": [Decimal(10), Decimal(1)],
			"Kazan": [Decimal(5), Decimal(0)],
			"Berlin": [Decimal(2), Decimal(2)],
		},
		parent_of,
		2,
	)
	assert [(row.node, row.indent, row.figures, row.is_group) for row in rows] == [
		("All Territories", 0, [Decimal(17), Decimal(3)], True),
		("Berlin", 1, [Decimal(2), Decimal(2)], False),
		("Russia", 1, [Decimal(15), Decimal(1)], True),
		("Kazan", 2, [Decimal(5), Decimal(0)], False),
		("Moscow", 2, [Decimal(10), Decimal(1)], False),
	]


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@given(
	days,
	st.integers(min_value=0, max_value=800),
	st.sampled_from(["Weekly", "Monthly", "Quarterly", "Yearly"]),
)
def test_periods_tile_the_range_without_gaps_or_overlaps(start, length, range_):
	end = start + timedelta(days=length)
	periods = period_ranges(start, end, range_)
	assert periods[0].start <= start and periods[-1].end >= end
	for before, after in pairwise(periods):
		assert before.end + timedelta(days=1) == after.start
	assert len({p.fieldname for p in periods}) == len(periods)


@given(st.lists(st.tuples(st.sampled_from("ABC"), days, st.integers(-1000, 1000)), max_size=30))
def test_period_sums_keep_every_amount_in_range(rows):
	periods = period_ranges("2024-01-01", "2027-12-31", "Monthly")
	sums = sum_by_period(rows, periods)
	for entity in "ABC":
		assert sum(sums.get(entity, [])) == sum(amount for who, _day, amount in rows if who == entity)


def test_a_late_line_counts_its_delay_until_delivered():
	late = order_line_progress(10, 4, 2, 5, 50, 10, "2026-11-01", "2026-11-20", "2026-11-15", "2026-12-01")
	assert (late.pending_qty, late.qty_to_bill, late.pending_amount, late.delivered_qty_amount) == (
		Decimal(6),
		Decimal(8),
		Decimal("40.00"),
		Decimal("20.00"),
	)
	assert (late.delay, late.time_taken_to_deliver) == (11, None)
	done = order_line_progress(10, 10, 10, 5, 50, 50, "2026-11-01", "2026-11-20", "2026-11-25", "2026-12-01")
	assert (done.pending_qty, done.delay, done.time_taken_to_deliver) == (Decimal(0), 0, 24)
	early = order_line_progress(3, 0, 0, 1, 3, 0, "2026-11-01", "2026-12-20", None, "2026-12-01")
	assert early.delay == 0


def test_ageing_buckets_as_erpnext_names_them():
	bounds = ageing_bounds("30, 60, 90, 120")
	assert bounds == [30, 60, 90, 120]
	assert [age_bucket(age, bounds) for age in (-5, 0, 30, 31, 90, 120, 121, 999)] == [0, 0, 0, 1, 2, 3, 4, 4]
	assert ageing_row("12.50", 45, bounds) == [0, Decimal("12.50"), 0, 0, 0]
	for bad in ("30, 20", "abc", "", "0, 30"):
		with pytest.raises(EngineValidationError):
			ageing_bounds(bad)


def test_on_time_in_full_needs_the_whole_quantity_by_the_due_date():
	full = line_delivery(10, [("2026-11-05", 4), ("2026-11-09", 6)], "2026-11-10", "2026-12-01")
	assert (full.on_time_in_full, full.late, full.delay) == (True, False, 0)
	late = line_delivery(10, [("2026-11-05", 4), ("2026-11-14", 6)], "2026-11-10", "2026-12-01")
	assert (late.on_time_in_full, late.late, late.delay) == (False, True, 4)
	open_line = line_delivery(10, [("2026-11-05", 4)], "2026-11-10", "2026-11-20")
	assert (open_line.on_time_in_full, open_line.late, open_line.delay) == (False, True, 10)
	returned = line_delivery(
		10, [("2026-11-05", 10), ("2026-11-07", -2), ("2026-11-12", 2)], "2026-11-10", "2026-12-01"
	)
	assert (returned.on_time_in_full, returned.delay) == (False, 2)
	not_due = line_delivery(10, [], "2026-12-10", "2026-12-01")
	assert (not_due.on_time_in_full, not_due.late, not_due.delay) == (False, False, 0)


def test_new_customers_are_new_in_the_window_of_their_first_purchase():
	windows = {"nov": ("2026-11-01", "2026-11-30"), "dec": ("2026-12-01", "2026-12-31")}
	first = {"A": "2026-11-03", "B": "2025-02-01"}
	rows = [("nov", "A", 100), ("nov", "A", 20), ("nov", "B", 50), ("dec", "A", 10), ("dec", "C", 5)]
	result = acquisition_by_group(rows, first, windows)
	assert result["nov"] == {
		"new_customers": 1, "repeat_customers": 1, "total": 2,
		"new_customer_revenue": Decimal("120.00"), "repeat_customer_revenue": Decimal("50.00"),
		"total_revenue": Decimal("170.00"),
	}  # fmt: skip
	assert (result["dec"]["new_customers"], result["dec"]["repeat_customers"]) == (1, 1)


def test_campaign_efficiency_ratios():
	result = campaign_efficiency(3, 2, "1234.50", 500)
	assert (result.order_quot, result.revenue_per_cost) == (Decimal("66.67"), Decimal("2.47"))


def test_campaign_efficiency_without_quotations_or_cost():
	# orders taken without a quotation give no rate; a campaign that cost nothing has no return on cost
	result = campaign_efficiency(0, 4, -100, 0)
	assert (result.order_quot, result.revenue_per_cost) == (Decimal("0.00"), None)
	# credit notes can leave the revenue negative
	assert campaign_efficiency(1, 1, -250, 100).revenue_per_cost == Decimal("-2.50")


@pytest.mark.parametrize(
	("quotations", "orders", "cost", "code"),
	[(-1, 0, 10, "invalid_number"), (1, -2, 10, "invalid_number"), (1, 1, -5, "negative")],
)
def test_campaign_efficiency_refuses_negative_counts_and_costs(quotations, orders, cost, code):
	with pytest.raises(EngineValidationError) as err:
		campaign_efficiency(quotations, orders, 100, cost)
	assert err.value.code == code
