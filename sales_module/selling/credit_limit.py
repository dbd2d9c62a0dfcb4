"""Credit limit check on order submit: open invoices plus unbilled orders plus this order."""

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import flt

from sales_module.exceptions import CreditLimitError
from sales_module.utils.transactions import read_protected


def get_credit_limit(customer: str) -> float:
	limit, group = frappe.get_cached_value("Customer", customer, ["credit_limit", "customer_group"])
	if flt(limit):
		return flt(limit)
	return flt(frappe.get_cached_value("Customer Group", group, "credit_limit")) if group else 0


def get_customer_exposure(customer: str, exclude_order: str | None = None) -> float:
	"""Company-currency debt: outstanding of submitted invoices + the unbilled part of open orders.

	The caller holds the customer's row, which every order submit locks first.
	"""
	invoice, order = frappe.qb.DocType("Sales Invoice"), frappe.qb.DocType("Sales Order")
	outstanding = read_protected(
		frappe.qb.from_(invoice)
		.select(Sum(invoice.outstanding_amount * invoice.conversion_rate))
		.where((invoice.customer == customer) & (invoice.docstatus == 1))
	).run()[0][0]
	unbilled = read_protected(
		frappe.qb.from_(order)
		.select(Sum(order.base_grand_total * (100 - order.per_billed) / 100))
		.where(
			(order.customer == customer)
			& (order.docstatus == 1)
			& (order.status != "Closed")
			& (order.name != (exclude_order or ""))
		)
	).run()[0][0]
	return flt(outstanding) + flt(unbilled)


def check_credit_limit(order):
	if frappe.get_cached_value("Customer", order.customer, "bypass_credit_limit_check"):
		return
	limit = get_credit_limit(order.customer)
	if not limit:
		return
	exposure = get_customer_exposure(order.customer, exclude_order=order.name) + flt(order.base_grand_total)
	if exposure > limit:
		frappe.throw(
			_(
				"Credit limit of {0} for Customer {1} would be crossed: open invoices and unbilled orders "
				"with this order come to {2}"
			).format(
				frappe.format(limit, "Currency"),
				frappe.bold(order.customer),
				frappe.format(exposure, "Currency"),
			),
			CreditLimitError,
			title=_("Credit Limit Crossed"),
		)
