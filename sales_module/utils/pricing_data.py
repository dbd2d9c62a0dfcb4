"""Load what the pricing engine needs from the database, in batches, with the rule index cached."""

from decimal import Decimal

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import cint

from sales_module.engine import (
	PriceIndex,
	PricingContext,
	PricingResult,
	RuleIndex,
	build_ancestor_map,
	check_coupon,
	price_document,
)
from sales_module.utils.cache import reference_data
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.transactions import read_protected
from sales_module.utils.tree import get_ancestors_and_self, get_tree_parents, invalidate_tree_parents

RULE_VERSION_KEY = "sales_module:pricing_rule_version"
RULE_FIELDS = (
	"name", "title", "disable", "selling", "apply_on", "mixed_conditions", "applicable_for", "customer",
	"customer_group", "territory", "sales_partner", "campaign", "valid_from", "valid_upto", "currency",
	"for_price_list", "min_qty", "max_qty", "min_amt", "max_amt", "price_or_product_discount",
	"rate_or_discount", "rate", "discount_percentage", "discount_amount", "margin_type",
	"margin_rate_or_amount", "apply_discount_on", "apply_discount_on_rate", "same_item", "free_item",
	"free_qty", "free_item_uom", "free_item_rate", "is_recursive", "recurse_for", "apply_recursion_over",
	"round_free_qty", "priority", "apply_multiple_pricing_rules", "coupon_code_based", "creation",
)  # fmt: skip
RULE_TARGET_TABLES = (
	("Pricing Rule Item Code", "items", "item_code"),
	("Pricing Rule Item Group", "item_groups", "item_group"),
	("Pricing Rule Brand", "brands", "brand"),
)

# Built rule indexes per site, tagged with the rule version they were built from
_rule_index_cache: dict[str, tuple[str, RuleIndex]] = {}


def invalidate_rule_index():
	"""Every process rebuilds its rule index on next use; called whenever a rule changes.

	Bumped now (this transaction sees its own change), after commit (other processes may have rebuilt
	from the data committed before) and after rollback (this process may have indexed rolled-back rules).
	"""
	bump_rule_version()
	frappe.db.after_commit.add(bump_rule_version)
	frappe.db.after_rollback.add(bump_rule_version)


def bump_rule_version():
	frappe.cache.set_value(RULE_VERSION_KEY, frappe.generate_hash(length=12))


def get_rule_index() -> RuleIndex:
	version = frappe.cache.get_value(RULE_VERSION_KEY)
	if not version:
		invalidate_rule_index()
		version = frappe.cache.get_value(RULE_VERSION_KEY)
	cached = _rule_index_cache.get(frappe.local.site)
	if cached and cached[0] == version:
		return cached[1]
	index = RuleIndex(load_rule_records())
	_rule_index_cache[frappe.local.site] = (version, index)
	return index


def load_rule_records() -> list[dict]:
	"""All enabled selling rules with their target rows: one query per table, not per rule."""
	rules = frappe.get_all(
		"Pricing Rule", filters={"disable": 0, "selling": 1}, fields=list(RULE_FIELDS), order_by="name"
	)
	by_name = {rule.name: rule for rule in rules}
	for rule in rules:
		for _doctype, table, _field in RULE_TARGET_TABLES:
			rule[table] = []
	for doctype, table, fieldname in RULE_TARGET_TABLES:
		for row in frappe.get_all(
			doctype,
			filters={"parenttype": "Pricing Rule"},
			fields=["parent", fieldname, "uom"],
			order_by="idx",
		):
			if rule := by_name.get(row.parent):
				rule[table].append(row)
	return rules


def get_price_index(item_codes: list[str], price_list: str | None) -> PriceIndex:
	if not price_list or not item_codes:
		return PriceIndex([])
	price = frappe.qb.DocType("Item Price")
	rows = (
		frappe.qb.from_(price)
		.select(
			price.name,
			price.item_code,
			price.price_list,
			price.uom,
			price.customer,
			price.price_list_rate,
			price.valid_from,
			price.valid_upto,
		)
		.where(price.item_code.isin(item_codes) & (price.price_list == price_list))
		.run(as_dict=True)
	)
	return PriceIndex(rows)


def get_item_group_ancestors(item_groups: list[str]) -> dict[str, tuple[str, ...]]:
	ancestors = reference_data(
		"item_group_ancestors", lambda: build_ancestor_map(get_tree_parents("Item Group"))
	)
	return {group: ancestors.get(group, (group,)) for group in item_groups if group}


def invalidate_item_group_parents():
	invalidate_tree_parents("Item Group")


def get_coupon_pricing_rules(
	coupon_code: str | None, customer: str | None, posting_date, counted: bool = False
) -> set[str]:
	"""The pricing rule a valid coupon unlocks; a refused coupon stops with the reason. `counted`: the
	document priced is itself one of the coupon's counted uses (a submitted order changed by Update
	Items), so its own use is not an earlier one."""
	if not coupon_code:
		return set()
	fields = ["name", "coupon_code", "pricing_rule", "coupon_type", "customer", "valid_from", "valid_upto",
		"maximum_use", "used", "maximum_use_per_customer", "disabled"]  # fmt: skip
	# documents link the coupon by name; people type its code
	coupon = frappe.db.get_value("Coupon Code", coupon_code, fields, as_dict=True) or frappe.db.get_value(
		"Coupon Code", {"coupon_code": coupon_code.strip().upper()}, fields, as_dict=True
	)
	if not coupon:
		frappe.throw(
			_("Coupon code {0} does not exist").format(frappe.bold(coupon_code)),
			frappe.LinkValidationError,
			title=_("Coupon"),
		)
	uses = count_customer_coupon_uses(coupon.name, customer)
	if counted:
		coupon.used, uses = max(cint(coupon.used) - 1, 0), max(uses - 1, 0)
	with engine_errors(_("Coupon")):
		check_coupon(coupon, posting_date, customer or "", uses).raise_if_invalid()
	return {coupon.pricing_rule}


def count_customer_coupon_uses(coupon: str, customer: str | None) -> int:
	"""Earlier uses of the coupon by the customer, counted as the usage counter counts them."""
	if not customer:
		return 0
	return coupon_uses_by_customer(coupon).get(customer, 0)


def build_pricing_context(
	*,
	posting_date,
	customer: str | None = None,
	customer_group: str | None = None,
	territory: str | None = None,
	sales_partner: str | None = None,
	campaign: str | None = None,
	currency: str | None = None,
	price_list: str | None = None,
	coupon_code: str | None = None,
	item_groups: list[str] | None = None,
	conversion_rate: float = 1,
	plc_conversion_rate: float = 1,
	precision: int = 2,
	ignore_pricing_rule: bool = False,
	coupon_counted: bool = False,
) -> PricingContext:
	if customer and not (customer_group and territory):
		party = (
			frappe.get_cached_value("Customer", customer, ["customer_group", "territory"], as_dict=True) or {}
		)
		customer_group = customer_group or party.get("customer_group")
		territory = territory or party.get("territory")
	return PricingContext(
		posting_date=posting_date,
		customer=customer or "",
		customer_groups=get_ancestors_and_self("Customer Group", customer_group),
		territories=get_ancestors_and_self("Territory", territory),
		sales_partner=sales_partner or "",
		campaign=campaign or "",
		currency=currency or "",
		price_list=price_list or "",
		coupon_pricing_rules=get_coupon_pricing_rules(coupon_code, customer, posting_date, coupon_counted),
		item_group_ancestors=get_item_group_ancestors(item_groups or []),
		conversion_rate=conversion_rate or 1,
		plc_conversion_rate=plc_conversion_rate or 1,
		rate_precision=precision,
		precision=precision,
		ignore_pricing_rule=ignore_pricing_rule,
	)


def to_json_ready(value):
	"""Decimals become floats, so Frappe can send the result as JSON."""
	if isinstance(value, Decimal):
		return float(value)
	if isinstance(value, dict):
		return {key: to_json_ready(item) for key, item in value.items()}
	if isinstance(value, list | tuple | set | frozenset):
		return [to_json_ready(item) for item in value]
	return value


def coupon_uses_by_customer(coupon: str) -> dict[str, int]:
	"""Uses of the coupon per customer: submitted orders, and invoices not made from orders."""
	order = frappe.qb.DocType("Sales Order")
	invoice, invoice_line = frappe.qb.DocType("Sales Invoice"), frappe.qb.DocType("Sales Invoice Item")
	uses: dict[str, int] = {}
	# the caller holds the coupon's row, which every document using the coupon locks first
	for customer, count in read_protected(
		frappe.qb.from_(order)
		.select(order.customer, Count("*"))
		.where((order.coupon_code == coupon) & (order.docstatus == 1))
		.groupby(order.customer)
	).run():
		uses[customer] = uses.get(customer, 0) + count
	from_orders = (
		frappe.qb.from_(invoice_line)
		.select(invoice_line.parent)
		.where(invoice_line.sales_order.isnotnull() & (invoice_line.sales_order != ""))
	)
	for customer, count in read_protected(
		frappe.qb.from_(invoice)
		.select(invoice.customer, Count("*"))
		.where(
			(invoice.coupon_code == coupon)
			& (invoice.docstatus == 1)
			& (invoice.is_return == 0)
			& invoice.name.notin(from_orders)
		)
		.groupby(invoice.customer)
	).run():
		uses[customer] = uses.get(customer, 0) + count
	return uses


def price_lines(lines: list, *, price_list: str | None, item_codes: list[str], **context) -> PricingResult:
	"""The one pricing entry of documents and of the pricing API: the context built from the masters
	(`build_pricing_context` takes `context`), the cached rule index and the price list's prices."""
	with engine_errors(_("Pricing")):
		pricing_context = build_pricing_context(price_list=price_list, **context)
		return price_document(
			lines, get_rule_index(), pricing_context, price_index=get_price_index(item_codes, price_list)
		)
