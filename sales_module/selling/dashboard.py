"""The Selling workspace's number cards: each figure read through the permission-aware list query, so
a user restricted to a territory sees that territory's figures. The reports show the same figures."""

import frappe
from frappe.utils import flt, get_first_day, get_last_day, nowdate

from sales_module.engine import variance
from sales_module.selling import sales_plans
from sales_module.selling.credit_limit import exposure_by_customer, get_credit_limit
from sales_module.utils.currency import company_currency
from sales_module.utils.fiscal_year import fiscal_year_of

OPEN_ORDER_STATUSES = ("To Deliver and Bill", "To Bill", "To Deliver")


def card(value, fieldtype: str = "Int", route: list | None = None, route_options: dict | None = None) -> dict:
	answer = {"value": value, "fieldtype": fieldtype}
	if fieldtype == "Currency":
		answer["currency"] = company_currency()
	if route:
		answer.update(route=route, route_options=route_options or {})
	return answer


def aggregate(doctype: str, expression: str, filters: list) -> float:
	rows = frappe.get_list(doctype, filters=filters, fields=[f"{expression} as value"], order_by=None)
	return flt(rows[0].value) if rows else 0


@frappe.whitelist()
@frappe.read_only()
def revenue_this_month(filters: str | dict | list | None = None) -> dict:
	"""Net revenue (company currency) of the invoices posted this month, credit notes negative."""
	today = nowdate()
	value = aggregate(
		"Sales Invoice",
		"sum(base_net_total)",
		[
			["Sales Invoice", "docstatus", "=", 1],
			["Sales Invoice", "posting_date", "between", [get_first_day(today), get_last_day(today)]],
		],
	)
	return card(value, "Currency", ["query-report", "Sales Analytics"])


@frappe.whitelist()
@frappe.read_only()
def open_orders(filters: str | dict | list | None = None) -> dict:
	value = aggregate(
		"Sales Order",
		"count(*)",
		[["Sales Order", "docstatus", "=", 1], ["Sales Order", "status", "in", OPEN_ORDER_STATUSES]],
	)
	return card(int(value), "Int", ["List", "Sales Order"], {"status": ["in", OPEN_ORDER_STATUSES]})


def overdue_order_filters() -> list:
	return [
		["Sales Order", "docstatus", "=", 1],
		["Sales Order", "status", "in", ("To Deliver and Bill", "To Deliver")],
		["Sales Order", "delivery_date", "<", nowdate()],
		["Sales Order", "per_delivered", "<", 100],
	]


@frappe.whitelist()
@frappe.read_only()
def orders_overdue_for_delivery(filters: str | dict | list | None = None) -> dict:
	value = aggregate("Sales Order", "count(*)", overdue_order_filters())
	return card(int(value), "Int", ["query-report", "Sales Order Analysis"])


@frappe.whitelist()
@frappe.read_only()
def overdue_invoices(filters: str | dict | list | None = None) -> dict:
	value = aggregate(
		"Sales Invoice",
		"count(*)",
		[["Sales Invoice", "docstatus", "=", 1], ["Sales Invoice", "status", "=", "Overdue"]],
	)
	return card(int(value), "Int", ["List", "Sales Invoice"], {"status": "Overdue"})


@frappe.whitelist()
@frappe.read_only()
def total_receivable(filters: str | dict | list | None = None) -> dict:
	"""What customers owe today (company currency), credit notes that owe them netted off."""
	value = aggregate(
		"Sales Invoice",
		"sum(outstanding_amount * conversion_rate)",
		[["Sales Invoice", "docstatus", "=", 1], ["Sales Invoice", "outstanding_amount", "!=", 0]],
	)
	return card(value, "Currency", ["query-report", "Accounts Receivable"])


def customer_summary(customer: str) -> dict:
	"""The Customer form's dashboard: billed this year, outstanding, overdue, last order date and open
	orders, each shown only to a user who may read the documents behind it."""
	today = nowdate()
	summary = {"currency": company_currency()}
	if frappe.has_permission("Sales Invoice", "read"):
		invoices = [["Sales Invoice", "docstatus", "=", 1], ["Sales Invoice", "customer", "=", customer]]
		summary["billed_this_year"] = aggregate(
			"Sales Invoice",
			"sum(base_net_total)",
			[*invoices, ["Sales Invoice", "posting_date", "between", [f"{today[:4]}-01-01", today]]],
		)
		summary["outstanding"] = aggregate(
			"Sales Invoice", "sum(outstanding_amount * conversion_rate)", invoices
		)
		summary["overdue"] = aggregate(
			"Sales Invoice",
			"sum(outstanding_amount * conversion_rate)",
			[*invoices, ["Sales Invoice", "status", "=", "Overdue"]],
		)
	if frappe.has_permission("Sales Order", "read"):
		orders = [["Sales Order", "docstatus", "=", 1], ["Sales Order", "customer", "=", customer]]
		last = frappe.get_list(
			"Sales Order", filters=orders, fields=["max(transaction_date) as day"], order_by=None
		)
		summary["last_order_date"] = last[0].day if last else None
		summary["open_orders"] = int(
			aggregate(
				"Sales Order", "count(*)", [*orders, ["Sales Order", "status", "in", OPEN_ORDER_STATUSES]]
			)
		)
	if frappe.has_permission("Sales Invoice", "read") and frappe.has_permission("Sales Order", "read"):
		# what the credit limit is checked against: outstanding, unbilled orders and deliveries
		summary["credit_limit"] = get_credit_limit(customer)
		parts = exposure_by_customer([customer]).get(customer, {})
		summary["credit_exposure"] = flt(sum(parts.values()))
	return summary


def plan_achievement_card(window_start, window_end) -> dict:
	target, achieved = sales_plans.plan_achievement(window_start, window_end)
	percent = variance(target, achieved).achievement_percent
	return card(flt(percent), "Percent", ["List", "Sales Plan"], {"docstatus": 1})


@frappe.whitelist()
@frappe.read_only()
def plan_achievement_this_month(filters: str | dict | list | None = None) -> dict:
	"""What the submitted sales plans achieved this month, in % of their targets for the month."""
	today = nowdate()
	return plan_achievement_card(get_first_day(today), get_last_day(today))


@frappe.whitelist()
@frappe.read_only()
def plan_achievement_this_year(filters: str | dict | list | None = None) -> dict:
	"""What the submitted sales plans achieved so far this fiscal year, in % of the year's targets."""
	year = fiscal_year_of(nowdate())
	return plan_achievement_card(year.year_start_date, year.year_end_date)
