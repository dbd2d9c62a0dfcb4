from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import cint, flt

from sales_module.engine import amount_in_words as words_of_amount
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


def amount_in_words(amount: float, currency: str, language: str | None = None) -> str:
	"""The amount in words in a language (the current user's by default): Russian with number
	agreement ("Четыре тысячи шестьсот двадцать рублей 00 копеек"), else English ("Four hundred US
	dollars and 00 cents"). Frappe's `money_in_words` writes "RUB Четыре Тысячи ... только." and
	"Один Цент" for kopecks. Also a Jinja method for print formats, which pass the print language."""
	return words_of_amount(
		flt(amount), currency, language or frappe.local.lang or "en", currency_precision(currency)
	)
