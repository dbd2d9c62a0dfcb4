"""Product Bundle expansion into packed component rows (stock moves at component level)."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import _data
from .errors import EngineValidationError
from .money import DEFAULT_ROUNDING, ONE, ZERO, quantum
from .text import N_


@dataclass(frozen=True, slots=True)
class BundleComponent:
	item_code: str
	qty: Decimal
	uom: str = ""
	description: str = ""
	rate: Decimal = ZERO

	@classmethod
	def from_obj(cls, obj: object) -> "BundleComponent":
		if isinstance(obj, cls):
			return obj
		return cls(
			item_code=_data.text(obj, "item_code"),
			qty=_data.number(obj, "qty"),
			uom=_data.text(obj, "uom"),
			description=_data.text(obj, "description"),
			rate=_data.number(obj, "rate"),
		)


@dataclass(frozen=True, slots=True)
class PackedItem:
	"""A Packed Item row: ``qty`` = parent line stock_qty x component qty."""

	parent_item: str
	parent_detail_docname: str
	item_code: str
	qty: Decimal
	uom: str
	description: str = ""
	rate: Decimal = ZERO
	warehouse: str = ""

	def as_dict(self) -> dict[str, object]:
		return {
			"parent_item": self.parent_item,
			"parent_detail_docname": self.parent_detail_docname,
			"item_code": self.item_code,
			"qty": self.qty,
			"uom": self.uom,
			"description": self.description,
			"rate": self.rate,
			"warehouse": self.warehouse,
		}


def _stock_qty(line: object) -> Decimal:
	stock_qty = _data.optional_number(line, "stock_qty")
	if stock_qty is not None:
		return stock_qty
	return _data.number(line, "qty") * (_data.number(line, "conversion_factor", 1) or ONE)


def expand_bundle(
	line: object,
	components: Iterable[object],
	*,
	qty_precision: int | None = None,
	rounding: str = DEFAULT_ROUNDING,
) -> list[PackedItem]:
	"""Packed rows for one bundle line (``line`` needs name, item_code and stock_qty or qty)."""
	parent = _data.text(line, "item_code")
	line_name = _data.text(line, "name")
	warehouse = _data.text(line, "warehouse")
	stock_qty = _stock_qty(line)
	rows = []
	for raw in components:
		component = BundleComponent.from_obj(raw)
		if component.qty <= ZERO:
			raise EngineValidationError(
				N_("Bundle {0}: component {1} needs a positive quantity"),
				parent,
				component.item_code,
				code="component_qty",
			)
		qty = stock_qty * component.qty
		if qty_precision is not None:
			qty = qty.quantize(quantum(qty_precision), rounding=rounding)
		rows.append(
			PackedItem(
				parent,
				line_name,
				component.item_code,
				qty,
				component.uom,
				component.description,
				component.rate,
				warehouse,
			)
		)
	return rows


def expand_bundles(
	lines: Iterable[object],
	bundles: Mapping[str, Sequence[object]],
	*,
	qty_precision: int | None = None,
	rounding: str = DEFAULT_ROUNDING,
) -> list[PackedItem]:
	"""The document's whole packed list, in line order; ``bundles``: {bundle item: components}."""
	packed: list[PackedItem] = []
	for line in lines:
		components = bundles.get(_data.text(line, "item_code"))
		if components:
			packed.extend(expand_bundle(line, components, qty_precision=qty_precision, rounding=rounding))
	return packed
