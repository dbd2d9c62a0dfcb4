"""An unchanged ERPNext client works: ERPNext's method paths and arguments answer over REST."""

import frappe
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import add_days, nowdate

from sales_module.tests.test_rest_api import api_token_header
from sales_module.tests.utils import clear_pricing_rules, make_selling_masters, receive_stock

CUSTOMER = "_Test Flow Customer"
FLOW = (
	"Payment Entry",
	"Dunning",
	"Sales Invoice",
	"Delivery Note",
	"Sales Order",
	"Blanket Order",
	"Quotation",
)


class TestERPNextPaths(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		receive_stock("_Test Widget", 20)
		frappe.db.commit()
		cls.headers = {"Authorization": api_token_header("Administrator")}

	def setUp(self):
		self.made: list[tuple[str, str]] = []

	def tearDown(self):
		frappe.db.rollback()
		for doctype in FLOW:
			for made_doctype, name in reversed(self.made):
				if made_doctype != doctype or not frappe.db.exists(doctype, name):
					continue
				doc = frappe.get_doc(doctype, name)
				if doc.docstatus == 1:
					doc.flags.ignore_links = True  # an invoice and the receipt of its advance link both ways
					doc.cancel()
				frappe.delete_doc(doctype, name, force=True)
		frappe.db.commit()

	# helpers

	def call(self, path: str, **args):
		return self.post(self.method(path), args, headers=self.headers)

	def answer(self, path: str, **args):
		response = self.call(path, **args)
		self.assertEqual(response.status_code, 200, (path, response.json))
		return response.json["message"]

	def submitted(self, doctype: str, values: dict) -> str:
		doc = frappe.get_doc({"doctype": doctype, **values})
		doc.insert()
		doc.submit()
		frappe.db.commit()
		self.made.append((doctype, doc.name))
		return doc.name

	def save_mapped(self, mapped: dict) -> str:
		created = self.post(
			self.resource(mapped["doctype"]), {**mapped, "docstatus": 1}, headers=self.headers
		)
		self.assertEqual(created.status_code, 200, created.json)
		self.made.append((mapped["doctype"], created.json["data"]["name"]))
		return created.json["data"]["name"]

	def order(self) -> str:
		return self.submitted(
			"Sales Order",
			{
				"customer": CUSTOMER,
				"delivery_date": add_days(nowdate(), 5),
				"items": [{"item_code": "_Test Widget", "qty": 2, "warehouse": "Stores"}],
			},
		)

	# every path of the list answers

	def test_every_shared_path_reaches_a_whitelisted_method(self):
		overrides = frappe.get_hooks("override_whitelisted_methods", app_name="sales_module")
		erpnext_paths = [path for path in overrides if path.startswith("erpnext.")]
		self.assertGreaterEqual(len(erpnext_paths), 14)
		for path, targets in overrides.items():
			with self.subTest(path=path):
				self.assertIn(frappe.get_attr(targets[-1]), frappe.whitelisted)

	def test_the_mappers_answer_at_erpnext_paths_and_ours(self):
		quotation = self.submitted(
			"Quotation",
			{
				"quotation_to": "Customer",
				"party_name": CUSTOMER,
				"items": [{"item_code": "_Test Widget", "qty": 2}],
			},
		)
		for prefix in ("erpnext", "sales_module"):
			mapped = self.answer(
				f"{prefix}.selling.doctype.quotation.quotation.make_sales_order", source_name=quotation
			)
			self.assertEqual(
				(mapped["doctype"], mapped["items"][0]["prevdoc_docname"]), ("Sales Order", quotation)
			)
			invoice = self.answer(
				f"{prefix}.selling.doctype.quotation.quotation.make_sales_invoice", source_name=quotation
			)
			self.assertEqual(invoice["doctype"], "Sales Invoice")

		order = self.order()
		note = self.answer(
			"erpnext.selling.doctype.sales_order.sales_order.make_delivery_note", source_name=order
		)
		self.assertEqual((note["doctype"], note["items"][0]["against_sales_order"]), ("Delivery Note", order))
		# ERPNext's desk sends arguments of its own; they are accepted
		billed = self.answer(
			"erpnext.selling.doctype.sales_order.sales_order.make_sales_invoice",
			source_name=order,
			ignore_permissions=0,
		)
		self.assertEqual(billed["items"][0]["sales_order"], order)

		delivery = self.save_mapped(note)
		invoice = self.answer(
			"erpnext.stock.doctype.delivery_note.delivery_note.make_sales_invoice", source_name=delivery
		)
		self.assertEqual(invoice["items"][0]["delivery_note"], delivery)
		returned = self.answer(
			"erpnext.stock.doctype.delivery_note.delivery_note.make_sales_return", source_name=delivery
		)
		self.assertEqual((returned["is_return"], returned["items"][0]["qty"]), (1, -2))

		invoice_name = self.save_mapped(invoice)
		credit = self.answer(
			"erpnext.accounts.doctype.sales_invoice.sales_invoice.make_sales_return", source_name=invoice_name
		)
		self.assertEqual((credit["is_return"], credit["return_against"]), (1, invoice_name))
		receipt = self.answer(
			"erpnext.accounts.doctype.payment_entry.payment_entry.get_payment_entry",
			dt="Sales Invoice",
			dn=invoice_name,
			party_amount=50,
		)
		self.assertEqual((receipt["doctype"], receipt["paid_amount"]), ("Payment Entry", 50))
		self.assertEqual(receipt["references"][0]["reference_name"], invoice_name)

	def test_a_blanket_order_makes_its_sales_order(self):
		blanket = self.submitted(
			"Blanket Order",
			{
				"customer": CUSTOMER,
				"from_date": add_days(nowdate(), -1),
				"to_date": add_days(nowdate(), 30),
				"items": [{"item_code": "_Test Widget", "qty": 10, "rate": 80}],
			},
		)
		for path in (
			"erpnext.manufacturing.doctype.blanket_order.blanket_order.make_order",
			"sales_module.selling.doctype.blanket_order.blanket_order.make_order",
		):
			order = self.answer(path, source_name=blanket)
			self.assertEqual((order["doctype"], order["items"][0]["blanket_order"]), ("Sales Order", blanket))

	def test_status_actions_take_erpnext_words(self):
		order = self.order()
		path = "erpnext.selling.doctype.sales_order.sales_order"
		self.assertEqual(self.answer(f"{path}.update_status", status="On Hold", name=order), "On Hold")
		self.assertEqual(
			self.answer(f"{path}.update_status", status="Draft", name=order), "To Deliver and Bill"
		)
		closing = self.call(f"{path}.close_or_unclose_sales_orders", names=[order], status="Closed")
		self.assertEqual(closing.status_code, 200, closing.json)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Sales Order", order, "status"), "Closed")
		reopening = self.call(f"{path}.close_or_unclose_sales_orders", names=[order], status="Draft")
		self.assertEqual(reopening.status_code, 200, reopening.json)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Sales Order", order, "status"), "To Deliver and Bill")

	def test_pricing_with_erpnext_args(self):
		args = {
			"item_code": "_Test Widget",
			"qty": 3,
			"customer": CUSTOMER,
			"selling_price_list": "Standard Selling",
			"transaction_date": nowdate(),
			"currency": frappe.db.get_value("Price List", "Standard Selling", "currency"),
			"warehouse": "Stores",
		}
		for prefix in ("erpnext", "sales_module"):
			details = self.answer(f"{prefix}.stock.get_item_details.get_item_details", args=args)
			self.assertEqual((details["price_list_rate"], details["rate"]), (100, 100))
			self.assertGreaterEqual(details["actual_qty"], 0)
		priced = self.answer(
			"erpnext.accounts.doctype.pricing_rule.pricing_rule.apply_pricing_rule",
			args={
				**args,
				"doctype": "Sales Order",
				"items": [
					{"doctype": "Sales Order Item", "name": "row-1", "item_code": "_Test Widget", "qty": 1},
					{"doctype": "Sales Order Item", "name": "row-2", "item_code": "_Test Service", "qty": 2},
				],
			},
		)
		self.assertEqual(
			[(row["child_docname"], row["price_list_rate"]) for row in priced],
			[("row-1", 100), ("row-2", 50)],
		)

	def test_outstanding_invoices_and_advances_with_erpnext_payloads(self):
		service = [{"item_code": "_Test Service", "qty": 2, "warehouse": "Stores"}]
		older = self.submitted("Sales Invoice", {"customer": CUSTOMER, "items": service})
		newer = self.submitted("Sales Invoice", {"customer": CUSTOMER, "items": service[:1]})
		rows = self.answer(
			"erpnext.accounts.doctype.payment_entry.payment_entry.get_outstanding_reference_documents",
			args={
				"party_type": "Customer",
				"party": CUSTOMER,
				"get_outstanding_invoices": True,
				"vouchers": [older, newer],
				"allocate_payment_amount": 1,
				"paid_amount": 150,
			},
		)
		self.assertEqual(
			[(row["voucher_no"], row["outstanding_amount"], row["allocated_amount"]) for row in rows],
			[(older, 100, 100), (newer, 100, 50)],
		)
		receipt = self.submitted(
			"Payment Entry", {"party_type": "Customer", "party": CUSTOMER, "paid_amount": 30}
		)
		advance = {"reference_type": "Payment Entry", "reference_name": receipt, "advance_amount": 30}
		too_much = self.post(
			self.resource("Sales Invoice"),
			{"customer": CUSTOMER, "items": service, "advances": [{**advance, "allocated_amount": 31}]},
			headers=self.headers,
		)
		self.assertEqual((too_much.status_code, too_much.json["exc_type"]), (417, "OverAllocationError"))
		self.assertFalse(frappe.db.exists("Sales Invoice Advance", {"reference_name": receipt}))
		invoice = self.save_mapped(
			{"doctype": "Sales Invoice", "customer": CUSTOMER, "items": service,
			 "advances": [{**advance, "allocated_amount": 30}]}
		)  # fmt: skip
		frappe.db.rollback()  # a fresh read of what the requests committed
		self.assertEqual(
			frappe.db.get_value("Sales Invoice", invoice, ["total_advance", "outstanding_amount"]), (30, 70)
		)
		self.assertEqual(frappe.db.get_value("Payment Entry", receipt, "unallocated_amount"), 0)

	def test_refusals_name_their_class(self):
		response = self.call(
			"erpnext.accounts.doctype.payment_entry.payment_entry.get_payment_entry", dt="Quotation", dn="x"
		)
		self.assertEqual((response.status_code, response.json["exc_type"]), (417, "DocumentStateError"))
		response = self.call("erpnext.stock.get_item_details.get_item_details", args="not json")
		self.assertEqual((response.status_code, response.json["exc_type"]), (417, "InvalidValueError"))
