"""What follows an invoice's outstanding amount: its payment schedule and its status."""

import frappe
from frappe.utils import flt

from sales_module.controllers.statuses import invoice_payable
from sales_module.utils.currency import currency_precision


def settle_schedules(invoices: list[str]):
	"""Spread what was paid or credited over each invoice's schedule rows in due order, then set the
	invoice's status (which reads the schedule: overdue rows)."""
	for name in invoices:
		invoice = frappe.get_doc("Sales Invoice", name)
		if not invoice.is_return:
			settle_schedule(invoice, invoice_payable(invoice) - flt(invoice.outstanding_amount))
		invoice.set_status(update=True)


def settle_schedule(invoice, settled: float):
	precision = currency_precision(invoice.currency)
	remaining = settled
	for row in sorted(invoice.payment_schedule, key=lambda row: (row.due_date, row.idx)):
		paid = min(flt(row.payment_amount), max(remaining, 0))
		remaining -= paid
		values = {
			"paid_amount": flt(paid, precision),
			"outstanding": flt(flt(row.payment_amount) - paid, precision),
		}
		if any(flt(row.get(field)) != value for field, value in values.items()):
			frappe.db.set_value("Payment Schedule", row.name, values, update_modified=False)
		row.update(values)
