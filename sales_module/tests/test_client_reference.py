"""Integrations retry safely: a create repeated with the same Client Reference never makes a second document.

Over REST as an integrator's client sends them: a create retried after a timeout is refused with
`DuplicateClientReferenceError` naming the document already made; two identical creates at the same
moment make exactly one document and one named refusal, whether the check before the save or the unique
index decides; an amendment does not carry the reference. And ERPNext's rule on the Customer's Purchase
Order of a Sales Order, with its Selling Settings switch.
"""

import threading
from unittest.mock import patch

import frappe
from frappe.utils import add_days, nowdate

from sales_module.controllers.client_reference import ClientReference
from sales_module.tests.rest import Response, RestClient, RestTestCase, remove_documents
from sales_module.tests.utils import make_customer, make_selling_masters, make_user

INTEGRATOR = "_test_client_reference_integrator@example.com"
SECOND_INTEGRATOR = "_test_client_reference_integrator_2@example.com"
ROLES = ["Sales User", "Sales Manager", "Accounts User", "Stock User"]
SETTING = "allow_against_multiple_purchase_orders"
DOCTYPES = ("Quotation", "Sales Order", "Delivery Note", "Sales Invoice", "Payment Entry")


class TestClientReference(RestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		suffix = frappe.generate_hash(length=6)
		cls.customer = make_customer(f"_Test Client Reference {suffix}").name
		cls.other_customer = make_customer(f"_Test Client Reference Other {suffix}").name
		for email in (INTEGRATOR, SECOND_INTEGRATOR):
			make_user(email, ROLES)
		frappe.db.commit()
		cls.client = RestClient(INTEGRATOR)
		cls.second_client = RestClient(SECOND_INTEGRATOR)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for customer in (cls.customer, cls.other_customer):
			frappe.delete_doc("Customer", customer, force=True)
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		self.created: list[tuple[str, str]] = []
		self.reference = f"ORDER-{frappe.generate_hash(length=10)}"

	def tearDown(self):
		remove_documents(self.created)

	# ------------------------------------------------------------ helpers

	def payload(self, doctype: str, **fields) -> dict:
		customer = fields.pop("customer", self.customer)
		line = {"item_code": "_Test Service", "qty": 1, "warehouse": "Stores"}
		values = {
			"Quotation": {"quotation_to": "Customer", "party_name": customer, "items": [line]},
			"Sales Order": {"customer": customer, "delivery_date": add_days(nowdate(), 7), "items": [line]},
			"Delivery Note": {"customer": customer, "items": [line]},
			"Sales Invoice": {"customer": customer, "items": [line]},
			"Payment Entry": {
				"payment_type": "Receive",
				"party_type": "Customer",
				"party": customer,
				"paid_amount": 10,
			},
		}[doctype]
		return {**values, **fields}

	def create(self, doctype: str, client: RestClient | None = None, **fields):
		answer = (client or self.client).insert(doctype, self.payload(doctype, **fields))
		if answer.ok:
			self.created.append((doctype, answer.json["data"]["name"]))
		return answer

	def named(self, doctype: str, reference: str) -> list[str]:
		frappe.db.rollback()  # what the requests committed
		return frappe.get_all(doctype, filters={"client_reference": reference}, pluck="name")

	def assert_refused_as(self, answer, exc_type: str):
		self.assertEqual((answer.status, answer.json.get("exc_type")), (417, exc_type), answer.why())

	# ------------------------------------------------------------ Client Reference

	def test_the_field_is_unique_not_copied_and_fixed_on_submit(self):
		for doctype in DOCTYPES:
			with self.subTest(doctype=doctype):
				field = frappe.get_meta(doctype).get_field("client_reference")
				self.assertEqual(
					(
						field.fieldtype,
						field.unique,
						field.no_copy,
						field.allow_on_submit,
						field.in_standard_filter,
					),
					("Data", 1, 1, 0, 1),
				)
				indexes = frappe.db.get_column_index(f"tab{doctype}", "client_reference", unique=True)
				self.assertIsNotNone(indexes)

	def test_a_retried_create_is_refused_naming_the_first(self):
		for doctype in DOCTYPES:
			with self.subTest(doctype=doctype):
				reference = f"{self.reference}-{doctype}"
				first = self.create(doctype, client_reference=reference)
				self.assertEqual(first.status, 200, first.why())
				name = first.json["data"]["name"]
				self.assertEqual(first.json["data"]["client_reference"], reference)

				retried = self.create(doctype, client_reference=reference)

				self.assert_refused_as(retried, "DuplicateClientReferenceError")
				self.assertIn(name, retried.why())
				self.assertEqual(self.named(doctype, reference), [name])
				# what the client reads instead: the document by its reference
				found = self.client.request(
					"get",
					self.client.resource(doctype),
					query_string={"filters": frappe.as_json([["client_reference", "=", reference]])},
				)
				self.assertEqual([row["name"] for row in found.json["data"]], [name])

	def test_a_submitted_document_keeps_its_reference_and_empty_references_never_clash(self):
		submitted = self.create("Sales Order", client_reference=self.reference, docstatus=1)
		self.assertEqual(submitted.status, 200, submitted.why())
		name = submitted.json["data"]["name"]

		retried = self.create("Sales Order", client_reference=self.reference, docstatus=1)
		self.assert_refused_as(retried, "DuplicateClientReferenceError")
		self.assertIn(name, retried.why())
		# compared as the database compares it: without regard to case
		shouted = self.create("Sales Order", client_reference=self.reference.upper())
		self.assert_refused_as(shouted, "DuplicateClientReferenceError")

		blanks = [self.create("Sales Order", client_reference="") for _attempt in range(2)]
		self.assertEqual([answer.status for answer in blanks], [200, 200], [a.why() for a in blanks])
		stored = [
			frappe.db.get_value("Sales Order", answer.json["data"]["name"], "client_reference")
			for answer in blanks
		]
		self.assertEqual(stored, [None, None])  # NULL, which a unique index never compares equal

	def test_a_draft_cannot_take_a_reference_already_used(self):
		first = self.create("Sales Invoice", client_reference=self.reference)
		second = self.create("Sales Invoice")
		self.assertEqual((first.status, second.status), (200, 200))

		taken = self.client.update(
			"Sales Invoice", second.json["data"]["name"], {"client_reference": self.reference}
		)

		self.assert_refused_as(taken, "DuplicateClientReferenceError")
		self.assertIn(first.json["data"]["name"], taken.why())

	def test_two_identical_creates_at_once_make_one_document(self):
		self.check_race(self.reference)

	def test_the_unique_index_alone_refuses_the_race_by_name(self):
		# as when both requests pass the check before either commits: only the index is left to decide
		with patch.object(ClientReference, "validate_client_reference", lambda doc: None):
			self.check_race(self.reference)

	def check_race(self, reference: str):
		"""Two clients post the same order at the same moment, each from its own thread (and request)."""
		url = f"{frappe.utils.get_url()}{RestClient.resource('Sales Order')}"
		body = frappe.as_json(self.payload("Sales Order", client_reference=reference), indent=None)
		barrier = threading.Barrier(2)
		answers: dict[str, Response] = {}

		def send(client: RestClient):
			barrier.wait(timeout=30)
			raw = client.client.post(url, data=body, content_type="application/json", headers=client.headers)
			answers[client.user] = Response(raw)

		threads = [
			threading.Thread(target=send, args=(client,)) for client in (self.client, self.second_client)
		]
		# the requests' site, as make_request gives it (patched once: a patch is not per thread)
		with patch("frappe.app.get_site_name", return_value=frappe.local.site):
			for thread in threads:
				thread.start()
			for thread in threads:
				thread.join(timeout=120)
		self.assertFalse(any(thread.is_alive() for thread in threads))

		made = self.named("Sales Order", reference)
		self.created.extend(("Sales Order", name) for name in made)
		why = [answer.why() for answer in answers.values()]
		self.assertEqual(len(made), 1, why)
		won = [answer for answer in answers.values() if answer.ok]
		lost = [answer for answer in answers.values() if not answer.ok]
		self.assertEqual((len(won), len(lost)), (1, 1), why)
		self.assertEqual(won[0].json["data"]["name"], made[0])
		self.assert_refused_as(lost[0], "DuplicateClientReferenceError")
		self.assertIn(made[0], lost[0].why())

	def test_an_amendment_does_not_carry_the_reference(self):
		original = self.create("Sales Order", client_reference=self.reference, docstatus=1)
		self.assertEqual(original.status, 200, original.why())
		name = original.json["data"]["name"]
		cancelled = self.client.call("frappe.client.cancel", doctype="Sales Order", name=name)
		self.assertEqual(cancelled.status, 200, cancelled.why())

		# Frappe's Amend sends the whole document back, no-copy fields included
		amended = self.create("Sales Order", client_reference=self.reference, amended_from=name)

		self.assertEqual(amended.status, 200, amended.why())
		self.assertEqual(amended.json["data"]["name"], f"{name}-1")
		self.assertIsNone(amended.json["data"].get("client_reference"))
		self.assertEqual(self.named("Sales Order", self.reference), [name])
		# an amendment retried: Frappe names it after the cancelled document, so the name refuses it
		again = self.create("Sales Order", client_reference=self.reference, amended_from=name)
		self.assertEqual(
			(again.status, again.json.get("exc_type")), (409, "DuplicateEntryError"), again.why()
		)
		# an amendment may take a reference of its own
		renamed = self.client.update("Sales Order", f"{name}-1", {"client_reference": f"{self.reference}-1"})
		self.assertEqual(renamed.status, 200, renamed.why())

	def test_documents_made_from_others_do_not_copy_the_reference(self):
		order = self.create("Sales Order", client_reference=self.reference, docstatus=1)
		self.assertEqual(order.status, 200, order.why())
		mapper = "sales_module.selling.doctype.sales_order.sales_order.make_sales_invoice"
		mapped = self.client.call(mapper, source_name=order.json["data"]["name"])
		self.assertEqual(mapped.status, 200, mapped.why())
		self.assertIsNone(mapped.message.get("client_reference"))
		# and the invoice may carry the same reference: unique per DocType
		invoice = self.client.insert("Sales Invoice", {**mapped.message, "client_reference": self.reference})
		self.assertEqual(invoice.status, 200, invoice.why())
		self.created.append(("Sales Invoice", invoice.json["data"]["name"]))

	# ------------------------------------------------------------ Customer's Purchase Order

	def use_setting(self, value: int):
		previous = frappe.db.get_single_value("Selling Settings", SETTING)
		frappe.db.set_single_value("Selling Settings", SETTING, value)
		frappe.db.commit()
		self.addCleanup(self.restore_setting, previous)

	def restore_setting(self, value):
		frappe.db.rollback()
		frappe.db.set_single_value("Selling Settings", SETTING, value)
		frappe.db.commit()

	def test_a_purchase_order_is_ordered_once_per_customer(self):
		self.use_setting(0)
		po_no = f"PO-{self.reference}"
		first = self.create("Sales Order", po_no=po_no, docstatus=1)
		self.assertEqual(first.status, 200, first.why())
		name = first.json["data"]["name"]

		again = self.create("Sales Order", po_no=po_no)
		self.assert_refused_as(again, "DuplicatePurchaseOrderError")
		self.assertIn(name, again.why())

		# the number entered later on a submitted order is checked too
		later = self.create("Sales Order", docstatus=1)
		self.assertEqual(later.status, 200, later.why())
		moved = self.client.call(
			"frappe.client.set_value",
			doctype="Sales Order",
			name=later.json["data"]["name"],
			fieldname="po_no",
			value=po_no,
		)
		self.assert_refused_as(moved, "DuplicatePurchaseOrderError")

		# another customer's purchase order of the same number: not the same purchase order
		other = self.create("Sales Order", po_no=po_no, customer=self.other_customer)
		self.assertEqual(other.status, 200, other.why())

		# a cancelled order does not count
		cancelled = self.client.call("frappe.client.cancel", doctype="Sales Order", name=name)
		self.assertEqual(cancelled.status, 200, cancelled.why())
		after_cancel = self.create("Sales Order", po_no=po_no)
		self.assertEqual(after_cancel.status, 200, after_cancel.why())

	def test_an_order_without_delivery_is_not_checked(self):
		self.use_setting(0)
		po_no = f"PO-{self.reference}"
		first = self.create("Sales Order", po_no=po_no, skip_delivery_note=1)
		second = self.create("Sales Order", po_no=po_no, skip_delivery_note=1)
		self.assertEqual((first.status, second.status), (200, 200), second.why())

	def test_selling_settings_can_allow_several_orders_per_purchase_order(self):
		self.use_setting(1)
		po_no = f"PO-{self.reference}"
		first = self.create("Sales Order", po_no=po_no)
		second = self.create("Sales Order", po_no=po_no)

		self.assertEqual((first.status, second.status), (200, 200), second.why())
		# with a warning naming the first
		self.assertIn(first.json["data"]["name"], second.json.get("_server_messages", ""))
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Sales Order", {"po_no": po_no, "customer": self.customer}), 2)
