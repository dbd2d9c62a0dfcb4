# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""New versus repeat customers per month and per territory."""

from frappe.tests.utils import FrappeTestCase

from sales_module.selling.report.customer_acquisition_and_loyalty.customer_acquisition_and_loyalty import (
	execute,
)
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	selling_doc,
)


def invoice(customer: str, day: str, qty: int):
	doc = selling_doc(
		"Sales Invoice", [{"item_code": "_Test Service", "qty": qty}], customer=customer, posting_date=day,
		set_posting_time=1,
	).insert()  # fmt: skip
	doc.submit()


class TestCustomerAcquisition(FrappeTestCase):
	def test_new_and_repeat_customers(self):
		make_selling_masters()
		clear_pricing_rules()
		old = make_customer_once("_Test Loyal Customer").name
		new = make_customer_once("_Test Newcomer").name
		invoice(old, "2023-05-10", 1)
		invoice(old, "2023-08-03", 2)  # 100, repeat
		invoice(new, "2023-08-20", 1)  # 50, new
		invoice(new, "2023-09-02", 1)  # 50, repeat
		_columns, data = execute({"from_date": "2023-08-01", "to_date": "2023-09-30"})
		months = {(row["year"], row["month"]): row for row in data}
		august, september = months[(2023, "August")], months[(2023, "September")]
		self.assertEqual(
			(
				august["new_customers"],
				august["repeat_customers"],
				august["new_customer_revenue"],
				august["repeat_customer_revenue"],
			),
			(1, 1, 50, 100),
		)
		self.assertEqual(
			(september["new_customers"], september["repeat_customers"], september["total_revenue"]),
			(0, 1, 50),
		)
		_columns, territories = execute(
			{"from_date": "2023-08-01", "to_date": "2023-09-30", "view_type": "Territory Wise"}
		)
		total = sum(row["total_revenue"] for row in territories)
		self.assertEqual(total, 200)
		self.assertEqual(sum(row["new_customers"] for row in territories), 1)
