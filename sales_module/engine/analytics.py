"""Periods and trees for the sales reports: a date range cut into weeks, months, quarters or years (the
period columns of Sales Analytics), amounts summed into those periods, and a tree's totals rolled up
from its leaves to its roots (parents show their own figures plus their children's)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from ._data import to_date
from .errors import EngineValidationError
from .money import round_money, to_decimal
from .text import N_

RANGES = ("Weekly", "Monthly", "Quarterly", "Yearly")
# the English abbreviations (never the process locale's), marked for the catalogue: the reports translate them
MONTHS = (
	N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
	N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
)  # fmt: skip


@dataclass(frozen=True)
class Period:
	"""One period column: its first and last day, and its English label (the report translates it;
	the column's fieldname is the scrubbed English label, stable for saved reports and API callers)."""

	start: date
	end: date
	label: str
	template: str  # the label with {0} (number) and {1} (year) for translation
	number: int
	year: int

	@property
	def fieldname(self) -> str:
		return self.label.lower().replace(" ", "_")


def period_ranges(from_date: object, to_date_: object, range_: str) -> list[Period]:
	"""The periods covering from_date..to_date, each whole (weeks from Monday, months, quarters, years)."""
	start, end = to_date(from_date), to_date(to_date_)
	if range_ not in RANGES:
		raise EngineValidationError(
			N_("Range {0} is not one of {1}"), range_, ", ".join(RANGES), code="invalid_range"
		)
	if start is None or end is None:
		raise EngineValidationError(N_("From Date and To Date are required"), code="missing_date")
	if end < start:
		raise EngineValidationError(
			N_("To Date {0} is before From Date {1}"), end, start, code="report_dates"
		)
	periods = []
	current = period_start(start, range_)
	while current <= end:
		following = next_start(current, range_)
		periods.append(make_period(current, following - timedelta(days=1), range_))
		current = following
	return periods


def period_start(day: date, range_: str) -> date:
	if range_ == "Weekly":
		return day - timedelta(days=day.weekday())
	if range_ == "Monthly":
		return day.replace(day=1)
	if range_ == "Quarterly":
		return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
	return date(day.year, 1, 1)


def next_start(start: date, range_: str) -> date:
	if range_ == "Weekly":
		return start + timedelta(days=7)
	months = {"Monthly": 1, "Quarterly": 3, "Yearly": 12}[range_]
	month_index = start.month - 1 + months
	return date(start.year + month_index // 12, month_index % 12 + 1, 1)


def make_period(start: date, end: date, range_: str) -> Period:
	if range_ == "Weekly":
		number, year, template = start.isocalendar()[1], start.isocalendar()[0], N_("Week {0} {1}")
	elif range_ == "Monthly":
		number, year, template = start.month, start.year, MONTHS[start.month - 1] + " {1}"
	elif range_ == "Quarterly":
		number, year, template = (start.month - 1) // 3 + 1, start.year, N_("Quarter {0} {1}")
	else:
		number, year, template = start.year, start.year, "{1}"
	return Period(start, end, template.format(number, year), template, number, year)


def sum_by_period(
	rows: Iterable[tuple[object, object, object]], periods: list[Period], precision: int = 2
) -> dict[object, list[Decimal]]:
	"""{entity: [sum per period]} from (entity, date, amount) rows; dates outside the periods are left
	out (the query already keeps to the report's dates)."""
	if not periods:
		return {}
	starts = [period.start for period in periods]
	last_day = periods[-1].end
	sums: dict[object, list[Decimal]] = {}
	for entity, day, amount in rows:
		when = to_date(day)
		if when is None or when < starts[0] or when > last_day:
			continue
		index = period_index(starts, when)
		figures = sums.setdefault(entity, [Decimal(0)] * len(periods))
		figures[index] += to_decimal(amount)
	return {entity: [round_money(value, precision) for value in figures] for entity, figures in sums.items()}


def period_index(starts: list[date], day: date) -> int:
	low, high = 0, len(starts) - 1
	while low < high:
		middle = (low + high + 1) // 2
		if starts[middle] <= day:
			low = middle
		else:
			high = middle - 1
	return low


@dataclass(frozen=True)
class TreeRow:
	node: str
	parent: str | None
	indent: int
	figures: list[Decimal]
	is_group: bool


def roll_up(
	figures: Mapping[str, list[Decimal]], parent_of: Mapping[str, str | None], width: int
) -> list[TreeRow]:
	"""Every node with a figure and its ancestors, depth first from the roots (children by name), each
	with its own figures plus all of its descendants'. Nodes not in `parent_of` are roots."""
	totals: dict[str, list[Decimal]] = {}
	children: dict[str | None, set[str]] = {}
	for node, values in figures.items():
		if len(values) != width:
			raise EngineValidationError(
				N_("Node {0} has {1} figures, not {2}"), node, len(values), width, code="invalid_number"
			)
		chain, current, seen = [], node, set()
		while current is not None and current not in seen:
			seen.add(current)
			chain.append(current)
			current = parent_of.get(current)
		for member in chain:
			bucket = totals.setdefault(member, [Decimal(0)] * width)
			for index, value in enumerate(values):
				bucket[index] += to_decimal(value)
		for child, parent in zip(chain, [*chain[1:], None], strict=True):
			children.setdefault(parent, set()).add(child)
	rows: list[TreeRow] = []

	def visit(node: str, depth: int):
		kids = sorted(children.get(node, ()))
		rows.append(TreeRow(node, parent_of.get(node), depth, totals[node], bool(kids)))
		for kid in kids:
			visit(kid, depth + 1)

	for root in sorted(children.get(None, ())):
		visit(root, 0)
	return rows


@dataclass(frozen=True)
class OrderLineProgress:
	pending_qty: Decimal
	qty_to_bill: Decimal
	pending_amount: Decimal
	delivered_qty_amount: Decimal
	delay: int  # days past the delivery date while something is still to deliver (0 otherwise)
	time_taken_to_deliver: int | None  # days from the order to its last delivery, once fully delivered


def order_line_progress(
	qty: object,
	delivered_qty: object,
	billed_qty: object,
	rate: object,
	amount: object,
	billed_amount: object,
	order_date: object,
	delivery_date: object,
	last_delivery: object,
	today: object,
	precision: int = 2,
) -> OrderLineProgress:
	"""How far an order line is: what is left to deliver and bill, and how late it is or was."""
	ordered, delivered, billed = to_decimal(qty), to_decimal(delivered_qty), to_decimal(billed_qty)
	pending = max(ordered - delivered, Decimal(0))
	due, now, ordered_on = to_date(delivery_date), to_date(today), to_date(order_date)
	last = to_date(last_delivery)
	delay = max((now - due).days, 0) if pending > 0 and due and now else 0
	taken = (last - ordered_on).days if pending == 0 and last and ordered_on else None
	return OrderLineProgress(
		pending_qty=pending,
		qty_to_bill=max(ordered - billed, Decimal(0)),
		pending_amount=round_money(to_decimal(amount) - to_decimal(billed_amount), precision),
		delivered_qty_amount=round_money(delivered * to_decimal(rate), precision),
		delay=delay,
		time_taken_to_deliver=taken,
	)


def ageing_bounds(ranges: object) -> list[int]:
	"""ERPNext's ageing `range` filter ("30, 60, 90, 120") as ascending day bounds; buckets are
	0-30, 31-60, 61-90, 91-120 and 121 and above (one more bucket than bounds)."""
	text = ranges if isinstance(ranges, str) else ",".join(str(part) for part in ranges or ())
	try:
		bounds = [int(part.strip()) for part in text.split(",") if part.strip()]
	except ValueError:
		raise EngineValidationError(
			N_("Ageing range {0} is not a list of days"), text, code="invalid_number"
		) from None
	if not bounds or any(later <= earlier for earlier, later in pairwise(bounds)) or bounds[0] <= 0:
		raise EngineValidationError(
			N_("Ageing range {0} must be increasing days above zero"), text, code="invalid_range"
		)
	return bounds


def age_bucket(age: int, bounds: list[int]) -> int:
	"""The bucket (0-based) of an age in days; not yet due (negative age) is the first bucket."""
	for index, bound in enumerate(bounds):
		if age <= bound:
			return index
	return len(bounds)


def ageing_row(outstanding: object, age: int, bounds: list[int]) -> list[Decimal]:
	amounts = [Decimal(0)] * (len(bounds) + 1)
	amounts[age_bucket(age, bounds)] = to_decimal(outstanding)
	return amounts


@dataclass(frozen=True)
class LineDelivery:
	on_time_in_full: bool
	late: bool
	delay: int  # days from the due date to the day the line was complete (or to today while it is not)


def line_delivery(
	qty: object, deliveries: Iterable[tuple[object, object]], due: object, today: object
) -> LineDelivery:
	"""On-Time In-Full for one order line: its whole quantity delivered by its delivery date. Deliveries
	are (date, qty) pairs, returns negative; the line is complete on the day the running total first
	reaches its quantity."""
	ordered, due_day, now = to_decimal(qty), to_date(due), to_date(today)
	running, complete_on = Decimal(0), None
	for day, delivered in sorted(
		((to_date(day), to_decimal(amount)) for day, amount in deliveries), key=lambda pair: pair[0]
	):
		running += delivered
		if complete_on is None and running >= ordered:
			complete_on = day
		elif running < ordered:
			complete_on = None  # a return took it below the quantity again
	finished = complete_on or now
	delay = max((finished - due_day).days, 0) if due_day and finished else 0
	on_time = complete_on is not None and due_day is not None and complete_on <= due_day
	return LineDelivery(
		on_time_in_full=on_time, late=not on_time and bool(due_day and now and now > due_day), delay=delay
	)


def acquisition_by_group(
	rows: Iterable[tuple[object, str, object]],
	first_days: Mapping[str, object],
	windows: Mapping[object, tuple[object, object]],
	precision: int = 2,
) -> dict[object, dict[str, Decimal | int]]:
	"""Customer Acquisition and Loyalty: per group (a period, or a territory over the report's dates),
	how many customers bought for the first time ever within the group's window and how many came back,
	and what each kind spent. `rows` are (group, customer, amount); `windows` {group: (start, end)}."""
	groups: dict[object, dict] = {}
	for group, customer, amount in rows:
		start, end = (to_date(day) for day in windows[group])
		first = to_date(first_days.get(customer))
		kind = "new" if first is None or start <= first <= end else "repeat"
		bucket = groups.setdefault(
			group, {"new": set(), "repeat": set(), "new_revenue": Decimal(0), "repeat_revenue": Decimal(0)}
		)
		bucket[f"{kind}_revenue"] += to_decimal(amount)
		bucket[kind].add(customer)
	answer = {}
	for group, bucket in groups.items():
		new_revenue = round_money(bucket["new_revenue"], precision)
		repeat_revenue = round_money(bucket["repeat_revenue"], precision)
		answer[group] = {
			"new_customers": len(bucket["new"]),
			"repeat_customers": len(bucket["repeat"]),
			"total": len(bucket["new"]) + len(bucket["repeat"]),
			"new_customer_revenue": new_revenue,
			"repeat_customer_revenue": repeat_revenue,
			"total_revenue": new_revenue + repeat_revenue,
		}
	return answer


@dataclass(frozen=True)
class CampaignEfficiency:
	order_quot: Decimal  # orders per quotation, in percent (0 without quotations)
	revenue_per_cost: Decimal | None  # revenue for each unit of cost, None without a cost


def campaign_efficiency(
	quotations: int, orders: int, revenue: object, cost: object, precision: int = 2
) -> CampaignEfficiency:
	"""Campaign Efficiency's ratios: the orders taken per quotation given (ERPNext's "Order/Quot %"), and
	what every unit spent on the campaign brought back in revenue."""
	if quotations < 0 or orders < 0:
		raise EngineValidationError(
			N_("Counts cannot be negative: {0} quotations, {1} orders"),
			quotations,
			orders,
			code="invalid_number",
		)
	spent = to_decimal(cost)
	if spent < 0:
		raise EngineValidationError(N_("Cost cannot be negative: {0}"), spent, code="negative")
	order_quot = round_money(Decimal(orders) * 100 / quotations, 2) if quotations else round_money(0, 2)
	per_cost = round_money(to_decimal(revenue) / spent, precision) if spent else None
	return CampaignEfficiency(order_quot, per_cost)
