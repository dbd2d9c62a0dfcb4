"""qty_left_to_bill: what an order or delivery line has left to bill, in its own unit."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_module.engine.quantities import QTY_PRECISION, qty_left_to_bill

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)


@pytest.mark.parametrize(
	("amount", "billed", "rate", "stock_qty", "billed_stock_qty", "factor", "left"),
	[
		(100, 0, 10, 10, 0, 1, 10),  # nothing billed yet
		(100, 40, 10, 10, 0, 1, 6),  # billed by amount
		(100, 100, 10, 10, 0, 1, 0),  # fully billed
		(100, 120, 10, 10, 0, 1, 0),  # billed beyond the line (allowance): nothing, not a negative qty
		(0, 0, 0, 12, 4, 12, 0.666667),  # free line in boxes of 12: 8 pieces left
		(0, 0, 0, 5, 5, 1, 0),  # free line fully billed by qty
		(0, 0, 0, 5, 0, 0, 5),  # a missing conversion factor counts as 1
		(33.33, 11.11, 3.333, 10, 0, 1, 6.666667),  # amount at its rate, to six places
	],
)
def test_qty_left_to_bill(amount, billed, rate, stock_qty, billed_stock_qty, factor, left):
	assert qty_left_to_bill(amount, billed, rate, stock_qty, billed_stock_qty, factor) == left


@PROPERTY_SETTINGS
@given(
	qty=st.integers(min_value=1, max_value=10_000),
	rate=st.integers(min_value=1, max_value=100_000),
	billed_qty=st.integers(min_value=0, max_value=10_000),
)
def test_billing_what_is_left_leaves_nothing(qty, rate, billed_qty):
	billed_qty = min(billed_qty, qty)
	left = qty_left_to_bill(qty * rate, billed_qty * rate, rate, qty, 0, 1)
	assert left == qty - billed_qty
	assert qty_left_to_bill(qty * rate, (billed_qty + left) * rate, rate, qty, 0, 1) == 0
	assert round(left, QTY_PRECISION) == left
