"""How far a document is done: percentages of lines delivered, billed or returned."""

QTY_PRECISION = 6


def percent_of(done: list[tuple[float, float]]) -> float:
	"""Share of the whole that is done, counting each line at most in full: (done, whole) per line."""
	whole = sum(abs(total) for _done, total in done)
	if not whole:
		return 0.0
	return round(
		sum(min(abs(part), abs(total)) for part, total in done if part > 0) * 100 / whole, QTY_PRECISION
	)


def billed_percent(lines: list[tuple[float, float, float, float]]) -> float:
	"""(billed amount, amount, billed qty, qty) per line: billed share by amount; a document whose
	lines are all at zero (free, agreed at zero) is billed by quantity instead."""
	if any(amount for _billed, amount, _billed_qty, _qty in lines):
		return percent_of([(billed, amount) for billed, amount, _billed_qty, _qty in lines])
	return percent_of([(billed_qty, qty) for _billed, _amount, billed_qty, qty in lines])


def qty_left_to_bill(
	amount: float, billed_amount: float, rate: float, stock_qty: float, billed_stock_qty: float, factor: float
) -> float:
	"""What a source line (order or delivery line) has left to bill, in its own unit: its unbilled
	amount at its rate; a line at zero rate (free, agreed at zero) by its unbilled stock quantity."""
	if rate:
		return round(max(amount - billed_amount, 0) / rate, QTY_PRECISION)
	return round(max(stock_qty - billed_stock_qty, 0) / (factor or 1), QTY_PRECISION)
