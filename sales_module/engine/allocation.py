"""Allocation of an amount over open items, first come first served (payments to invoices, advances to
an invoice, reconciliation)."""

from collections.abc import Iterable
from decimal import Decimal

from .errors import EngineValidationError
from .money import round_money, to_decimal


def allocate_in_order(open_amounts: Iterable[object], amount: object, precision: int = 2) -> list[Decimal]:
	"""What each open item receives of `amount`, in the order given: each takes all it can until the
	amount runs out (the items after get 0). Open amounts at or below zero receive nothing; the result
	never totals more than `amount` nor gives an item more than it is open for."""
	remaining = round_money(to_decimal(amount), precision)
	if remaining < 0:
		raise EngineValidationError("The amount to allocate cannot be negative", code="negative_allocation")
	allocated = []
	for open_amount in open_amounts:
		share = min(max(round_money(to_decimal(open_amount), precision), Decimal(0)), remaining)
		allocated.append(share)
		remaining -= share
	return allocated
