# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Stock goes to the open order lines in delivery-date order; the rest is short."""

from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from sales_module.stock.report.stock_shortage_for_open_orders.stock_shortage_for_open_orders import execute
from sales_module.tests.utils import (
	bin_qty,
	clear_pricing_rules,
	make_customer_once,
	make_item,
	make_selling_masters,
	receive_stock,
	selling_doc,
)


class TestStockShortage(FrappeTestCase):
	def test_the_earliest_lines_get_the_stock(self):
		make_selling_masters()
		clear_pricing_rules()
		item = make_item("_Test Short Item", is_stock_item=1).name
		receive_stock(item, 5)
		customer = make_customer_once("_Test Short Customer").name
		orders = []
		for days, qty in ((10, 4), (3, 3)):
			order = selling_doc(
				"Sales Order", [{"item_code": item, "qty": qty, "rate": 1}], customer=customer,
				delivery_date=add_days(nowdate(), days),
			).insert()  # fmt: skip
			order.submit()
			orders.append(order.name)
		_columns, data = execute({"item_code": item})
		self.assertEqual(
			[
				(row["sales_order"], row["pending_qty"], row["covered_qty"], row["shortage_qty"])
				for row in data
			],
			[(orders[0], 4, 2, 2)],
		)
		self.assertEqual(data[0]["reserved_qty"], bin_qty(item).reserved_qty)
		_columns, everything = execute({"item_code": item, "show_covered": 1})
		self.assertEqual([row["sales_order"] for row in everything], [orders[1], orders[0]])
