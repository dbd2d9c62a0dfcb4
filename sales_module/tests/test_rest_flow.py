"""The sales flow over REST with ERPNext-style payloads, as an integrator's client sends them."""

import frappe
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import add_days, nowdate

from sales_module.tests.test_rest_api import api_token_header
from sales_module.tests.utils import clear_pricing_rules, make_selling_masters, receive_stock

MAPPER = "sales_module.selling.doctype.sales_order.sales_order.make_delivery_note"
SELLING_DOCTYPES = (
	"Dunning",
	"Payment Entry",
	"Sales Invoice",
	"Delivery Note",
	"Sales Order",
	"Quotation",
	"Blanket Order",
	"Stock Entry",
)


def order_payload(**overrides) -> dict:
	payload = {
		"customer": "_Test Flow Customer",
		"delivery_date": add_days(nowdate(), 5),
		"items": [{"item_code": "_Test Widget", "qty": 2}, {"item_code": "_Test Service", "qty": 1}],
		"taxes": [
			{"charge_type": "On Net Total", "account_head": "VAT", "description": "VAT 20%", "rate": 20},
			{"charge_type": "Actual", "account_head": "Freight", "description": "Freight", "tax_amount": 10},
		],
	}
	payload.update(overrides)
	return payload


class TestSalesFlowREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		receive_stock("_Test Widget", 10)
		frappe.db.commit()
		cls.headers = {"Authorization": api_token_header("Administrator")}

	def setUp(self):
		self.counts = {doctype: frappe.db.count(doctype) for doctype in SELLING_DOCTYPES}
		self.created: list[tuple[str, str]] = []

	def tearDown(self):
		frappe.db.rollback()
		for doctype, name in reversed(self.created):
			doc = frappe.get_doc(doctype, name)
			if doc.docstatus == 1:
				doc.cancel()
			frappe.delete_doc(doctype, name, force=True)
		frappe.db.commit()

	def create(self, doctype: str, payload: dict):
		response = self.post(self.resource(doctype), payload, headers=self.headers)
		if response.status_code == 200:
			self.created.append((doctype, response.json["data"]["name"]))
		return response

	def test_order_delivery_invoice_and_payment(self):
		order = self.create("Sales Order", order_payload(docstatus=1))
		self.assertEqual(order.status_code, 200, order.json)
		data = order.json["data"]
		self.assertEqual((data["docstatus"], data["status"]), (1, "To Deliver and Bill"))
		self.assertEqual(
			(data["net_total"], data["total_taxes_and_charges"], data["grand_total"]), (250, 60, 310)
		)

		mapped = self.post(self.method(MAPPER), {"source_name": data["name"]}, headers=self.headers)
		self.assertEqual(mapped.status_code, 200, mapped.json)
		note = mapped.json["message"]
		self.assertEqual([row["qty"] for row in note["items"]], [2, 1])
		note["docstatus"] = 1
		delivered = self.create("Delivery Note", note)
		self.assertEqual(delivered.status_code, 200, delivered.json)

		invoice_map = "sales_module.stock.doctype.delivery_note.delivery_note.make_sales_invoice"
		invoice = self.post(
			self.method(invoice_map), {"source_name": delivered.json["data"]["name"]}, headers=self.headers
		)
		invoice_doc = invoice.json["message"]
		invoice_doc["docstatus"] = 1
		billed = self.create("Sales Invoice", invoice_doc)
		self.assertEqual(billed.status_code, 200, billed.json)
		self.assertEqual(billed.json["data"]["outstanding_amount"], 310)

		payment = self.create(
			"Payment Entry",
			{
				"party_type": "Customer",
				"party": "_Test Flow Customer",
				"paid_amount": 310,
				"references": [
					{
						"reference_doctype": "Sales Invoice",
						"reference_name": billed.json["data"]["name"],
						"allocated_amount": 310,
					}
				],
				"docstatus": 1,
			},
		)
		self.assertEqual(payment.status_code, 200, payment.json)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Sales Invoice", billed.json["data"]["name"], "status"), "Paid")
		self.assertEqual(frappe.db.get_value("Sales Order", data["name"], "status"), "Completed")

	def test_refund_of_a_credit_note_with_erpnext_paths(self):
		invoice = self.create(
			"Sales Invoice",
			{
				"customer": "_Test Flow Customer",
				"items": [{"item_code": "_Test Service", "qty": 2}],
				"docstatus": 1,
			},
		)
		self.assertEqual(invoice.status_code, 200, invoice.json)
		name = invoice.json["data"]["name"]
		erpnext = "erpnext.accounts.doctype."
		receipt = self.post(
			self.method(erpnext + "payment_entry.payment_entry.get_payment_entry"),
			{"dt": "Sales Invoice", "dn": name},
			headers=self.headers,
		).json["message"]
		self.assertEqual(self.create("Payment Entry", {**receipt, "docstatus": 1}).status_code, 200)
		credit = self.post(
			self.method(erpnext + "sales_invoice.sales_invoice.make_sales_return"),
			{"source_name": name},
			headers=self.headers,
		).json["message"]
		credited = self.create("Sales Invoice", {**credit, "docstatus": 1})
		self.assertEqual(credited.status_code, 200, credited.json)
		# ERPNext's payload for the refund: Pay, the reference allocated negative
		refund = {
			"payment_type": "Pay",
			"party_type": "Customer",
			"party": "_Test Flow Customer",
			"paid_amount": 100,
			"references": [
				{"reference_doctype": "Sales Invoice", "reference_name": name, "allocated_amount": -100}
			],
			"docstatus": 1,
		}
		over = self.create("Payment Entry", {**refund, "paid_amount": 150, "references": [
			{**refund["references"][0], "allocated_amount": -150}
		]})  # fmt: skip
		self.assertEqual((over.status_code, over.json["exc_type"]), (417, "OverAllocationError"))
		refunded = self.create("Payment Entry", refund)
		self.assertEqual(refunded.status_code, 200, refunded.json)
		self.assertEqual(refunded.json["data"]["total_allocated_amount"], 100)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Sales Invoice", name, "outstanding_amount"), 0)

	def test_a_paid_direct_sale_in_one_request(self):
		"""ERPNext's POS-style invoice: update_stock, is_pos and its payments, submitted at once."""
		before = frappe.db.get_value(
			"Bin", {"item_code": "_Test Widget", "warehouse": "Stores"}, "actual_qty"
		)
		sale = self.create(
			"Sales Invoice",
			{
				"customer": "_Test Flow Customer",
				"update_stock": 1,
				"is_pos": 1,
				"items": [{"item_code": "_Test Widget", "qty": 1, "warehouse": "Stores"}],
				"payments": [{"mode_of_payment": "Cash", "amount": 100}],
				"docstatus": 1,
			},
		)
		self.assertEqual(sale.status_code, 200, sale.json)
		frappe.db.rollback()
		name = sale.json["data"]["name"]
		self.assertEqual(
			tuple(frappe.db.get_value("Sales Invoice", name, ["status", "outstanding_amount"])), ("Paid", 0)
		)
		self.assertEqual(
			frappe.db.get_value("Bin", {"item_code": "_Test Widget", "warehouse": "Stores"}, "actual_qty"),
			before - 1,
		)
		receipt = frappe.db.get_value("Sales Invoice Payment", {"parent": name}, "payment_entry")
		self.created.insert(0, ("Payment Entry", receipt))  # cancelled with the invoice, deleted after it

	def test_malformed_payloads_are_417_and_leave_no_rows(self):
		for payload, exc_type in (
			(order_payload(items=[{"item_code": "_Test No Such Item", "qty": 1}]), "LinkValidationError"),
			(order_payload(items=[{"item_code": "_Test Widget", "qty": -3}]), "InvalidQuantityError"),
			(order_payload(items=[{"item_code": "_Test Widget", "qty": "three"}]), "InvalidQuantityError"),
			(order_payload(customer=None), "MandatoryError"),
			(order_payload(items=[]), "MandatoryError"),
			(
				order_payload(
					taxes=[
						{"charge_type": "On Previous Row Total", "row_id": 5, "rate": 1, "description": "x"}
					]
				),
				"InvalidTaxesError",
			),
		):
			response = self.create("Sales Order", payload)
			self.assertEqual(response.status_code, 417, (payload, response.json))
			self.assertEqual(response.json["exc_type"], exc_type, (payload, response.json))
			self.assertTrue(response.json.get("exception") or response.json.get("_server_messages"))
		frappe.db.rollback()
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in SELLING_DOCTYPES}, self.counts)

	def test_mapper_refuses_a_draft_order(self):
		order = self.create("Sales Order", order_payload())
		response = self.post(
			self.method(MAPPER), {"source_name": order.json["data"]["name"]}, headers=self.headers
		)
		self.assertEqual(response.status_code, 417)
		self.assertEqual(response.json["exc_type"], "DocumentStateError")

	def test_every_other_document_from_plain_json(self):
		quotation = self.create(
			"Quotation",
			{
				"quotation_to": "Customer",
				"party_name": "_Test Flow Customer",
				"valid_till": add_days(nowdate(), 10),
				"items": [{"item_code": "_Test Service", "qty": 2}],
				"docstatus": 1,
			},
		)
		self.assertEqual(
			(quotation.status_code, quotation.json["data"]["status"]), (200, "Open"), quotation.json
		)

		blanket = self.create(
			"Blanket Order",
			{
				"customer": "_Test Flow Customer",
				"from_date": nowdate(),
				"to_date": add_days(nowdate(), 30),
				"items": [{"item_code": "_Test Service", "qty": 10, "rate": 45}],
				"docstatus": 1,
			},
		)
		self.assertEqual(
			(blanket.status_code, blanket.json["data"]["status"]), (200, "Submitted"), blanket.json
		)

		receipt = self.create(
			"Stock Entry",
			{
				"stock_entry_type": "Material Receipt",
				"items": [{"item_code": "_Test Widget", "qty": 3, "t_warehouse": "Stores"}],
				"docstatus": 1,
			},
		)
		self.assertEqual(receipt.status_code, 200, receipt.json)

		if not frappe.db.exists("Dunning Type", "_Test REST Reminder"):
			frappe.get_doc(
				{
					"doctype": "Dunning Type",
					"dunning_type": "_Test REST Reminder",
					"dunning_fee": 5,
					"is_default": 1,
				}
			).insert()
			frappe.db.commit()
			self.created.append(("Dunning Type", "_Test REST Reminder"))
		overdue = self.create(
			"Sales Invoice",
			{
				"customer": "_Test Flow Customer",
				"posting_date": add_days(nowdate(), -20),
				"items": [{"item_code": "_Test Service", "qty": 1}],
				"docstatus": 1,
			},
		)
		self.assertEqual(overdue.status_code, 200, overdue.json)
		dunning = self.create(
			"Dunning",
			{
				"customer": "_Test Flow Customer",
				"overdue_payments": [{"sales_invoice": overdue.json["data"]["name"]}],
				"docstatus": 1,
			},
		)
		self.assertEqual(dunning.status_code, 200, dunning.json)
		self.assertEqual(
			(dunning.json["data"]["status"], dunning.json["data"]["dunning_amount"]), ("Unresolved", 5)
		)
