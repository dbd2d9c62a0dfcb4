"""Names, customer names and remarks holding HTML, script and SQL fragments, over REST: stored as text
(Frappe's sanitizer takes the script out of what it stores, documents submitted in one request included),
answered as data by lists and reports, shown escaped by everything the app renders itself (print formats,
the statement of account, the portal pages, the late-order notification); SQL fragments in report and list
filters never reach the database as SQL (no server error, no effect)."""

from unittest.mock import patch

import frappe
from frappe.utils import add_days, nowdate

from sales_module.selling.doctype.customer.customer import NAME_BY_SERIES
from sales_module.tests import permission_matrix as pm
from sales_module.tests.matrix_world import make_portal_user
from sales_module.tests.rest import RestClient, RestTestCase, remove_documents
from sales_module.tests.utils import make_selling_masters, make_user

SQL = "'; DROP TABLE x; --"
PAYLOAD = f'<img src=x onerror=alert(1)>"><script>alert(2)</script>{SQL}'
# what must never come back as markup
RAW = ("<img src=x onerror", "<script>alert(2)", "<img src=x onerror=alert(1)>")
# what escaping leaves of it (HTML-escaped, with Jinja's or Frappe's entities for the quotes)
ESCAPED = "&lt;script&gt;alert(2)&lt;/script&gt;"
SALES_USER = "inject.sales.user@sales-module.test"
PORTAL_USER = "inject.portal@sales-module.test"


def raw_markup(text: str) -> list[str]:
	return [marker for marker in RAW if marker in text]


class TestInjection(RestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		make_user(SALES_USER, ["Sales User"])
		frappe.db.commit()
		cls.user = RestClient(SALES_USER)
		cls.admin = RestClient("Administrator")
		cls.created: list[tuple[str, str]] = []
		# named by series: a name may not hold markup (Frappe refuses < and > in names)
		naming = frappe.db.get_single_value("Selling Settings", "cust_master_name")
		frappe.db.set_single_value("Selling Settings", "cust_master_name", NAME_BY_SERIES)
		frappe.db.commit()
		try:
			created = cls.user.insert("Customer", {"customer_name": PAYLOAD, "customer_type": "Company"})
		finally:
			frappe.db.set_single_value("Selling Settings", "cust_master_name", naming)
			frappe.db.commit()
		assert created.status == 200, created.why()
		cls.customer = created.json["data"]["name"]
		cls.customer_name = frappe.db.get_value("Customer", cls.customer, "customer_name")
		cls.created.append(("Customer", cls.customer))
		make_portal_user(PORTAL_USER, [cls.customer])
		frappe.db.commit()
		cls.portal = RestClient(PORTAL_USER)

	@classmethod
	def tearDownClass(cls):
		remove_documents(cls.created)
		super().tearDownClass()

	def order(self, **fields) -> str:
		"""A submitted order of the customer, made in one request by the Sales User."""
		answer = self.user.insert(
			"Sales Order",
			{
				"customer": self.customer,
				"delivery_date": add_days(nowdate(), 7),
				# one order per purchase order of a customer (the Sales Order's rule)
				"po_no": f"{PAYLOAD} {frappe.generate_hash(length=8)}",
				"terms": f"<p>Pay soon</p><script>alert(3)</script>{SQL}",
				"items": [{"item_code": "_Test Service", "qty": 1, "warehouse": "Stores"}],
				"taxes": [
					{"charge_type": "On Net Total", "account_head": "VAT", "description": PAYLOAD, "rate": 10}
				],
				"docstatus": 1,
				**fields,
			},
		)
		self.assertEqual(answer.status, 200, answer.why())
		self.created.append(("Sales Order", answer.json["data"]["name"]))
		frappe.db.commit()
		return answer.json["data"]["name"]

	def with_raw_values(self, name: str):
		"""The order as a value stored before it was sanitized would leave it (an import, an older version
		or a direct database write): the payload as it was typed, in every text the prints show."""
		frappe.db.set_value("Sales Order", name, {"customer_name": PAYLOAD, "po_no": PAYLOAD})
		frappe.db.set_value(
			"Sales Order Item", {"parent": name}, {"item_name": PAYLOAD, "description": PAYLOAD}
		)
		frappe.db.set_value("Sales Taxes and Charges", {"parent": name}, "description", PAYLOAD)
		sanitized = frappe.db.get_value("Customer", self.customer, "customer_name")
		frappe.db.set_value("Customer", self.customer, "customer_name", PAYLOAD)
		frappe.db.commit()
		self.addCleanup(self.restore_customer_name, sanitized)

	def restore_customer_name(self, value: str):
		frappe.db.rollback()
		frappe.db.set_value("Customer", self.customer, "customer_name", value)
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()

	# ------------------------------------------------------------ storage

	def test_text_is_stored_as_text(self):
		stored = self.customer_name
		self.assertEqual(raw_markup(stored), [])
		self.assertIn(SQL, stored)
		name = self.order()
		order = frappe.db.get_value("Sales Order", name, ["po_no", "terms", "customer_name"], as_dict=True)
		tax = frappe.db.get_value("Sales Taxes and Charges", {"parent": name}, "description")
		for field, value in {**order, "tax description": tax}.items():
			with self.subTest(field=field):
				self.assertEqual(raw_markup(value), [])
				self.assertNotIn("<script", value)
				self.assertIn(SQL, value)
		self.assertIn("<p>Pay soon</p>", order.terms)
		self.assertTrue(frappe.db.table_exists("Sales Order"))

	def test_a_name_holds_no_markup_and_sql_is_only_text(self):
		before = frappe.db.count("Customer")
		refused = self.user.insert("Customer", {"customer_name": PAYLOAD})  # named by its name
		self.assertEqual((refused.status, refused.json.get("exc_type")), (409, "NameError"))
		frappe.db.commit()
		self.assertEqual(frappe.db.count("Customer"), before)
		created = self.user.insert("Customer", {"customer_name": f"_Test Injection {SQL}"})
		self.assertEqual(created.status, 200, created.why())
		self.created.append(("Customer", created.json["data"]["name"]))
		self.assertEqual(created.json["data"]["name"], f"_Test Injection {SQL}")
		got = self.user.get_doc("Customer", created.json["data"]["name"])
		self.assertEqual(got.json["data"]["customer_name"], f"_Test Injection {SQL}")
		self.assertTrue(frappe.db.table_exists("Customer"))

	# ------------------------------------------------------------ answered as data

	def test_lists_and_reports_answer_the_text_as_data(self):
		name = self.order()
		self.with_raw_values(name)
		listed = self.user.call(
			"frappe.desk.reportview.get",
			doctype="Sales Order",
			fields=["name", "po_no"],
			filters={"name": name},
		)
		self.assertEqual(listed.status, 200)
		self.assertIn("application/json", listed.content_type)
		self.assertEqual(listed.message["values"], [[name, PAYLOAD]])
		for report in ("Sales Register", "Sales Order Analysis", "Accounts Receivable"):
			with self.subTest(report=report):
				answer = self.user.call(
					"frappe.desk.query_report.run",
					report_name=report,
					filters={
						"customer": self.customer,
						"from_date": add_days(nowdate(), -30),
						"to_date": nowdate(),
					},
					ignore_prepared_report=1,
				)
				self.assertEqual(answer.status, 200, answer.why())
				self.assertIn("application/json", answer.content_type)
				for key in ("message", "report_summary"):
					self.assertEqual(raw_markup(frappe.as_json(answer.message.get(key) or "")), [])

	# ------------------------------------------------------------ rendered by the app

	def print_html(self, doctype: str, name: str, print_format: str) -> str:
		printed = self.user.call(
			"frappe.www.printview.get_html_and_style", doc=doctype, name=name, print_format=print_format
		)
		self.assertEqual(printed.status, 200, printed.why())
		return printed.message["html"]

	def test_the_apps_prints_escape_every_text(self):
		name = self.order()
		self.with_raw_values(name)
		formats = frappe.get_all(
			"Print Format",
			# the app's own (the permission matrix leaves one-line print formats of its own in Selling)
			filters={"doc_type": "Sales Order", "disabled": 0, "module": "Selling", "standard": "Yes"},
			pluck="name",
		)
		self.assertEqual(formats, ["Sales Order Standard"])
		html = self.print_html("Sales Order", name, formats[0])
		self.assertEqual(raw_markup(html), [])
		self.assertIn(ESCAPED, html)

	def test_frappes_standard_print_shows_the_text_as_stored(self):
		# Frappe's own format prints text fields as stored: stored text is sanitized (submitted in one
		# request included)
		html = self.print_html("Sales Order", self.order(), "Standard")
		self.assertEqual(raw_markup(html), [])
		self.assertNotIn("<script>alert", html)

	def test_the_statement_of_account_escapes_every_text(self):
		name = self.order()
		invoice = self.user.call(
			"sales_module.selling.doctype.sales_order.sales_order.make_sales_invoice", source_name=name
		).message
		billed = self.admin.insert("Sales Invoice", {**invoice, "po_no": PAYLOAD, "docstatus": 1})
		self.assertEqual(billed.status, 200, billed.why())
		self.created.append(("Sales Invoice", billed.json["data"]["name"]))
		frappe.db.set_value("Sales Invoice", billed.json["data"]["name"], "po_no", PAYLOAD)
		self.with_raw_values(name)
		html = self.user.call(
			"sales_module.accounts.statement.get_statement_html",
			customer=self.customer,
			from_date=add_days(nowdate(), -30),
			to_date=nowdate(),
		)
		self.assertEqual(html.status, 200, html.why())
		self.assertEqual(raw_markup(html.message), [])
		self.assertIn(ESCAPED, html.message)
		printed = self.user.call(
			"frappe.www.printview.get_html_and_style",
			doc="Customer",
			name=self.customer,
			print_format="Statement of Account",
		)
		self.assertEqual(printed.status, 200, printed.why())
		self.assertEqual(raw_markup(printed.message["html"]), [])

	def test_portal_pages_escape_every_text(self):
		name = self.order()
		self.with_raw_values(name)
		for path in ("/orders", f"/orders/{name}"):
			with self.subTest(path=path):
				page = self.portal.request("get", path)
				self.assertEqual(page.status, 200)
				self.assertIn(name, page.text)
				self.assertEqual(raw_markup(page.text), [])
		self.assertIn(ESCAPED, self.portal.request("get", f"/orders/{name}").text)

	def test_the_late_order_notification_escapes_the_customer(self):
		from sales_module.selling.late_orders import flag_late_orders

		name = self.order()
		self.with_raw_values(name)
		frappe.db.set_value("Sales Order Item", {"parent": name}, "delivery_date", add_days(nowdate(), -3))
		frappe.db.set_value("Sales Order", name, "owner", SALES_USER)
		flag_late_orders()
		subjects = frappe.get_all(
			"Notification Log",
			filters={"document_type": "Sales Order", "document_name": name},
			pluck="subject",
		)
		self.assertEqual(len(subjects), 1)
		self.assertEqual(raw_markup(subjects[0]), [])
		self.assertIn("&lt;script&gt;", subjects[0])
		frappe.db.delete("Notification Log", {"document_name": name})
		frappe.db.commit()

	# ------------------------------------------------------------ SQL in filters

	def test_sql_fragments_in_report_filters_are_only_values(self):
		"""Every report the Sales User opens, each filter a report may read set to an SQL fragment: the
		answer is the one the same filters give with a plain value that matches nothing (the fragment is a
		value that matches nothing too), never a server error."""
		fragments = (SQL, "' OR '1'='1", "1) OR (1=1", "x`; DROP TABLE `tabCustomer", '" OR ""="')
		fields = ("customer", "territory", "item_code", "item_group", "sales_partner", "sales_person",
				  "customer_group", "campaign", "company", "status", "party", "brand", "warehouse", "owner",
				  "sales_order", "mode_of_payment", "cost_center")  # fmt: skip

		def run(report: str, value: str):
			filters = {field: value for field in fields}
			filters.update(from_date=add_days(nowdate(), -30), to_date=nowdate())
			return self.user.call(
				"frappe.desk.query_report.run", report_name=report, filters=filters, ignore_prepared_report=1
			)

		def outcome(answer) -> tuple:
			return answer.status, answer.json.get("exc_type"), (answer.message or {}).get("result")

		failures = []
		for report in sorted(name for name, roles in pm.REPORT_ROLES.items() if pm.SALES_USER in roles):
			plain = run(report, "_Test no such value")
			for fragment in fragments:
				answer = run(report, fragment)
				if answer.status >= 500 or outcome(answer) != outcome(plain):
					failures.append(
						f"{report} with {fragment!r}: {answer.why()}, with a plain value {plain.why()}"
					)
		self.assertEqual(failures, [], "\n".join(failures))
		self.assertTrue(frappe.db.table_exists("Customer"))

	def test_sql_fragments_in_list_arguments_are_refused_or_only_values(self):
		attempts = [
			{"filters": {"customer": SQL}},
			{"filters": [["Sales Order", "po_no", "like", "%zz' OR '1'='1%"]]},
			{"filters": {"name": ["in", [SQL, "' OR 1=1 --"]]}},
			{"fields": ["name", f"po_no{SQL}"]},
			{"fields": ["name", "(select password from __Auth) as x"]},
			{"order_by": f"name{SQL}"},
			{"group_by": f"name{SQL}"},
		]
		for args in attempts:
			with self.subTest(args=args):
				answer = self.user.call("frappe.desk.reportview.get", doctype="Sales Order", **args)
				self.assertIn(answer.status, (200, 417), answer.why())
				if answer.ok:
					self.assertEqual(answer.message.get("values", []) if answer.message else [], [])
		self.assertTrue(frappe.db.table_exists("Sales Order"))
