"""Shared builders for pricing tests (not a test module)."""

from decimal import Decimal

from sales_module.engine import PricingContext, RuleIndex, build_ancestor_map, price_document

GROUP_PARENTS = {"Laptops": "Computers", "Tablets": "Computers", "Computers": "All Item Groups", "All Item Groups": None}
ANCESTORS = build_ancestor_map(GROUP_PARENTS)


def rule(name, **fields):
	"""A rule dict with ERPNext defaults: item-code rule on item A, discount percentage."""
	base = {"name": name, "apply_on": "Item Code", "items": [{"item_code": "A"}], "rate_or_discount": "Discount Percentage"}
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
