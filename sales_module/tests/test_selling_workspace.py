"""The Selling workspace, its number cards and charts, and the daily check of orders late for delivery."""

import json

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as chart_data
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_first_day, nowdate

from sales_module.accounts.report.accounts_receivable.accounts_receivable import execute as receivables
from sales_module.selling import dashboard
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
from sales_module.selling.late_orders import flag_late_orders
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	make_user,
	receive_stock,
	selling_doc,
	submit_mapped,
)


class TestSellingWorkspace(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_the_workspace_links_to_what_exists(self):
		workspace = frappe.get_doc("Workspace", "Selling")
		self.assertEqual(workspace.module, "Selling")
		for link in workspace.links:
			if link.type == "Link":
				self.assertTrue(frappe.db.exists(link.link_type, link.link_to), link.link_to)
		for row in workspace.number_cards:
			self.assertTrue(frappe.db.exists("Number Card", row.number_card_name))
		for row in workspace.charts:
			self.assertTrue(frappe.db.exists("Dashboard Chart", row.chart_name))
		self.assertIn("/app/selling", [app["route"] for app in frappe.get_hooks("add_to_apps_screen")])

	def test_number_cards_show_the_figures_the_reports_show(self):
		customer = make_customer_once("_Test Card Customer").name
		revenue = dashboard.revenue_this_month()["value"]
		invoice = selling_doc(
			"Sales Invoice", [{"item_code": "_Test Service", "qty": 2}], customer=customer,
			posting_date=get_first_day(nowdate()), set_posting_time=1, due_date=add_days(nowdate(), -1),
		).insert()  # fmt: skip
		invoice.submit()
		self.assertEqual(dashboard.revenue_this_month()["value"], revenue + 100)
		_columns, rows, *_rest = receivables({})
		self.assertEqual(dashboard.total_receivable()["value"], sum(row["outstanding"] for row in rows))
		overdue = frappe.db.count("Sales Invoice", {"docstatus": 1, "status": "Overdue"})
		self.assertEqual(dashboard.overdue_invoices()["value"], overdue)
		open_orders = dashboard.open_orders()["value"]
		order = selling_doc(
			"Sales Order", [{"item_code": "_Test Service", "qty": 1}], customer=customer
		).insert()
		order.submit()
		self.assertEqual(dashboard.open_orders()["value"], open_orders + 1)
		card = frappe.get_doc("Number Card", "Open Orders")
		self.assertEqual(frappe.get_attr(card.method)()["value"], open_orders + 1)

	def test_charts_answer(self):
		customer = make_customer_once("_Test Chart Customer").name
		invoice = selling_doc(
			"Sales Invoice", [{"item_code": "_Test Service", "qty": 1}], customer=customer
		).insert()
		invoice.submit()
		selling_doc(
			"Sales Order", [{"item_code": "_Test Service", "qty": 1}], customer=customer
		).insert().submit()
		for chart in frappe.get_all(
			"Dashboard Chart",
			filters={"module": "Selling"},
			fields=["name", "chart_type", "report_name", "filters_json"],
		):
			if chart.chart_type == "Report":  # drawn from the report's own chart
				answer = run(chart.report_name, filters=json.loads(chart.filters_json))
				self.assertTrue(answer["chart"]["data"]["labels"], chart.name)
				continue
			if chart.chart_type == "Custom":  # drawn by its Dashboard Chart Source's method
				source = frappe.get_doc(
					"Dashboard Chart Source", frappe.db.get_value("Dashboard Chart", chart.name, "source")
				)
				method = f"sales_module.{frappe.scrub(source.module)}.dashboard_chart_source.{frappe.scrub(source.name)}"
				data = frappe.get_attr(f"{method}.{frappe.scrub(source.name)}.get")(chart_name=chart.name)
			else:
				data = chart_data(chart_name=chart.name, refresh=1)
			self.assertTrue(data["labels"], chart.name)
			self.assertTrue(
				any(value for dataset in data["datasets"] for value in dataset["values"]), chart.name
			)

	def test_top_customers_are_the_ten_billed_most(self):
		from sales_module.selling.dashboard_chart_source.top_customers.top_customers import (
			get as top_customers,
		)

		for number in range(12):
			customer = make_customer_once(f"_Test Top Customer {number:02d}").name
			selling_doc(
				"Sales Invoice", [{"item_code": "_Test Service", "qty": 100 + number, "rate": 1000}],
				customer=customer,
			).insert().submit()  # fmt: skip
		data = top_customers(chart_name="Top Customers")
		self.assertEqual(data["labels"], [f"_Test Top Customer {number:02d}" for number in range(11, 1, -1)])
		self.assertEqual(data["datasets"][0]["values"][0], 111 * 1000)

	def test_cards_follow_user_permissions(self):
		user = make_user("cards-restricted@example.com", ["Sales User", "Accounts User"])
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user.name,
				"allow": "Customer",
				"for_value": "_Test Flow Customer",
			}
		).insert(ignore_permissions=True)
		frappe.set_user(user.name)
		try:
			restricted = dashboard.open_orders()["value"]
		finally:
			frappe.set_user("Administrator")
		expected = frappe.db.count(
			"Sales Order",
			{
				"docstatus": 1,
				"customer": "_Test Flow Customer",
				"status": ("in", dashboard.OPEN_ORDER_STATUSES),
			},
		)
		self.assertEqual(restricted, expected)

	def test_the_customer_form_shows_its_figures(self):
		customer = make_customer_once("_Test Dashboard Customer").name
		invoice = selling_doc(
			"Sales Invoice", [{"item_code": "_Test Service", "qty": 2}], customer=customer,
			posting_date=add_days(nowdate(), -40), set_posting_time=1, due_date=add_days(nowdate(), -10),
		).insert()  # fmt: skip
		invoice.submit()
		order = selling_doc(
			"Sales Order", [{"item_code": "_Test Service", "qty": 1}], customer=customer
		).insert()
		order.submit()
		doc = frappe.get_doc("Customer", customer)
		doc.run_method("onload")
		info = doc.get_onload().dashboard_info
		self.assertEqual(
			(
				info.get("outstanding"),
				info.get("overdue"),
				info.get("open_orders"),
				str(info.get("last_order_date")),
			),
			(
				100,
				100 if frappe.db.get_value("Sales Invoice", invoice.name, "status") == "Overdue" else 0,
				1,
				nowdate(),
			),
		)
		self.assertEqual(
			info.get("billed_this_year"), 100 if add_days(nowdate(), -40)[:4] == nowdate()[:4] else 0
		)


class TestLateOrders(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_late_lines_are_flagged_and_their_people_told_once_a_day(self):
		receive_stock("_Test Widget", 10)
		if not frappe.db.exists("Sales Person", "_Test Late Seller"):
			frappe.get_doc(
				{"doctype": "Sales Person", "sales_person_name": "_Test Late Seller", "parent_sales_person": "Sales Team",
				 "user": make_user("late-seller@example.com", ["Sales User"]).name}
			).insert()  # fmt: skip
		customer = make_customer_once("_Test Late Customer").name
		order = selling_doc(
			"Sales Order",
			[{"item_code": "_Test Widget", "qty": 2}, {"item_code": "_Test Widget", "qty": 1, "delivery_date": add_days(nowdate(), 20)}],
			customer=customer, delivery_date=add_days(nowdate(), 3),
			sales_team=[{"sales_person": "_Test Late Seller", "allocated_percentage": 100}],
		).insert()  # fmt: skip
		order.submit()
		note = make_delivery_note(order.name)
		note.remove(note.items[1])
		note.items[0].qty = 1
		submit_mapped(note)
		with self.freeze_time(add_days(nowdate(), 5)):
			flag_late_orders()
			flag_late_orders()  # the same day: nothing more
			flags = frappe.get_all(
				"Sales Order Item",
				filters={"parent": order.name},
				fields=["idx", "delivery_overdue"],
				order_by="idx",
			)
			self.assertEqual([row.delivery_overdue for row in flags], [1, 0])
			told = frappe.get_all(
				"Notification Log",
				filters={"document_type": "Sales Order", "document_name": order.name},
				fields=["for_user", "subject"],
			)
			self.assertEqual(sorted(row.for_user for row in told), ["late-seller@example.com"])
			self.assertIn(order.name, told[0].subject)
		# once delivered in full, the flag goes
		rest = make_delivery_note(order.name)
		rest.remove(rest.items[1])
		submit_mapped(rest)
		with self.freeze_time(add_days(nowdate(), 6)):
			flag_late_orders()
		self.assertEqual(
			frappe.get_all(
				"Sales Order Item", filters={"parent": order.name}, pluck="delivery_overdue", order_by="idx"
			),
			[0, 0],
		)
