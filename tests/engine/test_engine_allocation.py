"""First-come allocation of a payment over open items."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sales_module.engine import EngineValidationError, allocate_in_order


def test_oldest_first_until_the_amount_runs_out():
	assert allocate_in_order([100, 50, 30], 120) == [Decimal("100.00"), Decimal("20.00"), Decimal("0.00")]


def test_more_than_owed_leaves_the_rest_unallocated():
	assert allocate_in_order(["10.005", 5], 100) == [Decimal("10.01"), Decimal("5.00")]


def test_items_not_open_receive_nothing():
	assert allocate_in_order([0, -20, 40], 25) == [Decimal("0.00"), Decimal("0.00"), Decimal("25.00")]


def test_a_negative_amount_is_refused():
	with pytest.raises(EngineValidationError) as raised:
		allocate_in_order([10], -1)
	assert raised.value.code == "negative_allocation"


money = st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(money, max_size=12), st.decimals(min_value=0, max_value=200000, places=2))
def test_never_more_than_the_amount_nor_an_item_is_open_for(open_amounts, amount):
	shares = allocate_in_order(open_amounts, amount)
	assert sum(shares) <= amount
	assert all(
		Decimal(0) <= share <= max(item, Decimal(0)) for share, item in zip(shares, open_amounts, strict=True)
	)
	# all of the amount is used when the items can take it
	assert sum(shares) == min(amount, sum(max(item, Decimal(0)) for item in open_amounts))
