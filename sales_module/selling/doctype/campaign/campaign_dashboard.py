from frappe import _


def get_data():
	"""The Campaign form's connections: the documents made under it and its pricing rules."""
	return {
		"fieldname": "campaign",
		"transactions": [
			{"label": _("Sales"), "items": ["Quotation", "Sales Order", "Delivery Note", "Sales Invoice"]},
			{"label": _("Pricing"), "items": ["Pricing Rule"]},
		],
	}
