"""One exception class per family of refusal.

Each is a `frappe.ValidationError` (HTTP 417 over REST, with the class name in `exc_type`), raised with
`frappe.throw(message, ExceptionClass)`. Errors of the framework-free engine carry a code;
`sales_module/utils/engine_bridge.py` maps every code to its class.
"""

import frappe


class SalesModuleError(frappe.ValidationError):
	"""Base of the app's refusals."""


# quantities and amounts beyond what was agreed
class OverAllowanceError(SalesModuleError):
	"""A delivered, billed, returned or ordered figure beyond its allowance."""


class OverDeliveryError(OverAllowanceError):
	pass


class OverBillingError(OverAllowanceError):
	pass


class OverReturnError(OverAllowanceError):
	pass


class BlanketOrderExceededError(OverAllowanceError):
	pass


class OverAllocationError(SalesModuleError):
	"""Payments and credit notes beyond what an invoice or order is owed."""


class NegativeStockError(SalesModuleError):
	pass


class CreditLimitError(SalesModuleError):
	pass


class CouponError(SalesModuleError):
	"""A coupon that cannot be used: disabled, not yet or no longer valid, another customer's."""


class CouponExhaustedError(CouponError):
	"""A coupon used as often as it may be, overall or by one customer."""


class BlanketOrderError(SalesModuleError):
	"""A line against a blanket order that does not fit it (customer, period, item, status)."""


# documents and their lines
class MissingPriceError(SalesModuleError):
	"""A line is at zero only because no price exists for it: refused on submit."""


class MaxDiscountError(SalesModuleError):
	pass


class InvalidQuantityError(SalesModuleError):
	"""A quantity of zero or below (above zero on returns), or a fraction of a whole-number unit."""


class InvalidUOMError(SalesModuleError):
	pass


class InvalidDatesError(SalesModuleError):
	"""Dates in the wrong order (delivery before the order, valid till before the date ...)."""


class InactiveRecordError(SalesModuleError):
	"""A disabled or frozen customer, a disabled or non-sales item."""


class DocumentStateError(SalesModuleError):
	"""An action the document's state does not allow (not submitted, closed, on hold, already lost ...)."""


class NothingToMapError(SalesModuleError):
	pass


# setup and calculation
class ConfigurationError(SalesModuleError):
	"""A master or setting that cannot work as entered (pricing rule, tax rows, allowances ...)."""


class InvalidPaymentTermsError(ConfigurationError):
	pass


class InvalidTaxesError(ConfigurationError):
	pass


class InvalidPricingRuleError(ConfigurationError):
	pass


class InvalidShippingRuleError(ConfigurationError):
	pass


class InvalidDiscountError(SalesModuleError):
	"""A document discount larger than the total, or applied on an unknown basis."""


class InvalidValueError(SalesModuleError):
	"""A value that is not a number where one is needed, or a negative number of decimals."""


class ExchangeRateError(SalesModuleError):
	pass


class CommissionError(SalesModuleError):
	"""A sales team whose shares do not add up, a commission rate out of range."""


# concurrency
class ConcurrentUpdateError(SalesModuleError):
	"""Another user changed the same records at the same moment; the action can simply be repeated."""
