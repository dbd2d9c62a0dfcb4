"""Bad input over REST is a bad request (HTTP 417 naming its class), never a server error, and changes
nothing: what the REST fuzzer (`test_rest_fuzz.py`) found, one case each.

- the request guard (`sales_module/utils/request_guard.py`): a method of the app called without an
  argument it needs, a document that is not an object or whose table is not a list of rows
  (MalformedRequestError); JSON text that is not JSON where a method takes JSON, NaN or Infinity anywhere
  in a request (InvalidValueError); the same for the controllers' methods called through run_doc_method;
- the documents (`sales_module/utils/validation.validate_values`): numbers that are not finite or do not
  fit their column ("NaN" read as a number, 1e300, 10**30), dates that are not dates ("9999-99-99",
  "31/12/2025");
- single methods: date arguments beyond any date, payment portions that are not numbers, a Stock Entry
  saved without its posting date.
"""

import math

import frappe
from frappe.utils import add_days, nowdate

from sales_module.exceptions import InvalidDatesError, InvalidValueError, MalformedRequestError
from sales_module.tests.fingerprint import database_fingerprint, fingerprint_changes
from sales_module.tests.rest import RestClient, RestTestCase, remove_documents
from sales_module.tests.utils import make_selling_masters, make_user, refused

USER = "bad.input@sales-module.test"
CUSTOMER = "_Test Flow Customer"
SERVICE = "_Test Service"
ORDER_PATH = "sales_module.selling.doctype.sales_order.sales_order"
FAMILY = (
	"Sales Order",
	"Sales Order Item",
	"Blanket Order",
	"Blanket Order Item",
	"Sales Taxes and Charges",
	"Payment Schedule",
	"Quotation",
	"Quotation Item",
	"Stock Entry",
	"Stock Entry Detail",
	"Version",
)


def order(**fields) -> dict:
	return {
		"customer": CUSTOMER,
		"delivery_date": add_days(nowdate(), 7),
		"items": [{"item_code": SERVICE, "qty": 1, "warehouse": "Stores"}],
		**fields,
	}


class TestBadInput(RestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		make_user(USER, ["Sales Manager", "Accounts User", "Stock User"])
		cls.created: list[tuple[str, str]] = []
		blanket = frappe.get_doc(
			{
				"doctype": "Blanket Order",
				"customer": CUSTOMER,
				"from_date": nowdate(),
				"to_date": add_days(nowdate(), 90),
				"items": [{"item_code": SERVICE, "qty": 10, "rate": 50}],
			}
		).insert()
		cls.created.append(("Blanket Order", blanket.name))
		cls.blanket_order = blanket.name
		quotation = frappe.get_doc(
			{
				"doctype": "Quotation",
				"quotation_to": "Customer",
				"party_name": CUSTOMER,
				"items": [{"item_code": SERVICE, "qty": 1}],
			}
		).insert()
		cls.created.append(("Quotation", quotation.name))
		cls.quotation = quotation.name
		entry = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Receipt",
				"purpose": "Material Receipt",
				"items": [{"item_code": "_Test Widget", "qty": 1, "t_warehouse": "Stores", "basic_rate": 1}],
			}
		).insert()
		cls.created.append(("Stock Entry", entry.name))
		cls.stock_entry = entry.name
		frappe.db.commit()
		cls.client = RestClient(USER)

	@classmethod
	def tearDownClass(cls):
		remove_documents(cls.created)
		super().tearDownClass()

	def tearDown(self):
		frappe.db.rollback()

	def assert_refused(self, exception: type, send):
		"""The request is refused with exactly `exception`, a message, and nothing written."""
		frappe.db.rollback()
		before = database_fingerprint(list(FAMILY))
		response = send()
		frappe.db.rollback()
		self.assertEqual(
			(response.status, response.json.get("exc_type")), (417, exception.__name__), response.text[:600]
		)
		self.assertTrue(response.json.get("_server_messages"))
		self.assertEqual(fingerprint_changes(before, database_fingerprint(list(FAMILY))), {})
		return response

	# ------------------------------------------------------------ the request guard

	def test_a_method_without_its_arguments(self):
		for path in (f"{ORDER_PATH}.make_delivery_note", "erpnext.stock.get_item_details.get_item_details"):
			with self.subTest(path=path):
				answer = self.assert_refused(MalformedRequestError, lambda path=path: self.client.call(path))
				self.assertIn("is required", answer.why())
		self.assert_refused(
			MalformedRequestError,
			lambda: self.client.call(f"{ORDER_PATH}.update_status", status="Closed"),
		)

	def test_a_controller_method_without_its_arguments_or_with_bad_json(self):
		# Frappe's run_doc_method passes the JSON object `args` by name, anything else as the first argument
		self.assert_refused(
			MalformedRequestError,
			lambda: self.client.call(
				"run_doc_method", method="declare_enquiry_lost", dt="Quotation", dn=self.quotation, args="{}"
			),
		)
		self.assert_refused(
			InvalidValueError,
			lambda: self.client.call(
				"run_doc_method",
				method="allocate_entries",
				dt="Payment Reconciliation",
				dn="Payment Reconciliation",
				args="[1,",
			),
		)

	def test_a_refusal_speaks_the_users_language(self):
		# the guard runs once the API key named the user (an auth hook), so it knows their language
		frappe.db.set_value("User", USER, "language", "ru")
		frappe.db.commit()
		self.addCleanup(self.english)
		answer = self.assert_refused(
			MalformedRequestError, lambda: self.client.call(f"{ORDER_PATH}.make_delivery_note")
		)
		self.assertRegex(answer.why(), "[А-Яа-я]")
		self.assertIn("source_name", answer.why())

	def english(self):
		frappe.db.rollback()
		frappe.db.set_value("User", USER, "language", None)
		frappe.db.commit()

	def test_json_arguments_that_are_not_json(self):
		self.assert_refused(
			InvalidValueError,
			lambda: self.client.call(
				f"{ORDER_PATH}.close_or_unclose_sales_orders", names="[1,", status="Closed"
			),
		)
		self.assert_refused(
			InvalidValueError,
			lambda: self.client.call("sales_module.api.transaction.recalculate", verb="get", doc="}0"),
		)
		self.assert_refused(
			InvalidValueError,
			lambda: self.client.call(
				"sales_module.accounts.doctype.payment_terms_template.payment_terms_template.get_portion_total",
				portions='{"a": 1}',
			),
		)

	def test_a_table_that_is_not_a_list_of_rows(self):
		for items in (7, {"0": {}}, "rows", [1, "x", None]):
			with self.subTest(items=items):
				self.assert_refused(
					MalformedRequestError,
					lambda items=items: self.client.insert("Sales Order", order(items=items)),
				)
		self.assert_refused(
			MalformedRequestError,
			lambda: self.client.update("Blanket Order", self.blanket_order, {"items": 7}),
		)
		self.assert_refused(
			MalformedRequestError,
			lambda: self.client.call(
				"frappe.client.insert", doc={"doctype": "Sales Order", **order(items={})}
			),
		)

	def test_a_document_that_is_not_an_object(self):
		self.assert_refused(
			MalformedRequestError,
			lambda: self.client.request("post", self.client.resource("Sales Order"), [order()]),
		)

	def test_nan_and_infinity_literals(self):
		# Python's JSON writes and reads NaN and Infinity; no database stores them
		for value in (math.nan, math.inf, -math.inf):
			with self.subTest(value=value):
				rows = [{"item_code": SERVICE, "qty": value, "warehouse": "Stores"}]
				self.assert_refused(
					InvalidValueError, lambda rows=rows: self.client.insert("Sales Order", order(items=rows))
				)
		self.assert_refused(
			InvalidValueError,
			lambda: self.client.call(f"{ORDER_PATH}.get_delivery_history", sales_order=math.nan),
		)

	# ------------------------------------------------------------ the documents

	def test_numbers_that_are_not_finite_or_do_not_fit(self):
		for field, value in (("qty", "NaN"), ("qty", "Infinity"), ("rate", 1e300), ("qty", 10**30)):
			with self.subTest(field=field, value=value):
				rows = [{"item_code": SERVICE, "qty": 10, "rate": 50, field: value}]
				for send in (
					lambda rows=rows: self.client.update(
						"Blanket Order", self.blanket_order, {"items": rows}
					),
					lambda rows=rows: self.client.insert(
						"Blanket Order",
						{
							"customer": CUSTOMER,
							"from_date": nowdate(),
							"to_date": add_days(nowdate(), 9),
							"items": rows,
						},
					),
				):
					self.assert_refused(InvalidValueError, send)

	def test_an_item_tax_rate_that_is_not_an_object(self):
		# ERPNext's JSON text {tax account: rate}; "NaN" is JSON for a number Python reads
		for value in ("NaN", "[1]", "{"):
			with self.subTest(value=value):
				rows = [{"item_code": SERVICE, "qty": 1, "warehouse": "Stores", "item_tax_rate": value}]
				self.assert_refused(
					InvalidValueError, lambda rows=rows: self.client.insert("Sales Order", order(items=rows))
				)

	def test_dates_that_are_not_dates(self):
		for value in ("9999-99-99", "31/12/2025", "2025-02-30", "0000-00-00"):
			with self.subTest(value=value):
				self.assert_refused(
					InvalidDatesError,
					lambda value=value: self.client.update(
						"Blanket Order", self.blanket_order, {"order_date": value}
					),
				)
				self.assert_refused(
					InvalidDatesError,
					lambda value=value: self.client.insert("Sales Order", order(delivery_date=value)),
				)

	def test_a_stock_entry_saved_without_its_posting_date(self):
		# its future-posting check read the missing date as "None": Frappe's mandatory check refuses it now
		doc = frappe.get_doc("Stock Entry", self.stock_entry).as_dict()
		doc["posting_date"] = None
		self.assert_refused(
			frappe.MandatoryError,
			lambda: self.client.call("frappe.client.save", doc=frappe.parse_json(frappe.as_json(doc))),
		)

	def test_portions_that_are_not_numbers(self):
		self.assert_refused(
			InvalidValueError,
			lambda: self.client.call(
				"sales_module.accounts.doctype.payment_terms_template.payment_terms_template.get_portion_total",
				portions=[{"name": "x"}],
			),
		)

	def test_date_arguments_beyond_any_date(self):
		huge = "-1" + "0" * 40
		self.assert_refused(
			InvalidDatesError,
			lambda: self.client.call(
				"sales_module.selling.dashboard_chart_source.top_customers.top_customers.get",
				verb="get",
				from_date=huge,
			),
		)
		self.assert_refused(
			InvalidDatesError,
			lambda: self.client.call(
				"sales_module.accounts.statement.get_statement_html",
				verb="get",
				customer=CUSTOMER,
				from_date=huge,
				to_date=nowdate(),
			),
		)
		self.assert_refused(
			InvalidDatesError,
			lambda: self.client.call(
				"sales_module.api.pricing.get_item_details",
				item_code=SERVICE,
				customer=CUSTOMER,
				transaction_date=huge,
			),
		)

	def test_a_document_made_in_code_is_checked_as_well(self):
		doc = frappe.get_doc(
			{
				"doctype": "Blanket Order",
				"customer": CUSTOMER,
				"from_date": nowdate(),
				"to_date": add_days(nowdate(), 9),
				"items": [{"item_code": SERVICE, "qty": "nan", "rate": 50}],
			}
		)
		with refused(self, InvalidValueError):
			doc.insert()

	def test_iso_dates_and_times_are_taken(self):
		doc = frappe.get_doc(
			{
				"doctype": "Blanket Order",
				"customer": CUSTOMER,
				"from_date": f"{nowdate()} 00:00:00",
				"to_date": add_days(nowdate(), 9),
				"items": [{"item_code": SERVICE, "qty": "1", "rate": 99_999_999_999}],
			}
		).insert()
		self.assertEqual(str(doc.from_date)[:10], nowdate())
		self.assertEqual(doc.items[0].rate, 99_999_999_999)

	def test_times_as_frappe_writes_them_are_taken_and_others_refused(self):
		from sales_module.utils.validation import time_of_day

		# a Time read back from the database and sent again by frappe.client.submit is not zero-padded
		for value in ("10:44:3.492797", "10:44:03", "9:05", "23:59:59.999999"):
			self.assertTrue(time_of_day(value), value)
		for value in ("24:00:00", "10:60:00", "10:44:61", "10.44", "noon", "10:44:03+02:00"):
			self.assertFalse(time_of_day(value), value)
		doc = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Receipt",
				"posting_time": "10:44:3.492797",
				"items": [{"item_code": "_Test Widget", "qty": 1, "t_warehouse": "Stores"}],
			}
		)
		doc.insert()
		with refused(self, InvalidDatesError):
			doc.posting_time = "25:00:00"
			doc.save()

	def test_number_cards_take_the_filters_the_desk_sends(self):
		"""The desk's number card widget sends a custom card's filters as a JSON list of conditions."""
		methods = frappe.get_all("Number Card", filters={"type": "Custom"}, pluck="method")
		self.assertGreaterEqual(len(methods), 7)
		for method in methods:
			for filters in ("[]", "{}", '[["Sales Invoice", "docstatus", "=", 1]]'):
				with self.subTest(method=method, filters=filters):
					answered = self.client.call(method, filters=filters)
					self.assertEqual(answered.status, 200, answered.why())
					self.assertIn("value", answered.message)
