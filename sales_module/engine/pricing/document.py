"""Pricing a document: list prices resolved, each line priced (rule selection, rate, free items), then
transaction-level rules applied on the priced totals. Every line explains itself."""

from collections.abc import Iterable
from decimal import Decimal

from ..money import ZERO, quantum
from ..prices import PriceIndex
from ..text import Phrase
from .context import PricingContext, PricingLine
from .explanation import condition_text, effect_text
from .free_items import FreeItemPool, line_free_item
from .index import RuleIndex
from .rates import RateBuilder, finish_line, plain_line
from .results import LinePricing, PricingResult, TransactionPricing
from .selection import DocumentScope, select_rules
from .transaction import price_transaction


def _price_line(line: PricingLine, plr: Decimal, scope: DocumentScope, pool: FreeItemPool) -> LinePricing:
	ctx = scope.ctx
	if line.is_free_item or ctx.ignore_pricing_rule:
		return plain_line(line, plr, ctx)
	entries, measured = scope.survivors(line, plr)
	if not entries:
		return plain_line(line, plr, ctx)
	chosen, notes = select_rules(entries, measured)
	builder = RateBuilder(plr)
	applied: list[str] = []
	explained: list[tuple[str, str]] = []
	for found in chosen:
		rule = found.rule
		applied.append(rule.name)
		if rule.is_product_discount:
			free = line_free_item(found, line, plr, scope, pool)
			effect = effect_text(rule, free.qty, free.item_code)
		else:
			builder.apply(rule, found.entry_uom, line)
			effect = rule.price_effect
		explained.append(
			(
				rule.name,
				Phrase("{0} {1}, {2}", effect, found.label, condition_text(rule, found.qty, found.amount)),
			)
		)
	explained.extend(notes)
	return finish_line(builder, line, ctx, applied, explained)


def _resolve_plrs(
	lines: list[PricingLine], ctx: PricingContext, price_index: PriceIndex | None
) -> list[Decimal | None]:
	"""Each line's price list rate: its own, else the index's; None where neither has one."""
	plrs = []
	for line in lines:
		plr = line.price_list_rate
		if plr is None and price_index is not None:
			match = price_index.resolve(
				line.item_code,
				ctx.price_list,
				ctx.posting_date,
				uom=line.uom,
				stock_uom=line.stock_uom,
				conversion_factor=line.conversion_factor,
				customer=ctx.customer,
				plc_conversion_rate=ctx.plc_conversion_rate,
				conversion_rate=ctx.conversion_rate,
				precision=ctx.rate_precision,
				rounding=ctx.rounding,
			)
			plr = match.price_list_rate if match else None
		plrs.append(plr)
	return plrs


def _priced(line: PricingLine, plr: Decimal | None, scope: DocumentScope, pool: FreeItemPool) -> LinePricing:
	result = _price_line(line, ZERO if plr is None else plr, scope, pool)
	result.price_found = plr is not None
	return result


def price_document(
	lines: Iterable[object],
	index: RuleIndex,
	ctx: PricingContext,
	*,
	price_index: PriceIndex | None = None,
	apply_transaction_rules: bool = True,
) -> PricingResult:
	"""Price every line, collect free items, then apply transaction-level rules on the priced totals."""
	items = [PricingLine.from_obj(line) for line in lines]
	resolved = _resolve_plrs(items, ctx, price_index)
	scope = DocumentScope(index, ctx, items, [ZERO if plr is None else plr for plr in resolved])
	pool = FreeItemPool()
	priced = [_priced(line, plr, scope, pool) for line, plr in zip(items, resolved, strict=True)]
	transaction = TransactionPricing()
	if apply_transaction_rules and not ctx.ignore_pricing_rule:
		total_qty, total = _priced_totals(items, priced, ctx)
		transaction = price_transaction(index, ctx, total_qty=total_qty, total=total)
	free = pool.items() + list(transaction.free_items)
	return PricingResult(priced, free, transaction)


def price_line(
	line: object,
	index: RuleIndex,
	ctx: PricingContext,
	*,
	document_lines: Iterable[object] = (),
	price_index: PriceIndex | None = None,
) -> LinePricing:
	"""Price one line (e.g. on item/qty change); ``document_lines`` feed mixed-condition totals."""
	target = PricingLine.from_obj(line)
	others = [PricingLine.from_obj(other) for other in document_lines]
	items = [other for other in others if other.name != target.name] + [target]
	resolved = _resolve_plrs(items, ctx, price_index)
	scope = DocumentScope(index, ctx, items, [ZERO if plr is None else plr for plr in resolved])
	return _priced(target, resolved[-1], scope, FreeItemPool())


def _priced_totals(items: list[PricingLine], priced: list[LinePricing], ctx: PricingContext):
	step = quantum(ctx.precision)
	total_qty = total = ZERO
	for line, result in zip(items, priced, strict=True):
		if not line.is_free_item:
			total_qty += line.qty
			total += (line.qty * result.rate).quantize(step, rounding=ctx.rounding)
	return total_qty, total
