import frappe

from sales_module.install import MAX_DISCOUNT_OVERRIDE_ROLE


def execute():
	"""Sites made before the setting keep who could give discounts above an item's Max Discount."""
	frappe.reload_doc("selling", "doctype", "selling_settings")
	singles = frappe.qb.Table("tabSingles")
	stored = (
		frappe.qb.from_(singles)
		.select(singles.value)
		.where(
			(singles.doctype == "Selling Settings")
			& (singles.field == "role_allowed_to_override_max_discount")
		)
		.run()
	)
	if not stored:
		frappe.db.set_single_value(
			"Selling Settings", "role_allowed_to_override_max_discount", MAX_DISCOUNT_OVERRIDE_ROLE
		)
