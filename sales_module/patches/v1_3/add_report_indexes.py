from sales_module.utils.report_indexes import REPORT_INDEXES, add_report_indexes


def execute():
	"""Sites installed before the reports get the composite indexes the reports read through."""
	for doctype in REPORT_INDEXES:
		add_report_indexes(doctype)
