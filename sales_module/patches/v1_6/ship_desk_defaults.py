import frappe

from sales_module.install import DEFAULT_QUOTATION_VALIDITY_DAYS, create_quotation_lost_reasons


def execute():
	"""Sites made before the desk defaults get the common lost reasons and a quotation validity."""
	frappe.reload_doc("selling", "doctype", "selling_settings")
	create_quotation_lost_reasons()
	singles = frappe.qb.Table("tabSingles")
	stored = (
		frappe.qb.from_(singles)
		.select(singles.value)
		.where((singles.doctype == "Selling Settings") & (singles.field == "default_valid_till"))
		.run()
	)
	if not stored:
		frappe.db.set_single_value("Selling Settings", "default_valid_till", DEFAULT_QUOTATION_VALIDITY_DAYS)
