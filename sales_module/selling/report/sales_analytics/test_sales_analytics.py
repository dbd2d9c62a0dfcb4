# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Analytics against documents with known figures: periods, returns, cancelled and draft
documents, tree roll-up, sales team shares, quantities, permissions."""

import frappe
from frappe.desk.query_report import run
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_sales_return
from sales_module.exceptions import InvalidDatesError, InvalidValueError
from sales_module.selling.report.sales_analytics.sales_analytics import execute
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	make_user,
	refused,
	selling_doc,
	submit_mapped,
)

YEAR = "2024"  # a year no other test writes in


def tree_node(doctype: str, name: str, parent: str, is_group: int = 0):
	if not frappe.db.exists(doctype, name):
		frappe.get_doc(
			{"doctype": doctype, frappe.scrub(doctype) + "_name": name, f"parent_{frappe.scrub(doctype)}": parent,
			 "is_group": is_group}
		).insert()  # fmt: skip
	return name


def invoice(customer: str, posting_date: str, qty: float, item: str = "_Test Service", **fields):
	doc = selling_doc(
		"Sales Invoice",
		[{"item_code": item, "qty": qty}],
		customer=customer,
		posting_date=posting_date,
		set_posting_time=1,
		**fields,
	).insert()
	doc.submit()
	return doc


def report(**filters):
	columns, data, _message, chart = execute(
		{"doc_type": "Sales Invoice", "value_quantity": "Value", "range": "Monthly",
		 "from_date": f"{YEAR}-03-01", "to_date": f"{YEAR}-04-30", **filters}
	)  # fmt: skip
	return [column["fieldname"] for column in columns], data, chart


def by_entity(data: list[dict], *fields) -> dict:
	return {row["entity"]: tuple(row[field] for field in fields) for row in data}


class TestSalesAnalytics(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		north = tree_node("Territory", "_Test SA Region", "All Territories", is_group=1)
		cls.city = tree_node("Territory", "_Test SA City", north)
		tree_node("Sales Person", "_Test SA Lead", "Sales Team")
		tree_node("Sales Person", "_Test SA Junior", "Sales Team")
		cls.alpha = make_customer_once("_Test SA Alpha", territory=cls.city).name
		cls.beta = make_customer_once("_Test SA Beta").name
		cls.paid = invoice(cls.alpha, f"{YEAR}-03-05", 2)  # 100
		invoice(cls.alpha, f"{YEAR}-04-30", 1)  # 50
		invoice(cls.beta, f"{YEAR}-03-31", 1, item="_Test Widget", update_stock=0)  # 100
		credit = make_sales_return(cls.paid.name)
		credit.items[0].qty = -1
		submit_mapped(credit, posting_date=f"{YEAR}-04-02", set_posting_time=1)  # -50 in April
		invoice(cls.beta, f"{YEAR}-03-10", 4).cancel()  # cancelled: never counts
		selling_doc("Sales Invoice", [{"item_code": "_Test Service", "qty": 9}], customer=cls.beta,
			posting_date=f"{YEAR}-03-12", set_posting_time=1).insert()  # fmt: skip
		invoice(
			cls.beta, f"{YEAR}-04-15", 2,
			sales_team=[
				{"sales_person": "_Test SA Lead", "allocated_percentage": 60},
				{"sales_person": "_Test SA Junior", "allocated_percentage": 40},
			],
		)  # fmt: skip  # 100 split 60 / 40
		invoice(cls.alpha, f"{YEAR}-05-01", 1)  # after the report's dates

	def test_customers_per_month_with_returns_negative_and_only_submitted_documents(self):
		fields, data, chart = report(tree_type="Customer")
		self.assertEqual(fields, ["entity", "entity_name", "mar_2024", "apr_2024", "total"])
		figures = by_entity(data, "entity_name", "mar_2024", "apr_2024", "total")
		self.assertEqual(
			figures[self.alpha], ("_Test SA Alpha", 100, 0, 100)
		)  # 50 in April less the 50 credited
		self.assertEqual(figures[self.beta], ("_Test SA Beta", 100, 100, 200))
		self.assertEqual(chart["data"]["labels"], ["Mar 2024", "Apr 2024"])
		self.assertEqual(chart["data"]["datasets"][0], {"name": self.beta, "values": [100, 100]})

	def test_territories_roll_up_to_their_parents(self):
		_fields, data, _chart = report(tree_type="Territory", range="Quarterly")
		rows = {row["entity"]: (row["indent"], row["parent"], row["total"]) for row in data}
		alpha_total, beta_total = 100, 200
		self.assertEqual(rows[self.city], (2, "_Test SA Region", alpha_total))
		self.assertEqual(rows["_Test SA Region"], (1, "All Territories", alpha_total))
		self.assertEqual(rows["All Territories"][0], 0)
		self.assertGreaterEqual(rows["All Territories"][2], alpha_total + beta_total)

	def test_sales_persons_take_their_allocated_share(self):
		_fields, data, _chart = report(tree_type="Sales Person")
		figures = by_entity(data, "apr_2024", "total")
		self.assertEqual(figures["_Test SA Lead"], (60, 60))
		self.assertEqual(figures["_Test SA Junior"], (40, 40))
		self.assertEqual(figures["Sales Team"], (100, 100))

	def test_items_by_quantity(self):
		fields, data, _chart = report(tree_type="Item", value_quantity="Quantity")
		self.assertIn("stock_uom", fields)
		figures = by_entity(data, "mar_2024", "apr_2024", "total")
		self.assertEqual(figures["_Test Widget"], (1, 0, 1))
		self.assertEqual(figures["_Test Service"][:2], (2, 2))  # April: 1 + 2 - 1 credited

	def test_a_user_restricted_to_a_territory_sees_only_its_documents(self):
		user = make_user("sa-city@example.com", ["Sales User"])
		add_user_permission("Territory", self.city, user.name)
		frappe.set_user(user.name)
		try:
			_fields, data, _chart = report(tree_type="Customer")
		finally:
			frappe.set_user("Administrator")
		self.assertEqual([row["entity"] for row in data], [self.alpha])

	def test_refusals(self):
		with refused(self, InvalidValueError, regex="Tree Type"):
			report(tree_type="Planet")
		with refused(self, InvalidDatesError):
			report(tree_type="Customer", from_date=f"{YEAR}-05-01", to_date=f"{YEAR}-04-01")
		outsider = make_user("sa-outsider@example.com", ["Blogger"])
		frappe.set_user(outsider.name)
		try:
			with refused(self, frappe.PermissionError):
				run("Sales Analytics", filters={"tree_type": "Customer"})
		finally:
			frappe.set_user("Administrator")

	def test_erpnext_filters_it_cannot_use_are_ignored(self):
		_fields, data, _chart = report(tree_type="Customer", company="_Test Company", cost_center="Main")
		self.assertIn(self.alpha, by_entity(data, "total"))
