"""Orders against blanket orders: agreed rate, remaining quantity, ordered_qty from submitted orders."""

import frappe
from frappe import _
from frappe.utils import getdate

from sales_module.exceptions import BlanketOrderError


def validate_blanket_order_lines(order):
	"""Lines against a blanket order take its rate and must fit its customer, dates and items."""
	names = {row.blanket_order for row in order.items if row.blanket_order}
	if not names:
		return
	headers = {
		row.name: row
		for row in frappe.get_all(
			"Blanket Order",
			filters={"name": ("in", list(names))},
			fields=["name", "customer", "from_date", "to_date", "docstatus", "status"],
		)
	}
	lines = {
		(row.parent, row.item_code): row
		for row in frappe.get_all(
			"Blanket Order Item",
			filters={"parent": ("in", list(names)), "parenttype": "Blanket Order"},
			fields=["parent", "item_code", "qty", "rate", "ordered_qty"],
		)
	}
	for row in order.items:
		if not row.blanket_order:
			continue
		header = headers.get(row.blanket_order)
		problem = blanket_problem(order, row, header, lines.get((row.blanket_order, row.item_code)))
		if problem:
			frappe.throw(
				_("Row {0}: {1}").format(row.idx, problem), BlanketOrderError, title=_("Blanket Order")
			)
		agreed = lines[(row.blanket_order, row.item_code)]
		row.blanket_order_rate = agreed.rate
		row.rate = agreed.rate


def blanket_problem(order, row, header, line) -> str | None:
	if not header or header.docstatus != 1:
		return _("Blanket Order {0} is not submitted").format(row.blanket_order)
	if header.status == "Closed":
		return _("Blanket Order {0} is closed").format(row.blanket_order)
	if header.customer != order.customer:
		return _("Blanket Order {0} belongs to Customer {1}").format(row.blanket_order, header.customer)
	day = getdate(order.transaction_date)
	if not getdate(header.from_date) <= day <= getdate(header.to_date):
		return _("the order date is outside Blanket Order {0}'s period {1} to {2}").format(
			row.blanket_order, frappe.format(header.from_date, "Date"), frappe.format(header.to_date, "Date")
		)
	if not line:
		return _("Item {0} is not on Blanket Order {1}").format(row.item_code, row.blanket_order)
	return None
