from decimal import Decimal

import pytest

from sales_module.engine import EngineValidationError, sales_partner_commission, sales_team_contribution

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
