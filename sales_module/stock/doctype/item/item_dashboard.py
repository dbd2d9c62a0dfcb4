from frappe import _


def get_data():
	"""The Item form's connections: prices, the selling documents with a line of it, and its stock."""
	return {
		"fieldname": "item_code",
		"non_standard_fieldnames": {"Product Bundle": "new_item_code"},
		"transactions": [
			{"label": _("Pricing"), "items": ["Item Price", "Pricing Rule", "Product Bundle"]},
			{"label": _("Sell"), "items": ["Quotation", "Sales Order", "Delivery Note", "Sales Invoice"]},
			{"label": _("Stock"), "items": ["Stock Entry", "Bin", "Stock Ledger Entry"]},
		],
	}
