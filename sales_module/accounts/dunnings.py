"""Dunnings follow the invoices they remind of: resolved once every reminded schedule row is paid."""

import frappe
from frappe.utils import flt


def get_default_dunning_type() -> str | None:
	return frappe.db.get_value("Dunning Type", {"is_default": 1}, "name")


def refresh_dunning_status(names: list[str]):
	"""Resolved once every reminded schedule row is paid; Unresolved again if a payment is cancelled."""
	for name in names:
		dunning = frappe.get_doc("Dunning", name)
		if dunning.docstatus != 1:
			continue
		outstanding = frappe.get_all(
			"Payment Schedule",
			filters={"name": ("in", [row.payment_schedule for row in dunning.overdue_payments])},
			pluck="outstanding",
		)
		status = "Resolved" if all(flt(value) <= 0 for value in outstanding) else "Unresolved"
		if status != dunning.status:
			dunning.db_set("status", status, update_modified=False)


def refresh_dunnings_of_invoices(invoices: list[str]):
	names = frappe.get_all(
		"Overdue Payment",
		filters={"sales_invoice": ("in", invoices), "parenttype": "Dunning"},
		pluck="parent",
		distinct=True,
	)
	refresh_dunning_status(names)
