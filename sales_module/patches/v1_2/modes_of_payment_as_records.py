import frappe

from sales_module.install import create_modes_of_payment


def execute():
	"""Mode of Payment became a Link: every value that Payment Entries already hold gets its record, so
	they stay valid (the Select offered Cheque and Other besides the defaults)."""
	entry = frappe.qb.DocType("Payment Entry")
	in_use = (
		frappe.qb.from_(entry)
		.select(entry.mode_of_payment)
		.distinct()
		.where(entry.mode_of_payment.isnotnull() & (entry.mode_of_payment != ""))
		.run(pluck=True)
	)
	create_modes_of_payment(extra=tuple(in_use))
