from frappe import _


def get_data():
	"""The Customer form's connections: every document made for the customer."""
	return {
		"fieldname": "customer",
		"non_standard_fieldnames": {"Quotation": "party_name", "Payment Entry": "party"},
		"transactions": [
			{"label": _("Pre Sales"), "items": ["Quotation", "Blanket Order"]},
			{"label": _("Orders"), "items": ["Sales Order", "Delivery Note", "Sales Invoice"]},
			{"label": _("Payments"), "items": ["Payment Entry", "Dunning"]},
			{"label": _("Pricing"), "items": ["Item Price", "Pricing Rule", "Coupon Code"]},
		],
	}
