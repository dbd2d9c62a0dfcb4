# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from frappe.tests.utils import FrappeTestCase

from sales_module.tests.utils import TreeBehaviour


class TestWarehouse(TreeBehaviour, FrappeTestCase):
	doctype = "Warehouse"
