# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Commission Settlement over REST, as an integrator's client (and the form's button) use it."""

import json

import frappe
from frappe.tests.test_api import FrappeAPITestCase

from sales_module.tests.commission_fixtures import PARTNER, make_commission_masters, make_invoice
from sales_module.tests.test_rest_api import api_token_header

PERIOD = {"from_date": "2025-08-01", "to_date": "2025-08-31"}


def payload(**overrides) -> dict:
	return {
		"party_type": "Sales Partner",
		"party": PARTNER,
		"posting_date": "2025-09-01",
		**PERIOD,
		**overrides,
	}


class TestCommissionSettlementREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_commission_masters()
		cls.headers = {"Authorization": api_token_header("Administrator")}

	def setUp(self):
		self.invoice = make_invoice(
			[{"item_code": "_Test Widget", "qty": 3}, {"item_code": "_Test Service", "qty": 1}],
			"2025-08-11",
			partner=PARTNER,
		)
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		for name in frappe.get_all("Commission Settlement", filters=PERIOD, pluck="name"):
			doc = frappe.get_doc("Commission Settlement", name)
			if doc.docstatus == 1:
				doc.cancel()
			frappe.delete_doc("Commission Settlement", name, force=True)
		self.invoice.reload()
		self.invoice.cancel()
		frappe.delete_doc("Sales Invoice", self.invoice.name, force=True)
		frappe.db.commit()

	def test_create_submit_and_cancel(self):
		created = self.post(self.resource("Commission Settlement"), payload(), headers=self.headers)
		self.assertEqual(created.status_code, 200, created.json)
		data = created.json["data"]
		self.assertEqual(
			[(row["item_code"], row["eligible_amount"], row["commission_amount"]) for row in data["details"]],
			[("_Test Widget", 300, 30), ("_Test Service", 50, 5)],
		)
		self.assertEqual((data["docstatus"], data["status"], data["total_commission"]), (0, "Draft", 35))

		submitted = self.post(
			self.method("frappe.client.submit"), {"doc": json.dumps(data)}, headers=self.headers
		)
		self.assertEqual(submitted.status_code, 200, submitted.json)
		self.assertEqual(
			(submitted.json["message"]["docstatus"], submitted.json["message"]["status"]), (1, "Submitted")
		)
		self.assertEqual(
			frappe.get_all(
				"Sales Invoice Item", filters={"parent": self.invoice.name}, pluck="commission_settlement"
			),
			[data["name"], data["name"]],
		)

		again = self.post(self.resource("Commission Settlement"), payload(), headers=self.headers)
		self.assertEqual(again.status_code, 417)
		self.assertEqual(again.json["exc_type"], "NothingToSettleError")

		refused_cancel = self.post(
			self.method("frappe.client.cancel"),
			{"doctype": "Sales Invoice", "name": self.invoice.name},
			headers=self.headers,
		)
		self.assertEqual(refused_cancel.status_code, 417)
		self.assertEqual(refused_cancel.json["exc_type"], "LinkExistsError")

		cancelled = self.post(
			self.method("frappe.client.cancel"),
			{"doctype": "Commission Settlement", "name": data["name"]},
			headers=self.headers,
		)
		self.assertEqual(cancelled.status_code, 200, cancelled.json)
		frappe.db.rollback()  # a fresh snapshot: the requests committed
		self.assertEqual(
			frappe.get_all(
				"Sales Invoice Item", filters={"parent": self.invoice.name}, pluck="commission_settlement"
			),
			[None, None],
		)

	def test_refusals_are_417_with_their_class_and_write_nothing(self):
		count = frappe.db.count("Commission Settlement")
		for body, exc_type in (
			(payload(from_date="2025-08-31", to_date="2025-08-01"), "InvalidDatesError"),
			(payload(from_date="2019-01-01", to_date="2019-01-31"), "NothingToSettleError"),
			(payload(party_type="Customer", party="_Test Commission Customer"), "InvalidValueError"),
		):
			response = self.post(self.resource("Commission Settlement"), body, headers=self.headers)
			self.assertEqual(response.status_code, 417, response.json)
			self.assertEqual(response.json["exc_type"], exc_type)
		self.assertEqual(frappe.db.count("Commission Settlement"), count)

	def test_the_forms_button_fills_an_unsaved_settlement(self):
		draft = {"doctype": "Commission Settlement", "name": "new-commission-settlement-1", "__islocal": 1}
		response = self.post(
			self.method("run_doc_method"),
			{"docs": json.dumps({**draft, **payload()}), "method": "get_eligible_documents"},
			headers=self.headers,
		)
		self.assertEqual(response.status_code, 200, response.json)
		doc = response.json["docs"][0]
		self.assertEqual(
			(len(doc["details"]), doc["total_eligible_amount"], doc["total_commission"]), (2, 350, 35)
		)
		self.assertFalse(frappe.db.exists("Commission Settlement", PERIOD))
