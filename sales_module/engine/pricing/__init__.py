"""Pricing Rule matching and application, per line and per transaction.

Rules are indexed once (``RuleIndex``) by party condition and then by item code, item group and
brand, so pricing a line costs a few dict look-ups plus cheap filters on the rules found; nothing
scans the rule list. Ties that ERPNext reports as "multiple pricing rules with same criteria" are
resolved deterministically by ``PricingRule.rank``: priority, then how specific the item condition is
(item > group > brand > all), then how specific the party condition is (customer > group / territory /
partner / campaign > none), then the newer ``creation``, then the greater name. Every line records
the rules applied and why. Free items: one row per (rule, item), quantities summed over the lines
that earned it (mixed-condition rules count once on the summed quantity), whole units (floor).

Modules, each importing only the ones listed before it:
	constants    field values of ERPNext's Pricing Rule (apply_on, rate_or_discount, ...)
	explanation  explanation texts (rule effects, conditions met, why a rule lost)
	model        PricingRule (normalised fields, rank)
	validation   validate_pricing_rule (save-time checks)
	context      PricingContext, PricingLine, build_ancestor_map
	results      LinePricing, FreeItem, TransactionPricing, PricingResult
	index        RuleIndex (rules by party condition, then item code / group / brand)
	selection    rules passing a line's conditions; conflict resolution by rank
	free_items   free quantities, free rows per line, reconcile_free_items / FreeItemPlan
	rates        a line's rate from its rules' price effects (margin, discounts, max_discount, >= 0)
	transaction  price_transaction (document discount and free items from transaction rules)
	document     price_document, price_line
	arbitration  arbitrate_line_rate / LineRate, exceeds_max_discount (rule result vs the row's rate)
"""

from .arbitration import LineRate, arbitrate_line_rate, exceeds_max_discount, kept_rate
from .context import PricingContext, PricingLine, build_ancestor_map
from .document import price_document, price_line
from .free_items import FreeItemPlan, reconcile_free_items
from .index import RuleIndex
from .model import PricingRule
from .results import FreeItem, LinePricing, PricingResult, TransactionPricing
from .transaction import price_transaction
from .validation import validate_pricing_rule

__all__ = [
	"FreeItem",
	"FreeItemPlan",
	"LinePricing",
	"LineRate",
	"PricingContext",
	"PricingLine",
	"PricingResult",
	"PricingRule",
	"RuleIndex",
	"TransactionPricing",
	"arbitrate_line_rate",
	"build_ancestor_map",
	"exceeds_max_discount",
	"kept_rate",
	"price_document",
	"price_line",
	"price_transaction",
	"reconcile_free_items",
	"validate_pricing_rule",
]
