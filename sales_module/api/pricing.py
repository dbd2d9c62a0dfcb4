"""Whitelisted pricing endpoints for the desk forms and integrators."""

import json
from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, nowdate

from sales_module.engine import PricingLine
from sales_module.exceptions import (
	InactiveRecordError,
	InvalidQuantityError,
	InvalidUOMError,
	InvalidValueError,
)
from sales_module.utils.currency import currency_precision
from sales_module.utils.engine_bridge import translated
from sales_module.utils.items import get_conversion_factors as load_conversion_factors
from sales_module.utils.items import get_item_masters
from sales_module.utils.permissions import ensure_permitted
from sales_module.utils.pricing_data import price_lines, to_json_ready
from sales_module.utils.validation import date_argument


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
	result = get_items_details(
		[{"item_code": item_code, "qty": qty, "uom": uom}],
		customer=customer,
		price_list=price_list,
		transaction_date=transaction_date,
		currency=currency,
		conversion_rate=conversion_rate,
		plc_conversion_rate=plc_conversion_rate,
		coupon_code=coupon_code,
		sales_partner=sales_partner,
		campaign=campaign,
		customer_group=customer_group,
		territory=territory,
		ignore_pricing_rule=ignore_pricing_rule,
	)
	return {**result["items"][0], "free_items": result["free_items"]}


@frappe.whitelist()
def get_items_details(
	items: list | str,
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
	"""Price every line of a document in one call: quantity rules with mixed conditions see all lines.

	`items`: [{"item_code", "qty", "uom", "name"?}]. Returns {"items": [...], "free_items": [...]}.
	"""
	lines = parse_lines(items)
	if customer:
		ensure_permitted("Customer", "read", customer)
	item_records = get_sellable_items({line["item_code"] for line in lines})
	factors = get_line_conversion_factors(
		item_records.values(), {(line["item_code"], line["uom"]) for line in lines}
	)
	price_list = price_list or get_default_price_list(customer)
	if price_list and frappe.db.exists("Price List", price_list):
		# a price list the user may not read gives them no rate
		ensure_permitted("Price List", "read", price_list)
	currency = currency or frappe.db.get_value("Price List", price_list, "currency")
	precision = currency_precision(currency)

	pricing_lines = []
	for idx, line in enumerate(lines, 1):
		item = item_records[line["item_code"]]
		uom = line["uom"] or item.stock_uom
		pricing_lines.append(
			PricingLine(
				name=line.get("name") or f"line-{idx}",
				item_code=item.name,
				qty=line["qty"],
				uom=uom,
				stock_uom=item.stock_uom,
				conversion_factor=factors[(item.name, uom)],
				item_group=item.item_group,
				brand=item.brand or "",
				max_discount=flt(item.max_discount),
			)
		)
	result = price_lines(
		pricing_lines,
		price_list=price_list,
		item_codes=list(item_records),
		posting_date=date_argument(transaction_date or nowdate(), "transaction_date"),
		customer=customer,
		customer_group=customer_group,
		territory=territory,
		sales_partner=sales_partner,
		campaign=campaign,
		currency=currency,
		coupon_code=coupon_code,
		item_groups=list({item.item_group for item in item_records.values()}),
		conversion_rate=conversion_rate,
		plc_conversion_rate=plc_conversion_rate,
		precision=precision,
		ignore_pricing_rule=cint(ignore_pricing_rule),
	)
	return to_json_ready(
		{
			"items": [
				line_details(item_records[line.item_code], line, priced, price_list)
				for line, priced in zip(pricing_lines, result.lines, strict=True)
			],
			"free_items": [
				{**free.as_row(), "reason": translated(free.reason)} for free in result.free_items
			],
		}
	)


def line_details(item, line: PricingLine, priced, price_list: str | None) -> dict:
	return {
		"name": line.name,
		"item_code": item.name,
		"item_name": item.item_name,
		"description": item.description,
		"item_group": item.item_group,
		"brand": item.brand,
		"stock_uom": item.stock_uom,
		"uom": line.uom,
		"conversion_factor": line.conversion_factor,
		"qty": line.qty,
		"stock_qty": line.stock_qty,
		"price_list": price_list,
		"grant_commission": item.grant_commission,
		"weight_per_unit": item.weight_per_unit,
		"weight_uom": item.weight_uom,
		**priced.as_dict(),
		"amount": (priced.rate or 0) * line.qty,
		"pricing_rule_explanation": [translated(line) for line in priced.explanation_text],
	}


def parse_lines(items: list | str) -> list[dict]:
	if isinstance(items, str):
		try:
			items = json.loads(items)
		except ValueError:
			frappe.throw(_("Items must be a JSON list of lines"), InvalidValueError, title=_("Invalid Items"))
	if not isinstance(items, list) or not items:
		frappe.throw(
			_("Items must be a non-empty list of lines"), InvalidValueError, title=_("Invalid Items")
		)
	lines = []
	for idx, raw in enumerate(items, 1):
		if not isinstance(raw, dict) or not raw.get("item_code"):
			frappe.throw(
				_("Line {0}: item_code is required").format(idx),
				frappe.MandatoryError,
				title=_("Invalid Items"),
			)
		try:
			qty = flt(Decimal(str(raw.get("qty", 1) if raw.get("qty") is not None else 1)))
		except ArithmeticError:
			frappe.throw(
				_("Line {0}: quantity {1} is not a number").format(idx, raw.get("qty")),
				InvalidValueError,
				title=_("Invalid Items"),
			)
		if qty < 0:
			frappe.throw(
				_("Line {0}: quantity cannot be negative").format(idx),
				InvalidQuantityError,
				title=_("Invalid Quantity"),
			)
		lines.append(
			{"item_code": raw["item_code"], "qty": qty, "uom": raw.get("uom"), "name": raw.get("name")}
		)
	return lines


def get_sellable_items(item_codes: set[str]) -> dict:
	if not frappe.has_permission("Item", "read"):
		frappe.throw(_("Not permitted to read Items"), frappe.PermissionError)
	items = get_item_masters(item_codes)
	for item_code in item_codes:
		item = items.get(item_code)
		if not item:
			frappe.throw(
				_("Item {0} does not exist").format(frappe.bold(item_code)), frappe.DoesNotExistError
			)
		if item.disabled or not item.is_sales_item:
			frappe.throw(
				_("Item {0} is disabled or not for sale").format(frappe.bold(item_code)),
				InactiveRecordError,
				title=_("Item"),
			)
	return items


def get_line_conversion_factors(items, wanted: set[tuple[str, str | None]]) -> dict[tuple[str, str], float]:
	stock_uom = {item.name: item.stock_uom for item in items}
	factors = {(item_code, uom): 1.0 for item_code, uom in stock_uom.items()}
	others = {(code, uom) for code, uom in wanted if uom and uom != stock_uom[code]}
	if others:
		factors.update(load_conversion_factors(code for code, _uom in others))
	for code, uom in others:
		if not factors.get((code, uom)):
			frappe.throw(
				_("UOM {0} is not one of the units of Item {1}").format(frappe.bold(uom), frappe.bold(code)),
				InvalidUOMError,
				title=_("Invalid UOM"),
			)
	return factors


def get_default_price_list(customer: str | None) -> str | None:
	if customer and (price_list := frappe.get_cached_value("Customer", customer, "default_price_list")):
		return price_list
	return frappe.db.get_single_value("Selling Settings", "selling_price_list")
