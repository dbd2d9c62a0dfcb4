"""Row-level access over REST: Sales Users restricted by a User Permission to North's territory, to
North's customer or to North's sales person see North's rows and none of South's (`row_world`), in lists,
single documents, child rows, link search, exports, reports, report filters, number cards, dashboard
charts and the portal pages; an unrestricted Sales User sees South's, so every check below is one that
would catch a leak."""

from unittest.mock import patch

import frappe
from frappe.utils import add_days, nowdate

from sales_module.tests import permission_matrix as pm
from sales_module.tests.row_world import NORTH, SOUTH, RowWorldTestCase, south_markers

# the documents whose rows the territory and the customer restrict (by a field of their own or through
# their customer)
LISTED_DOCTYPES = ("Quotation", "Sales Order", "Delivery Note", "Sales Invoice", "Payment Entry")
SOUTH_ONLY_DOCTYPES = ("Blanket Order", "Dunning")
RESTRICTED = ("territory", "customer")


def leaks(answer) -> list[str]:
	"""The South markers in an answer (its JSON or text)."""
	text = answer if isinstance(answer, str) else frappe.as_json(answer)
	return [marker for marker in south_markers() if marker in text]


def listed(response) -> list[str]:
	message = response.message or {}
	if isinstance(message, list):
		return [row.get("name") if isinstance(row, dict) else row for row in message]
	keys = message.get("keys") or []
	return [row[keys.index("name")] for row in message.get("values") or []] if "name" in keys else []


def report_filters(report: str) -> dict:
	"""The last four months, each report's required filters, South's names nowhere."""
	filters = {
		"from_date": add_days(nowdate(), -120),
		"to_date": nowdate(),
		"report_date": nowdate(),
		"doc_type": "Sales Invoice",
		"doctype": "Sales Order",
		"tree_type": "Customer",
		"value_quantity": "Value",
		"range": "Monthly",
		"view": "Funnel",
		"view_type": "Territory Wise",
		"timespan": "Last Year",
		"group_by": "Customer",
		"period": "Monthly",
		"target_on": "Amount",
		"days_since_last_order": 60,
		"transaction_date": [add_days(nowdate(), -120), nowdate()],
		"show_covered": 1,
	}
	filters.update(
		{
			"Accounts Receivable": {"range": "30, 60, 90, 120"},
			"Accounts Receivable Summary": {"range": "30, 60, 90, 120"},
			"Lost Quotations": {"group_by": "Lost Reason"},
			"Sales Analytics": {"tree_type": "Territory"},
			"Inactive Customers": {"doctype": "Sales Invoice"},
		}.get(report, {})
	)
	return filters


# reports whose rows name no customer, territory, item, partner, person or document: their answer for
# an unrestricted user cannot show South by name, so only the restricted answer is checked (its figures
# are checked through the large South amount)
UNNAMED_ROWS = {
	"Sales Funnel": "counts and amounts per stage",
	"Sales Partner Target Variance based on Item Group": "partners with targets (none are set here)",
	"Sales Person Target Variance Based On Item Group": "persons with targets (none are set here)",
	"Territory Target Variance Based On Item Group": "territories with targets (none are set here)",
}


class TestRowLevelAccess(RowWorldTestCase):
	def client(self, key: str):
		return self.world.clients[key]

	# ------------------------------------------------------------ lists and exports

	def test_lists_show_the_allowed_rows_only(self):
		for key in RESTRICTED:
			client = self.client(key)
			for doctype in LISTED_DOCTYPES:
				with self.subTest(user=key, doctype=doctype):
					names = listed(
						client.call(
							"frappe.desk.reportview.get",
							doctype=doctype,
							fields=["name"],
							filters={"name": ["in", [self.north(doctype), self.south(doctype)]]},
						)
					)
					self.assertEqual(names, [self.north(doctype)])
			for doctype in SOUTH_ONLY_DOCTYPES:
				with self.subTest(user=key, doctype=doctype):
					response = client.call(
						"frappe.client.get_list", doctype=doctype, filters={"name": self.south(doctype)}
					)
					self.assertEqual((response.status, listed(response)), (200, []))
			customers = listed(
				client.call(
					"frappe.desk.reportview.get",
					doctype="Customer",
					fields=["name"],
					filters={"name": ["like", "_Test RL%"]},
				)
			)
			with self.subTest(user=key, doctype="Customer"):
				self.assertIn(NORTH.customer, customers)
				self.assertEqual(leaks(customers), [])
		# the unrestricted user sees both
		names = listed(
			self.client("unrestricted").call(
				"frappe.client.get_list",
				doctype="Payment Entry",
				filters={"name": ["in", [self.north("Payment Entry"), self.south("Payment Entry")]]},
			)
		)
		self.assertEqual(sorted(names), sorted([self.north("Payment Entry"), self.south("Payment Entry")]))

	def test_counts_and_exports_hold_the_allowed_rows_only(self):
		for key in RESTRICTED:
			client = self.client(key)
			for doctype in (*LISTED_DOCTYPES, *SOUTH_ONLY_DOCTYPES):
				with self.subTest(user=key, doctype=doctype):
					count = client.call(
						"frappe.client.get_count", doctype=doctype, filters={"name": self.south(doctype)}
					)
					self.assertEqual((count.status, count.message), (200, 0))
			exported = client.call(
				"frappe.desk.reportview.export_query",
				doctype="Sales Order",
				file_format_type="CSV",
				fields=["`tabSales Order`.`name`", "`tabSales Order`.`customer`"],
				filters={"name": ["like", "%"]},
			)
			with self.subTest(user=key, export="Sales Order"):
				self.assertEqual(exported.status, 200)
				self.assertIn(self.north("Sales Order"), exported.text)
				self.assertEqual(leaks(exported.text), [])

	# ------------------------------------------------------------ one document

	def test_a_forbidden_document_cannot_be_reached_by_name(self):
		for key in RESTRICTED:
			client = self.client(key)
			for doctype in (*LISTED_DOCTYPES, *SOUTH_ONLY_DOCTYPES):
				with self.subTest(user=key, doctype=doctype):
					self.assertEqual(client.get_doc(doctype, self.south(doctype)).status, 403)
					got = client.call("frappe.client.get", doctype=doctype, name=self.south(doctype))
					self.assertEqual(got.status, 403)
					value = client.call(
						"frappe.client.get_value",
						doctype=doctype,
						fieldname="name",
						filters={"name": self.south(doctype)},
					)
					self.assertIn(value.status, (200, 403))
					self.assertEqual(leaks(value.json.get("message") or ""), [])
					printed = client.call(
						"frappe.www.printview.get_html_and_style", doc=doctype, name=self.south(doctype)
					)
					self.assertEqual(printed.status, 403)
			for doctype in LISTED_DOCTYPES:
				with self.subTest(user=key, doctype=doctype, side="North"):
					self.assertEqual(client.get_doc(doctype, self.north(doctype)).status, 200)

	def test_a_forbidden_document_cannot_be_reached_through_its_rows(self):
		for key in RESTRICTED:
			client = self.client(key)
			for child, parent in (
				("Sales Order Item", "Sales Order"),
				("Sales Invoice Item", "Sales Invoice"),
			):
				with self.subTest(user=key, child=child):
					got = client.call(
						"frappe.client.get", doctype=child, name=self.south(child), parent=parent
					)
					self.assertEqual(got.status, 403)
					value = client.call(
						"frappe.client.get_value",
						doctype=child,
						fieldname=["rate", "parent"],
						filters={"parent": self.south(parent)},
						parent=parent,
					)
					self.assertIn(value.status, (200, 403))
					self.assertEqual(leaks(value.json.get("message") or ""), [])
					rows = client.call(
						"frappe.client.get_list",
						doctype=child,
						parent=parent,
						fields=["name", "parent", "rate"],
						filters={"parent": ["in", [self.north(parent), self.south(parent)]]},
					)
					self.assertEqual(rows.status, 200)
					self.assertEqual([row["parent"] for row in rows.message], [self.north(parent)])

	def test_a_forbidden_document_cannot_be_reached_by_a_mapper(self):
		mappers = {
			"sales_module.selling.doctype.quotation.quotation.make_sales_order": "Quotation",
			"sales_module.selling.doctype.sales_order.sales_order.make_delivery_note": "Sales Order",
			"sales_module.selling.doctype.sales_order.sales_order.make_sales_invoice": "Sales Order",
			"sales_module.stock.doctype.delivery_note.delivery_note.make_sales_return": "Delivery Note",
			"sales_module.accounts.doctype.sales_invoice.sales_invoice.make_sales_return": "Sales Invoice",
			"erpnext.selling.doctype.sales_order.sales_order.make_delivery_note": "Sales Order",
		}
		for key in RESTRICTED:
			client = self.client(key)
			for method, doctype in mappers.items():
				with self.subTest(user=key, method=method):
					refused = client.call(method, source_name=self.south(doctype))
					self.assertEqual(refused.status, 403)
					self.assertEqual(leaks(refused.json), [])
					through_frappe = client.call(
						"frappe.model.mapper.make_mapped_doc", method=method, source_name=self.south(doctype)
					)
					self.assertEqual(through_frappe.status, 403)
					# North's own passes the permission check (an order billed in full has nothing to map)
					mapped = client.call(method, source_name=self.north(doctype))
					self.assertTrue(
						mapped.ok or mapped.json.get("exc_type") == "NothingToMapError", mapped.why()
					)

	# ------------------------------------------------------------ link search

	def test_link_search_offers_the_allowed_rows_only(self):
		searches = {
			"territory": ("Customer", "Territory", "Sales Order", "Sales Invoice", "Sales Partner"),
			"customer": ("Customer", "Sales Order", "Sales Invoice", "Payment Entry", "Dunning"),
			"person": ("Sales Person",),
		}
		for key, doctypes in searches.items():
			client = self.client(key)
			for doctype in doctypes:
				for cmd in ("frappe.desk.search.search_link", "frappe.desk.search.search_widget"):
					with self.subTest(user=key, doctype=doctype, cmd=cmd):
						found = client.call(cmd, doctype=doctype, txt="", page_length=500)
						self.assertEqual(found.status, 200, found.why())
						self.assertEqual(leaks(found.json), [])
						by_name = client.call(cmd, doctype=doctype, txt="_Test RL South", page_length=50)
						self.assertEqual(leaks(by_name.json), [])
						# Frappe would drop every limit when asked to ignore User Permissions
						ignoring = client.call(
							cmd,
							doctype=doctype,
							txt="_Test RL South",
							page_length=50,
							ignore_user_permissions=1,
						)
						self.assertEqual(leaks(ignoring.json), [])
		found = self.client("unrestricted").call(
			"frappe.desk.search.search_link", doctype="Customer", txt="_Test RL South", page_length=50
		)
		self.assertIn(SOUTH.customer, frappe.as_json(found.json))

	# ------------------------------------------------------------ reports

	def sales_user_reports(self) -> list[str]:
		# Sales Plan vs Actual answers for a plan: plans are the company's, not a territory's (the policy)
		return sorted(
			name
			for name, roles in pm.REPORT_ROLES.items()
			if pm.SALES_USER in roles and name != "Sales Plan vs Actual"
		)

	def run_report(self, key: str, report: str, **extra):
		return self.client(key).call(
			"frappe.desk.query_report.run",
			report_name=report,
			filters={**report_filters(report), **extra},
			ignore_prepared_report=1,
		)

	def test_reports_show_the_allowed_rows_only(self):
		for report in self.sales_user_reports():
			if report not in UNNAMED_ROWS:
				with self.subTest(report=report, user="unrestricted"):
					shown = self.run_report("unrestricted", report)
					self.assertEqual(shown.status, 200, shown.why())
					self.assertNotEqual(leaks(shown.message["result"]), [], "South never shows here")
			for key in (*RESTRICTED, "person"):
				with self.subTest(report=report, user=key):
					answer = self.run_report(key, report)
					self.assertEqual(answer.status, 200, answer.why())
					if key == "person":
						# a sales person's restriction hides the other persons, not the documents
						self.assertNotIn(SOUTH.person, frappe.as_json(answer.message["result"]))
					else:
						self.assertEqual(leaks(answer.message["result"]), [])

	def test_a_report_filter_cannot_reach_forbidden_rows(self):
		for report in self.sales_user_reports():
			for key in RESTRICTED:
				for fieldname, value in (
					("customer", SOUTH.customer),
					("party", SOUTH.customer),
					("territory", SOUTH.territory),
					("sales_partner", SOUTH.partner),
					("campaign", SOUTH.campaign),
				):
					with self.subTest(report=report, user=key, filter=fieldname):
						answer = self.run_report(key, report, **{fieldname: value})
						self.assertIn(answer.status, (200, 403), answer.why())
						if answer.ok:
							self.assertEqual(leaks(answer.message["result"]), [])

	# ------------------------------------------------------------ workspace

	def test_number_cards_count_the_allowed_rows_only(self):
		cards = frappe.get_all("Number Card", filters={"module": "Selling", "type": "Custom"}, pluck="method")
		self.assertGreaterEqual(len(cards), 5)
		for method in cards:
			for key in RESTRICTED:
				with self.subTest(card=method, user=key):
					answer = self.client(key).call(method)
					self.assertEqual(answer.status, 200, answer.why())
					self.assertLess(abs(answer.message["value"]), 1000000)
		revenue = self.client("unrestricted").call("sales_module.selling.dashboard.revenue_this_month")
		self.assertGreaterEqual(revenue.message["value"], 2 * 1234567)

	def test_dashboard_charts_show_the_allowed_rows_only(self):
		charts = frappe.get_all(
			"Dashboard Chart", filters={"module": "Selling"}, fields=["name", "chart_type", "source"]
		)
		self.assertGreaterEqual(len(charts), 3)
		for chart in charts:
			if chart.chart_type == "Report":
				continue  # the report's own chart: the report answers (checked above)
			if chart.chart_type == "Custom":
				cmd = CHART_SOURCES[chart.source]  # the method the source's script names
			else:
				cmd = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
			# the unrestricted user asks first: an answer kept for every user would then carry South
			shown = self.client("unrestricted").call(cmd, chart_name=chart.name, refresh=1)
			self.assertEqual(shown.status, 200, shown.why())
			for key in RESTRICTED:
				with self.subTest(chart=chart.name, user=key):
					answer = self.client(key).call(cmd, chart_name=chart.name)
					self.assertEqual(answer.status, 200, answer.why())
					self.assertEqual(leaks(answer.message), [])
					values = [value for dataset in answer.message["datasets"] for value in dataset["values"]]
					self.assertLess(max([0, *values]), 1000000)

	# ------------------------------------------------------------ portal pages

	def test_portal_lists_of_a_desk_user_show_the_allowed_rows_only(self):
		for key in RESTRICTED:
			for route, doctype in (("orders", "Sales Order"), ("invoices", "Sales Invoice")):
				with self.subTest(user=key, route=route):
					page = self.client(key).request("get", f"/{route}")
					self.assertEqual(page.status, 200)
					self.assertIn(self.north(doctype), page.text)
					self.assertEqual(leaks(page.text), [])
					other = self.client(key).request("get", f"/{route}/{self.south(doctype)}")
					self.assertIn(other.status, (403, 404))
					self.assertEqual(leaks(other.text), [])


CHART_SOURCES = {
	"Top Customers": "sales_module.selling.dashboard_chart_source.top_customers.top_customers.get",
}
