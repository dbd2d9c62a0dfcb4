"""REST round trips through Frappe's WSGI application, as an integrator's client would make them."""

import frappe
from frappe.tests.test_api import FrappeAPITestCase

CUSTOMER = "_Test REST Customer"


def api_token_header(user: str) -> str:
	"""An integrator's `token key:secret` header for the user, with keys made on first use."""
	doc = frappe.get_doc("User", user)
	secret = frappe.generate_hash(length=15)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.save(ignore_permissions=True)
	frappe.db.commit()
	return f"token {doc.api_key}:{secret}"


class TestCustomerREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.headers = {"Authorization": api_token_header("Administrator")}

	def tearDown(self):
		for name in frappe.get_all(
			"Customer", filters={"customer_name": ("like", "_Test REST%")}, pluck="name"
		):
			frappe.delete_doc("Customer", name, force=True)
		frappe.db.commit()

	def test_create_read_update(self):
		created = self.post(
			self.resource("Customer"),
			{"customer_name": CUSTOMER, "customer_type": "Company", "territory": "Rest Of The World"},
			headers=self.headers,
		)
		self.assertEqual(created.status_code, 200, created.json)
		name = created.json["data"]["name"]
		self.assertEqual(created.json["data"]["customer_group"], "Commercial")

		read = self.get(self.resource("Customer", name), headers=self.headers)
		self.assertEqual(read.status_code, 200)
		self.assertEqual(read.json["data"]["customer_name"], CUSTOMER)

		updated = self.put(self.resource("Customer", name), {"tax_id": "7707083893"}, headers=self.headers)
		self.assertEqual(updated.status_code, 200, updated.json)
		self.assertEqual(frappe.db.get_value("Customer", name, "tax_id"), "7707083893")

	def test_bad_territory_is_417_with_a_message_and_creates_nothing(self):
		response = self.post(
			self.resource("Customer"),
			{"customer_name": "_Test REST Bad", "territory": "_Test Atlantis"},
			headers=self.headers,
		)
		self.assertEqual(response.status_code, 417)
		self.assertEqual(response.json["exc_type"], "LinkValidationError")
		self.assertIn(
			"_Test Atlantis",
			response.json.get("exception", "") + str(response.json.get("_server_messages", "")),
		)
		self.assertFalse(frappe.db.exists("Customer", {"customer_name": "_Test REST Bad"}))

	def test_group_customer_group_is_accepted_as_erpnext_does(self):
		# ERPNext's server takes a group Customer Group on a Customer (only its form filters them out)
		response = self.post(
			self.resource("Customer"),
			{"customer_name": "_Test REST Group", "customer_group": "All Customer Groups"},
			headers=self.headers,
		)
		self.assertEqual(response.status_code, 200)
		self.assertEqual(
			frappe.db.get_value("Customer", {"customer_name": "_Test REST Group"}, "customer_group"),
			"All Customer Groups",
		)

	def test_missing_customer_name_is_417(self):
		response = self.post(self.resource("Customer"), {"customer_type": "Company"}, headers=self.headers)
		self.assertEqual(response.status_code, 417)
		self.assertEqual(response.json["exc_type"], "MandatoryError")
