# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Lost Quotations, Inactive Customers and Territory-wise Sales on known documents."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_timespan_date_range, nowdate

from sales_module.exceptions import InvalidValueError
from sales_module.selling.report.inactive_customers.inactive_customers import execute as inactive_customers
from sales_module.selling.report.lost_quotations.lost_quotations import execute as lost_quotations
from sales_module.selling.report.territory_wise_sales.territory_wise_sales import execute as territory_sales
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	refused,
	selling_doc,
)


def reason(name: str) -> str:
	if not frappe.db.exists("Quotation Lost Reason", name):
		frappe.get_doc({"doctype": "Quotation Lost Reason", "order_lost_reason": name}).insert()
	return name


class TestSellingReports(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()

	def test_lost_quotations_by_reason(self):
		customer = make_customer_once("_Test Lost Customer").name
		price, late = reason("_Test Too Expensive"), reason("_Test Too Late")
		last_year_start = get_timespan_date_range("last year")[0]  # calendar periods, as ERPNext's
		for qty, reasons in ((2, [price]), (1, [price, late])):
			quotation = selling_doc(
				"Quotation", [{"item_code": "_Test Service", "qty": qty}], customer=customer,
				transaction_date=last_year_start, valid_till=add_days(last_year_start, 30),
			).insert()  # fmt: skip
			quotation.submit()
			quotation.declare_enquiry_lost([{"lost_reason": name} for name in reasons])
		_columns, data, _message, chart = lost_quotations({"timespan": "Last Year", "company": "ignored"})
		rows = {row["lost_reason"]: (row["lost_quotations"], row["lost_value"]) for row in data}
		self.assertGreaterEqual(rows[price][0], 2)
		self.assertGreaterEqual(rows[price][1], 150)
		self.assertGreaterEqual(rows[late][0], 1)
		self.assertIn(price, chart["data"]["labels"])
		with refused(self, InvalidValueError, regex="Timespan"):
			lost_quotations({"timespan": "Forever"})

	def test_inactive_customers_and_territories(self):
		customer = make_customer_once("_Test Sleepy Customer").name
		order = selling_doc(
			"Sales Order", [{"item_code": "_Test Service", "qty": 2}], customer=customer,
			transaction_date=add_days(nowdate(), -90), delivery_date=add_days(nowdate(), -80),
		).insert()  # fmt: skip
		order.submit()
		_columns, data = inactive_customers({"days_since_last_order": 60, "doctype": "Sales Order"})
		row = next(row for row in data if row["customer"] == customer)
		self.assertEqual(
			(
				row["number_of_orders"],
				row["total_order_value"],
				row["last_order_amount"],
				row["days_since_last_order"],
			),
			(1, 100, 100, 90),
		)
		_columns, data = inactive_customers({"days_since_last_order": 100})
		self.assertNotIn(customer, [row["customer"] for row in data])
		with refused(self, InvalidValueError):
			inactive_customers({"doctype": "Quotation"})
		_columns, data = territory_sales({"transaction_date": [add_days(nowdate(), -100), nowdate()]})
		root = next(row for row in data if row["territory"] == "All Territories")
		self.assertEqual((root["indent"], root["opportunity_amount"]), (0, 0))
		self.assertGreaterEqual(root["order_amount"], 100)
