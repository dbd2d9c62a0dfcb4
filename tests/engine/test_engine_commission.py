from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_module.engine import (
	EngineValidationError,
	commission_tiers,
	sales_partner_commission,
	sales_team_contribution,
	settlement_commission,
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
