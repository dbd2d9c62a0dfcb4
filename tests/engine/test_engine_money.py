from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from sales_module.engine import EngineValidationError, currency_precision, distribute, round_money, to_decimal
from sales_module.engine.money import round_to_unit


@pytest.mark.parametrize(
	("value", "expected"),
	[
		(0.1, Decimal("0.1")),
		(1.005, Decimal("1.005")),
		(3, Decimal(3)),
		("2.50", Decimal("2.50")),
		(" 7 ", Decimal(7)),
		(None, Decimal(0)),
		("", Decimal(0)),
		(True, Decimal(1)),
		(Decimal("1.1"), Decimal("1.1")),
	],
)
def test_to_decimal(value, expected):
	assert to_decimal(value) == expected


@pytest.mark.parametrize("value", ["abc", float("nan"), float("inf"), object()])
def test_to_decimal_rejects(value):
	with pytest.raises(EngineValidationError) as err:
		to_decimal(value)
	assert err.value.code == "invalid_number"


@pytest.mark.parametrize(
	("value", "precision", "rounding", "expected"),
	[
		("2.675", 2, None, Decimal("2.68")),
		(1.005, 2, None, Decimal("1.01")),  # str() conversion avoids 1.00499999...
		("2.5", 0, None, Decimal(3)),
		("-2.5", 0, None, Decimal(-3)),
		("2.5", 0, ROUND_HALF_EVEN, Decimal(2)),
		("1234.5", 0, None, Decimal(1235)),
	],
)
def test_round_money(value, precision, rounding, expected):
	result = round_money(value, precision) if rounding is None else round_money(value, precision, rounding)
	assert result == expected


@pytest.mark.parametrize(
	("value", "unit", "expected"),
	[
		("10.12", "0.05", "10.10"),
		("10.13", "0.05", "10.15"),
		("99.50", "1", "100.00"),
		("99.49", "1", "99.00"),
	],
)
def test_round_to_unit(value, unit, expected):
	assert round_to_unit(Decimal(value), Decimal(unit), 2) == Decimal(expected)


@pytest.mark.parametrize(("currency", "expected"), [("JPY", 0), ("krw", 0), ("KWD", 3), ("EUR", 2), ("", 2)])
def test_currency_precision(currency, expected):
	assert currency_precision(currency) == expected


@pytest.mark.parametrize(
	("total", "weights", "expected"),
	[
		("10.00", ["1", "1", "1"], ["3.33", "3.33", "3.34"]),
		("10.00", ["1", "1", "0"], ["5.00", "5.00", "0"]),  # remainder skips the zero weight
		("0.01", ["0", "0"], ["0", "0.01"]),
		("-1.00", ["3", "3", "3"], ["-0.33", "-0.33", "-0.34"]),
	],
)
def test_distribute_sums_exactly(total, weights, expected):
	parts = distribute(Decimal(total), [Decimal(w) for w in weights], 2)
	assert parts == [Decimal(e) for e in expected]
	assert sum(parts) == Decimal(total)


def test_error_carries_template_and_params():
	err = EngineValidationError("Row {0}: bad {1}", 3, "x", code="bad")
	assert (err.template, err.params, err.code, err.message) == (
		"Row {0}: bad {1}",
		(3, "x"),
		"bad",
		"Row 3: bad x",
	)
	assert str(err) == "Row 3: bad x"
