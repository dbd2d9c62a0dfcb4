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
	"""Payments and credit notes beyond what an invoice or order is owed, allocations beyond the payment."""


# stock
class NegativeStockError(SalesModuleError):
	"""A movement that would take an item's stock in a warehouse below zero."""


class InvalidStockMovementError(SalesModuleError):
	"""A stock movement that cannot be posted: an item that keeps no stock, the same source and target."""


# customers, coupons, blanket orders
class CreditLimitError(SalesModuleError):
	"""An order that would take the customer's open invoices and unbilled orders beyond the credit limit."""


class CouponError(SalesModuleError):
	"""A coupon that cannot be used or set up: disabled, not yet or no longer valid, another customer's."""


class CouponExhaustedError(CouponError):
	"""A coupon used as often as it may be, overall or by one customer."""


class BlanketOrderError(SalesModuleError):
	"""A line against a blanket order that does not fit it (customer, period, item, status)."""


# documents and their lines
class MissingPriceError(SalesModuleError):
	"""A line is at zero only because no price exists for it: refused on submit."""


class MaxDiscountError(SalesModuleError):
	"""A discount, on a line or in a pricing rule, above the item's maximum discount."""


class InvalidQuantityError(SalesModuleError):
	"""A quantity of zero or below (above zero on returns), or a fraction of a whole-number unit."""


class InvalidUOMError(SalesModuleError):
	"""A unit that is not one of the item's, or an item unit whose conversion factor cannot work."""


class InvalidDatesError(SalesModuleError):
	"""Dates in the wrong order (delivery before the order, valid till before the date ...)."""


class InactiveRecordError(SalesModuleError):
	"""A disabled or frozen customer, a disabled or non-sales item, a disabled price list or warehouse."""


class DocumentStateError(SalesModuleError):
	"""An action the document's state or kind does not allow (not submitted, closed, lost, a return ...)."""


class NothingToMapError(SalesModuleError):
	"""A mapper (order, delivery, invoice, payment, dunning) with nothing left to carry over."""


class InvalidReferenceError(SalesModuleError):
	"""A party or linked document that does not fit: another customer's, not submitted, of another type."""


class DuplicateError(SalesModuleError):
	"""The same line, unit, barcode or reference listed twice, or a record that already exists."""


class ItemPriceDuplicateItem(DuplicateError):
	"""A second price for the same item, price list, unit, customer and start date (ERPNext's name)."""


class QuotationAlreadyAcceptedError(DuplicateError):
	"""A quotation accepted on the customer portal again while the draft order its acceptance made waits."""


class DuplicateClientReferenceError(DuplicateError):
	"""A document whose Client Reference another document of its DocType already has, whatever its state:
	a create repeated after a timeout. The message names that document."""


class DuplicatePurchaseOrderError(DuplicateError):
	"""A second Sales Order of a customer for the same Customer's Purchase Order, which Selling Settings
	does not allow."""


class TreeNodeError(SalesModuleError):
	"""A group node where only a leaf can be used, or a parent that is not a group."""


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
	"""A value out of its range or form: negative, a percentage over its bound, not a number, a bad code."""


class MalformedRequestError(SalesModuleError):
	"""A request not of the shape its method or DocType takes: an argument missing, a document that is not
	an object, a table that is not a list of rows."""


class ExchangeRateError(SalesModuleError):
	pass


class CommissionError(SalesModuleError):
	"""A sales team whose shares do not add up, a commission rate out of range, overlapping tiers."""


class CommissionAlreadySettledError(CommissionError):
	"""An invoice line or a sales team share is already settled by another Commission Settlement."""


class NothingToSettleError(CommissionError):
	"""A Commission Settlement with no eligible documents."""


# planning
class PlanningError(SalesModuleError):
	"""A Monthly Distribution not totalling 100 %, a plan period outside its fiscal year, a target for a
	disabled member, a plan with no members."""


class OverlappingPlanError(PlanningError):
	"""A second active Sales Plan for the same member, item group and period."""


# concurrency
class ConcurrentUpdateError(SalesModuleError):
	"""Another user changed the same records at the same moment; the action can simply be repeated."""


# demo data
class DemoDataError(SalesModuleError):
	"""The demo data is already on the site, a name it needs is taken, or what it made is in use by other
	documents and cannot be removed."""
