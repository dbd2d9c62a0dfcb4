"""The single exception type raised by the engine for invalid input, and the codes it carries."""


class EngineValidationError(Exception):
	"""A validation failure with an untranslated English message template.

	The engine never translates: controllers call ``frappe.throw(_(err.template).format(*err.params))``.
	``code`` is a stable machine-readable identifier for tests and API clients: every error the engine
	raises carries one of the codes in ``ERROR_CODES``.
	"""

	def __init__(self, template: str, *params: object, code: str = "invalid") -> None:
		self.template = template
		self.params = params
		self.code = code
		super().__init__(self.message)

	@property
	def message(self) -> str:
		"""The English message with its parameters filled in."""
		return self.template.format(*params_as_text(self.params))


def params_as_text(params: tuple[object, ...]) -> list[str]:
	return [str(param) for param in params]


# Every code an EngineValidationError raised by the engine can carry, with its meaning; grouped by the
# module that raises it (a code shared by modules means the same there). Codes are part of the API:
# add new ones, never rename one. A test checks this table against the raise sites.
ERROR_CODES: dict[str, str] = {
	# input values (money, _data; any module)
	"invalid_number": "A value is not a finite number, or not a whole number where one is required.",
	"invalid_precision": "A number of decimals (precision) is negative.",
	"invalid_date": "A value is neither a date nor an ISO date text.",
	"missing_date": "A required date (Posting Date, Due Date) is blank.",
	"invalid_conversion_rate": "A conversion rate (totals, shipping, price list) is zero or negative.",
	"negative": "A value that cannot be negative is: coupon usage limits, shipping band values, "
	"dunning interest rate or fee, a monthly distribution's percentage, a plan's target.",
	# allocation
	"negative_allocation": "An amount to allocate (payment, advance) is negative.",
	"over_receipt": "An invoice receives more in payments and advances than its payable total.",
	"over_refund": "Refunds against an invoice pay out more than its credit notes left owed to the customer.",
	# analytics (periods and trees of the reports)
	"invalid_range": "A report range is not Weekly, Monthly, Quarterly or Yearly.",
	"report_dates": "A report's To Date is before its From Date.",
	# allowance
	"negative_allowance": "An over-delivery / over-billing / blanket order allowance is negative.",
	# bundles
	"component_qty": "A product bundle component has no positive quantity.",
	# commission
	"commission_rate": "A commission rate is outside 0 to 100.",
	"allocation_total": "The sales team's allocated percentages do not add up to 100.",
	"tier_start": "The first commission tier does not start at an amount of 0.",
	"tier_overlap": "Two commission tiers start at the same amount.",
	# planning (target periods, distributions, plans, forecasts)
	"invalid_month": "A monthly distribution names a month that is not January to December.",
	"distribution_total": "A monthly distribution's percentages do not add up to 100.",
	"no_members": "A target is spread over a plan with no members.",
	# coupons: definition (validate_coupon_definition)
	"invalid_type": "A coupon type is neither Promotional nor Gift Card.",
	"gift_card_setup": "A gift card is not bound to one customer with a maximum use of 1.",
	"dates": "A coupon's Valid From is after its Valid Upto.",
	# coupons: use on a document (check_coupon reasons, raised by CouponCheck.raise_if_invalid)
	"disabled": "The coupon is disabled.",
	"not_started": "The coupon is not valid yet on the posting date.",
	"expired": "The coupon expired before the posting date.",
	"exhausted": "The coupon has been used as often as its maximum use allows.",
	"customer_limit": "The customer has used the coupon as often as allowed per customer.",
	"gift_card_customer": "A gift card is used without a customer or by another customer than its own.",
	# dunning
	"not_overdue": "A dunned payment is not overdue on the posting date.",
	# order changes (Update Items on a submitted order)
	"invalid_line": "The lines sent are not a list of objects, or a new line has no item code.",
	"unknown_line": "A line sent names a line the order does not have.",
	"duplicate_line": "The same order line is sent twice.",
	"item_changed": "A line sent names another item than the stored line it changes.",
	"line_delivered": "A line to remove is already (partly) delivered.",
	"line_billed": "A line to remove is already (partly) billed.",
	"line_in_draft": "A line to remove is named by a draft delivery or invoice made from it.",
	"rate_billed": "The rate of a line changes after the line was billed.",
	"below_delivered": "A line's new quantity is below what was delivered.",
	"below_billed": "A line's new quantity is below what was billed.",
	"below_billed_amount": "A line's new amount is below what was billed.",
	# payment terms and schedule
	"portion": "A payment term's invoice portion is not above 0.",
	"credit": "A payment term's credit days or months are negative.",
	"invalid_due_basis": "A payment term's Due Date Based On is not a known basis.",
	"portion_total": "The invoice portions of the payment terms do not add up to 100.",
	# pricing rules: definition (validate_pricing_rule) and index
	"invalid_apply_on": "A pricing rule's Apply On is not Item Code, Item Group, Brand or Transaction.",
	"missing_targets": "An item-level pricing rule lists no item code, item group or brand.",
	"invalid_party": "A pricing rule's Applicable For is not a selling party condition.",
	"missing_party": "A pricing rule's Applicable For is set but its value is blank.",
	"negative_limit": "A pricing rule's min/max qty or amount is negative.",
	"min_gt_max": "A pricing rule's min qty or amount is greater than its max.",
	"invalid_dates": "A pricing rule's Valid From is after its Valid Upto.",
	"mixed_same_item": "A product-discount rule with mixed conditions names no Free Item.",
	"invalid_kind": "A pricing rule's Rate or Discount is not Rate, Discount Percentage or Discount Amount.",
	"negative_discount": "A pricing rule's rate, discount percentage or discount amount is negative.",
	"discount_over_100": "A pricing rule's discount percentage is above 100.",
	"invalid_margin": "A pricing rule's Margin Type is neither Percentage nor Amount.",
	"invalid_recursion": "A recursive product-discount rule recurses every less than 1.",
	"recursion_mixed": "A product-discount rule is both recursive and mixed-condition.",
	"recursion_over": "A recursive rule's Apply Recursion Over is above its Min Qty.",
	"duplicate_rule": "Two pricing rules given to one RuleIndex have the same name.",
	# shipping rules
	"invalid_basis": "A shipping rule's Calculate Based On is not Fixed, Net Total or Net Weight.",
	"from_not_below_to": "A shipping band's From Value is not below its To Value.",
	"several_open_ended": "More than one shipping band has no To Value.",
	"overlap": "Two shipping bands overlap.",
	# taxes and totals
	"invalid_charge_type": "A tax row's charge type is unknown.",
	"first_row": "The first tax row uses a previous-row charge type.",
	"invalid_row_id": "A previous-row tax row's Row ID does not refer to an earlier row.",
	"inclusive_type": "A tax row included in the print rate is Actual or On Item Quantity.",
	"inclusive_chain": "An inclusive tax row refers to rows that are not inclusive themselves.",
	"inclusive_rate": "The inclusive tax rates of a line add up to -100% or less.",
	"no_basis": "A document discount is given for a document with nothing to discount.",
	"discount_too_large": "A document discount amount is larger than the total it applies to.",
	"invalid_apply_discount_on": "Apply Additional Discount On is neither Grand Total nor Net Total.",
}
