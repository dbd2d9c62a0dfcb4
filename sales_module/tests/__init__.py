import frappe


def before_tests():
	"""Bring a fresh test site to a state where the app's tests can run."""
	frappe.clear_cache()
	if not int(frappe.db.get_single_value("System Settings", "setup_complete") or 0):
		from frappe.utils.install import complete_setup_wizard

		complete_setup_wizard()
	from sales_module.install import create_default_records

	create_default_records()
	frappe.db.commit()
