"""Dunning figures: overdue days, interest per overdue row, fee and totals (pure, exact)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import _data
from .errors import EngineValidationError
from .money import DEFAULT_ROUNDING, HUNDRED, ZERO, quantum, to_decimal
from .text import N_

DAYS_IN_YEAR = Decimal(365)


@dataclass(frozen=True, slots=True)
class OverdueRow:
	key: str
	due_date: date
	outstanding: Decimal
	overdue_days: int
	interest: Decimal


@dataclass(frozen=True, slots=True)
class DunningFigures:
	rows: tuple[OverdueRow, ...]
	total_outstanding: Decimal
	total_interest: Decimal
	dunning_fee: Decimal
	dunning_amount: Decimal
	grand_total: Decimal


def compute_dunning(
	rows,
	posting_date: object,
	*,
	rate_of_interest: object = 0,
	dunning_fee: object = 0,
	precision: int = 2,
	rounding: str = DEFAULT_ROUNDING,
) -> DunningFigures:
	"""rows: objects with ``name`` (or ``key``), ``due_date`` and ``outstanding``. Interest is simple
	annual interest: outstanding x rate / 100 / 365 x overdue days. A row not yet overdue is refused."""
	on = _data.required_date(posting_date, N_("Posting Date"))
	rate = to_decimal(rate_of_interest)
	fee = to_decimal(dunning_fee).quantize(quantum(precision), rounding=rounding)
	if rate < ZERO or fee < ZERO:
		raise EngineValidationError(N_("Interest rate and dunning fee cannot be negative"), code="negative")
	computed = []
	for row in rows:
		due = _data.required_date(_data.get(row, "due_date"), N_("Due Date"))
		days = (on - due).days
		key = _data.text(row, "key") or _data.text(row, "name")
		if days <= 0:
			raise EngineValidationError(
				N_("{0} is not overdue on {1}"), key, on.isoformat(), code="not_overdue"
			)
		outstanding = _data.number(row, "outstanding")
		interest = (outstanding * rate / HUNDRED / DAYS_IN_YEAR * days).quantize(
			quantum(precision), rounding=rounding
		)
		computed.append(OverdueRow(key, due, outstanding, days, interest))
	total_outstanding = sum((row.outstanding for row in computed), ZERO)
	total_interest = sum((row.interest for row in computed), ZERO)
	amount = total_interest + fee
	return DunningFigures(
		tuple(computed), total_outstanding, total_interest, fee, amount, total_outstanding + amount
	)
