"""allowance_limit / exceeds_allowance: qty x (1 + allowance / 100), rounded half-up to a precision."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_module.engine import EngineValidationError, allowance_limit, exceeds_allowance

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)


@pytest.mark.parametrize(
	("qty", "allowance", "precision", "limit"),
	[
		(10, 10, 0, "11"),
		(10, 0, 3, "10.000"),
		("7.5", "12.5", 2, "8.44"),  # 8.4375
		(1, "0.5", 2, "1.01"),  # 1.005 rounds half up
		(3, "33.333", 2, "4.00"),  # 3.99999
		("2.5", 0, 0, "3"),  # half up, not half even
		(0, 50, 2, "0.00"),
		(10.1, 10, 2, "11.11"),  # floats go through str
	],
)
def test_allowance_limit(qty, allowance, precision, limit):
	result = allowance_limit(qty, allowance, precision)
	assert (result, str(result)) == (Decimal(limit), limit)


@pytest.mark.parametrize(
	("done", "qty", "allowance", "exceeds"),
	[
		(11, 10, 10, False),  # reaching the limit is allowed
		("11.01", 10, 10, True),
		("11.004", 10, 10, False),  # compared at the precision: 11.00
		("11.005", 10, 10, True),
		(10, 10, 0, False),
		("10.01", 10, 0, True),
	],
)
def test_exceeds_allowance(done, qty, allowance, exceeds):
	assert exceeds_allowance(done, qty, allowance, 2) is exceeds


@pytest.mark.parametrize("call", [allowance_limit, lambda *args: exceeds_allowance(1, *args)])
def test_negative_allowance_is_refused(call):
	with pytest.raises(EngineValidationError) as err:
		call(10, -5, 2)
	assert err.value.code == "negative_allowance"


quantities = st.decimals(min_value=0, max_value=100_000, places=3, allow_nan=False, allow_infinity=False)
allowances = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
precisions = st.integers(0, 4)


@PROPERTY_SETTINGS
@given(quantities, allowances, precisions)
def test_limit_is_the_rounded_exact_product(qty, allowance, precision):
	step = Decimal(1).scaleb(-precision)
	exact = qty * (1 + allowance / 100)
	limit = allowance_limit(qty, allowance, precision)
	assert limit == exact.quantize(step, rounding=ROUND_HALF_UP)
	assert abs(limit - exact) <= step / 2
	assert limit >= qty.quantize(step, rounding=ROUND_HALF_UP)


@PROPERTY_SETTINGS
@given(quantities, allowances, precisions)
def test_the_limit_itself_passes_and_one_step_more_does_not(qty, allowance, precision):
	step = Decimal(1).scaleb(-precision)
	limit = allowance_limit(qty, allowance, precision)
	assert not exceeds_allowance(limit, qty, allowance, precision)
	assert exceeds_allowance(limit + step, qty, allowance, precision)


@PROPERTY_SETTINGS
@given(quantities, allowances, allowances)
def test_a_larger_allowance_never_lowers_the_limit(qty, first, second):
	low, high = sorted((first, second))
	assert allowance_limit(qty, low, 2) <= allowance_limit(qty, high, 2)
