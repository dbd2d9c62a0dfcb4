"""Whitelisted pricing endpoints for the desk forms and integrators."""

from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, nowdate

from sales_module.engine import PricingLine, price_document
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.pricing_data import (
	build_pricing_context,
	get_price_index,
	get_rule_index,
	to_json_ready,
)

DEFAULT_PRECISION = 2


@frappe.whitelist()
def get_item_details(
	item_code: str,
	qty: float = 1,
	uom: str | None = None,
	customer: str | None = None,
	price_list: str | None = None,
	transaction_date: str | None = None,
	currency: str | None = None,
	conversion_rate: float = 1,
	plc_conversion_rate: float = 1,
	coupon_code: str | None = None,
	sales_partner: str | None = None,
	campaign: str | None = None,
	customer_group: str | None = None,
	territory: str | None = None,
	ignore_pricing_rule: bool = False,
) -> dict:
	"""What a selling line needs for one item: price, applied rules and why, discount, rate, free items."""
	frappe.has_permission("Item", "read", item_code, throw=True)
	if customer:
		frappe.has_permission("Customer", "read", customer, throw=True)
	item = get_sellable_item(item_code)
	uom = uom or item.stock_uom
	conversion_factor = get_conversion_factor(item, uom)
	price_list = price_list or get_default_price_list(customer)
	posting_date = getdate(transaction_date or nowdate())
	currency = currency or frappe.db.get_value("Price List", price_list, "currency")
	precision = currency_precision(currency)
	if flt(qty) < 0:
		frappe.throw(_("Quantity cannot be negative"), title=_("Invalid Quantity"))

	line = PricingLine(
		name="line-1",
		item_code=item.name,
		qty=flt(qty),
		uom=uom,
		stock_uom=item.stock_uom,
		conversion_factor=conversion_factor,
		item_group=item.item_group,
		brand=item.brand or "",
		max_discount=flt(item.max_discount),
	)
	with engine_errors(_("Pricing")):
		context = build_pricing_context(
			posting_date=posting_date,
			customer=customer,
			customer_group=customer_group,
			territory=territory,
			sales_partner=sales_partner,
			campaign=campaign,
			currency=currency,
			price_list=price_list,
			coupon_code=coupon_code,
			item_groups=[item.item_group],
			conversion_rate=conversion_rate,
			plc_conversion_rate=plc_conversion_rate,
			precision=precision,
			ignore_pricing_rule=cint(ignore_pricing_rule),
		)
		result = price_document(
			[line], get_rule_index(), context, price_index=get_price_index([item.name], price_list)
		)
	priced = result.lines[0]
	details = {
		"item_code": item.name,
		"item_name": item.item_name,
		"description": item.description,
		"item_group": item.item_group,
		"brand": item.brand,
		"stock_uom": item.stock_uom,
		"uom": uom,
		"conversion_factor": conversion_factor,
		"qty": flt(qty),
		"stock_qty": flt(qty) * conversion_factor,
		"price_list": price_list,
		"grant_commission": item.grant_commission,
		"weight_per_unit": item.weight_per_unit,
		"weight_uom": item.weight_uom,
		**priced.as_dict(),
		"amount": flt(priced.rate) * flt(qty),
		"pricing_rule_explanation": priced.explanation_text,
		"free_items": [{**free.as_row(), "reason": free.reason} for free in result.free_items],
	}
	return to_json_ready(details)


def get_sellable_item(item_code: str):
	item = frappe.get_cached_value(
		"Item",
		item_code,
		["name", "item_name", "description", "item_group", "brand", "stock_uom", "disabled", "is_sales_item",
		 "max_discount", "grant_commission", "weight_per_unit", "weight_uom"],
		as_dict=True,
	)  # fmt: skip
	if not item:
		frappe.throw(_("Item {0} does not exist").format(frappe.bold(item_code)), frappe.DoesNotExistError)
	if item.disabled or not item.is_sales_item:
		frappe.throw(
			_("Item {0} is disabled or not for sale").format(frappe.bold(item_code)), title=_("Item")
		)
	return item


def get_conversion_factor(item, uom: str) -> float:
	if uom == item.stock_uom:
		return 1.0
	factor = frappe.db.get_value(
		"UOM Conversion Detail", {"parent": item.name, "parenttype": "Item", "uom": uom}, "conversion_factor"
	)
	if not factor:
		frappe.throw(
			_("UOM {0} is not one of the units of Item {1}").format(frappe.bold(uom), frappe.bold(item.name)),
			title=_("Invalid UOM"),
		)
	return flt(factor)


def get_default_price_list(customer: str | None) -> str | None:
	if customer and (price_list := frappe.get_cached_value("Customer", customer, "default_price_list")):
		return price_list
	return frappe.db.get_single_value("Selling Settings", "selling_price_list")


def currency_precision(currency: str | None) -> int:
	"""Decimals of the currency: from its smallest fraction (1 -> 0, 0.01 -> 2), else the system's."""
	if currency:
		smallest = flt(frappe.get_cached_value("Currency", currency, "smallest_currency_fraction_value"))
		if smallest:
			return max(0, -Decimal(str(smallest)).normalize().as_tuple().exponent)
	return cint(frappe.db.get_default("currency_precision")) or DEFAULT_PRECISION
