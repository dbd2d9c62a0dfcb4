from frappe import _


def get_data():
	"""The Sales Person form's connections, through the sales team tables of customers and documents."""
	return {
		"fieldname": "sales_person",
		"transactions": [
			{"label": _("Customers"), "items": ["Customer"]},
			{"label": _("Sales"), "items": ["Quotation", "Sales Order", "Delivery Note", "Sales Invoice"]},
		],
	}
