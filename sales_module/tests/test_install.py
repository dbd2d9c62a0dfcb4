from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module import install

TREES = ("Customer Group", "Territory", "Item Group", "Sales Person", "Warehouse")
COUNTED = ("Role", "UOM", "Price List", *TREES)


class TestInstall(FrappeTestCase):
	def count_records(self) -> dict[str, int]:
		return {doctype: frappe.db.count(doctype) for doctype in COUNTED}

	def test_default_records_are_created_once(self):
		before = self.count_records()
		install.create_default_records()
		install.after_migrate()
		self.assertEqual(self.count_records(), before)
		for doctype, _name_field, name, *_ in install.DEFAULT_TREE_RECORDS:
			self.assertTrue(frappe.db.exists(doctype, name), name)
		for uom, _whole in install.DEFAULT_UOMS:
			self.assertTrue(frappe.db.exists("UOM", uom), uom)

	def test_each_tree_has_one_root(self):
		for doctype in TREES:
			parent_field = frappe.get_meta(doctype).nsm_parent_field
			roots = frappe.get_all(doctype, filters={parent_field: ("is", "not set")}, pluck="name")
			self.assertEqual(len(roots), 1, doctype)

	def test_roles_exist(self):
		for role in install.SALES_ROLES:
			self.assertTrue(frappe.db.exists("Role", role), role)
		# the portal's customers are website users: their role gives no desk access
		for role in install.PORTAL_ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 0, role)

	def test_refuses_a_site_with_erpnext(self):
		# the refusal is translated: the translations are merged once before the installed apps are
		# pretended to include ERPNext, whose catalogue does not exist here
		frappe.translate.get_all_translations(frappe.local.lang)
		with patch.object(frappe, "get_installed_apps", return_value=["frappe", "erpnext"]):
			with self.assertRaises(frappe.IncompatibleApp) as raised:
				install.before_install()
		self.assertIn("ERPNext", str(raised.exception))
		with patch.object(frappe, "get_installed_apps", return_value=["frappe"]):
			install.refuse_site_with_erpnext()

	def test_a_default_address_template_exists(self):
		self.assertTrue(frappe.db.exists("Address Template", {"is_default": 1}))

	def test_every_sales_role_may_read_currencies(self):
		from sales_module.tests.utils import make_user

		install.grant_currency_read()
		install.grant_currency_read()  # a second run adds nothing
		for role in install.CURRENCY_READERS:
			rows = frappe.get_all(
				"Custom DocPerm", filters={"parent": "Currency", "role": role}, pluck="read"
			)
			self.assertEqual(rows, [1], role)
		# the roles Frappe already lets read keep it, the others may now
		for role in ("Sales User", "Accounts User", *install.CURRENCY_READERS):
			user = make_user(f"_test_currency_{frappe.scrub(role)}@example.com", [role]).name
			self.assertTrue(frappe.has_permission("Currency", "read", user=user), role)
