"""Allocation of an amount over open items, first come first served (payments to invoices, advances to
an invoice, reconciliation)."""

from collections.abc import Iterable
from decimal import Decimal

from .errors import EngineValidationError
from .money import round_money, to_decimal
from .text import N_


def allocate_in_order(open_amounts: Iterable[object], amount: object, precision: int = 2) -> list[Decimal]:
	"""What each open item receives of `amount`, in the order given: each takes all it can until the
	amount runs out (the items after get 0). Open amounts at or below zero receive nothing; the result
	never totals more than `amount` nor gives an item more than it is open for."""
	remaining = round_money(to_decimal(amount), precision)
	if remaining < 0:
		raise EngineValidationError(
			N_("The amount to allocate cannot be negative"), code="negative_allocation"
		)
	allocated = []
	for open_amount in open_amounts:
		share = min(max(round_money(to_decimal(open_amount), precision), Decimal(0)), remaining)
		allocated.append(share)
		remaining -= share
	return allocated


def invoice_outstanding(
	payable: object, received: object, refunded: object, credited: object, precision: int = 2
) -> Decimal:
	"""What the customer still owes on an invoice: its payable total less what was received (payments and
	advances, >= 0) and refunded (refund payments, <= 0), plus its credit notes (their payable, <= 0).

	Below zero the invoice owes the customer a refund, which only a credit note can cause: receipts never
	pass the invoice's own total, and a refund never pays out more than the credit it returns."""
	payable, received = (
		round_money(to_decimal(payable), precision),
		round_money(to_decimal(received), precision),
	)
	refunded, credited = (
		round_money(to_decimal(refunded), precision),
		round_money(to_decimal(credited), precision),
	)
	if received < 0 or refunded > 0 or credited > 0:
		raise EngineValidationError(
			N_("Received amounts cannot be negative, nor refunds and credit notes positive"),
			code="invalid_number",
		)
	if received > max(payable, Decimal(0)):
		raise EngineValidationError(
			N_("payments and advances of {0} exceed its total of {1}"), received, payable, code="over_receipt"
		)
	outstanding = round_money(payable - received - refunded + credited, precision)
	if refunded < 0 and outstanding > 0:
		raise EngineValidationError(
			N_("{0} refunded or applied to other invoices exceeds the {1} owed to the customer"),
			-refunded,
			-(outstanding + refunded),
			code="over_refund",
		)
	return outstanding


def pair_allocations(
	credits: Iterable[object], debits: Iterable[object], precision: int = 2
) -> list[tuple[int, int, Decimal]]:
	"""Reconciliation: (credit index, debit index, amount) for each pair, credits (payments, credit notes)
	taken in order and each spread over the debits (open invoices) in order, oldest first, until one side
	runs out. No credit gives more than it has, no debit takes more than it is open for; the pairs total
	the smaller of the two sides."""
	open_debits = [max(round_money(to_decimal(amount), precision), Decimal(0)) for amount in debits]
	pairs = []
	position = 0
	for credit_index, credit in enumerate(credits):
		left = max(round_money(to_decimal(credit), precision), Decimal(0))
		while left > 0 and position < len(open_debits):
			share = min(left, open_debits[position])
			if share > 0:
				pairs.append((credit_index, position, share))
				left -= share
				open_debits[position] -= share
			if open_debits[position] == 0:
				position += 1
	return pairs
