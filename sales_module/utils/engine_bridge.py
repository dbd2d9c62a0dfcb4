"""Glue between the framework-free engine and Frappe: its errors, translated, as the app's classes."""

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe import _

from sales_module.engine import EngineValidationError
from sales_module.engine.text import Text, render
from sales_module.exceptions import (
	CommissionError,
	ConfigurationError,
	CouponError,
	CouponExhaustedError,
	DocumentStateError,
	DuplicateError,
	ExchangeRateError,
	InvalidDatesError,
	InvalidDiscountError,
	InvalidPaymentTermsError,
	InvalidPricingRuleError,
	InvalidQuantityError,
	InvalidReferenceError,
	InvalidShippingRuleError,
	InvalidTaxesError,
	InvalidValueError,
	OverAllocationError,
	PlanningError,
	SalesModuleError,
)

# every code of sales_module.engine.ERROR_CODES (a test keeps the two in step)
ENGINE_CODES: dict[str, type[SalesModuleError]] = {
	**dict.fromkeys(("invalid_number", "invalid_precision"), InvalidValueError),
	**dict.fromkeys(("invalid_date", "missing_date", "report_dates"), InvalidDatesError),
	"invalid_conversion_rate": ExchangeRateError,
	"invalid_range": InvalidValueError,
	"negative_allocation": InvalidValueError,
	**dict.fromkeys(("over_receipt", "over_refund"), OverAllocationError),
	**dict.fromkeys(("negative", "negative_allowance", "component_qty"), ConfigurationError),
	**dict.fromkeys(("commission_rate", "allocation_total", "tier_start", "tier_overlap"), CommissionError),
	**dict.fromkeys(("invalid_month", "distribution_total", "no_members"), PlanningError),
	**dict.fromkeys(
		("invalid_type", "gift_card_setup", "dates", "disabled", "not_started", "expired", "gift_card_customer"),
		CouponError,
	),
	**dict.fromkeys(("exhausted", "customer_limit"), CouponExhaustedError),
	"not_overdue": DocumentStateError,
	**dict.fromkeys(("invalid_line", "item_changed"), InvalidValueError),
	"unknown_line": InvalidReferenceError,
	"duplicate_line": DuplicateError,
	**dict.fromkeys(("line_delivered", "line_billed", "line_in_draft", "rate_billed"), DocumentStateError),
	**dict.fromkeys(("below_delivered", "below_billed", "below_billed_amount"), InvalidQuantityError),
	**dict.fromkeys(("portion", "credit", "invalid_due_basis", "portion_total"), InvalidPaymentTermsError),
	**dict.fromkeys(
		(
			"invalid_apply_on", "missing_targets", "invalid_party", "missing_party", "negative_limit",
			"min_gt_max", "invalid_dates", "mixed_same_item", "invalid_kind", "negative_discount",
			"discount_over_100", "invalid_margin", "invalid_recursion", "recursion_mixed", "recursion_over",
			"duplicate_rule",
		),
		InvalidPricingRuleError,
	),
	**dict.fromkeys(
		("invalid_basis", "from_not_below_to", "several_open_ended", "overlap"), InvalidShippingRuleError
	),
	**dict.fromkeys(
		(
			"invalid_charge_type", "first_row", "invalid_row_id", "inclusive_type", "inclusive_chain",
			"inclusive_rate", "no_basis",
		),
		InvalidTaxesError,
	),
	**dict.fromkeys(("discount_too_large", "invalid_apply_discount_on"), InvalidDiscountError),
}  # fmt: skip


@contextmanager
def engine_errors(title: str | None = None) -> Iterator[None]:
	"""Turn the engine's untranslated validation errors into the app's translated exception classes."""
	try:
		yield
	except EngineValidationError as error:
		frappe.throw(
			engine_message(error),
			ENGINE_CODES.get(error.code, SalesModuleError),
			title=title or _("Validation Error"),
		)


def translated(text) -> str:
	"""An engine text (a ``Phrase`` or ``Text``, e.g. a pricing explanation) in the user's language."""
	return render(text, _)


def engine_message(error: EngineValidationError) -> str:
	"""The error's message in the user's language: its template and the words among its parameters
	(``Text``: labels and options the engine names) translated, the other parameters as they are."""
	params = [_(param) if isinstance(param, Text) else param for param in error.params]
	return _(error.template).format(*params)
