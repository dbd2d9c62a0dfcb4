# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Customer Credit Balance (ERPNext's report and columns): each customer's credit limit, what it owes,
its open orders and unbilled deliveries, the credit used and the balance left, as the credit check
counts them (company currency)."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.selling.credit_limit import exposure_by_customer, get_credit_limit
from sales_module.utils.currency import company_currency


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {"disabled": 0}
	if filters.get("customer"):
		conditions["name"] = filters.customer
	customers = frappe.get_list(
		"Customer",
		filters=conditions,
		fields=["name", "customer_name", "bypass_credit_limit_check"],
		order_by="name asc",
	)
	exposure = exposure_by_customer([row.name for row in customers])
	data = []
	for customer in customers:
		parts = exposure.get(customer.name, {})
		used = flt(sum(parts.values()))
		limit = get_credit_limit(customer.name)
		if not limit and not used:
			continue
		data.append(
			{
				"customer": customer.name,
				"customer_name": customer.customer_name,
				"credit_limit": limit,
				"outstanding_amt": flt(parts.get("outstanding")),
				"open_orders": flt(parts.get("unbilled_orders")),
				"unbilled_deliveries": flt(parts.get("unbilled_deliveries")),
				"credit_used": used,
				"credit_balance": flt(limit - used) if limit else None,
				"bypass_credit_limit_check": customer.bypass_credit_limit_check,
				"currency": company_currency(),
			}
		)
	return get_columns(), data


def get_columns() -> list[dict]:
	money = {"fieldtype": "Currency", "options": "currency", "width": 130}
	return [
		{
			"label": _("Customer"),
			"fieldname": "customer",
			"fieldtype": "Link",
			"options": "Customer",
			"width": 160,
		},
		{"label": _("Customer Name"), "fieldname": "customer_name", "fieldtype": "Data", "width": 160},
		{"label": _("Credit Limit"), "fieldname": "credit_limit", **money},
		{"label": _("Outstanding Amt"), "fieldname": "outstanding_amt", **money},
		{"label": _("Open Orders"), "fieldname": "open_orders", **money},
		{"label": _("Unbilled Deliveries"), "fieldname": "unbilled_deliveries", **money},
		{"label": _("Credit Used"), "fieldname": "credit_used", **money},
		{"label": _("Credit Balance"), "fieldname": "credit_balance", **money},
		{
			"label": _("Bypass credit check at Sales Order"),
			"fieldname": "bypass_credit_limit_check",
			"fieldtype": "Check",
			"width": 120,
		},
	]
