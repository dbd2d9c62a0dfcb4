from datetime import date
from decimal import Decimal

import pytest

from sales_module.engine import EngineValidationError, build_payment_schedule, due_date_for

DAYS = "Day(s) after invoice date"
MONTH_END_DAYS = "Day(s) after the end of the invoice month"
MONTHS = "Month(s) after the end of the invoice month"


@pytest.mark.parametrize(
	("case", "basis", "days", "months", "posting", "due"),
	[
		("same day", DAYS, 0, 0, "2024-03-15", "2024-03-15"),
		("30 days across leap February", DAYS, 30, 0, "2024-01-31", "2024-03-01"),
		("30 days across common February", DAYS, 30, 0, "2023-01-31", "2023-03-02"),
		("year end", DAYS, 45, 0, "2024-12-20", "2025-02-03"),
		("month end, leap year", MONTH_END_DAYS, 0, 0, "2024-02-10", "2024-02-29"),
		("month end, common year", MONTH_END_DAYS, 0, 0, "2023-02-10", "2023-02-28"),
		("month end + 15", MONTH_END_DAYS, 15, 0, "2024-04-30", "2024-05-15"),
		("end of next month, leap", MONTHS, 0, 1, "2024-01-31", "2024-02-29"),
		("end of next month, common", MONTHS, 0, 1, "2023-01-15", "2023-02-28"),
		("end of month after February", MONTHS, 0, 1, "2024-02-29", "2024-03-31"),
		("three months over year end", MONTHS, 0, 3, "2024-11-20", "2025-02-28"),
		("zero months = this month end", MONTHS, 0, 0, "2024-12-05", "2024-12-31"),
		("century non-leap", MONTH_END_DAYS, 0, 0, "2100-02-01", "2100-02-28"),
		("400-year leap", MONTH_END_DAYS, 0, 0, "2000-02-01", "2000-02-29"),
	],
)
def test_due_dates(case, basis, days, months, posting, due):
	term = {"invoice_portion": 100, "due_date_based_on": basis, "credit_days": days, "credit_months": months}
	assert due_date_for(term, posting) == date.fromisoformat(due)


@pytest.mark.parametrize(
	("case", "portions", "total", "precision", "amounts"),
	[
		("thirds", ["33.33", "33.33", "33.34"], "100.00", 2, ["33.33", "33.33", "33.34"]),
		("thirds of 10", ["33.33", "33.33", "33.34"], "10.00", 2, ["3.33", "3.33", "3.34"]),
		("halves of odd cents", ["50", "50"], "100.01", 2, ["50.01", "50.00"]),
		("zero decimals", ["30", "30", "40"], "1001", 0, ["300", "300", "401"]),
		("credit note", ["50", "50"], "-99.99", 2, ["-50.00", "-49.99"]),
		("single term", ["100"], "12.34", 2, ["12.34"]),
	],
)
def test_amounts_sum_exactly(case, portions, total, precision, amounts):
	terms = [{"invoice_portion": p, "credit_days": 30 * i} for i, p in enumerate(portions)]
	rows = build_payment_schedule(terms, "2024-01-01", total, conversion_rate="1.1", precision=precision)
	assert [row.payment_amount for row in rows] == [Decimal(a) for a in amounts]
	assert sum(row.payment_amount for row in rows) == Decimal(total)
	base_total = (Decimal(total) * Decimal("1.1")).quantize(Decimal(1).scaleb(-precision))
	assert sum(row.base_payment_amount for row in rows) == base_total


def test_rows_carry_term_fields_and_explicit_base_total():
	terms = [
		{"payment_term": "Advance", "invoice_portion": 30, "description": "On order"},
		{"payment_term": "Balance", "invoice_portion": 70, "due_date_based_on": MONTHS, "credit_months": 1},
	]
	rows = build_payment_schedule(
		terms, date(2024, 1, 10), "1000.00", base_grand_total="1234.57", base_precision=2
	)
	assert [row.as_dict()["payment_term"] for row in rows] == ["Advance", "Balance"]
	assert [row.due_date for row in rows] == [date(2024, 1, 10), date(2024, 2, 29)]
	assert [row.base_payment_amount for row in rows] == [Decimal("370.37"), Decimal("864.20")]
	assert rows[1].as_dict()["outstanding"] == Decimal(700)


def test_no_terms_means_one_row_due_on_posting_date():
	rows = build_payment_schedule([], "2024-05-05", 50)
	assert [(row.due_date, row.invoice_portion, row.payment_amount) for row in rows] == [
		(date(2024, 5, 5), 100, 50)
	]


@pytest.mark.parametrize(
	("terms", "code"),
	[
		([{"invoice_portion": 50}, {"invoice_portion": 49}], "portion_total"),
		([{"invoice_portion": 60}, {"invoice_portion": 60}], "portion_total"),
		([{"invoice_portion": 100}, {"invoice_portion": 0}], "portion"),
		([{"invoice_portion": 100, "credit_days": -1}], "credit"),
		([{"invoice_portion": 100, "due_date_based_on": "Whenever"}], "invalid_due_basis"),
	],
)
def test_invalid_terms(terms, code):
	with pytest.raises(EngineValidationError) as err:
		build_payment_schedule(terms, "2024-01-01", 100)
	assert err.value.code == code
