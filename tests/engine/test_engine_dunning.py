from datetime import date
from decimal import Decimal

import pytest

from sales_module.engine.dunning import compute_dunning
from sales_module.engine.errors import EngineValidationError


def test_interest_is_simple_annual_interest_per_overdue_day():
	figures = compute_dunning(
		[
			{"name": "r1", "due_date": "2026-01-01", "outstanding": 1000},
			{"name": "r2", "due_date": "2026-01-21", "outstanding": 500},
		],
		"2026-01-31",
		rate_of_interest=36.5,
		dunning_fee=15,
	)
	assert [(row.key, row.overdue_days, row.interest) for row in figures.rows] == [
		("r1", 30, Decimal("30.00")),
		("r2", 10, Decimal("5.00")),
	]
	assert figures.total_outstanding == 1500
	assert figures.dunning_amount == Decimal("50.00")
	assert figures.grand_total == Decimal("1550.00")


def test_zero_decimal_currency_rounds_to_whole_units():
	figures = compute_dunning(
		[{"name": "r", "due_date": date(2026, 1, 1), "outstanding": 999}],
		date(2026, 1, 4),
		rate_of_interest=10,
		precision=0,
	)
	assert figures.rows[0].interest == Decimal("1")


@pytest.mark.parametrize(
	("rows", "kwargs", "code"),
	[
		([{"name": "r", "due_date": "2026-02-01", "outstanding": 1}], {}, "not_overdue"),
		([{"name": "r", "due_date": "2026-01-31", "outstanding": 1}], {}, "not_overdue"),
		([{"name": "r", "due_date": "2026-01-01", "outstanding": 1}], {"dunning_fee": -1}, "negative"),
	],
)
def test_refusals(rows, kwargs, code):
	with pytest.raises(EngineValidationError) as err:
		compute_dunning(rows, "2026-01-31", **kwargs)
	assert err.value.code == code
