"""Transaction-level rules: matched on the document's total qty and total, they give a document discount
(percentage or amount, on the Grand or Net Total) and/or free items."""

from ..money import HUNDRED, ZERO, to_decimal
from ..text import N_, Phrase, term
from .constants import DISCOUNT_AMOUNT, RATE
from .context import PricingContext
from .explanation import condition_text, effect_text
from .free_items import free_quantity
from .index import TRANSACTION_KEY, RuleIndex
from .model import PricingRule
from .results import FreeItem, TransactionPricing
from .selection import DocumentScope, Survivor, entry_order, select_rules, within_limits


def price_transaction(
	index: RuleIndex, ctx: PricingContext, *, total_qty: object, total: object
) -> TransactionPricing:
	"""Transaction rules filtered by the document's total qty and total (amount)."""
	qty, amount = to_decimal(total_qty), to_decimal(total)
	scope = DocumentScope(index, ctx, [], [])
	always, _orders, checked = scope.bucket(TRANSACTION_KEY)
	entries = sorted(
		always + [entry for entry in checked if within_limits(entry[0], qty, amount)], key=entry_order
	)
	measured = {entry[3]: (qty, amount) for entry in entries}
	if not entries:
		return TransactionPricing()
	chosen, notes = select_rules(entries, measured)
	return _apply_transaction(chosen, notes, ctx)


def _apply_transaction(chosen: list[Survivor], notes: list[tuple[str, str]], ctx: PricingContext):
	result = TransactionPricing()
	explained: list[tuple[str, str]] = []
	applied: list[str] = []
	free: list[FreeItem] = []
	kind = _discount_kind(chosen)
	for found in reversed(chosen):
		if not found.rule.is_product_discount:
			result.apply_discount_on = found.rule.apply_discount_on or "Grand Total"
			break
	for found in chosen:
		rule = found.rule
		condition = condition_text(rule, found.qty, found.amount)
		if rule.is_product_discount:
			qty = free_quantity(rule, found.qty or ZERO)
			reason = Phrase(N_("{0} the transaction, {1}"), effect_text(rule, qty, rule.free_item), condition)
			if rule.free_item and qty > ZERO:
				free.append(
					FreeItem(
						rule.free_item, qty, rule.free_item_uom, rule.free_item_rate, rule.name, (), reason
					)
				)
			applied.append(rule.name)
			explained.append((rule.name, reason))
			continue
		if rule.rate_or_discount == RATE:
			explained.append(
				(rule.name, Phrase(N_("not applied: a Rate cannot apply to a whole transaction")))
			)
			continue
		if rule.rate_or_discount != kind:
			explained.append(
				(
					rule.name,
					Phrase(
						N_("not applied: {0} cannot combine with {1}"),
						term(rule.rate_or_discount),
						term(kind),
					),
				)
			)
			continue
		_add_transaction_discount(result, rule, ctx)
		applied.append(rule.name)
		explained.append(
			(
				rule.name,
				Phrase(N_("{0} the {1}, {2}"), effect_text(rule), term(result.apply_discount_on), condition),
			)
		)
	result.free_items = tuple(sorted(free, key=lambda item: item.key))
	result.pricing_rules = tuple(applied)
	result.explanation = tuple(explained + notes)
	return result


def _discount_kind(chosen: list[Survivor]) -> str:
	"""The discount kind of the best-ranked price rule decides; others of another kind are skipped."""
	for found in reversed(chosen):
		if not found.rule.is_product_discount and found.rule.rate_or_discount != RATE:
			return found.rule.rate_or_discount
	return ""


def _add_transaction_discount(result: TransactionPricing, rule: PricingRule, ctx: PricingContext) -> None:
	if rule.rate_or_discount == DISCOUNT_AMOUNT:
		result.discount_amount += rule.discount_amount
		return
	pct, extra = result.additional_discount_percentage, rule.discount_percentage
	if rule.apply_discount_on_rate and pct:
		pct = HUNDRED - (HUNDRED - pct) * (HUNDRED - extra) / HUNDRED
	else:
		pct += extra
	result.additional_discount_percentage = min(pct, HUNDRED)
