import frappe

from sales_module.controllers.recompute import recompute

BATCH = 500


def execute():
	"""Order lines store the stock quantity billed (read by Sales Order Analysis): recomputed once for
	the submitted orders made before, by the one mechanism that keeps it afterwards."""
	orders = frappe.get_all("Sales Order", filters={"docstatus": 1}, pluck="name", order_by="name")
	for start in range(0, len(orders), BATCH):
		recompute("Sales Order", orders[start : start + BATCH])
		frappe.db.commit()
