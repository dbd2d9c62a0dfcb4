"""What an invoice still owes once receipts, refunds and credit notes are counted."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sales_module.engine import EngineValidationError, invoice_outstanding


def test_a_credit_note_on_a_paid_invoice_leaves_a_refund_due():
	assert invoice_outstanding(100, 100, 0, -30) == Decimal("-30.00")


def test_the_refund_settles_it():
	assert invoice_outstanding(100, 100, -30, -30) == Decimal("0.00")


def test_a_part_payment_and_a_credit_note_leave_the_rest_owed():
	assert invoice_outstanding(100, 50, 0, "-30.004") == Decimal("20.00")


def test_a_standalone_credit_note_is_refundable():
	assert invoice_outstanding(-45, 0, 0, 0) == Decimal("-45.00")
	assert invoice_outstanding(-45, 0, -45, 0) == Decimal("0.00")


@pytest.mark.parametrize(
	("payable", "received", "refunded", "credited", "code"),
	[
		(100, "100.01", 0, 0, "over_receipt"),
		(-45, 1, 0, 0, "over_receipt"),
		(100, 100, "-30.01", -30, "over_refund"),
		(100, 50, -10, -30, "over_refund"),
		(-45, 0, -46, 0, "over_refund"),
		(100, -1, 0, 0, "invalid_number"),
		(100, 0, 1, 0, "invalid_number"),
		(100, 0, 0, 1, "invalid_number"),
	],
)
def test_refused(payable, received, refunded, credited, code):
	with pytest.raises(EngineValidationError) as raised:
		invoice_outstanding(payable, received, refunded, credited)
	assert raised.value.code == code


cents = st.integers(min_value=0, max_value=10**7).map(lambda value: Decimal(value) / 100)


@given(cents, cents, cents, cents)
def test_outstanding_is_what_is_owed_and_never_passes_the_credit(total, paid, credit, refund):
	"""Whatever is accepted adds up exactly and owes the customer at most the credit notes' total."""
	try:
		outstanding = invoice_outstanding(total, paid, -refund, -credit)
	except EngineValidationError as error:
		assert (error.code == "over_receipt" and paid > total) or (
			error.code == "over_refund" and refund > 0 and total - paid + refund - credit > 0
		)
	else:
		assert paid <= total
		assert outstanding == total - paid + refund - credit
		assert outstanding >= -credit
		assert refund == 0 or outstanding <= 0
