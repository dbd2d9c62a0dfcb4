"""Taxes and totals: one pure pass from line rates and tax rows to every amount of the document.

Guarantees (exact, in document AND company currency):
	sum(line net_amount) + sum(tax_amount_after_discount_amount) + rounding_adjustment
		== rounded_total (grand_total when rounding is disabled)
	net_total == sum(net_amount), total == sum(amount), grand_total == net_total + total_taxes_and_charges,
	each tax row's ``total`` is the running total.
Company-currency amounts are converted per line and per tax row; base_grand_total is the converted
grand total and the conversion residue goes to the net amount of the last line carrying an amount,
so the base figures add up as well.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from . import _data
from .errors import EngineValidationError
from .money import (
	DEFAULT_ROUNDING,
	HUNDRED,
	ONE,
	ZERO,
	distribute,
	last_nonzero_index,
	quantum,
	round_to_unit,
	rounding_context,
	to_decimal,
)
from .text import N_

ACTUAL = "Actual"
ON_NET_TOTAL = "On Net Total"
ON_PREVIOUS_ROW_AMOUNT = "On Previous Row Amount"
ON_PREVIOUS_ROW_TOTAL = "On Previous Row Total"
ON_ITEM_QUANTITY = "On Item Quantity"
CHARGE_TYPES = (ACTUAL, ON_NET_TOTAL, ON_PREVIOUS_ROW_AMOUNT, ON_PREVIOUS_ROW_TOTAL, ON_ITEM_QUANTITY)
PREVIOUS_ROW_TYPES = (ON_PREVIOUS_ROW_AMOUNT, ON_PREVIOUS_ROW_TOTAL)
GRAND_TOTAL = "Grand Total"
NET_TOTAL = "Net Total"


def _item_tax_rates(value: object) -> dict[str, Decimal]:
	"""{tax account: rate} from a mapping or ERPNext's JSON text."""
	if not value:
		return {}
	text = value
	if isinstance(value, str):
		try:
			value = json.loads(value)
		except ValueError:
			value = None
	if not isinstance(value, Mapping):
		# "NaN", a list, text that is not JSON: not a {tax account: rate} object
		raise EngineValidationError(N_("Invalid number: {0}"), text, code="invalid_number")
	return {str(account): to_decimal(rate) for account, rate in value.items()}


@dataclass(slots=True)
class TotalsLine:
	"""A line: ``amount`` = qty x rate. ``item_tax_rate`` overrides row rates by account_head."""

	name: str = ""
	qty: Decimal = ZERO
	rate: Decimal = ZERO
	stock_qty: Decimal | None = None
	conversion_factor: Decimal = ONE
	item_tax_rate: Mapping[str, Decimal] = field(default_factory=dict)

	def __post_init__(self) -> None:
		self.qty = to_decimal(self.qty)
		self.rate = to_decimal(self.rate)
		self.conversion_factor = to_decimal(self.conversion_factor) or ONE
		blank_stock_qty = self.stock_qty is None or self.stock_qty == ""
		self.stock_qty = self.qty * self.conversion_factor if blank_stock_qty else to_decimal(self.stock_qty)
		self.item_tax_rate = _item_tax_rates(self.item_tax_rate)

	@classmethod
	def from_obj(cls, obj: object) -> "TotalsLine":
		"""From a dict or document; raw values are coerced once, by ``__post_init__``."""
		if isinstance(obj, cls):
			return obj
		get = obj.get if isinstance(obj, dict) else partial(_data.get, obj)
		name = get("name")
		return cls(
			"" if name is None else str(name),
			get("qty"),  # type: ignore[arg-type]
			get("rate"),  # type: ignore[arg-type]
			get("stock_qty"),  # type: ignore[arg-type]
			get("conversion_factor"),  # type: ignore[arg-type]
			get("item_tax_rate"),  # type: ignore[arg-type]
		)


@dataclass(slots=True)
class TaxRow:
	"""A Sales Taxes and Charges row; ``tax_amount`` is read for "Actual" only; ``row_id`` is 1-based."""

	charge_type: str
	rate: Decimal = ZERO
	tax_amount: Decimal = ZERO
	row_id: int = 0
	account_head: str = ""
	description: str = ""
	included_in_print_rate: bool = False

	def __post_init__(self) -> None:
		self.rate = to_decimal(self.rate)
		self.tax_amount = to_decimal(self.tax_amount)
		self.row_id = _data.to_int(self.row_id)
		self.included_in_print_rate = _data.to_bool(self.included_in_print_rate)

	@classmethod
	def from_obj(cls, obj: object) -> "TaxRow":
		if isinstance(obj, cls):
			return obj
		return cls(
			charge_type=_data.text(obj, "charge_type"),
			rate=_data.number(obj, "rate"),
			tax_amount=_data.number(obj, "tax_amount"),
			row_id=_data.to_int(_data.get(obj, "row_id", 0)),
			account_head=_data.text(obj, "account_head"),
			description=_data.text(obj, "description"),
			included_in_print_rate=_data.flag(obj, "included_in_print_rate"),
		)


@dataclass(slots=True)
class LineTotals:
	name: str
	amount: Decimal
	net_rate: Decimal
	net_amount: Decimal
	distributed_discount_amount: Decimal
	base_rate: Decimal
	base_amount: Decimal
	base_net_rate: Decimal
	base_net_amount: Decimal

	def as_dict(self) -> dict[str, object]:
		return {
			"amount": self.amount,
			"net_rate": self.net_rate,
			"net_amount": self.net_amount,
			"distributed_discount_amount": self.distributed_discount_amount,
			"base_rate": self.base_rate,
			"base_amount": self.base_amount,
			"base_net_rate": self.base_net_rate,
			"base_net_amount": self.base_net_amount,
		}


@dataclass(slots=True)
class TaxTotals:
	"""``tax_amount`` is before a Grand Total discount, ``tax_amount_after_discount_amount`` after it.
	``item_wise_tax_detail``: {line name: share of tax_amount_after_discount_amount}, summing exactly."""

	idx: int
	charge_type: str
	account_head: str
	description: str
	rate: Decimal
	tax_amount: Decimal
	tax_amount_after_discount_amount: Decimal
	total: Decimal
	base_tax_amount: Decimal
	base_tax_amount_after_discount_amount: Decimal
	base_total: Decimal
	item_wise_tax_detail: dict[str, Decimal] = field(default_factory=dict)

	def as_dict(self) -> dict[str, object]:
		return {
			"tax_amount": self.tax_amount,
			"tax_amount_after_discount_amount": self.tax_amount_after_discount_amount,
			"total": self.total,
			"base_tax_amount": self.base_tax_amount,
			"base_tax_amount_after_discount_amount": self.base_tax_amount_after_discount_amount,
			"base_total": self.base_total,
			"item_wise_tax_detail": {name: str(amount) for name, amount in self.item_wise_tax_detail.items()},
		}


@dataclass(slots=True)
class TotalsResult:
	total_qty: Decimal
	total: Decimal
	net_total: Decimal
	total_taxes_and_charges: Decimal
	apply_discount_on: str
	additional_discount_percentage: Decimal
	discount_amount: Decimal
	grand_total: Decimal
	rounding_adjustment: Decimal
	rounded_total: Decimal
	disable_rounded_total: bool
	base_total: Decimal
	base_net_total: Decimal
	base_total_taxes_and_charges: Decimal
	base_discount_amount: Decimal
	base_grand_total: Decimal
	base_rounding_adjustment: Decimal
	base_rounded_total: Decimal
	lines: list[LineTotals]
	taxes: list[TaxTotals]

	@property
	def payable_total(self) -> Decimal:
		"""What the customer owes: rounded_total, or grand_total when rounding is disabled."""
		return payable_total(self.grand_total, self.rounded_total, self.disable_rounded_total)

	@property
	def base_payable_total(self) -> Decimal:
		return payable_total(self.base_grand_total, self.base_rounded_total, self.disable_rounded_total)

	def as_dict(self) -> dict[str, object]:
		"""Header fields to set on the document (lines/taxes have their own ``as_dict``)."""
		return {
			name: getattr(self, name)
			for name in self.__dataclass_fields__  # type: ignore[attr-defined]
			if name not in ("lines", "taxes", "disable_rounded_total")
		}


def payable_total(grand_total: object, rounded_total: object, disable_rounded_total: object) -> Decimal:
	"""What the customer owes: ``grand_total`` when rounding is disabled (any truthy flag: 1, True,
	"1"), else ``rounded_total``. Blank values count as 0."""
	return to_decimal(grand_total if _data.to_bool(disable_rounded_total) else rounded_total)


def validate_tax_rows(rows: Sequence[TaxRow]) -> None:
	"""Charge types known; previous-row types point to an earlier row; inclusive rules respected."""
	for idx, row in enumerate(rows, start=1):
		if row.charge_type not in CHARGE_TYPES:
			_fail(N_("Row {0}: invalid charge type {1}"), idx, row.charge_type, code="invalid_charge_type")
		if row.charge_type in PREVIOUS_ROW_TYPES:
			if idx == 1:
				_fail(
					N_("Row {0}: charge type {1} is not allowed on the first row"),
					idx,
					row.charge_type,
					code="first_row",
				)
			if not 1 <= row.row_id < idx:
				_fail(
					N_("Row {0}: Row ID {1} must refer to an earlier row"),
					idx,
					row.row_id,
					code="invalid_row_id",
				)
		if row.included_in_print_rate:
			_validate_inclusive(rows, idx, row)


def _validate_inclusive(rows: Sequence[TaxRow], idx: int, row: TaxRow) -> None:
	if row.charge_type in (ACTUAL, ON_ITEM_QUANTITY):
		_fail(
			N_("Row {0}: charge type {1} cannot be included in the item rate"),
			idx,
			row.charge_type,
			code="inclusive_type",
		)
	if row.charge_type == ON_PREVIOUS_ROW_AMOUNT and not rows[row.row_id - 1].included_in_print_rate:
		_fail(
			N_("Row {0}: row {1} must also be included in the item rate"),
			idx,
			row.row_id,
			code="inclusive_chain",
		)
	if row.charge_type == ON_PREVIOUS_ROW_TOTAL and not all(
		tax.included_in_print_rate for tax in rows[: row.row_id]
	):
		_fail(
			N_("Row {0}: rows 1 to {1} must also be included in the item rate"),
			idx,
			row.row_id,
			code="inclusive_chain",
		)


def _fail(template: str, *params: object, code: str) -> None:
	raise EngineValidationError(template, *params, code=code)


@dataclass(slots=True)
class _Inclusive:
	"""Per-line fractions of inclusive rows and the exact (unrounded) nets they imply."""

	fractions: list[list[Decimal] | None]
	exact_nets: list[Decimal]
	row_amounts: list[Decimal | None]


@dataclass(slots=True)
class _Pass:
	amounts: list[Decimal]
	contributions: list[list[Decimal]]
	fixed: list[Decimal]  # part of each row not proportional to net amounts (Actual, per quantity)


class _Calculation:
	"""Settings plus the steps; ``run`` is the table of contents."""

	def __init__(self, lines: list[TotalsLine], rows: list[TaxRow], settings: dict) -> None:
		self.lines = lines
		self.rows = rows
		self.cr: Decimal = settings["conversion_rate"]
		self.rounding: str = settings["rounding"]
		self.precision: int = settings["precision"]
		self.step = quantum(self.precision)
		self.base_step = quantum(settings["base_precision"])
		self.rate_step = quantum(settings["rate_precision"])
		self.base_rate_step = quantum(settings["base_rate_precision"])
		self.settings = settings
		self.overridden_accounts = {account for line in lines for account in line.item_tax_rate}
		self.row_rates = [self._line_rates(row) for row in rows]
		self.quantize = rounding_context(self.rounding).quantize  # fast path for per-line rounding

	def q(self, value: Decimal) -> Decimal:
		return self.quantize(value, self.step)

	def qb(self, value: Decimal) -> Decimal:
		return self.quantize(value, self.base_step)

	def q_all(self, values: Iterable[Decimal], step: Decimal, factor: Decimal = ONE) -> list[Decimal]:
		"""Every value times ``factor``, rounded to ``step``."""
		quantize = self.quantize
		if factor == ONE:
			return [quantize(value, step) for value in values]
		return [quantize(value * factor, step) for value in values]

	def _line_rates(self, row: TaxRow) -> list[Decimal] | Decimal:
		"""The row rate, or per-line rates when some line's item tax template overrides it."""
		if row.charge_type == ACTUAL:
			return row.rate
		account = row.account_head
		if account and account in self.overridden_accounts:
			return [line.item_tax_rate.get(account, row.rate) for line in self.lines]
		return row.rate

	def run(self) -> TotalsResult:
		quantize, step = self.quantize, self.step
		amounts = [quantize(line.qty * line.rate, step) for line in self.lines]
		total = sum(amounts, ZERO)
		nets, inclusive = self._back_out_inclusive(amounts, total)
		discount, shares, before, after = self._apply_discount(nets, inclusive)
		nets = [net - share for net, share in zip(nets, shares, strict=True)]
		return self._assemble(amounts, total, nets, shares, discount, before, after)

	# -- inclusive taxes -------------------------------------------------------------------------
	def _back_out_inclusive(
		self, amounts: list[Decimal], total: Decimal
	) -> tuple[list[Decimal], _Inclusive | None]:
		"""Nets without inclusive taxes; sum(nets) + inclusive tax rows == total exactly."""
		if not any(row.included_in_print_rate for row in self.rows):
			return list(amounts), None
		fractions, total_fractions = self._inclusive_fractions()
		exact = []
		for amount, fraction in zip(amounts, total_fractions, strict=True):
			if fraction <= ZERO:
				_fail(N_("Inclusive tax rates must add up to more than -100%"), code="inclusive_rate")
			exact.append(amount / fraction)
		row_amounts: list[Decimal | None] = [
			None if found is None else self.q(sum((f * x for f, x in zip(found, exact, strict=True)), ZERO))
			for found in fractions
		]
		nets = [self.q(value) for value in exact]
		target = total - sum((amount for amount in row_amounts if amount is not None), ZERO)
		if nets:
			nets[last_nonzero_index(nets)] += target - sum(nets, ZERO)
		return nets, _Inclusive(fractions, exact, row_amounts)

	def _inclusive_fractions(self) -> tuple[list[list[Decimal] | None], list[Decimal]]:
		"""Per inclusive row, each line's tax as a fraction of its net; plus 1 + all fractions per line."""
		count = len(self.lines)
		cumulative = [ONE] * count
		cumulative_by_row: list[list[Decimal]] = []
		fractions: list[list[Decimal] | None] = []
		for t, row in enumerate(self.rows):
			if not row.included_in_print_rate:
				fractions.append(None)
				cumulative_by_row.append(cumulative)
				continue
			rates = self._rates_list(t)
			if row.charge_type == ON_NET_TOTAL:
				found = [rate / HUNDRED for rate in rates]
			elif row.charge_type == ON_PREVIOUS_ROW_AMOUNT:
				referenced = fractions[row.row_id - 1] or []
				found = [rate / HUNDRED * f for rate, f in zip(rates, referenced, strict=True)]
			else:
				found = [
					rate / HUNDRED * c
					for rate, c in zip(rates, cumulative_by_row[row.row_id - 1], strict=True)
				]
			fractions.append(found)
			cumulative = [c + f for c, f in zip(cumulative, found, strict=True)]
			cumulative_by_row.append(cumulative)
		return fractions, cumulative

	def _rates_list(self, t: int) -> list[Decimal]:
		rates = self.row_rates[t]
		return rates if isinstance(rates, list) else [rates] * len(self.lines)

	# -- tax rows --------------------------------------------------------------------------------
	def _tax_pass(self, nets: list[Decimal], inclusive: _Inclusive | None) -> _Pass:
		"""Each row's amount from per-line contributions (rounded once per row, as ERPNext does)."""
		net_total = sum(nets, ZERO)
		running = nets
		running_by_row: list[list[Decimal]] = []
		result = _Pass([], [], [])
		fixed_running: list[Decimal] = []
		for t, row in enumerate(self.rows):
			if inclusive is not None and inclusive.fractions[t] is not None:
				found = inclusive.fractions[t] or []
				contributions = [f * x for f, x in zip(found, inclusive.exact_nets, strict=True)]
				amount = inclusive.row_amounts[t] or ZERO
			elif row.charge_type == ACTUAL:
				amount = self.q(row.tax_amount)
				contributions = self._spread_actual(amount, nets, net_total)
			else:
				contributions = self._contributions(t, row, nets, result.contributions, running_by_row)
				amount = self.q(sum(contributions, ZERO))
			running = [r + c for r, c in zip(running, contributions, strict=True)]
			running_by_row.append(running)
			result.amounts.append(amount)
			result.contributions.append(contributions)
			result.fixed.append(self._fixed_part(row, amount, result.fixed, fixed_running))
			fixed_running.append((fixed_running[-1] if fixed_running else ZERO) + result.fixed[-1])
		return result

	def _contributions(
		self,
		t: int,
		row: TaxRow,
		nets: list[Decimal],
		previous: list[list[Decimal]],
		running: list[list[Decimal]],
	) -> list[Decimal]:
		kind = row.charge_type
		if kind == ON_ITEM_QUANTITY:
			base: list[Decimal] = [line.stock_qty for line in self.lines]  # type: ignore[misc]
			scale = ONE
		else:
			scale = ONE / HUNDRED
			if kind == ON_NET_TOTAL:
				base = nets
			elif kind == ON_PREVIOUS_ROW_AMOUNT:
				base = previous[row.row_id - 1]
			else:
				base = running[row.row_id - 1]
		rates = self.row_rates[t]
		if isinstance(rates, list):
			return [rate * scale * value for rate, value in zip(rates, base, strict=True)]
		factor = rates * scale
		return [factor * value for value in base]

	@staticmethod
	def _spread_actual(amount: Decimal, nets: list[Decimal], net_total: Decimal) -> list[Decimal]:
		"""An Actual charge spread over lines by net amount; the last line takes the remainder."""
		if not nets:
			return []
		if net_total:
			shares = [amount * net / net_total for net in nets]
		else:
			shares = [ZERO] * len(nets)
		shares[-1] = ZERO
		shares[-1] = amount - sum(shares, ZERO)
		return shares

	@staticmethod
	def _fixed_part(row: TaxRow, amount: Decimal, fixed: list[Decimal], running: list[Decimal]) -> Decimal:
		"""How much of the row a Grand Total discount cannot reduce (it does not scale with net)."""
		if row.charge_type in (ACTUAL, ON_ITEM_QUANTITY):
			return amount
		if row.charge_type == ON_PREVIOUS_ROW_AMOUNT:
			return row.rate * fixed[row.row_id - 1] / HUNDRED
		if row.charge_type == ON_PREVIOUS_ROW_TOTAL:
			return row.rate * running[row.row_id - 1] / HUNDRED
		return ZERO

	# -- document discount -----------------------------------------------------------------------
	def _apply_discount(self, nets: list[Decimal], inclusive: _Inclusive | None):
		"""(discount, per-line shares, row amounts before and after the discount)."""
		settings = self.settings
		pct: Decimal = settings["additional_discount_percentage"]
		requested: Decimal = settings["discount_amount"]
		if not (pct or requested):
			found = self._tax_pass(nets, inclusive)
			return ZERO, [ZERO] * len(nets), found, found
		net_total = sum(nets, ZERO)
		before = None
		if settings["apply_discount_on"] == GRAND_TOTAL:
			before = self._tax_pass(nets, inclusive)
			grand = net_total + sum(before.amounts, ZERO)
			basis = grand - sum(before.fixed, ZERO)
			discount = self.q(pct * grand / HUNDRED) if pct else self.q(requested)
			net_discount = self.q(discount * net_total / basis) if basis else ZERO
		else:
			basis = net_total
			discount = self.q(pct * net_total / HUNDRED) if pct else self.q(requested)
			net_discount = discount
		self._check_discount(discount, basis)
		shares = distribute(net_discount, nets, self.precision, self.rounding)
		discounted = [net - share for net, share in zip(nets, shares, strict=True)]
		after = self._tax_pass(discounted, None)
		return discount, shares, before or after, after

	@staticmethod
	def _check_discount(discount: Decimal, basis: Decimal) -> None:
		if discount and not basis:
			_fail(
				N_("A discount of {0} cannot apply to a document with nothing to discount"),
				discount,
				code="no_basis",
			)
		if abs(discount) > abs(basis) or (discount and (discount > ZERO) != (basis > ZERO)):
			_fail(
				N_("Discount amount {0} cannot exceed the total {1}"),
				discount,
				basis,
				code="discount_too_large",
			)

	# -- results ---------------------------------------------------------------------------------
	def _assemble(self, amounts, total, nets, shares, discount, before: _Pass, after: _Pass) -> TotalsResult:
		net_total = sum(nets, ZERO)
		taxes_total = sum(after.amounts, ZERO)
		grand_total = net_total + taxes_total
		rounded_total, adjustment = self._rounded(grand_total)
		base = _BaseFigures(self, amounts, nets, before.amounts, after.amounts, grand_total, rounded_total)
		lines = self._line_results(amounts, nets, shares, base)
		taxes = self._tax_results(net_total, before, after, base)
		settings = self.settings
		return TotalsResult(
			total_qty=sum((line.qty for line in self.lines), ZERO),
			total=total,
			net_total=net_total,
			total_taxes_and_charges=taxes_total,
			apply_discount_on=settings["apply_discount_on"],
			additional_discount_percentage=settings["additional_discount_percentage"],
			discount_amount=discount,
			grand_total=grand_total,
			rounding_adjustment=adjustment,
			rounded_total=rounded_total,
			disable_rounded_total=settings["disable_rounded_total"],
			base_total=sum(base.amounts, ZERO),
			base_net_total=base.net_total,
			base_total_taxes_and_charges=base.taxes_total,
			base_discount_amount=self.qb(discount * self.cr),
			base_grand_total=base.grand_total,
			base_rounding_adjustment=base.rounding_adjustment,
			base_rounded_total=base.rounded_total,
			lines=lines,
			taxes=taxes,
		)

	def _rounded(self, grand_total: Decimal) -> tuple[Decimal, Decimal]:
		if self.settings["disable_rounded_total"]:
			return ZERO, ZERO
		unit: Decimal = self.settings["rounding_unit"]
		rounded = round_to_unit(grand_total, unit, self.precision, self.rounding)
		return rounded, rounded - grand_total

	def _line_results(self, amounts, nets, shares, base: "_BaseFigures") -> list[LineTotals]:
		quantize, rate_step, lines = self.quantize, self.rate_step, self.lines
		net_rates = [
			quantize(net / line.qty, rate_step) if line.qty else ZERO
			for net, line in zip(nets, lines, strict=True)
		]
		base_rates = self.q_all((line.rate for line in lines), self.base_rate_step, self.cr)
		base_net_rates = self.q_all(net_rates, self.base_rate_step, self.cr)
		columns = zip(
			lines,
			amounts,
			net_rates,
			nets,
			shares,
			base_rates,
			base.amounts,
			base_net_rates,
			base.nets,
			strict=True,
		)
		return [
			LineTotals(
				line.name, amount, net_rate, net, share, base_rate, base_amount, base_net_rate, base_net
			)
			for line, amount, net_rate, net, share, base_rate, base_amount, base_net_rate, base_net in columns
		]

	def _shares(self, amount: Decimal, contributions: list[Decimal]) -> list[Decimal]:
		"""Per-line parts of a row: each contribution rounded, the remainder on the last non-zero one."""
		parts = self.q_all(contributions, self.step)
		residue = amount - sum(parts, ZERO)
		if residue:
			parts[last_nonzero_index(contributions)] += residue
		return parts

	def _tax_results(self, net_total, before: _Pass, after: _Pass, base: "_BaseFigures") -> list[TaxTotals]:
		results = []
		running = net_total
		base_running = base.net_total
		names = [line.name or str(i) for i, line in enumerate(self.lines, start=1)]
		for t, row in enumerate(self.rows):
			running += after.amounts[t]
			base_running += base.after[t]
			detail = {}
			if self.settings["item_wise_tax_detail"] and names:
				detail = dict(zip(names, self._shares(after.amounts[t], after.contributions[t]), strict=True))
			results.append(
				TaxTotals(
					idx=t + 1,
					charge_type=row.charge_type,
					account_head=row.account_head,
					description=row.description,
					rate=row.rate,
					tax_amount=before.amounts[t],
					tax_amount_after_discount_amount=after.amounts[t],
					total=running,
					base_tax_amount=base.before[t],
					base_tax_amount_after_discount_amount=base.after[t],
					base_total=base_running,
					item_wise_tax_detail=detail,
				)
			)
		return results


class _BaseFigures:
	"""Company-currency amounts converted one by one, the residue placed so they add up exactly."""

	def __init__(self, calc: _Calculation, amounts, nets, before, after, grand_total, rounded_total) -> None:
		qb, cr, step = calc.qb, calc.cr, calc.base_step
		self.amounts = calc.q_all(amounts, step, cr)
		self.nets = calc.q_all(nets, step, cr)
		self.before = calc.q_all(before, step, cr)
		self.after = calc.q_all(after, step, cr)
		self.grand_total = qb(grand_total * cr)
		self.net_total = sum(self.nets, ZERO)
		self.taxes_total = sum(self.after, ZERO)
		residue = self.grand_total - self.net_total - self.taxes_total
		if residue:
			self._place(residue, amounts, nets, before, after)
			self.net_total = sum(self.nets, ZERO)
			self.taxes_total = sum(self.after, ZERO)
		if calc.settings["disable_rounded_total"]:
			self.rounded_total = self.rounding_adjustment = ZERO
		else:
			self.rounded_total = qb(rounded_total * cr)
			self.rounding_adjustment = self.rounded_total - self.grand_total

	def _place(self, residue: Decimal, amounts, nets, before, after) -> None:
		if any(nets) or (self.nets and not self.after):
			i = last_nonzero_index(nets)
			if amounts[i] == nets[i] and self.amounts[i] == self.nets[i]:
				self.amounts[i] += residue  # keep base_amount == base_net_amount where they were equal
			self.nets[i] += residue
		elif self.after:
			if before[-1] == after[-1] and self.before[-1] == self.after[-1]:
				self.before[-1] += residue
			self.after[-1] += residue


def calculate_totals(
	lines: Iterable[object],
	taxes: Iterable[object] = (),
	*,
	conversion_rate: object = 1,
	precision: int = 2,
	base_precision: int | None = None,
	rate_precision: int | None = None,
	base_rate_precision: int | None = None,
	rounding: str = DEFAULT_ROUNDING,
	additional_discount_percentage: object = 0,
	discount_amount: object = 0,
	apply_discount_on: str = GRAND_TOTAL,
	disable_rounded_total: bool = False,
	rounding_unit: object = 1,
	item_wise_tax_detail: bool = True,
) -> TotalsResult:
	"""Compute every line, tax row and header amount. ``precision``: document currency decimals;
	``base_precision``: company currency decimals (defaults to ``precision``); ``rounding_unit``: the
	step of rounded_total in document currency (1 = whole units, 0.05 = nickels)."""
	rows = [TaxRow.from_obj(row) for row in taxes]
	validate_tax_rows(rows)
	if apply_discount_on not in (GRAND_TOTAL, NET_TOTAL):
		_fail(
			N_("Invalid Apply Additional Discount On {0}"),
			apply_discount_on,
			code="invalid_apply_discount_on",
		)
	rate = to_decimal(conversion_rate)
	if rate <= ZERO:
		_fail(N_("Conversion rate must be positive"), code="invalid_conversion_rate")
	base_precision = precision if base_precision is None else base_precision
	settings = {
		"conversion_rate": rate,
		"precision": precision,
		"base_precision": base_precision,
		"rate_precision": precision if rate_precision is None else rate_precision,
		"base_rate_precision": base_precision if base_rate_precision is None else base_rate_precision,
		"rounding": rounding,
		"additional_discount_percentage": to_decimal(additional_discount_percentage),
		"discount_amount": to_decimal(discount_amount),
		"apply_discount_on": apply_discount_on,
		"disable_rounded_total": bool(disable_rounded_total),
		"rounding_unit": to_decimal(rounding_unit),
		"item_wise_tax_detail": item_wise_tax_detail,
	}
	return _Calculation([TotalsLine.from_obj(line) for line in lines], rows, settings).run()


def calculate_document_totals(doc: object, **options: object) -> TotalsResult:
	"""``calculate_totals`` fed from a document-like (items, taxes, conversion_rate, discount fields,
	disable_rounded_total); ``options`` pass precision, base_precision, rounding, rounding_unit..."""
	return calculate_totals(
		_data.get(doc, "items", ()),  # type: ignore[arg-type]
		_data.get(doc, "taxes", ()),  # type: ignore[arg-type]
		conversion_rate=_data.get(doc, "conversion_rate", 1) or 1,
		additional_discount_percentage=_data.get(doc, "additional_discount_percentage", 0),
		discount_amount=_data.get(doc, "discount_amount", 0),
		apply_discount_on=_data.text(doc, "apply_discount_on", GRAND_TOTAL) or GRAND_TOTAL,
		disable_rounded_total=_data.flag(doc, "disable_rounded_total"),
		**options,  # type: ignore[arg-type]
	)
