from sales_module.utils.report_indexes import add_report_indexes


def execute():
	"""Sites made before get the Sales Invoice index Sales Order Analysis reads deliveries through."""
	add_report_indexes("Sales Invoice")
