"""Coupon uses, counted over submitted documents under a row lock so no race can pass maximum_use."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import cint

from sales_module.controllers.status_updater import lock_rows
from sales_module.utils.transactions import read_protected


def update_coupon_usage(coupon: str | None):
	"""used = submitted Sales Orders with the coupon + submitted Sales Invoices with it not made from an order."""
	if not coupon or not lock_rows("Coupon Code", [coupon]):
		return
	limits = frappe.db.get_value(
		"Coupon Code", coupon, ["coupon_code", "maximum_use", "maximum_use_per_customer"], as_dict=True
	)
	uses = uses_by_customer(coupon)
	used = sum(uses.values())
	if cint(limits.maximum_use) and used > cint(limits.maximum_use):
		frappe.throw(
			_("Coupon code {0} has been used {1} times; it may be used {2} times").format(
				frappe.bold(limits.coupon_code), used - 1, limits.maximum_use
			),
			title=_("Coupon Used Up"),
		)
	per_customer = cint(limits.maximum_use_per_customer)
	for customer, count in uses.items():
		if per_customer and count > per_customer:
			frappe.throw(
				_(
					"Customer {0} has already used coupon code {1} {2} times, the most allowed per customer"
				).format(frappe.bold(customer), frappe.bold(limits.coupon_code), per_customer),
				title=_("Coupon Used Up"),
			)
	frappe.db.set_value("Coupon Code", coupon, "used", used, update_modified=False)


def uses_by_customer(coupon: str) -> dict[str, int]:
	order = frappe.qb.DocType("Sales Order")
	invoice, invoice_line = frappe.qb.DocType("Sales Invoice"), frappe.qb.DocType("Sales Invoice Item")
	uses: dict[str, int] = {}
	# the caller holds the coupon's row, which every document using the coupon locks first
	for customer, count in read_protected(
		frappe.qb.from_(order)
		.select(order.customer, Count("*"))
		.where((order.coupon_code == coupon) & (order.docstatus == 1))
		.groupby(order.customer)
	).run():
		uses[customer] = uses.get(customer, 0) + count
	from_orders = (
		frappe.qb.from_(invoice_line)
		.select(invoice_line.parent)
		.where(invoice_line.sales_order.isnotnull() & (invoice_line.sales_order != ""))
	)
	for customer, count in read_protected(
		frappe.qb.from_(invoice)
		.select(invoice.customer, Count("*"))
		.where(
			(invoice.coupon_code == coupon)
			& (invoice.docstatus == 1)
			& (invoice.is_return == 0)
			& invoice.name.notin(from_orders)
		)
		.groupby(invoice.customer)
	).run():
		uses[customer] = uses.get(customer, 0) + count
	return uses
