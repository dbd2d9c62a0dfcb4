"""The patch that moves a site made before the business-area modules."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.patches.v1_1 import move_doctypes_to_business_modules as patch


class TestMoveToBusinessModules(FrappeTestCase):
	def test_an_old_site_ends_with_every_record_in_its_new_module(self):
		# the state a site made before the move is in
		if not frappe.db.exists("Module Def", patch.OLD_MODULE):
			frappe.get_doc(
				{"doctype": "Module Def", "module_name": patch.OLD_MODULE, "app_name": "sales_module"}
			).insert(ignore_permissions=True)
		for doctype in ("Sales Order", "Item", "Sales Invoice", "Territory", "Blanket Order"):
			frappe.db.set_value("DocType", doctype, "module", patch.OLD_MODULE, update_modified=False)
		frappe.db.set_value("Report", "Stock Balance", "module", patch.OLD_MODULE, update_modified=False)
		# (a property setter: a custom field would alter the table, and that commits)
		setter = frappe.get_doc(
			{
				"doctype": "Property Setter",
				"doc_type": "Sales Invoice",
				"doctype_or_field": "DocField",
				"field_name": "customer",
				"property": "bold",
				"property_type": "Check",
				"value": "1",
				"module": patch.OLD_MODULE,
			}
		).insert(ignore_permissions=True)

		patch.execute()

		modules = dict(
			frappe.get_all(
				"DocType",
				filters={
					"name": ("in", ["Sales Order", "Item", "Sales Invoice", "Territory", "Blanket Order"])
				},
				fields=["name", "module"],
				as_list=True,
			)
		)
		self.assertEqual(
			modules,
			{
				"Sales Order": "Selling",
				"Blanket Order": "Selling",
				"Item": "Stock",
				"Sales Invoice": "Accounts",
				"Territory": "Setup",
			},
		)
		self.assertEqual(frappe.db.get_value("Report", "Stock Balance", "module"), "Stock")
		self.assertEqual(frappe.db.get_value("Property Setter", setter.name, "module"), "Accounts")
		self.assertFalse(frappe.db.exists("Module Def", patch.OLD_MODULE))
		self.assertEqual(
			set(frappe.get_all("Module Def", filters={"app_name": "sales_module"}, pluck="name")),
			{"Selling", "Stock", "Accounts", "Setup"},
		)
		# running it again changes nothing
		patch.execute()
		self.assertEqual(frappe.db.get_value("DocType", "Item", "module"), "Stock")
