"""Pricing outcomes: per line, free items, transaction discount, and the whole document's result."""

from dataclasses import dataclass
from decimal import Decimal

from ..money import ZERO
from ..text import Phrase


@dataclass(slots=True)
class LinePricing:
	"""Pricing outcome for one line (same order as the input). ``explanation``: (rule name, reason)."""

	name: str
	item_code: str
	price_list_rate: Decimal
	rate: Decimal
	margin_type: str = ""
	margin_rate_or_amount: Decimal = ZERO
	rate_with_margin: Decimal = ZERO
	discount_percentage: Decimal = ZERO
	discount_amount: Decimal = ZERO
	pricing_rules: tuple[str, ...] = ()
	explanation: tuple[tuple[str, str], ...] = ()
	is_free_item: bool = False
	# False when the line brought no price and the price list has none for it on the date
	price_found: bool = True

	@property
	def has_pricing_rule(self) -> bool:
		return bool(self.pricing_rules)

	@property
	def is_unpriced(self) -> bool:
		"""Zero only because no price exists: not free, no rule made it, and no price was found."""
		return not self.price_found and not self.rate and not self.is_free_item and not self.pricing_rules

	@property
	def explanation_text(self) -> list[str]:
		"""One line per rule or note, in English; `render(line, translate)` gives each in another language."""
		return [Phrase("{0}: {1}", name, reason) for name, reason in self.explanation]

	def as_dict(self) -> dict[str, object]:
		"""Fields to set on the document row (``pricing_rules`` as a list; JSON-encode it for ERPNext)."""
		return {
			"price_list_rate": self.price_list_rate,
			"margin_type": self.margin_type,
			"margin_rate_or_amount": self.margin_rate_or_amount,
			"rate_with_margin": self.rate_with_margin,
			"discount_percentage": self.discount_percentage,
			"discount_amount": self.discount_amount,
			"rate": self.rate,
			"pricing_rules": list(self.pricing_rules),
			"has_pricing_rule": int(self.has_pricing_rule),
		}


@dataclass(frozen=True, slots=True)
class FreeItem:
	"""A free row the document should carry. One per (pricing rule, item): quantities are summed."""

	item_code: str
	qty: Decimal
	uom: str
	rate: Decimal
	pricing_rule: str
	source_lines: tuple[str, ...]
	reason: str

	@property
	def key(self) -> tuple[str, str]:
		return (self.pricing_rule, self.item_code)

	def as_row(self) -> dict[str, object]:
		return {
			"item_code": self.item_code,
			"qty": self.qty,
			"uom": self.uom,
			"price_list_rate": self.rate,
			"rate": self.rate,
			"is_free_item": 1,
			"pricing_rules": [self.pricing_rule],
		}


@dataclass(slots=True)
class TransactionPricing:
	"""Outcome of transaction-level rules: a document discount and/or free items."""

	apply_discount_on: str = "Grand Total"
	additional_discount_percentage: Decimal = ZERO
	discount_amount: Decimal = ZERO
	free_items: tuple[FreeItem, ...] = ()
	pricing_rules: tuple[str, ...] = ()
	explanation: tuple[tuple[str, str], ...] = ()

	@property
	def has_discount(self) -> bool:
		return bool(self.additional_discount_percentage or self.discount_amount)


@dataclass(slots=True)
class PricingResult:
	lines: list[LinePricing]
	free_items: list[FreeItem]
	transaction: TransactionPricing

	def by_name(self) -> dict[str, LinePricing]:
		return {line.name: line for line in self.lines}

	def rule_details(self) -> list[dict[str, object]]:
		"""Rows for the document's Pricing Rule Detail table."""
		details: list[dict[str, object]] = [
			{"pricing_rule": rule, "item_code": line.item_code, "child_docname": line.name, "rule_applied": 1}
			for line in self.lines
			for rule in line.pricing_rules
		]
		details.extend(
			{"pricing_rule": rule, "item_code": "", "child_docname": "", "rule_applied": 1}
			for rule in self.transaction.pricing_rules
		)
		return details
