"""First-come allocation of a payment over open items."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sales_module.engine import EngineValidationError, allocate_in_order, pair_allocations


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


def test_reconciliation_pairs_credits_with_the_oldest_debits():
	assert pair_allocations([30, 100], [50, 40, 60]) == [
		(0, 0, Decimal("30.00")),
		(1, 0, Decimal("20.00")),
		(1, 1, Decimal("40.00")),
		(1, 2, Decimal("40.00")),
	]


def test_reconciliation_skips_what_is_not_open():
	assert pair_allocations([0, -5, 10], [0, 25]) == [(2, 1, Decimal("10.00"))]


@given(st.lists(money, max_size=8), st.lists(money, max_size=8))
def test_pairs_never_pass_either_side_and_use_the_smaller(credits, debits):
	pairs = pair_allocations(credits, debits)
	given_by = [Decimal(0)] * len(credits)
	taken_by = [Decimal(0)] * len(debits)
	for credit, debit, amount in pairs:
		assert amount > 0
		given_by[credit] += amount
		taken_by[debit] += amount
	assert all(total <= max(credit, 0) for total, credit in zip(given_by, credits, strict=True))
	assert all(total <= max(debit, 0) for total, debit in zip(taken_by, debits, strict=True))
	assert sum(given_by) == min(sum(max(c, 0) for c in credits), sum(max(d, 0) for d in debits))
