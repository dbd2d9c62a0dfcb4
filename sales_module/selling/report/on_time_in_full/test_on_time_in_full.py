# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""On-Time In-Full on order lines delivered on time, late, not at all, and not yet due."""

from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidValueError
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
from sales_module.selling.report.on_time_in_full.on_time_in_full import execute
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	receive_stock,
	refused,
	selling_doc,
	submit_mapped,
)


class TestOnTimeInFull(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		receive_stock("_Test Widget", 20)
		cls.customer = make_customer_once("_Test OTIF Customer").name
		lines = [{"item_code": "_Test Widget", "qty": 2, "delivery_date": "2024-07-10"} for _ in range(3)]
		lines.append({"item_code": "_Test Widget", "qty": 1, "delivery_date": "2024-07-25"})
		cls.order = selling_doc(
			"Sales Order",
			lines,
			customer=cls.customer,
			transaction_date="2024-07-01",
			delivery_date="2024-07-10",
		).insert()
		cls.order.submit()
		on_time = make_delivery_note(cls.order.name)
		on_time.items = on_time.items[:1]
		submit_mapped(on_time, posting_date="2024-07-08", set_posting_time=1)
		late = make_delivery_note(cls.order.name)
		late.items = late.items[:1]  # the second line, the first being delivered
		submit_mapped(late, posting_date="2024-07-15", set_posting_time=1)

	def run_report(self, **filters):
		with self.freeze_time("2024-07-20"):
			return execute(
				{"from_date": "2024-07-01", "to_date": "2024-07-31", "customer": self.customer, **filters}
			)

	def test_lines_due_counted_on_time_or_late(self):
		_columns, data = self.run_report()
		self.assertEqual(
			[(row["group"], row["lines"], row["on_time_in_full"], row["otif_percent"], row["late_lines"],
			  row["average_delay"]) for row in data],
			[(self.customer, 3, 1, 33.33, 2, 7.5)],
		)  # fmt: skip

	def test_by_month_and_item(self):
		_columns, months = self.run_report(group_by="Month")
		self.assertEqual([(row["group"], row["lines"]) for row in months], [("2024-07", 3)])
		_columns, items = self.run_report(group_by="Item")
		self.assertEqual([(row["group"], row["name"]) for row in items], [("_Test Widget", "_Test Widget")])
		with refused(self, InvalidValueError, regex="Group By"):
			self.run_report(group_by="Planet")
