"""The app's lean load, defaults, link checks and versions behave as Frappe's own."""

import json

import frappe
from frappe.core.doctype.version.version import get_diff
from frappe.tests.utils import FrappeTestCase

from sales_module.tests.utils import make_selling_masters, selling_doc


class TestDocumentIO(FrappeTestCase):
	def setUp(self):
		make_selling_masters()

	def order(self):
		return selling_doc(
			"Sales Order", [{"item_code": "_Test Widget", "qty": 2}, {"item_code": "_Test Service", "qty": 1}]
		).insert()

	def test_a_reload_reads_what_frappe_reads(self):
		order = self.order()
		ours = frappe.get_doc("Sales Order", order.name)
		table = frappe.qb.DocType("Sales Order")
		stored = frappe.qb.from_(table).select("*").where(table.name == order.name).run(as_dict=True)[0]
		for fieldname, value in stored.items():
			self.assertEqual(ours.get(fieldname), value, fieldname)
		self.assertEqual([row.name for row in ours.items], [row.name for row in order.items], "idx order")
		self.assertEqual([row.parent for row in ours.items], [order.name] * 2)
		self.assertEqual(len(ours.payment_schedule), len(order.payment_schedule))

	def test_a_submit_writes_the_version_frappe_would_write(self):
		order = self.order()
		stored = frappe.get_doc("Sales Order", order.name)
		order.docstatus = 1
		order.save(ignore_version=False)
		versions = frappe.get_all(
			"Version",
			filters={"ref_doctype": "Sales Order", "docname": order.name},
			fields=["name", "data", "owner", "creation"],
		)
		self.assertEqual(len(versions), 1)
		self.assertEqual(versions[0].owner, frappe.session.user)
		self.assertEqual(json.loads(versions[0].data), json.loads(frappe.as_json(get_diff(stored, order))))
		self.assertIn("docstatus", json.dumps(json.loads(versions[0].data)["changed"]))

	def test_an_unknown_link_is_refused_by_name(self):
		order = selling_doc(
			"Sales Order", [{"item_code": "_Test Widget", "qty": 1, "warehouse": "_Test Nowhere"}]
		)
		with self.assertRaisesRegex(frappe.LinkValidationError, "Row #1: .*_Test Nowhere"):
			order.insert()
		order = selling_doc(
			"Sales Order", [{"item_code": "_Test Widget", "qty": 1}], selling_price_list="_Test None"
		)
		with self.assertRaisesRegex(frappe.LinkValidationError, "_Test None"):
			order.insert()

	def test_a_link_keeps_the_stored_spelling(self):
		order = selling_doc("Sales Order", [{"item_code": "_test widget", "qty": 1}]).insert()
		self.assertEqual(order.items[0].item_code, "_Test Widget")
