"""The app's whitelisted methods check permission on what they touch, over REST (`row_world`): every mapper
and action refuses a source the user may not read, the desk's recalculation and the pricing API (ours and
ERPNext's paths) give no rate from a price list the user may not read, and document methods called with a
draft the caller wrote refuse a customer the user may not read. Refusals are HTTP 403 and tell nothing of
the document refused."""

import json
from unittest.mock import patch

import frappe
from frappe.utils import add_days, nowdate

from sales_module.tests.row_world import NORTH, RATES, SOUTH, STANDARD_PRICES, RowWorldTestCase, south_markers

# method -> (the argument naming the source, the source's key in RowWorld.docs)
SOURCE_METHODS = {
	"sales_module.selling.doctype.quotation.quotation.make_sales_order": ("source_name", "Quotation"),
	"sales_module.selling.doctype.quotation.quotation.make_sales_invoice": ("source_name", "Quotation"),
	"sales_module.selling.doctype.sales_order.sales_order.make_delivery_note": ("source_name", "Sales Order"),
	"sales_module.selling.doctype.sales_order.sales_order.make_sales_invoice": ("source_name", "Sales Order"),
	"sales_module.selling.doctype.sales_order.sales_order.make_payment_entry": ("source_name", "Sales Order"),
	"sales_module.selling.doctype.sales_order.sales_order.get_delivery_history": (
		"sales_order",
		"Sales Order",
	),
	"sales_module.stock.doctype.delivery_note.delivery_note.make_sales_invoice": (
		"source_name",
		"Delivery Note",
	),
	"sales_module.stock.doctype.delivery_note.delivery_note.make_sales_return": (
		"source_name",
		"Delivery Note",
	),
	"sales_module.accounts.doctype.sales_invoice.sales_invoice.make_sales_return": (
		"source_name",
		"Sales Invoice",
	),
	"sales_module.accounts.doctype.sales_invoice.sales_invoice.make_payment_entry": (
		"source_name",
		"Overdue Invoice",
	),
	"sales_module.accounts.doctype.dunning.dunning.create_dunning": ("source_name", "Overdue Invoice"),
	"sales_module.selling.doctype.blanket_order.blanket_order.make_sales_order": (
		"source_name",
		"Blanket Order",
	),
	"sales_module.selling.doctype.blanket_order.blanket_order.make_quotation": (
		"source_name",
		"Blanket Order",
	),
	# ERPNext's paths
	"erpnext.selling.doctype.quotation.quotation.make_sales_order": ("source_name", "Quotation"),
	"erpnext.stock.doctype.delivery_note.delivery_note.make_sales_invoice": ("source_name", "Delivery Note"),
	"erpnext.accounts.doctype.sales_invoice.sales_invoice.create_dunning": ("source_name", "Overdue Invoice"),
	"erpnext.manufacturing.doctype.blanket_order.blanket_order.make_order": ("source_name", "Blanket Order"),
}
PRICE_PATHS = (
	"sales_module.api.pricing.get_item_details",
	"erpnext.stock.get_item_details.get_item_details",
	"erpnext.accounts.doctype.pricing_rule.pricing_rule.apply_pricing_rule",
	"sales_module.api.pricing.get_items_details",
)


def leaks(response, sent: str = "") -> list[str]:
	"""South's markers in the answer, beyond the name the caller sent (a refusal may name what it refuses)."""
	text = frappe.as_json(response.json).replace(sent, "") if sent else frappe.as_json(response.json)
	return [marker for marker in south_markers() if marker in text]


def price_call(path: str, price_list: str) -> dict:
	"""The arguments of each pricing path for one line of North's Widget in `price_list`."""
	line = {"item_code": NORTH.item, "qty": 1}
	if path.endswith("apply_pricing_rule"):
		return {"args": {"items": [line], "customer": NORTH.customer, "price_list": price_list}}
	if path.startswith("erpnext."):
		return {"args": {**line, "customer": NORTH.customer, "price_list": price_list}}
	if path.endswith("get_items_details"):
		return {"items": [line], "customer": NORTH.customer, "price_list": price_list}
	return {**line, "customer": NORTH.customer, "price_list": price_list}


def price_list_rate(path: str, message) -> float:
	if path.endswith("apply_pricing_rule"):
		return message[0]["price_list_rate"]
	if path.endswith("get_items_details"):
		return message["items"][0]["price_list_rate"]
	return message["price_list_rate"]


class TestWhitelistedPermissions(RowWorldTestCase):
	def test_a_source_the_user_may_not_read_is_refused(self):
		for user in ("territory", "customer"):
			client = self.world.clients[user]
			for method, (argument, source) in SOURCE_METHODS.items():
				with self.subTest(user=user, method=method):
					answer = client.call(method, **{argument: self.south(source)})
					self.assertEqual(answer.status, 403, answer.why())
					self.assertEqual(leaks(answer), [])
			# ERPNext's payment path names its source by dt / dn
			answer = client.call(
				"erpnext.accounts.doctype.payment_entry.payment_entry.get_payment_entry",
				dt="Sales Invoice",
				dn=self.south("Overdue Invoice"),
			)
			self.assertEqual(answer.status, 403, answer.why())
		# the unrestricted user is answered (the refusals above are the restriction's)
		answer = self.world.clients["unrestricted"].call(
			"sales_module.selling.doctype.sales_order.sales_order.get_delivery_history",
			sales_order=self.south("Sales Order"),
		)
		self.assertEqual(
			(answer.status, [row["voucher_no"] for row in answer.message]),
			(200, [self.south("Delivery Note")]),
		)

	def test_actions_on_a_document_the_user_may_not_read_are_refused(self):
		order = self.south("Sales Order")
		actions = (
			(
				"erpnext.selling.doctype.sales_order.sales_order.update_status",
				{"status": "Closed", "name": order},
			),
			(
				"erpnext.selling.doctype.sales_order.sales_order.close_or_unclose_sales_orders",
				{"names": [order], "status": "Closed"},
			),
			(
				"erpnext.controllers.accounts_controller.update_child_qty_rate",
				{
					"parent_doctype": "Sales Order",
					"parent_doctype_name": order,
					"trans_items": [{"docname": self.world.docs["South"]["Sales Order Item"], "qty": 3}],
				},
			),
			(
				"sales_module.stock.doctype.delivery_note.delivery_note.update_delivery_note_status",
				{"docname": self.south("Delivery Note"), "status": "Closed"},
			),
		)
		status = frappe.db.get_value("Sales Order", order, "status")
		for user in ("territory", "customer", "stock"):
			for method, args in actions:
				if user == "stock" and "delivery_note" in method:
					continue  # a Stock User writes Delivery Notes
				with self.subTest(user=user, method=method):
					answer = self.world.clients[user].call(method, **args)
					self.assertEqual(answer.status, 403, answer.why())
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value("Sales Order", order, "status"), status)
		self.assertEqual(frappe.db.get_value("Sales Order Item", {"parent": order}, "qty"), 2)

	def test_recalculation_answers_only_for_a_customer_and_price_list_the_user_may_read(self):
		def draft(**fields):
			return {
				"doctype": "Sales Order",
				"customer": NORTH.customer,
				"transaction_date": nowdate(),
				"delivery_date": add_days(nowdate(), 7),
				"selling_price_list": STANDARD_PRICES,
				"items": [{"item_code": NORTH.item, "qty": 1, "warehouse": "Stores"}],
				**fields,
			}

		recalculate = "sales_module.api.transaction.recalculate"
		for user in ("territory", "customer"):
			client = self.world.clients[user]
			with self.subTest(user=user):
				allowed = client.call(recalculate, doc=draft())
				self.assertEqual(allowed.status, 200, allowed.why())
				self.assertEqual(allowed.message["items"][0]["price_list_rate"], RATES["North"])
				for forged in (
					draft(customer=SOUTH.customer),
					# the draft may say North's territory: the customer as stored is South's
					draft(customer=SOUTH.customer, territory=NORTH.territory),
				):
					refused = client.call(recalculate, doc=forged)
					self.assertEqual(refused.status, 403, refused.why())
					self.assertEqual(leaks(refused, sent=SOUTH.customer), [])
		prices = self.world.clients["prices"]
		refused = prices.call(recalculate, doc=draft(selling_price_list=NORTH.prices))
		self.assertEqual(refused.status, 403, refused.why())
		allowed = prices.call(recalculate, doc=draft())
		self.assertEqual((allowed.status, allowed.message["grand_total"]), (200, RATES["North"]))

	def test_the_pricing_api_gives_no_rate_from_a_price_list_the_user_may_not_read(self):
		prices = self.world.clients["prices"]
		for path in PRICE_PATHS:
			with self.subTest(path=path):
				refused = prices.call(path, **price_call(path, NORTH.prices))
				self.assertEqual(refused.status, 403, refused.why())
				self.assertNotIn(f'"price_list_rate": {RATES["North"]}', frappe.as_json(refused.json))
				allowed = prices.call(path, **price_call(path, STANDARD_PRICES))
				self.assertEqual(allowed.status, 200, allowed.why())
				self.assertEqual(price_list_rate(path, allowed.message), RATES["North"])
				# an unrestricted user prices from North's list
				unrestricted = self.world.clients["unrestricted"].call(path, **price_call(path, NORTH.prices))
				self.assertEqual(price_list_rate(path, unrestricted.message), RATES["North"])
		# the warehouse of ERPNext's get_item_details is read too
		customer_user = self.world.clients["customer"]
		answer = customer_user.call(
			"erpnext.stock.get_item_details.get_item_details",
			args={"item_code": NORTH.item, "customer": SOUTH.customer, "price_list": STANDARD_PRICES},
		)
		self.assertEqual(answer.status, 403, answer.why())

	def test_document_methods_refuse_a_customer_the_caller_wrote_in(self):
		# as the desk sends an unsaved draft
		invoice = {
			"doctype": "Sales Invoice",
			"name": "new-sales-invoice-1",
			"__islocal": 1,
			"customer": SOUTH.customer,
			"territory": NORTH.territory,
			"posting_date": nowdate(),
			"items": [{"item_code": NORTH.item, "qty": 1}],
		}
		payment = {
			"doctype": "Payment Entry",
			"name": "new-payment-entry-1",
			"__islocal": 1,
			"party_type": "Customer",
			"party": SOUTH.customer,
			"paid_amount": 0,
		}
		for user in ("territory", "customer"):
			client = self.world.clients[user]
			for doc, method in ((invoice, "set_advances"), (payment, "set_outstanding_references")):
				with self.subTest(user=user, method=method):
					answer = client.call("run_doc_method", docs=json.dumps(doc), method=method)
					self.assertEqual(answer.status, 403, answer.why())
					self.assertNotIn(self.south("Overdue Invoice"), frappe.as_json(answer.json))
			with self.subTest(user=user, method="get_outstanding_reference_documents"):
				answer = client.call(
					"erpnext.accounts.doctype.payment_entry.payment_entry.get_outstanding_reference_documents",
					args={"party_type": "Customer", "party": SOUTH.customer},
				)
				self.assertEqual(answer.status, 403, answer.why())
				self.assertEqual(leaks(answer, sent=SOUTH.customer), [])
		# the same call for the user's own customer answers
		answer = self.world.clients["territory"].call(
			"erpnext.accounts.doctype.payment_entry.payment_entry.get_outstanding_reference_documents",
			args={"party_type": "Customer", "party": NORTH.customer},
		)
		self.assertEqual(answer.status, 200, answer.why())
		self.assertEqual(
			[row["voucher_no"] for row in answer.message], [self.world.docs["North"]["Sales Invoice"]]
		)
