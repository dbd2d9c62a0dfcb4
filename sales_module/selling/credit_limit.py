"""Credit limit, checked where ERPNext checks it, against the exposure ERPNext counts.

A Sales Order is checked on submit unless its customer bypasses the check at order level; a Delivery
Note or a Sales Invoice when one of its lines comes from no earlier document (an order already counted
it) or when the customer bypasses the order-level check. The exposure is the outstanding of submitted
invoices, the unbilled part of open orders (left out when orders bypass the check) and the unbilled
value of open deliveries (those against an open order are already in that order's figure).
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt

from sales_module.exceptions import CreditLimitError
from sales_module.utils.transactions import read_protected

# the line fields that name the earlier document a line comes from
LINE_ORIGINS = {
	"Sales Order": (),
	"Delivery Note": ("against_sales_order",),
	"Sales Invoice": ("sales_order", "delivery_note"),
}


def get_credit_limit(customer: str) -> float:
	limit, group = frappe.get_cached_value("Customer", customer, ["credit_limit", "customer_group"])
	if flt(limit):
		return flt(limit)
	return flt(frappe.get_cached_value("Customer Group", group, "credit_limit")) if group else 0


def bypasses_order_check(customer: str) -> bool:
	return bool(frappe.get_cached_value("Customer", customer, "bypass_credit_limit_check"))


def credit_check_applies(doc) -> bool:
	"""Whether submitting `doc` is a credit decision (its submit then locks the customer's row)."""
	if doc.get("is_return") or not doc.customer or not get_credit_limit(doc.customer):
		return False
	bypass = bypasses_order_check(doc.customer)
	if doc.doctype == "Sales Order":
		return not bypass
	origins = LINE_ORIGINS[doc.doctype]
	return bypass or any(not any(row.get(field) for field in origins) for row in doc.items)


def get_customer_exposure(customer: str, include_orders: bool = True) -> float:
	"""Company-currency debt of submitted documents. The caller holds the customer's row, which every
	credit decision locks first."""
	parts = exposure_by_customer([customer], include_orders, locked=True).get(customer, {})
	return flt(sum(parts.values()))


def exposure_by_customer(customers: list[str], include_orders: bool = True, locked: bool = False) -> dict:
	"""{customer: {"outstanding", "unbilled_orders", "unbilled_deliveries"}} in company currency: the
	invoices' outstanding, the unbilled part of open orders and the unbilled value of open deliveries
	(those against an open order are in the order's figure when orders count)."""
	if not customers:
		return {}
	read = read_protected if locked else (lambda query: query)
	invoice, order = frappe.qb.DocType("Sales Invoice"), frappe.qb.DocType("Sales Order")
	parts = {
		customer: dict.fromkeys(("outstanding", "unbilled_orders", "unbilled_deliveries"), 0.0)
		for customer in customers
	}
	for customer, amount in read(
		frappe.qb.from_(invoice)
		.select(invoice.customer, Sum(invoice.outstanding_amount * invoice.conversion_rate))
		.where(invoice.customer.isin(customers) & (invoice.docstatus == 1))
		.groupby(invoice.customer)
	).run():
		parts[customer]["outstanding"] = flt(amount)
	if include_orders:
		for customer, amount in read(
			frappe.qb.from_(order)
			.select(order.customer, Sum(order.base_grand_total * (100 - order.per_billed) / 100))
			.where(order.customer.isin(customers) & (order.docstatus == 1) & (order.status != "Closed"))
			.groupby(order.customer)
		).run():
			parts[customer]["unbilled_orders"] = flt(amount)
	for customer, amount in unbilled_deliveries_by_customer(customers, include_orders, read).items():
		parts[customer]["unbilled_deliveries"] = amount
	return parts


def unbilled_deliveries_by_customer(customers: list[str], orders_counted: bool, read) -> dict[str, float]:
	"""What open deliveries have not billed, with their taxes (a line's share of the grand total)."""
	note, line = frappe.qb.DocType("Delivery Note"), frappe.qb.DocType("Delivery Note Item")
	condition = (
		note.customer.isin(customers)
		& (note.docstatus == 1)
		& (note.is_return == 0)
		& (note.status != "Closed")
		& (note.total != 0)
	)
	if orders_counted:
		condition &= Coalesce(line.against_sales_order, "") == ""
	return {
		customer: flt(amount)
		for customer, amount in read(
			frappe.qb.from_(line)
			.join(note)
			.on(line.parent == note.name)
			.select(note.customer, Sum((line.amount - line.billed_amt) * note.base_grand_total / note.total))
			.where(condition & (line.parenttype == "Delivery Note"))
			.groupby(note.customer)
		).run()
	}


def check_credit_limit(doc):
	"""Refuse the submit of `doc` (already written as submitted) when the exposure with it passes the
	customer's limit."""
	if not credit_check_applies(doc):
		return
	limit = get_credit_limit(doc.customer)
	exposure = get_customer_exposure(doc.customer, include_orders=not bypasses_order_check(doc.customer))
	if exposure > limit:
		frappe.throw(
			_(
				"Credit limit of {0} for Customer {1} would be crossed: open invoices, unbilled orders and "
				"deliveries with this {2} come to {3}"
			).format(
				frappe.format(limit, "Currency"),
				frappe.bold(doc.customer),
				_(doc.doctype),
				frappe.format(exposure, "Currency"),
			),
			CreditLimitError,
			title=_("Credit Limit Crossed"),
		)
