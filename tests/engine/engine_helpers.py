"""Shared builders for pricing tests (not a test module)."""

from decimal import Decimal

from sales_module.engine import PricingContext, RuleIndex, build_ancestor_map, price_document

GROUP_PARENTS = {
	"Laptops": "Computers",
	"Tablets": "Computers",
	"Computers": "All Item Groups",
	"All Item Groups": None,
}
ANCESTORS = build_ancestor_map(GROUP_PARENTS)


def rule(name, **fields):
	"""A rule dict with ERPNext defaults: item-code rule on item A, discount percentage."""
	base = {
		"name": name,
		"apply_on": "Item Code",
		"items": [{"item_code": "A"}],
		"rate_or_discount": "Discount Percentage",
	}
	base.update(fields)
	return base


def line(name="r1", **fields):
	base = {
		"name": name,
		"item_code": "A",
		"qty": 1,
		"uom": "Nos",
		"stock_uom": "Nos",
		"conversion_factor": 1,
		"price_list_rate": 100,
		"item_group": "Laptops",
		"brand": "Acme",
	}
	base.update(fields)
	return base


def context(**fields):
	base = {
		"posting_date": "2024-05-01",
		"customer": "C1",
		"customer_groups": ("Retail", "All Customer Groups"),
		"territories": ("Berlin", "Germany", "All Territories"),
		"company": "Co",
		"currency": "EUR",
		"price_list": "Standard Selling",
		"item_group_ancestors": ANCESTORS,
	}
	base.update(fields)
	return PricingContext(**base)


def price(rules, lines, **ctx_fields):
	return price_document(lines, RuleIndex(rules), context(**ctx_fields))


def D(value) -> Decimal:
	return Decimal(str(value))


def assert_invariants(result):
	"""The exact identities promised by the totals module, in both currencies."""
	for prefix in ("", "base_"):
		nets = [getattr(line, f"{prefix}net_amount") for line in result.lines]
		amounts = [getattr(line, f"{prefix}amount") for line in result.lines]
		after = [getattr(tax, f"{prefix}tax_amount_after_discount_amount") for tax in result.taxes]
		get = lambda name: getattr(result, prefix + name)  # noqa: E731
		assert get("net_total") == sum(nets, Decimal(0))
		assert get("total") == sum(amounts, Decimal(0))
		assert get("total_taxes_and_charges") == sum(after, Decimal(0))
		assert get("grand_total") == get("net_total") + get("total_taxes_and_charges")
		payable = get("grand_total") if result.disable_rounded_total else get("rounded_total")
		assert sum(nets, Decimal(0)) + sum(after, Decimal(0)) + get("rounding_adjustment") == payable
		running = get("net_total")
		for tax, amount in zip(result.taxes, after, strict=True):
			running += amount
			assert getattr(tax, f"{prefix}total") == running
	for tax in result.taxes:
		if tax.item_wise_tax_detail:
			assert sum(tax.item_wise_tax_detail.values()) == tax.tax_amount_after_discount_amount
