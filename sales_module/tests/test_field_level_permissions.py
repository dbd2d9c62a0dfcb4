"""Field-level rules over REST: only a Sales Manager (the role Selling Settings name) gives a discount above
an item's Max Discount (a Sales User keeps and carries one already given, never raises it); a submitted document's figures cannot be
changed through frappe.client.set_value, frappe.client.bulk_update or the list's bulk edit."""

from unittest.mock import patch

import frappe
from frappe.utils import add_days, nowdate

from sales_module.tests.rest import RestClient, RestTestCase, remove_documents
from sales_module.tests.utils import make_customer_once, make_item, make_item_price, make_user

ITEM = "_Test FL Capped Item"  # priced 100, at most 10 % off
CUSTOMER = "_Test FL Customer"
SALES_USER = "fl.sales.user@sales-module.test"
SALES_MANAGER = "fl.sales.manager@sales-module.test"


def order(rate: float, qty: float = 1) -> dict:
	return {
		"customer": CUSTOMER,
		"delivery_date": add_days(nowdate(), 7),
		"items": [{"item_code": ITEM, "qty": qty, "rate": rate, "warehouse": "Stores"}],
	}


class TestFieldLevelPermissions(RestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_item(ITEM, is_stock_item=0, max_discount=10)
		frappe.db.set_value("Item", ITEM, "max_discount", 10)
		if not frappe.db.exists("Item Price", {"item_code": ITEM, "price_list": "Standard Selling"}):
			make_item_price(ITEM, 100)
		make_customer_once(CUSTOMER)
		make_user(SALES_USER, ["Sales User"])
		make_user(SALES_MANAGER, ["Sales Manager"])
		frappe.db.commit()
		cls.user, cls.manager = RestClient(SALES_USER), RestClient(SALES_MANAGER)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		remove_documents(
			[
				(doctype, name)
				for doctype in ("Sales Order", "Delivery Note")
				for name in frappe.get_all(
					doctype, filters={"customer": CUSTOMER}, pluck="name", order_by="creation"
				)
			]
		)
		super().tearDownClass()

	def stored_line(self, doctype: str, name: str) -> tuple:
		frappe.db.commit()
		return frappe.db.get_value(f"{doctype} Item", {"parent": name}, ["rate", "discount_percentage"])

	def orders(self) -> int:
		frappe.db.commit()
		return frappe.db.count("Sales Order", {"customer": CUSTOMER})

	def test_only_a_sales_manager_gives_more_than_the_max_discount(self):
		before = self.orders()
		refused = self.user.insert("Sales Order", order(80))
		self.assertEqual((refused.status, refused.json.get("exc_type")), (417, "MaxDiscountError"))
		self.assertEqual(self.orders(), before)

		within = self.user.insert("Sales Order", order(95))
		self.assertEqual(within.status, 200, within.why())
		self.assertEqual(within.json["data"]["items"][0]["discount_percentage"], 5)

		given = self.manager.insert("Sales Order", order(80))
		self.assertEqual(given.status, 200, given.why())
		name = given.json["data"]["name"]
		self.assertEqual(self.stored_line("Sales Order", name), (80, 20))

		# the Sales User saves the manager's draft: the discount stays
		kept = self.user.update("Sales Order", name, {"po_no": "PO-FL-1"})
		self.assertEqual(kept.status, 200, kept.why())
		self.assertEqual(self.stored_line("Sales Order", name), (80, 20))
		# ... but cannot raise it
		line = dict(kept.json["data"]["items"][0], rate=70)
		raised = self.user.update("Sales Order", name, {"items": [line]})
		self.assertEqual((raised.status, raised.json.get("exc_type")), (417, "MaxDiscountError"))
		self.assertEqual(self.stored_line("Sales Order", name), (80, 20))

		# submitted, the order's discount is carried by the delivery the Sales User makes from it
		doc = frappe.get_doc("Sales Order", name).as_dict()
		self.assertEqual(self.manager.call("frappe.client.submit", doc=doc).status, 200)
		mapped = self.user.call(
			"sales_module.selling.doctype.sales_order.sales_order.make_delivery_note", source_name=name
		)
		self.assertEqual(mapped.status, 200, mapped.why())
		note = self.user.insert("Delivery Note", {**mapped.message, "docstatus": 1})
		self.assertEqual(note.status, 200, note.why())
		self.assertEqual(self.stored_line("Delivery Note", note.json["data"]["name"]), (80, 20))

		# Update Items by the Sales User cannot raise it either
		row = frappe.db.get_value("Sales Order Item", {"parent": name}, "name")
		update = self.user.call(
			"erpnext.controllers.accounts_controller.update_child_qty_rate",
			parent_doctype="Sales Order",
			parent_doctype_name=name,
			trans_items=[{"docname": row, "item_code": ITEM, "qty": 2, "rate": 70}],
		)
		self.assertEqual((update.status, update.json.get("exc_type")), (417, "MaxDiscountError"))
		self.assertEqual(self.stored_line("Sales Order", name), (80, 20))
		update = self.manager.call(
			"erpnext.controllers.accounts_controller.update_child_qty_rate",
			parent_doctype="Sales Order",
			parent_doctype_name=name,
			trans_items=[{"docname": row, "item_code": ITEM, "qty": 2, "rate": 70}],
		)
		self.assertEqual(update.status, 200, update.why())
		self.assertEqual(self.stored_line("Sales Order", name), (70, 30))

	def test_selling_settings_name_the_role_that_gives_more(self):
		setting = ("Selling Settings", "role_allowed_to_override_max_discount")
		self.assertEqual(frappe.db.get_single_value(*setting), "Sales Manager")  # the default
		try:
			frappe.db.set_single_value(*setting, "Sales User")
			frappe.db.commit()
			given = self.user.insert("Sales Order", order(80))
			self.assertEqual(given.status, 200, given.why())
			self.assertEqual(given.json["data"]["items"][0]["discount_percentage"], 20)

			# nobody but a System Manager, as in ERPNext
			frappe.db.set_single_value(*setting, None)
			frappe.db.commit()
			before = self.orders()
			refused = self.manager.insert("Sales Order", order(80))
			self.assertEqual((refused.status, refused.json.get("exc_type")), (417, "MaxDiscountError"))
			self.assertEqual(self.orders(), before)
		finally:
			frappe.db.set_single_value(*setting, "Sales Manager")
			frappe.db.commit()

	def test_submitted_figures_do_not_change_through_set_value_or_bulk_edits(self):
		given = self.manager.insert("Sales Order", {**order(90, qty=3), "docstatus": 1})
		self.assertEqual(given.status, 200, given.why())
		name = given.json["data"]["name"]
		row = given.json["data"]["items"][0]["name"]
		figures = ["grand_total", "net_total", "total_qty", "discount_amount", "total_taxes_and_charges"]

		def stored():
			frappe.db.commit()
			return (
				frappe.db.get_value("Sales Order", name, figures),
				frappe.db.get_value(
					"Sales Order Item", row, ["qty", "rate", "amount", "discount_percentage"]
				),
			)

		before = stored()
		self.assertEqual(before[1], (3, 90, 270, 10))
		attempts = [
			(
				"frappe.client.set_value",
				{"doctype": "Sales Order", "name": name, "fieldname": "grand_total", "value": 1},
			),
			(
				"frappe.client.set_value",
				{"doctype": "Sales Order", "name": name, "fieldname": {"discount_amount": 50}},
			),
			(
				"frappe.client.set_value",
				{"doctype": "Sales Order Item", "name": row, "fieldname": "rate", "value": 1},
			),
			(
				"frappe.client.set_value",
				{"doctype": "Sales Order Item", "name": row, "fieldname": "qty", "value": 30},
			),
		]
		for user in (self.user, self.manager):
			for method, args in attempts:
				with self.subTest(user=user.user, method=method, args=args):
					answer = user.call(method, **args)
					self.assertEqual(answer.json.get("exc_type"), "UpdateAfterSubmitError", answer.why())
					self.assertEqual(stored(), before)
			bulk = user.call(
				"frappe.client.bulk_update",
				docs=frappe.as_json(
					[{"doctype": "Sales Order", "docname": name, "grand_total": 1, "net_total": 1}]
				),
			)
			self.assertEqual(len(bulk.message["failed_docs"]), 1, bulk.why())
			self.assertEqual(stored(), before)
			listed = user.call(
				"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
				doctype="Sales Order",
				docnames=[name],
				action="update",
				data={"total_qty": 99},
			)
			self.assertEqual(listed.message, [name], listed.why())  # the names that failed
			self.assertEqual(stored(), before)
		# what may change after submit does (the customer's PO number)
		allowed = self.user.call(
			"frappe.client.set_value", doctype="Sales Order", name=name, fieldname="po_no", value="PO-LATE"
		)
		self.assertEqual(allowed.status, 200, allowed.why())
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value("Sales Order", name, "po_no"), "PO-LATE")
		self.assertEqual(stored(), before)
