from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import cint, flt, get_number_format_info, in_words

from sales_module.utils.cache import reference_data

DEFAULT_PRECISION = 2
DEFAULT_CURRENCY = "USD"


def currency_details(currency: str | None) -> tuple[float, str | None, str | None]:
	"""(smallest fraction value, fraction name, number format) of the currency, from reference data."""
	currencies = reference_data(
		"currencies",
		lambda: {
			name: (flt(smallest), fraction, number_format)
			for name, smallest, fraction, number_format in frappe.get_all(
				"Currency",
				fields=["name", "smallest_currency_fraction_value", "fraction", "number_format"],
				as_list=True,
			)
		},
	)
	return currencies.get(currency) or (0.0, None, None)


def currency_precision(currency: str | None) -> int:
	"""Decimals of the currency: from its smallest fraction (1 -> 0, 0.01 -> 2), else the system's."""
	if currency:
		smallest = currency_details(currency)[0]
		if smallest:
			return max(0, -Decimal(str(smallest)).normalize().as_tuple().exponent)
	return cint(frappe.db.get_default("currency_precision")) or DEFAULT_PRECISION


def company_currency() -> str:
	return get_default_currency()


def get_default_currency() -> str:
	"""The company currency: Selling Settings', else the system default, else USD."""
	return (
		frappe.get_cached_doc("Selling Settings").default_currency
		or frappe.db.get_default("currency")
		or DEFAULT_CURRENCY
	)


def amount_in_words(amount: float, currency: str) -> str:
	"""The amount in words as Frappe's `money_in_words` writes it ("USD One Hundred and Twenty Cent
	only."), with the currency's fraction name and number format from reference data, where
	`money_in_words` queries them on every request."""
	amount = flt(amount)
	if amount < 0:
		return ""
	_smallest, fraction_name, number_format = currency_details(currency)
	fraction_name = fraction_name or _("Cent")
	number_format = number_format or frappe.db.get_default("number_format") or "#,###.##"
	decimals = get_number_format_info(number_format)[2]
	main, _point, fraction = (f"%.{decimals}f" % amount).partition(".")
	fraction = fraction.ljust(decimals, "0") if decimals else "00"
	in_million = number_format != "#,##,###.##"
	currency_name = _(currency, context="Currency")
	if main == "0" and not cint(fraction):
		words = currency_name + " " + _("Zero")
	elif main == "0":
		words = in_words(fraction, in_million).title() + " " + fraction_name
	else:
		words = currency_name + " " + in_words(main, in_million).title()
		if cint(fraction):
			words += " " + _("and") + " " + in_words(fraction, in_million).title() + " " + fraction_name
	return words + " " + _("only.")
