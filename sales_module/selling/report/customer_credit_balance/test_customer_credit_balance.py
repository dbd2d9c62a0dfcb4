# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Customer Credit Balance counts what the credit check counts."""

from frappe.tests.utils import FrappeTestCase

from sales_module.selling.credit_limit import get_customer_exposure
from sales_module.selling.report.customer_credit_balance.customer_credit_balance import execute
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	selling_doc,
)


class TestCustomerCreditBalance(FrappeTestCase):
	def test_limit_exposure_and_balance(self):
		make_selling_masters()
		clear_pricing_rules()
		customer = make_customer_once("_Test Credit Balance", credit_limit=1000).name
		invoice = selling_doc(
			"Sales Invoice", [{"item_code": "_Test Service", "qty": 2}], customer=customer
		).insert()
		invoice.submit()
		order = selling_doc(
			"Sales Order", [{"item_code": "_Test Service", "qty": 3}], customer=customer
		).insert()
		order.submit()
		_columns, data = execute({"customer": customer})
		row = data[0]
		self.assertEqual(
			(
				row["credit_limit"],
				row["outstanding_amt"],
				row["open_orders"],
				row["credit_used"],
				row["credit_balance"],
			),
			(1000, 100, 150, 250, 750),
		)
		self.assertEqual(row["credit_used"], get_customer_exposure(customer))
