"""Framework-free calculation engine of sales_module (pure Python, never imports frappe).

Everything works on plain data: dataclasses defined here, dicts, or Frappe documents (fields are read
by name with ``obj[name]`` for mappings, ``getattr`` otherwise). Money is ``decimal.Decimal``; inputs
may be int/float/str/Decimal (floats go through ``str``). Precision (decimals) is always explicit and
rounding defaults to ROUND_HALF_UP. Invalid input raises ``EngineValidationError(template, *params,
code=...)`` with an English template: ``frappe.throw(_(err.template).format(*err.params))``;
``ERROR_CODES`` lists every code with its meaning (map them to named exception classes).

Prices (``prices``)
	index = PriceIndex(item_price_records)            # build once (dicts with item_code, price_list,
	                                                  # price_list_rate, uom, customer, valid_from/upto)
	match = index.resolve(item_code, price_list, posting_date, uom=, stock_uom=, conversion_factor=,
	                      customer=, plc_conversion_rate=, conversion_rate=, precision=2)
	match.price_list_rate   # per line UOM, document currency; None when no price. Customer price first,
	                        # line UOM before stock UOM (x conversion_factor), latest valid_from wins.

Pricing rules (``pricing`` package; its docstring lists the modules)
	rules = RuleIndex(pricing_rule_records)     # ERPNext-shaped dicts or PricingRule; disabled and
	                                            # non-selling rules dropped; raises on duplicate names.
	                                            # Build once per rule version and share it: it keeps a
	                                            # small LRU of per-context filter results (thread-safe).
	ctx = PricingContext(posting_date, customer=, customer_groups=(group, parent, .., root),
	                     territories=(...), sales_partner=, campaign=, company=, currency=, price_list=,
	                     coupon_pricing_rules={rule of the validated coupon},
	                     item_group_ancestors=build_ancestor_map({group: parent}),
	                     conversion_rate=, plc_conversion_rate=, rate_precision=2, precision=2)
	result = price_document(lines, rules, ctx, price_index=index)  # lines: name, item_code, qty, uom,
	        # stock_uom, conversion_factor, stock_qty, price_list_rate (None -> from price_index),
	        # item_group, brand, max_discount, is_free_item
	result.lines[i]: LinePricing(price_list_rate, margin_type, margin_rate_or_amount, rate_with_margin,
	        discount_percentage, discount_amount, rate, pricing_rules, explanation) -> .as_dict()
	result.free_items: [FreeItem(item_code, qty, uom, rate, pricing_rule, source_lines, reason)]
	result.transaction: TransactionPricing(apply_discount_on, additional_discount_percentage,
	        discount_amount, free_items, pricing_rules, explanation)
	plan = reconcile_free_items(existing_rows, result.free_items)  # .add / .update / .remove
	price_line(line, rules, ctx, document_lines=...) prices one line; validate_pricing_rule(rule) on save.
	decision = arbitrate_line_rate(result.lines[i], row.rate, row.price_list_rate, agreed=, is_free_item=,
	        ignore_pricing_rule=, is_return=, price_list_rate_given=, precision=) -> LineRate(rate,
	        price_list_rate, discount_percentage, discount_amount, use_pricing): apply the pricing result
	        when use_pricing, else keep the row's rate with these figures and check
	        exceeds_max_discount(discount_percentage, item.max_discount, is_free_item).
	Conflicts never raise: priority, then item > group > brand > all, then customer > other party
	condition > none, then newer ``creation``, then greater name. Every line explains itself:
	explanation = ((rule, "10% off item group Laptops, priority 5, qty 12 >= min 10"), (loser, "not
	applied: R1 wins on priority (5 > 3)"), ...) with at most 3 losers named ("..." counts the rest),
	("max_discount", ...) when Item.max_discount clamped the discount, ("rate", ...) when clamped at 0.
	apply_multiple_pricing_rules only when every matched rule allows it; applied by ascending rank.

Coupons (``coupons``)
	check_coupon(coupon, posting_date, customer, customer_uses) -> CouponCheck(ok, reason, message,
	args); .raise_if_invalid(). validate_coupon_definition(coupon) on save.

Bundles (``bundles``)
	expand_bundles(lines, {bundle_item: components}) -> [PackedItem(parent_item,
	parent_detail_docname, item_code, qty = stock_qty x component qty, uom, ...)]

Shipping (``shipping``)
	validate_shipping_rule(rule); band_problems(bands) lists every problem.
	row = shipping_tax_row(rule, base_net_total=, total_net_weight=, country=, conversion_rate=,
	precision=) -> "Actual" tax row dict in document currency, or None;
	apply_shipping_rule(taxes, row, rule_name) -> taxes with that row upserted/removed.

Totals (``totals``)
	res = calculate_totals(lines, taxes, conversion_rate=, precision=, base_precision=,
	      additional_discount_percentage=, discount_amount=, apply_discount_on="Grand Total",
	      disable_rounded_total=False, rounding_unit=1)          # or calculate_document_totals(doc, ...)
	lines: name, qty, rate, stock_qty, item_tax_rate ({account: rate} or JSON);
	taxes: charge_type, rate, tax_amount (Actual), row_id (1-based), account_head,
	included_in_print_rate.
	res.as_dict() header fields; res.lines[i].as_dict(); res.taxes[t].as_dict(); res.payable_total.
	payable_total(grand_total, rounded_total, disable_rounded_total) for stored documents.
	Invariants hold exactly in both currencies (see ``totals`` module docstring).

Payment schedule (``payment_schedule``)
	build_payment_schedule(terms, posting_date, grand_total, base_grand_total=, conversion_rate=,
	precision=, base_precision=) -> [PaymentScheduleRow(due_date, invoice_portion, payment_amount,
	base_payment_amount, ...)]; portions must total 100.
	validate_payment_terms(terms or portions, precision=2) on save of a Payment Terms Template: each
	portion > 0 and their total, rounded to precision, 100.

Commission (``commission``)
	sales_partner_commission(lines, commission_rate) -> PartnerCommission(amount_eligible_for_commission,
	commission_rate, total_commission); sales_team_contribution(team, base_net_total) ->
	[SalesTeamShare(sales_person, allocated_percentage, allocated_amount, commission_rate, incentives)].
	tiers = commission_tiers(rows (from_amount, commission_rate), base_rate) checked and sorted;
	tiered_commission(amount, tiers) marginal per tier (never less for more sales, negative amounts
	clawed back at the first rate); settlement_commission(settled_before, amount, tiers) what a
	settlement adds to the period's earlier ones. settlement_figures(rows (eligible_amount,
	commission_rate, commission_amount), settled_before, tiers) -> SettlementFigures(commissions,
	commission_rates, total_eligible_amount, total_commission): stored figures without tiers, the tiered
	increment spread over the rows (settlement_row_commissions: sales first, then credit notes) with
	them; spread_commission(total, weights) an exact split that keeps the rows' signs;
	team_line_share(qty, amount, allocated_percentage) a sales person's part of a line;
	order_line_in_effect(...) a closed order line counts what was delivered.

Planning (``planning``)
	uncovered_targets(targets, member_parents, group_parents): the targets no target above them (member
	or item group) already counts;
	target_periods(year_start, year_end, "Monthly" | "Quarterly" | "Half-Yearly" | "Yearly") ->
	[TargetPeriod(start, end, key "mar_2026", label, months)] as ERPNext's variance reports cut a fiscal
	year; validate_distribution({month name: %}) totals 100; period_targets(target, periods,
	percentages) exact parts; variance(target, achieved) / variance_series(...) -> Variance(target,
	achieved, variance, achievement_percent); spread_target(total, members, weights) top-down plans;
	forecast(achieved, pipeline, start, end, today) -> Forecast: achieved + pipeline + achieved /
	elapsed days x remaining days; achievements(rows, targets, periods, member_parents, group_parents)
	-> {(member, item group): [per period]} rolled up both trees; forecast_series(periods, achieved,
	pipeline, today) per period, adding up to forecast(); expected_on(due, today, start, end).

Allocation (``allocation``)
	allocate_in_order(open_amounts, amount, precision) -> [share per open item]: first come first served,
	never more than the amount nor an item's open figure (payments, advances, reconciliation);
	invoice_outstanding(payable, received, refunded, credited, precision) -> what the customer still owes
	(below 0: a refund is due), refusing receipts beyond the total and refunds beyond the credit;
	pair_allocations(credits, debits, precision) -> [(credit index, debit index, amount)]: reconciliation,
	each credit spread over the debits oldest first.

Analytics (``analytics``)
	period_ranges(from_date, to_date, range) -> [Period(start, end, label, fieldname)]: whole weeks,
	months, quarters or years; sum_by_period(rows, periods) -> {entity: [sum per period]};
	roll_up(figures, parent_of, width) -> [TreeRow] depth first with parents' totals;
	order_line_progress(...) -> OrderLineProgress: pending qty and amount, delay, time taken to deliver;
	ageing_bounds("30, 60, 90, 120") -> [30, 60, 90, 120]; ageing_row(outstanding, age, bounds) -> buckets;
	line_delivery(qty, deliveries, due, today) -> LineDelivery(on_time_in_full, late, delay) for OTIF;
	acquisition_by_group(rows, first_days, windows) -> new and repeat customers and their revenue;
	campaign_efficiency(quotations, orders, revenue, cost) -> CampaignEfficiency(order_quot %,
	revenue_per_cost or None).

Allowances (``allowance``)
	allowance_limit(qty, allowance_percent, precision) = qty x (1 + allowance/100) rounded;
	exceeds_allowance(done, qty, allowance_percent, precision) -> bool.

Order changes (``order_changes``, "Update Items" on a submitted order)
	plan = plan_line_changes(stored_lines, requested, rate_precision=) -> LineChanges(updates=
	(LineUpdate(name, {field: new value}), ...), additions=({item_code, qty, rate, ...}, ...), removals=
	(name, ...)); .is_empty. check_line_removal(stored) refuses a delivered or billed line;
	check_line_change(stored, recalculated, rate_precision=) a quantity below what was delivered or
	billed, an amount below what was billed, a rate changed after billing. kept_rate(rate,
	price_list_rate, precision) -> LineRate of a row keeping its own rate.

Amounts in words (``words``)
	amount_in_words(amount, currency, "ru" | "en", precision) -> "Четыре тысячи шестьсот двадцать рублей
	00 копеек" / "Four thousand six hundred twenty roubles and 00 kopecks": number agreement and gender
	in Russian (одна тысяча, две тысячи, 21 копейка), minor units as digits; currencies without names
	(CURRENCIES) are written with their code.

Status (``status``)
	evaluate_status([(status, predicate or None), ...], doc, current, sticky=("On Hold", "Closed",
	"Lost")) evaluates last-to-first; first true wins; sticky statuses stay unless overridden.
"""

from .allocation import allocate_in_order, invoice_outstanding, pair_allocations
from .allowance import allowance_limit, exceeds_allowance
from .analytics import (
	CampaignEfficiency,
	LineDelivery,
	OrderLineProgress,
	Period,
	TreeRow,
	acquisition_by_group,
	age_bucket,
	ageing_bounds,
	ageing_row,
	campaign_efficiency,
	line_delivery,
	order_line_progress,
	period_ranges,
	roll_up,
	sum_by_period,
)
from .bundles import BundleComponent, PackedItem, expand_bundle, expand_bundles
from .commission import (
	CommissionTier,
	LineInEffect,
	PartnerCommission,
	SalesTeamShare,
	SettlementFigures,
	TeamLineShare,
	commission_tiers,
	effective_rate,
	order_line_in_effect,
	sales_partner_commission,
	sales_team_contribution,
	settlement_commission,
	settlement_figures,
	settlement_row_commissions,
	spread_commission,
	team_line_share,
	tiered_commission,
)
from .coupons import Coupon, CouponCheck, check_coupon, validate_coupon_definition
from .errors import ERROR_CODES, EngineValidationError
from .money import currency_precision, distribute, round_money, to_decimal
from .order_changes import (
	LineChanges,
	LineUpdate,
	check_line_change,
	check_line_removal,
	plan_line_changes,
)
from .payment_schedule import (
	PaymentScheduleRow,
	PaymentTerm,
	build_payment_schedule,
	due_date_for,
	validate_payment_terms,
)
from .planning import (
	MONTH_NAMES,
	PERIODICITY_MONTHS,
	Forecast,
	TargetPeriod,
	Variance,
	achievements,
	ancestors_of,
	expected_on,
	forecast,
	forecast_series,
	period_targets,
	period_weights,
	spread_target,
	target_periods,
	uncovered_targets,
	validate_distribution,
	variance,
	variance_series,
)
from .prices import ItemPrice, PriceIndex, PriceMatch, convert_price_list_rate
from .pricing import (
	FreeItem,
	FreeItemPlan,
	LinePricing,
	LineRate,
	PricingContext,
	PricingLine,
	PricingResult,
	PricingRule,
	RuleIndex,
	TransactionPricing,
	arbitrate_line_rate,
	build_ancestor_map,
	exceeds_max_discount,
	kept_rate,
	price_document,
	price_line,
	price_transaction,
	reconcile_free_items,
	validate_pricing_rule,
)
from .shipping import (
	ShippingBand,
	ShippingRule,
	apply_shipping_rule,
	band_problems,
	shipping_amount,
	shipping_tax_row,
	validate_shipping_rule,
)
from .status import evaluate_status
from .totals import (
	LineTotals,
	TaxRow,
	TaxTotals,
	TotalsLine,
	TotalsResult,
	calculate_document_totals,
	calculate_totals,
	payable_total,
	validate_tax_rows,
)
from .words import amount_in_words

__all__ = [
	"ERROR_CODES",
	"MONTH_NAMES",
	"PERIODICITY_MONTHS",
	"BundleComponent",
	"CampaignEfficiency",
	"CommissionTier",
	"Coupon",
	"CouponCheck",
	"EngineValidationError",
	"Forecast",
	"FreeItem",
	"FreeItemPlan",
	"ItemPrice",
	"LineChanges",
	"LineDelivery",
	"LineInEffect",
	"LinePricing",
	"LineRate",
	"LineTotals",
	"LineUpdate",
	"OrderLineProgress",
	"PackedItem",
	"PartnerCommission",
	"PaymentScheduleRow",
	"PaymentTerm",
	"Period",
	"PriceIndex",
	"PriceMatch",
	"PricingContext",
	"PricingLine",
	"PricingResult",
	"PricingRule",
	"RuleIndex",
	"SalesTeamShare",
	"SettlementFigures",
	"ShippingBand",
	"ShippingRule",
	"TargetPeriod",
	"TaxRow",
	"TaxTotals",
	"TeamLineShare",
	"TotalsLine",
	"TotalsResult",
	"TransactionPricing",
	"TreeRow",
	"Variance",
	"achievements",
	"acquisition_by_group",
	"age_bucket",
	"ageing_bounds",
	"ageing_row",
	"allocate_in_order",
	"allowance_limit",
	"amount_in_words",
	"ancestors_of",
	"apply_shipping_rule",
	"arbitrate_line_rate",
	"band_problems",
	"build_ancestor_map",
	"build_payment_schedule",
	"calculate_document_totals",
	"calculate_totals",
	"campaign_efficiency",
	"check_coupon",
	"check_line_change",
	"check_line_removal",
	"commission_tiers",
	"convert_price_list_rate",
	"currency_precision",
	"distribute",
	"due_date_for",
	"effective_rate",
	"evaluate_status",
	"exceeds_allowance",
	"exceeds_max_discount",
	"expand_bundle",
	"expand_bundles",
	"expected_on",
	"forecast",
	"forecast_series",
	"invoice_outstanding",
	"kept_rate",
	"line_delivery",
	"order_line_in_effect",
	"order_line_progress",
	"pair_allocations",
	"payable_total",
	"period_ranges",
	"period_targets",
	"period_weights",
	"plan_line_changes",
	"price_document",
	"price_line",
	"price_transaction",
	"reconcile_free_items",
	"roll_up",
	"round_money",
	"sales_partner_commission",
	"sales_team_contribution",
	"settlement_commission",
	"settlement_figures",
	"settlement_row_commissions",
	"shipping_amount",
	"shipping_tax_row",
	"spread_commission",
	"spread_target",
	"sum_by_period",
	"target_periods",
	"team_line_share",
	"tiered_commission",
	"to_decimal",
	"uncovered_targets",
	"validate_coupon_definition",
	"validate_distribution",
	"validate_payment_terms",
	"validate_pricing_rule",
	"validate_shipping_rule",
	"validate_tax_rows",
	"variance",
	"variance_series",
]
