from frappe import _


def get_data():
	"""The Territory form's connections: its customers, partners and documents."""
	return {
		"fieldname": "territory",
		"transactions": [
			{"label": _("Parties"), "items": ["Customer", "Sales Partner"]},
			{"label": _("Sales"), "items": ["Quotation", "Sales Order", "Delivery Note", "Sales Invoice"]},
			{"label": _("Pricing"), "items": ["Pricing Rule"]},
		],
	}
