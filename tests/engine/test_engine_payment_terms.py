"""validate_payment_terms: portions above 0 adding up to 100 at a precision; the schedule builder keeps
its exact check."""

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_module.engine import (
	EngineValidationError,
	PaymentTerm,
	build_payment_schedule,
	validate_payment_terms,
)

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)
DAYS = "Day(s) after invoice date"


@pytest.mark.parametrize(
	("case", "portions", "precision"),
	[
		("thirds", ["33.33", "33.33", "33.34"], 2),
		("thirds as floats", [33.33, 33.33, 33.34], 2),
		("whole", [100], 2),
		("integers", [30, 30, 40], 0),
		("six decimals", ["33.333333", "33.333333", "33.333334"], 6),
		("within two decimals", ["33.333", "33.333", "33.333"], 2),  # 99.999 -> 100.00
		("within no decimals", ["33.4", "33.4", "33.4"], 0),  # 100.2 -> 100
	],
)
def test_valid_portions(case, portions, precision):
	terms = validate_payment_terms(portions, precision)
	assert [term.invoice_portion for term in terms] == [Decimal(str(p)) for p in portions]
	assert all(isinstance(term, PaymentTerm) for term in terms)


def test_term_rows_as_a_template_has_them():
	rows = [
		{"payment_term": "Advance", "invoice_portion": 30, "due_date_based_on": DAYS, "credit_days": 0},
		{"payment_term": "Balance", "invoice_portion": 70, "due_date_based_on": DAYS, "credit_days": 30},
	]
	terms = validate_payment_terms(rows)
	assert [(term.payment_term, term.credit_days) for term in terms] == [("Advance", 0), ("Balance", 30)]


@pytest.mark.parametrize(
	("case", "portions", "precision", "code"),
	[
		("three times 33.33", ["33.33", "33.33", "33.33"], 2, "portion_total"),
		("a cent short", ["50", "49.99"], 2, "portion_total"),
		("over", ["60", "60"], 2, "portion_total"),
		("99.999 at three decimals", ["33.333", "33.333", "33.333"], 3, "portion_total"),
		("100.005 rounds up", ["50.0025", "50.0025"], 2, "portion_total"),
		("no terms", [], 2, "portion_total"),
		("zero portion", ["100", "0"], 2, "portion"),
		("negative portion", ["105", "-5"], 2, "portion"),
		("negative credit days", [{"invoice_portion": 100, "credit_days": -1}], 2, "credit"),
		("negative credit months", [{"invoice_portion": 100, "credit_months": -1}], 2, "credit"),
		(
			"unknown basis",
			[{"invoice_portion": 100, "due_date_based_on": "Whenever"}],
			2,
			"invalid_due_basis",
		),
		("bad number", ["abc"], 2, "invalid_number"),
		("negative precision", ["100"], -1, "invalid_precision"),
	],
)
def test_invalid_portions(case, portions, precision, code):
	with pytest.raises(EngineValidationError) as err:
		validate_payment_terms(portions, precision)
	assert err.value.code == code


def test_total_message_shows_the_rounded_total():
	with pytest.raises(EngineValidationError) as err:
		validate_payment_terms(["33.33", "33.33", "33.33"])
	assert (err.value.code, err.value.message) == (
		"portion_total",
		"Total of invoice portions must be 100, not 99.99",
	)


def test_schedule_builder_keeps_its_exact_check():
	portions = [{"invoice_portion": "33.333"}] * 3
	assert len(validate_payment_terms(portions, 2)) == 3
	with pytest.raises(EngineValidationError) as err:
		build_payment_schedule(portions, "2024-01-01", 100)
	assert err.value.code == "portion_total"
	assert len(build_payment_schedule([], "2024-01-01", 100)) == 1  # no terms: one row, as before


@st.composite
def partitions(draw, precision):
	"""Portions above 0, with ``precision`` decimals, adding up to exactly 100."""
	steps = 100 * 10**precision
	count = draw(st.integers(1, 8))
	cuts = sorted(draw(st.sets(st.integers(1, steps - 1), min_size=count - 1, max_size=count - 1)))
	bounds = [0, *cuts, steps]
	return [Decimal(high - low).scaleb(-precision) for low, high in pairwise(bounds)]


@PROPERTY_SETTINGS
@given(st.integers(0, 4).flatmap(lambda precision: st.tuples(st.just(precision), partitions(precision))))
def test_partitions_of_100_pass(case):
	precision, portions = case
	assert [term.invoice_portion for term in validate_payment_terms(portions, precision)] == portions
	assert sum(term.payment_amount for term in build_payment_schedule(portions, "2024-01-01", 1000)) == 1000


@PROPERTY_SETTINGS
@given(
	st.integers(0, 4).flatmap(
		lambda precision: st.tuples(st.just(precision), partitions(precision), st.sampled_from([-1, 1]))
	),
	st.data(),
)
def test_one_step_off_fails(case, data):
	precision, portions, sign = case
	step = Decimal(1).scaleb(-precision)
	# a portion that stays above 0 after the change: any one when adding, one above a step when removing
	# (never none: of at most 8 portions adding up to 100, one is at least 12.5)
	candidates = [i for i, portion in enumerate(portions) if sign > 0 or portion > step]
	index = data.draw(st.sampled_from(candidates))
	changed = [*portions]
	changed[index] += sign * step
	with pytest.raises(EngineValidationError) as err:
		validate_payment_terms(changed, precision)
	assert err.value.code == "portion_total"
