"""Payment schedule from a Payment Terms Template: due dates and amounts summing exactly."""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from . import _data
from .errors import EngineValidationError
from .money import DEFAULT_ROUNDING, HUNDRED, ZERO, quantum, round_money, to_decimal
from .text import N_

DAYS_AFTER_INVOICE = "Day(s) after invoice date"
DAYS_AFTER_MONTH_END = "Day(s) after the end of the invoice month"
MONTHS_AFTER_MONTH_END = "Month(s) after the end of the invoice month"
DUE_DATE_BASES = (DAYS_AFTER_INVOICE, DAYS_AFTER_MONTH_END, MONTHS_AFTER_MONTH_END)


@dataclass(frozen=True, slots=True)
class PaymentTerm:
	invoice_portion: Decimal
	due_date_based_on: str = DAYS_AFTER_INVOICE
	credit_days: int = 0
	credit_months: int = 0
	payment_term: str = ""
	description: str = ""

	@classmethod
	def from_obj(cls, obj: object) -> "PaymentTerm":
		if isinstance(obj, cls):
			return obj
		return cls(
			invoice_portion=_data.number(obj, "invoice_portion"),
			due_date_based_on=_data.text(obj, "due_date_based_on", DAYS_AFTER_INVOICE) or DAYS_AFTER_INVOICE,
			credit_days=_data.to_int(_data.get(obj, "credit_days", 0)),
			credit_months=_data.to_int(_data.get(obj, "credit_months", 0)),
			payment_term=_data.text(obj, "payment_term"),
			description=_data.text(obj, "description"),
		)


@dataclass(frozen=True, slots=True)
class PaymentScheduleRow:
	due_date: date
	invoice_portion: Decimal
	payment_amount: Decimal
	base_payment_amount: Decimal
	payment_term: str = ""
	description: str = ""

	def as_dict(self) -> dict[str, object]:
		return {
			"payment_term": self.payment_term,
			"description": self.description,
			"due_date": self.due_date,
			"invoice_portion": self.invoice_portion,
			"payment_amount": self.payment_amount,
			"base_payment_amount": self.base_payment_amount,
			"outstanding": self.payment_amount,
		}


def month_end(day: date) -> date:
	return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
	"""Same day ``months`` later, clamped to the month's length (Jan 31 + 1 -> Feb 28/29)."""
	index = day.year * 12 + day.month - 1 + months
	year, month = divmod(index, 12)
	last = calendar.monthrange(year, month + 1)[1]
	return date(year, month + 1, min(day.day, last))


def due_date_for(term: object, posting_date: object) -> date:
	found = PaymentTerm.from_obj(term)
	posting = _data.required_date(posting_date, N_("Posting Date"))
	if found.due_date_based_on == DAYS_AFTER_INVOICE:
		return posting + timedelta(days=found.credit_days)
	if found.due_date_based_on == DAYS_AFTER_MONTH_END:
		return month_end(posting) + timedelta(days=found.credit_days)
	if found.due_date_based_on == MONTHS_AFTER_MONTH_END:
		return month_end(add_months(posting.replace(day=1), found.credit_months))
	raise EngineValidationError(
		N_("Invalid Due Date Based On {0}"), found.due_date_based_on, code="invalid_due_basis"
	)


def validate_payment_terms(portions: Iterable[object], precision: int = 2) -> list[PaymentTerm]:
	"""Save-time check of a Payment Terms Template; returns its terms.

	``portions``: the template's term rows (dicts / documents / PaymentTerm with ``invoice_portion`` and
	optionally ``due_date_based_on``, ``credit_days``, ``credit_months``) or bare portions (numbers).
	Raises EngineValidationError: a portion not above 0 ("portion"), negative credit days or months
	("credit"), an unknown due date basis ("invalid_due_basis"), or portions whose total, rounded to
	``precision`` decimals, is not 100 ("portion_total"): 33.33 + 33.33 + 33.34 passes, 3 x 33.33 does
	not. No terms at all total 0 and fail.
	"""
	return _checked_terms(portions, precision)


def _checked_terms(terms: Iterable[object], precision: int | None) -> list[PaymentTerm]:
	"""``precision`` None: the total must be exactly 100, and no terms at all pass (the schedule then
	has one row for everything)."""
	found = [_term(term) for term in terms]
	for number, term in enumerate(found, start=1):
		if term.invoice_portion <= ZERO:
			raise EngineValidationError(
				N_("Row {0}: Invoice Portion must be positive"), number, code="portion"
			)
		if term.credit_days < 0 or term.credit_months < 0:
			raise EngineValidationError(
				N_("Row {0}: credit days and months cannot be negative"), number, code="credit"
			)
		if term.due_date_based_on not in DUE_DATE_BASES:
			raise EngineValidationError(
				N_("Invalid Due Date Based On {0}"), term.due_date_based_on, code="invalid_due_basis"
			)
	total = sum((term.invoice_portion for term in found), ZERO)
	if precision is not None:
		total = round_money(total, precision)
	if (found or precision is not None) and total != HUNDRED:
		raise EngineValidationError(
			N_("Total of invoice portions must be 100, not {0}"), total, code="portion_total"
		)
	return found


def _term(term: object) -> PaymentTerm:
	"""A term row, or a bare portion (number or numeric text) standing for a term due on posting."""
	if isinstance(term, Decimal | float | str) or (isinstance(term, int) and not isinstance(term, bool)):
		return PaymentTerm(to_decimal(term))
	return PaymentTerm.from_obj(term)


def build_payment_schedule(
	terms: Iterable[object],
	posting_date: object,
	grand_total: object,
	*,
	base_grand_total: object | None = None,
	conversion_rate: object = 1,
	precision: int = 2,
	base_precision: int | None = None,
	rounding: str = DEFAULT_ROUNDING,
) -> list[PaymentScheduleRow]:
	"""Rows in term order; amounts sum exactly to ``grand_total`` (pass rounded_total when rounding is
	on) and to ``base_grand_total`` (default: grand_total x conversion_rate), the last row taking the
	residue. No terms: one row for everything, due on the posting date."""
	found = _checked_terms(terms, None) or [PaymentTerm(HUNDRED)]
	posting = _data.required_date(posting_date, N_("Posting Date"))
	total = to_decimal(grand_total)
	base_digits = precision if base_precision is None else base_precision
	base_total = _base_total(total, base_grand_total, conversion_rate, base_digits, rounding)
	amounts = _split(total, found, precision, rounding)
	base_amounts = _split(base_total, found, base_digits, rounding)
	return [
		PaymentScheduleRow(
			due_date_for(term, posting),
			term.invoice_portion,
			amount,
			base_amount,
			term.payment_term,
			term.description,
		)
		for term, amount, base_amount in zip(found, amounts, base_amounts, strict=True)
	]


def _base_total(total: Decimal, base_total: object, rate: object, digits: int, rounding: str) -> Decimal:
	if base_total is not None:
		return to_decimal(base_total)
	return (total * to_decimal(rate)).quantize(quantum(digits), rounding=rounding)


def _split(total: Decimal, terms: list[PaymentTerm], precision: int, rounding: str) -> list[Decimal]:
	step = quantum(precision)
	amounts = [(total * term.invoice_portion / HUNDRED).quantize(step, rounding=rounding) for term in terms]
	amounts[-1] = total - sum(amounts[:-1], ZERO)
	return amounts
