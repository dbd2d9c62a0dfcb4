from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_module.engine import (
	EngineValidationError,
	commission_tiers,
	effective_rate,
	order_line_in_effect,
	sales_partner_commission,
	sales_team_contribution,
	settlement_commission,
	settlement_figures,
	settlement_row_commissions,
	spread_commission,
	team_line_share,
	tiered_commission,
)

LINES = [
	{"base_net_amount": "100.00", "grant_commission": 1},
	{"base_net_amount": "50.50", "grant_commission": 0},
	{"base_net_amount": "25.25"},  # flag missing: Item.grant_commission defaults to on
]


@pytest.mark.parametrize(
	("rate", "eligible", "commission"),
	[
		("10", "125.25", "12.53"),
		("0", "125.25", "0.00"),
		("100", "125.25", "125.25"),
		(2.5, "125.25", "3.13"),
	],
)
def test_partner_commission(rate, eligible, commission):
	result = sales_partner_commission(LINES, rate)
	assert (result.amount_eligible_for_commission, result.total_commission) == (
		Decimal(eligible),
		Decimal(commission),
	)


@pytest.mark.parametrize("rate", ["-1", "100.01"])
def test_partner_commission_rate_range(rate):
	with pytest.raises(EngineValidationError) as err:
		sales_partner_commission(LINES, rate)
	assert err.value.code == "commission_rate"


@pytest.mark.parametrize(
	("case", "team", "total", "allocated", "incentives"),
	[
		(
			"two members, residue to last",
			[
				{"sales_person": "Ann", "allocated_percentage": 60, "commission_rate": 5},
				{"sales_person": "Bob", "allocated_percentage": 40, "commission_rate": 2},
			],
			"100.01",
			["60.01", "40.00"],
			["3.00", "0.80"],
		),
		(
			"thirds",
			[
				{
					"sales_person": p,
					"allocated_percentage": "33.33" if p != "C" else "33.34",
					"commission_rate": 10,
				}
				for p in "ABC"
			],
			"10.00",
			["3.33", "3.33", "3.34"],
			["0.33", "0.33", "0.33"],
		),
		("single", [{"sales_person": "Ann", "allocated_percentage": 100}], "99.99", ["99.99"], ["0.00"]),
	],
)
def test_sales_team(case, team, total, allocated, incentives):
	shares = sales_team_contribution(team, total)
	assert [share.allocated_amount for share in shares] == [Decimal(a) for a in allocated]
	assert [share.incentives for share in shares] == [Decimal(i) for i in incentives]
	assert sum(share.allocated_amount for share in shares) == Decimal(total)


def test_sales_team_zero_decimals_and_dict():
	shares = sales_team_contribution(
		[
			{"sales_person": "A", "allocated_percentage": 50, "commission_rate": 3},
			{"sales_person": "B", "allocated_percentage": 50},
		],
		1001,
		precision=0,
	)
	assert [s.allocated_amount for s in shares] == [Decimal(501), Decimal(500)]
	assert shares[0].as_dict()["incentives"] == Decimal(15)


@pytest.mark.parametrize("percentages", [[50, 40], [60, 50], [100, 0.01]])
def test_sales_team_must_total_100(percentages):
	with pytest.raises(EngineValidationError) as err:
		sales_team_contribution(
			[{"sales_person": str(p), "allocated_percentage": p} for p in percentages], 100
		)
	assert err.value.code == "allocation_total"


def test_empty_team():
	assert sales_team_contribution([], 100) == []


# commission tiers -------------------------------------------------------------------------------

TIERS = [{"from_amount": 0, "commission_rate": 5}, {"from_amount": 100000, "commission_rate": 7}]


@pytest.mark.parametrize(
	("amount", "commission"),
	[
		("0", "0.00"),
		("50000", "2500.00"),
		("100000", "5000.00"),
		# marginal: 5 % of the first 100,000 and 7 % of the 50,000 above
		("150000", "8500.00"),
		("-1000", "-50.00"),
	],
)
def test_tiered_commission(amount, commission):
	assert tiered_commission(amount, commission_tiers(TIERS)) == Decimal(commission)


def test_tiers_without_rows_use_the_flat_rate():
	tiers = commission_tiers([], base_rate="2.5")
	assert tiered_commission(1000, tiers) == Decimal("25.00")


def test_tiers_are_sorted():
	tiers = commission_tiers(list(reversed(TIERS)))
	assert [tier.from_amount for tier in tiers] == [Decimal(0), Decimal(100000)]


@pytest.mark.parametrize(
	("rows", "error_code"),
	[
		([{"from_amount": 10, "commission_rate": 5}], "tier_start"),
		(
			[{"from_amount": 0, "commission_rate": 5}, {"from_amount": 0, "commission_rate": 6}],
			"tier_overlap",
		),
		([{"from_amount": 0, "commission_rate": 101}], "commission_rate"),
		([{"from_amount": 0, "commission_rate": -1}], "commission_rate"),
	],
)
def test_tiers_refused(rows, error_code):
	with pytest.raises(EngineValidationError) as err:
		commission_tiers(rows)
	assert err.value.code == error_code


tier_rows = st.lists(
	st.tuples(
		st.decimals(min_value=1, max_value=10**7, places=2), st.decimals(min_value=0, max_value=100, places=2)
	),
	max_size=5,
	unique_by=lambda row: row[0],
).map(
	lambda rows: (
		[{"from_amount": 0, "commission_rate": 3}]
		+ [{"from_amount": a, "commission_rate": r} for a, r in rows]
	)
)
amounts = st.decimals(min_value=-(10**6), max_value=10**8, places=2)


@given(rows=tier_rows, amount=amounts, more=st.decimals(min_value=0, max_value=10**7, places=2))
@settings(max_examples=200, deadline=None, database=None)
def test_commission_never_decreases_with_sales(rows, amount, more):
	tiers = commission_tiers(rows)
	assert tiered_commission(amount + more, tiers) >= tiered_commission(amount, tiers)


@given(rows=tier_rows, amount=st.decimals(min_value=0, max_value=10**8, places=2))
@settings(max_examples=200, deadline=None, database=None)
def test_tiers_apply_marginally(rows, amount):
	"""Each tier's rate applies only to the slice inside it: the commission is the sum of the slices,
	and never more than the highest rate (nor less than the lowest) times the whole amount."""
	tiers = commission_tiers(rows)
	bounds = [tier.from_amount for tier in tiers[1:]] + [None]
	slices = sum(
		((min(amount, upper) if upper is not None else amount) - tier.from_amount)
		* tier.commission_rate
		/ 100
		for tier, upper in zip(tiers, bounds, strict=True)
		if amount > tier.from_amount
	)
	assert tiered_commission(amount, tiers) == Decimal(slices).quantize(
		Decimal("0.01"), rounding="ROUND_HALF_UP"
	)
	rates = [tier.commission_rate for tier in tiers]
	assert min(rates) * amount / 100 - Decimal("0.01") <= tiered_commission(amount, tiers)
	assert tiered_commission(amount, tiers) <= max(rates) * amount / 100 + Decimal("0.01")


@given(rows=tier_rows, parts=st.lists(amounts, min_size=1, max_size=6))
@settings(max_examples=200, deadline=None, database=None)
def test_settling_in_parts_pays_what_settling_at_once_pays(rows, parts):
	tiers = commission_tiers(rows)
	paid, settled = Decimal(0), Decimal(0)
	for part in parts:
		paid += settlement_commission(settled, part, tiers)
		settled += part
	assert paid == tiered_commission(settled, tiers)


# settlements ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("total", "weights", "parts"),
	[
		("0.02", ["1", "1", "1", "1"], ["0.01", "0.01", "0.00", "0.00"]),  # never a negative part
		("12.53", ["100", "25.25"], ["10.00", "2.53"]),
		("-5.00", ["-60", "-40"], ["-3.00", "-2.00"]),
		("-0.01", ["-1", "-1", "-1"], ["-0.01", "0.00", "0.00"]),
		("1.00", ["3", "-1"], ["1.50", "-0.50"]),  # mixed signs: proportional, exact
		("0", [], []),
	],
)
def test_spread_commission(total, weights, parts):
	assert spread_commission(total, weights) == [Decimal(part) for part in parts]


def test_tiered_settlement_rows_sales_then_credit_notes():
	tiers = commission_tiers(TIERS)
	# 80,000 settled before: 20,000 more at 5 %, 30,000 at 7 %; then a credit of 10,000 at 7 %
	rows = settlement_row_commissions(80000, ["30000", "20000", "-10000", "0"], tiers)
	assert rows == [Decimal("1860.00"), Decimal("1240.00"), Decimal("-700.00"), Decimal("0")]
	assert sum(rows) == settlement_commission(80000, 40000, tiers) == Decimal("2400.00")


@given(
	rows=tier_rows,
	before=st.decimals(min_value=-(10**5), max_value=10**7, places=2),
	parts=st.lists(st.decimals(min_value=-(10**6), max_value=10**6, places=2), min_size=1, max_size=8),
)
@settings(max_examples=200, deadline=None, database=None)
def test_tiered_settlement_rows_add_up_and_keep_their_signs(rows, before, parts):
	tiers = commission_tiers(rows)
	commissions = settlement_row_commissions(before, parts, tiers)
	assert sum(commissions) == settlement_commission(before, sum(parts), tiers)
	for amount, commission in zip(parts, commissions, strict=True):
		assert commission * amount >= 0, (amount, commission)


def test_settlement_figures_flat_keep_the_stored_commission():
	figures = settlement_figures(
		[
			{"eligible_amount": "100.00", "commission_rate": 10, "commission_amount": "10.00"},
			{"eligible_amount": "25.25", "commission_rate": 10, "commission_amount": "2.53"},
			{"eligible_amount": "-50.00", "commission_rate": 10, "commission_amount": "-5.00"},
		],
		settled_before=1000,
	)
	assert figures.commissions == [Decimal("10.00"), Decimal("2.53"), Decimal("-5.00")]
	assert figures.commission_rates == [Decimal(10)] * 3
	assert (figures.total_eligible_amount, figures.total_commission) == (Decimal("75.25"), Decimal("7.53"))


def test_settlement_figures_with_tiers_in_two_settlements():
	tiers = commission_tiers(TIERS)
	first = settlement_figures([{"eligible_amount": "60000"}, {"eligible_amount": "30000"}], 0, tiers)
	assert first.commissions == [Decimal("3000.00"), Decimal("1500.00")]
	assert first.commission_rates == [Decimal("5.00"), Decimal("5.00")]
	second = settlement_figures(
		[{"eligible_amount": "40000"}, {"eligible_amount": "20000"}], first.total_eligible_amount, tiers
	)
	# 10,000 at 5 % and 50,000 at 7 %: 500 + 3,500 spread 2:1
	assert second.commissions == [Decimal("2666.67"), Decimal("1333.33")]
	assert second.commission_rates == [Decimal("6.67"), Decimal("6.67")]
	assert first.total_commission + second.total_commission == tiered_commission(150000, tiers)


@pytest.mark.parametrize(
	("commission", "amount", "rate"), [("6.00", "100", "6.00"), ("1", "3", "33.33"), ("5", "0", "0")]
)
def test_effective_rate(commission, amount, rate):
	assert effective_rate(commission, amount) == Decimal(rate)


def test_team_line_share():
	share = team_line_share("3", "100.01", "33.33")
	assert (share.contribution_qty, share.contribution_amount) == (Decimal("0.999900"), Decimal("33.33"))
	share = team_line_share("-2", "-50", 60)
	assert (share.contribution_qty, share.contribution_amount) == (Decimal("-1.200000"), Decimal("-30.00"))


def test_order_line_in_effect():
	open_line = order_line_in_effect("20", "400.00", delivered_qty=1, conversion_factor=10, base_net_rate=40)
	assert (open_line.stock_qty, open_line.amount) == (Decimal(20), Decimal("400.00"))
	closed = order_line_in_effect(
		"20", "400.00", closed=True, delivered_qty="1.5", conversion_factor=10, base_net_rate="40.01"
	)
	assert (closed.stock_qty, closed.amount) == (Decimal("15.000000"), Decimal("60.02"))
