import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.tests.utils import make_customer, make_user

SALES_USER = "sales.user@sales-module.test"
STOCK_USER = "stock.user@sales-module.test"


class TestPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(SALES_USER, ["Sales User"])
		make_user(STOCK_USER, ["Stock User"])

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_sales_user_works_customers_but_not_masters_or_settings(self):
		customer = make_customer("_Test Permission Customer")
		frappe.set_user(SALES_USER)
		self.assertTrue(frappe.has_permission("Customer", "read", customer.name))
		self.assertTrue(frappe.has_permission("Customer", "create"))
		self.assertFalse(frappe.has_permission("Customer", "delete", customer.name))
		self.assertTrue(frappe.has_permission("Item", "read"))
		self.assertFalse(frappe.has_permission("Item", "create"))
		self.assertFalse(frappe.has_permission("Price List", "write"))
		self.assertFalse(frappe.has_permission("Selling Settings", "write"))
		self.assertTrue(frappe.has_permission("Selling Settings", "read"))

	def test_sales_user_cannot_insert_an_item(self):
		frappe.set_user(SALES_USER)
		item = frappe.get_doc(
			{"doctype": "Item", "item_code": "_Test Forbidden Item", "item_group": "Products"}
		)
		with self.assertRaises(frappe.PermissionError):
			item.insert()
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Item", "_Test Forbidden Item"))

	def test_stock_user_keeps_items_but_reads_customers_only(self):
		frappe.set_user(STOCK_USER)
		self.assertTrue(frappe.has_permission("Item", "create"))
		self.assertTrue(frappe.has_permission("Warehouse", "write"))
		self.assertTrue(frappe.has_permission("Customer", "read"))
		self.assertFalse(frappe.has_permission("Customer", "write"))
