from frappe import _


def get_data():
	"""The Sales Partner form's connections: the customers it brings and the documents it earns on."""
	return {
		"fieldname": "sales_partner",
		"non_standard_fieldnames": {"Customer": "default_sales_partner"},
		"transactions": [
			{"label": _("Customers"), "items": ["Customer"]},
			{"label": _("Sales"), "items": ["Quotation", "Sales Order", "Delivery Note", "Sales Invoice"]},
			{"label": _("Pricing"), "items": ["Pricing Rule"]},
		],
	}
