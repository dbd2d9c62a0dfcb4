# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.tests.utils import make_item


class TestBrand(FrappeTestCase):
	def test_items_link_to_a_brand_and_block_its_deletion(self):
		brand = frappe.get_doc({"doctype": "Brand", "brand": "_Test Brand"}).insert()
		make_item("_Test Branded Item", brand=brand.name)
		with self.assertRaises(frappe.LinkExistsError):
			frappe.delete_doc("Brand", brand.name)
