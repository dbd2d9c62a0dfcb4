"""Shipping Rule: a charge (Fixed, or by Net Total / Net Weight bands) turned into an "Actual" tax row."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from . import _data
from .errors import EngineValidationError
from .money import DEFAULT_ROUNDING, ZERO, quantum, to_decimal
from .text import N_

FIXED = "Fixed"
NET_TOTAL = "Net Total"
NET_WEIGHT = "Net Weight"


@dataclass(frozen=True, slots=True)
class ShippingBand:
	"""Shipping Rule Condition. ``to_value`` 0 = open-ended."""

	from_value: Decimal
	to_value: Decimal
	shipping_amount: Decimal

	@classmethod
	def from_obj(cls, obj: object) -> "ShippingBand":
		if isinstance(obj, cls):
			return obj
		return cls(
			_data.number(obj, "from_value"),
			_data.number(obj, "to_value"),
			_data.number(obj, "shipping_amount"),
		)

	def contains(self, value: Decimal) -> bool:
		return self.from_value <= value and (not self.to_value or value <= self.to_value)


@dataclass(frozen=True, slots=True)
class ShippingRule:
	"""``shipping_amount`` and band amounts are in company currency; ``tax_fields`` are copied onto the
	tax row (e.g. cost_center). Empty ``countries`` = all countries."""

	name: str
	label: str = ""
	calculate_based_on: str = FIXED
	shipping_amount: Decimal = ZERO
	conditions: tuple[ShippingBand, ...] = ()
	countries: tuple[str, ...] = ()
	account: str = ""
	cost_center: str = ""
	disabled: bool = False
	tax_fields: Mapping[str, object] = field(default_factory=dict)

	@classmethod
	def from_obj(cls, obj: object) -> "ShippingRule":
		if isinstance(obj, cls):
			return obj
		countries = [
			country if isinstance(country, str) else _data.text(country, "country")
			for country in _data.get(obj, "countries", ())  # type: ignore[union-attr]
		]
		return cls(
			name=_data.text(obj, "name"),
			label=_data.text(obj, "label") or _data.text(obj, "name"),
			calculate_based_on=_data.text(obj, "calculate_based_on", FIXED),
			shipping_amount=_data.number(obj, "shipping_amount"),
			conditions=tuple(map(ShippingBand.from_obj, _data.get(obj, "conditions", ()))),  # type: ignore
			countries=tuple(country for country in countries if country),
			account=_data.text(obj, "account"),
			cost_center=_data.text(obj, "cost_center"),
			disabled=_data.flag(obj, "disabled"),
			tax_fields=dict(_data.get(obj, "tax_fields", {})),  # type: ignore[arg-type]
		)


@dataclass(frozen=True, slots=True)
class BandProblem:
	code: str
	message: str
	args: tuple[object, ...]


def band_problems(bands: Iterable[object]) -> list[BandProblem]:
	"""Every problem in a band table: negative values, from >= to, overlaps, several open-ended bands.
	Rows are numbered from 1 in the input order."""
	rows = [ShippingBand.from_obj(band) for band in bands]
	problems = []
	for number, band in enumerate(rows, start=1):
		if min(band.from_value, band.to_value, band.shipping_amount) < ZERO:
			problems.append(BandProblem("negative", N_("Row {0}: values cannot be negative"), (number,)))
		if band.to_value and band.from_value >= band.to_value:
			problems.append(
				BandProblem(
					"from_not_below_to", N_("Row {0}: From Value must be less than To Value"), (number,)
				)
			)
	open_rows = [number for number, band in enumerate(rows, start=1) if not band.to_value]
	if len(open_rows) > 1:
		problems.append(
			BandProblem("several_open_ended", N_("Rows {0}: only one band may be open-ended"), (open_rows,))
		)
	problems.extend(_overlaps(rows))
	return problems


def _overlaps(rows: list[ShippingBand]) -> list[BandProblem]:
	found = []
	for first in range(len(rows)):
		for second in range(first + 1, len(rows)):
			if _overlap(rows[first], rows[second]):
				found.append(BandProblem("overlap", N_("Rows {0} and {1} overlap"), (first + 1, second + 1)))
	return found


def _overlap(a: ShippingBand, b: ShippingBand) -> bool:
	"""Bands that only touch (100-200 then 200-300) are fine: the lower band wins at the boundary."""
	a_before_b_ends = not b.to_value or a.from_value < b.to_value
	b_before_a_ends = not a.to_value or b.from_value < a.to_value
	return a_before_b_ends and b_before_a_ends


def validate_shipping_rule(rule: object) -> ShippingRule:
	"""Raise EngineValidationError on the first band problem (use ``band_problems`` to list them all)."""
	found = ShippingRule.from_obj(rule)
	if found.calculate_based_on not in (FIXED, NET_TOTAL, NET_WEIGHT):
		raise EngineValidationError(
			N_("Invalid Calculate Based On {0}"), found.calculate_based_on, code="invalid_basis"
		)
	if found.calculate_based_on != FIXED:
		problems = band_problems(found.conditions)
		if problems:
			raise EngineValidationError(problems[0].message, *problems[0].args, code=problems[0].code)
	return found


def shipping_amount(rule: object, *, base_net_total: object = 0, total_net_weight: object = 0) -> Decimal:
	"""Charge in company currency: the fixed amount or the first band (by from_value) containing the value."""
	found = ShippingRule.from_obj(rule)
	if found.calculate_based_on == FIXED:
		return found.shipping_amount
	value = to_decimal(base_net_total if found.calculate_based_on == NET_TOTAL else total_net_weight)
	for band in sorted(found.conditions, key=lambda band: band.from_value):
		if band.contains(value):
			return band.shipping_amount
	return ZERO


def shipping_tax_row(
	rule: object,
	*,
	base_net_total: object = 0,
	total_net_weight: object = 0,
	country: str = "",
	conversion_rate: object = 1,
	precision: int = 2,
	rounding: str = DEFAULT_ROUNDING,
) -> dict[str, object] | None:
	"""The "Actual" tax row in document currency, or None when the rule does not apply."""
	found = ShippingRule.from_obj(rule)
	if found.disabled or (found.countries and country not in found.countries):
		return None
	rate = to_decimal(conversion_rate)
	if rate <= ZERO:
		raise EngineValidationError(N_("Conversion rate must be positive"), code="invalid_conversion_rate")
	amount = shipping_amount(found, base_net_total=base_net_total, total_net_weight=total_net_weight)
	row: dict[str, object] = {
		**found.tax_fields,
		"charge_type": "Actual",
		"account_head": found.account,
		"description": found.label,
		"tax_amount": (amount / rate).quantize(quantum(precision), rounding=rounding),
		"included_in_print_rate": 0,
		"shipping_rule": found.name,
	}
	if found.cost_center:
		row["cost_center"] = found.cost_center
	return row


def apply_shipping_rule(
	taxes: Iterable[object], row: Mapping[str, object] | None, rule_name: str
) -> list[object]:
	"""Taxes with the rule's row replaced in place, appended, or dropped (row None). Rows belonging to
	the rule are recognised by ``shipping_rule`` (or, for older rows, the same account and description)."""
	result: list[object] = []
	placed = False
	for tax in taxes:
		if _is_rule_row(tax, row, rule_name):
			if row is not None and not placed:
				result.append(dict(row))
				placed = True
			continue
		result.append(tax)
	if row is not None and not placed:
		result.append(dict(row))
	return result


def _is_rule_row(tax: object, row: Mapping[str, object] | None, rule_name: str) -> bool:
	if _data.text(tax, "shipping_rule"):
		return _data.text(tax, "shipping_rule") == rule_name
	if row is None or _data.text(tax, "charge_type") != "Actual":
		return False
	return _data.text(tax, "account_head") == row.get("account_head") and _data.text(
		tax, "description"
	) == row.get("description")
