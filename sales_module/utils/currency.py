from decimal import Decimal

import frappe
from frappe.utils import cint, flt

DEFAULT_PRECISION = 2


def currency_precision(currency: str | None) -> int:
	"""Decimals of the currency: from its smallest fraction (1 -> 0, 0.01 -> 2), else the system's."""
	if currency:
		smallest = flt(frappe.get_cached_value("Currency", currency, "smallest_currency_fraction_value"))
		if smallest:
			return max(0, -Decimal(str(smallest)).normalize().as_tuple().exponent)
	return cint(frappe.db.get_default("currency_precision")) or DEFAULT_PRECISION


def company_currency() -> str:
	from sales_module.install import get_default_currency

	return get_default_currency()
