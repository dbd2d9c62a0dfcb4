"""payable_total: grand total when rounding is disabled, else the rounded total."""

from decimal import Decimal

import pytest
from engine_helpers import assert_invariants
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_module.engine import calculate_totals, payable_total


@pytest.mark.parametrize(
	("grand", "rounded", "disabled", "payable"),
	[
		("100.49", "100", 0, "100"),
		("100.49", "100", 1, "100.49"),
		("100.49", "100", True, "100.49"),
		("100.49", "100", False, "100"),
		("100.49", "100", "1", "100.49"),
		("100.49", "100", "0", "100"),
		("100.49", "100", None, "100"),
		(100.49, 100.0, 1, "100.49"),  # floats go through str
		("-12.5", "-13", 0, "-13"),  # credit notes
		("12.5", None, 0, "0"),  # blank counts as 0, as flt does
	],
)
def test_payable_total(grand, rounded, disabled, payable):
	result = payable_total(grand, rounded, disabled)
	assert isinstance(result, Decimal)
	assert result == Decimal(payable)


@settings(max_examples=150, deadline=None, database=None)
@given(
	st.lists(
		st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False), max_size=6
	),
	st.booleans(),
	st.sampled_from(["1", "0.05"]),
)
def test_same_as_the_totals_result(rates, disabled, unit):
	lines = [{"name": f"L{i}", "qty": 1, "rate": rate} for i, rate in enumerate(rates)]
	taxes = [{"charge_type": "On Net Total", "account_head": "VAT", "rate": "19"}]
	result = calculate_totals(lines, taxes, disable_rounded_total=disabled, rounding_unit=unit)
	assert_invariants(result)
	assert payable_total(result.grand_total, result.rounded_total, disabled) == result.payable_total
	assert (
		payable_total(result.base_grand_total, result.base_rounded_total, disabled)
		== result.base_payable_total
	)
	assert result.payable_total == (result.grand_total if disabled else result.rounded_total)
