"""The customer portal: a website user linked to customers through their Contact sees those customers'
submitted documents on /quotations, /orders, /invoices and /deliveries, and nothing of anyone else's,
by page, REST or link search; they accept an open quotation as a draft order for the sales team."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate, set_request

from sales_module.controllers import portal
from sales_module.exceptions import DocumentStateError, QuotationAlreadyAcceptedError
from sales_module.selling.doctype.quotation.quotation import accept_quotation
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from sales_module.templates.pages import order as order_page
from sales_module.tests.utils import (
	make_customer_once,
	make_selling_masters,
	make_user,
	refused,
	selling_doc,
	submit_mapped,
)

CUSTOMER_A = "_Test Portal Customer A"
CUSTOMER_A2 = "_Test Portal Customer A2"  # A's contact links two customers
CUSTOMER_B = "_Test Portal Customer B"
USER_A = "portal.a@sales-module.test"
USER_B = "portal.b@sales-module.test"
USER_NONE = "portal.none@sales-module.test"  # a website user whose contact links no customer
DESK_USER = "portal.desk@sales-module.test"
LINES = [{"item_code": "_Test Service", "qty": 2}]
PORTAL_DOCTYPES = ("Quotation", "Sales Order", "Sales Invoice", "Delivery Note")


def make_portal_user(email: str, customers: list[str]) -> str:
	"""A website user; Frappe makes their Contact, which is linked to `customers`."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	contact = frappe.get_doc("Contact", frappe.db.get_value("Contact", {"user": email}))
	for customer in customers:
		contact.append("links", {"link_doctype": "Customer", "link_name": customer})
	contact.save(ignore_permissions=True)
	return email


def call_over_http(cmd: str, **form):
	"""A whitelisted method as an HTTP request reaches it (with `override_whitelisted_methods`)."""
	set_request(method="POST", path=f"/api/method/{cmd}")
	frappe.local.form_dict = frappe._dict(form)
	return frappe.handler.execute_cmd(cmd)


def make_quotation(customer: str, submit: bool = True, **fields):
	doc = selling_doc("Quotation", LINES, customer=customer, **fields).insert()
	if submit:
		doc.submit()
	return doc


def make_documents(customer: str) -> dict[str, str]:
	"""One submitted document of each portal DocType for the customer."""
	quotation = make_quotation(customer)
	order = selling_doc("Sales Order", LINES, customer=customer).insert()
	order.submit()
	note = submit_mapped(make_delivery_note(order.name))
	invoice = submit_mapped(make_sales_invoice(order.name))
	return {
		"Quotation": quotation.name,
		"Sales Order": order.name,
		"Delivery Note": note.name,
		"Sales Invoice": invoice.name,
	}


class TestPortal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		for customer in (CUSTOMER_A, CUSTOMER_A2, CUSTOMER_B):
			make_customer_once(customer)
		make_portal_user(USER_A, [CUSTOMER_A, CUSTOMER_A2])
		make_portal_user(USER_B, [CUSTOMER_B])
		make_portal_user(USER_NONE, [])
		make_user(DESK_USER, ["Sales User"])
		cls.own = make_documents(CUSTOMER_A)
		cls.second = make_documents(CUSTOMER_A2)
		cls.other = make_documents(CUSTOMER_B)
		cls.draft_order = selling_doc("Sales Order", LINES, customer=CUSTOMER_A).insert().name

	def setUp(self):
		self.form_dict = frappe.local.form_dict
		self.request = getattr(frappe.local, "request", None)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = self.form_dict
		frappe.local.request = self.request

	# ------------------------------------------------------------ who is a portal user

	def test_a_contact_linked_to_a_customer_makes_a_website_user_a_customer(self):
		self.assertEqual(frappe.db.get_value("User", USER_A, "user_type"), "Website User")
		self.assertIn("Customer", frappe.get_roles(USER_A))
		self.assertNotIn("Customer", frappe.get_roles(USER_NONE))
		self.assertEqual(portal.get_customers_of_user(USER_A), sorted([CUSTOMER_A, CUSTOMER_A2]))
		self.assertEqual(portal.get_customers_of_user(USER_B), [CUSTOMER_B])
		self.assertTrue(portal.is_portal_user(USER_A))
		self.assertFalse(portal.is_portal_user(DESK_USER))
		self.assertFalse(portal.is_portal_user("Administrator"))
		# a desk user's contact linked to a customer gives no portal role
		contact = frappe.get_doc("Contact", frappe.db.get_value("Contact", {"user": DESK_USER}))
		contact.append("links", {"link_doctype": "Customer", "link_name": CUSTOMER_B})
		contact.save(ignore_permissions=True)
		self.assertNotIn("Customer", frappe.get_roles(DESK_USER))

	# ------------------------------------------------------------ portal pages

	def portal_rows(self, doctype: str) -> list[str]:
		from frappe.www.list import get_list_data

		return [row.name for row in get_list_data(doctype, limit=100)]

	def test_lists_show_only_the_users_customers_submitted_documents(self):
		frappe.set_user(USER_A)
		for doctype in PORTAL_DOCTYPES:
			with self.subTest(doctype=doctype):
				names = self.portal_rows(doctype)
				self.assertIn(self.own[doctype], names)
				self.assertIn(self.second[doctype], names)  # the contact's other customer
				self.assertNotIn(self.other[doctype], names)
		self.assertNotIn(self.draft_order, self.portal_rows("Sales Order"))
		frappe.set_user(USER_B)
		for doctype in PORTAL_DOCTYPES:
			with self.subTest(doctype=doctype, user=USER_B):
				self.assertNotIn(self.own[doctype], self.portal_rows(doctype))
		frappe.set_user(USER_NONE)
		self.assertEqual(self.portal_rows("Sales Order"), [])

	def test_a_list_filter_cannot_widen_the_list(self):
		from frappe.www.list import get_list_data

		frappe.set_user(USER_A)
		rows = get_list_data("Sales Order", customer=CUSTOMER_B, limit=100)
		self.assertNotIn(self.other["Sales Order"], [row.name for row in rows])

	def test_list_rows_render_with_their_total_and_items(self):
		from frappe.www.list import get

		frappe.set_user(USER_A)
		html = "".join(get("Sales Order", limit=100)["result"])
		self.assertIn(self.own["Sales Order"], html)
		self.assertNotIn(self.other["Sales Order"], html)
		grand_total = frappe.db.get_value("Sales Order", self.own["Sales Order"], ["grand_total", "currency"])
		self.assertIn(frappe.utils.fmt_money(grand_total[0], currency=grand_total[1]), html)
		self.assertIn(frappe.db.get_value("Item", "_Test Service", "item_name"), html)

	def document_context(self, doctype: str, name: str):
		frappe.local.form_dict = frappe._dict(doctype=doctype, name=name)
		return order_page.get_context(frappe._dict())

	def test_document_page_of_another_customer_is_refused(self):
		frappe.set_user(USER_A)
		for doctype in PORTAL_DOCTYPES:
			with self.subTest(doctype=doctype):
				with self.assertRaises(frappe.PermissionError):
					self.document_context(doctype, self.other[doctype])
				context = self.document_context(doctype, self.own[doctype])
				self.assertEqual(context.doc.name, self.own[doctype])
				self.assertEqual([row.item_code for row in context.doc.items], ["_Test Service"])
				self.assertIn("download_pdf", context.pdf_url)
				self.assertEqual(context.can_accept, doctype == "Quotation")
		# drafts, unknown names and other DocTypes are not portal pages
		for doctype, name in (("Sales Order", self.draft_order), ("Sales Order", "_Test No Such Order")):
			with self.assertRaises(frappe.PageDoesNotExistError):
				self.document_context(doctype, name)
		with self.assertRaises(frappe.PageDoesNotExistError):
			self.document_context("Customer", CUSTOMER_B)

	# a bench without built assets has no assets.json: the page links the unbundled names then
	@patch("frappe.utils.get_assets_json", lambda: {})
	def test_orders_page_renders_the_users_orders_only(self):
		from frappe.website.serve import get_response

		frappe.set_user(USER_A)
		set_request(method="GET", path="/orders")
		response = get_response("/orders")
		self.assertEqual(response.status_code, 200)
		html = frappe.safe_decode(response.get_data())
		self.assertIn(self.own["Sales Order"], html)
		self.assertNotIn(self.other["Sales Order"], html)

		path = f"/orders/{self.own['Sales Order']}"
		set_request(method="GET", path=path)
		response = get_response(path)
		self.assertEqual(response.status_code, 200)
		self.assertIn("frappe.utils.print_format.download_pdf", frappe.safe_decode(response.get_data()))

		path = f"/orders/{self.other['Sales Order']}"
		set_request(method="GET", path=path)
		self.assertEqual(get_response(path).status_code, 403)

	# ------------------------------------------------------------ permissions (REST, print, search)

	def test_rest_lists_only_the_users_customers_documents(self):
		frappe.set_user(USER_A)
		for doctype in PORTAL_DOCTYPES:
			with self.subTest(doctype=doctype):
				names = frappe.get_list(doctype, pluck="name", limit_page_length=0)
				self.assertIn(self.own[doctype], names)
				self.assertNotIn(self.other[doctype], names)
				# frappe.client.get_count answers at Frappe's path through the override in hooks.py
				count = call_over_http(
					"frappe.client.get_count", doctype=doctype, filters={"name": self.other[doctype]}
				)
				self.assertEqual(count, 0)
				count = call_over_http(
					"frappe.client.get_count", doctype=doctype, filters={"name": self.own[doctype]}
				)
				self.assertEqual(count, 1)
		# child rows are listed by their parent's role permission: only the user's documents' rows
		for child, parent in (("Sales Order Item", "Sales Order"), ("Sales Taxes and Charges", "Quotation")):
			with self.subTest(child=child):
				parents = frappe.get_list(
					child, parent_doctype=parent, fields=["parent"], pluck="parent", limit_page_length=0
				)
				self.assertNotIn(self.other[parent], parents)
		parents = frappe.get_list(
			"Sales Order Item", parent_doctype="Sales Order", pluck="parent", limit_page_length=0
		)
		self.assertIn(self.own["Sales Order"], parents)

	def test_another_customers_document_cannot_be_read_or_printed(self):
		frappe.set_user(USER_A)
		for doctype in PORTAL_DOCTYPES:
			with self.subTest(doctype=doctype):
				other = frappe.get_doc(doctype, self.other[doctype])
				with self.assertRaises(frappe.PermissionError):
					other.check_permission("read")
				with self.assertRaises(frappe.PermissionError):
					frappe.client.get(doctype, self.other[doctype])
				self.assertFalse(frappe.has_permission(doctype, "print", other))
				own = frappe.get_doc(doctype, self.own[doctype])
				own.check_permission("read")
				self.assertTrue(frappe.has_permission(doctype, "print", own))
				# a portal user writes nothing
				self.assertFalse(frappe.has_permission(doctype, "write", own))
				self.assertFalse(frappe.has_permission(doctype, "create"))

	def test_link_search_reveals_no_other_customers_documents(self):
		from frappe.desk.search import search_link

		frappe.set_user(USER_A)
		for doctype in PORTAL_DOCTYPES:
			with self.subTest(doctype=doctype):
				found = [row["value"] for row in search_link(doctype, "", page_length=100)]
				self.assertIn(self.own[doctype], found)
				self.assertNotIn(self.other[doctype], found)
				self.assertEqual(search_link(doctype, self.other[doctype]), [])

	def test_link_search_ignoring_user_permissions_keeps_the_portal_limits(self):
		# over HTTP the search answers at Frappe's path through the override in hooks.py; Frappe's own
		# would list every row, the permission query hooks dropped, when asked to ignore User Permissions
		frappe.set_user(USER_A)
		for cmd in ("frappe.desk.search.search_link", "frappe.desk.search.search_widget"):
			form = {"txt": "", "page_length": 100, "ignore_user_permissions": 1}
			if cmd.endswith("search_widget"):
				form["as_dict"] = 1
			with self.subTest(cmd=cmd):
				found = frappe.as_json(call_over_http(cmd, doctype="Sales Order", **form))
				self.assertIn(self.own["Sales Order"], found)
				self.assertNotIn(self.other["Sales Order"], found)
				# a child table is no link target: the search is refused instead of listing its rows
				with self.assertRaises(frappe.PermissionError):
					call_over_http(cmd, doctype="Sales Order Item", reference_doctype="Sales Order", **form)

	def test_website_permission(self):
		own = frappe.get_doc("Sales Order", self.own["Sales Order"])
		other = frappe.get_doc("Sales Order", self.other["Sales Order"])
		self.assertTrue(frappe.has_website_permission(own, user=USER_A))
		self.assertFalse(frappe.has_website_permission(other, user=USER_A))
		self.assertFalse(frappe.has_website_permission(own, user=USER_NONE))
		self.assertFalse(frappe.has_website_permission(own, user="Guest"))
		self.assertTrue(frappe.has_website_permission(other, user=DESK_USER))

	def test_a_desk_sales_user_still_sees_every_customer(self):
		frappe.set_user(DESK_USER)
		for doctype in PORTAL_DOCTYPES:
			with self.subTest(doctype=doctype):
				names = frappe.get_list(doctype, pluck="name", limit_page_length=0)
				self.assertIn(self.own[doctype], names)
				self.assertIn(self.other[doctype], names)
				frappe.get_doc(doctype, self.other[doctype]).check_permission("read")
				portal_names = self.portal_rows(doctype)
				self.assertIn(self.other[doctype], portal_names)
		self.assertIn(self.draft_order, frappe.get_list("Sales Order", pluck="name", limit_page_length=0))

	# ------------------------------------------------------------ accepting a quotation

	def test_accept_makes_one_draft_order_for_the_sales_team(self):
		quotation = make_quotation(CUSTOMER_A2)
		before = frappe.db.get_value("Quotation", quotation.name, ["status", "modified"], as_dict=True)
		frappe.set_user(USER_A)
		name = accept_quotation(quotation.name)
		frappe.set_user("Administrator")
		order = frappe.get_doc("Sales Order", name)
		self.assertEqual((order.docstatus, order.customer), (0, CUSTOMER_A2))
		self.assertEqual(
			[(row.item_code, row.qty, row.prevdoc_docname) for row in order.items],
			[("_Test Service", 2, quotation.name)],
		)
		self.assertEqual(order.grand_total, quotation.grand_total)
		self.assertEqual(str(order.transaction_date), nowdate())
		self.assertGreaterEqual(str(order.delivery_date), nowdate())
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Sales Order",
					"reference_name": name,
					"content": ("like", f"%{USER_A}%"),
				},
			)
		)
		after = frappe.db.get_value("Quotation", quotation.name, ["status", "modified"], as_dict=True)
		self.assertEqual(after, before)

		frappe.set_user(USER_A)
		frappe.local.form_dict = frappe._dict(doctype="Quotation", name=quotation.name)
		self.assertFalse(order_page.get_context(frappe._dict()).can_accept)
		with refused(self, QuotationAlreadyAcceptedError, regex=name):
			accept_quotation(quotation.name)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("Sales Order Item", {"prevdoc_docname": quotation.name}), 1)

	def test_another_customers_user_cannot_accept(self):
		quotation = make_quotation(CUSTOMER_A)
		for user in (USER_B, USER_NONE):
			frappe.set_user(user)
			with self.subTest(user=user), refused(self, frappe.PermissionError):
				accept_quotation(quotation.name)
		with refused(self, frappe.PermissionError):
			accept_quotation("_Test No Such Quotation")
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Sales Order Item", {"prevdoc_docname": quotation.name}))

	def test_only_an_open_quotation_can_be_accepted(self):
		expired = make_quotation(
			CUSTOMER_A,
			transaction_date=add_days(nowdate(), -30),
			valid_till=add_days(nowdate(), -1),
		)
		draft = make_quotation(CUSTOMER_A, submit=False)
		frappe.set_user(USER_A)
		with refused(self, DocumentStateError, regex="Expired"):
			accept_quotation(expired.name)
		# a draft is not the customer's to see
		with refused(self, frappe.PermissionError):
			accept_quotation(draft.name)
		frappe.local.form_dict = frappe._dict(doctype="Quotation", name=expired.name)
		self.assertFalse(order_page.get_context(frappe._dict()).can_accept)
