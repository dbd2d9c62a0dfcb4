# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.utils import add_days, nowdate

from sales_module.exceptions import InvalidDatesError
from sales_module.stock.doctype.stock_entry.test_stock_entry import (
	SOURCE,
	TARGET,
	StockTestCase,
	make_stock_entry,
)
from sales_module.stock.report.stock_balance.stock_balance import execute


class TestStockBalance(StockTestCase):
	def run_report(self, **filters) -> list[dict]:
		filters = {"from_date": nowdate(), "to_date": nowdate(), "item_code": self.item, **filters}
		return execute(frappe._dict(filters))[1]

	def test_opening_in_out_and_balance(self):
		yesterday = add_days(nowdate(), -1)
		make_stock_entry("Material Receipt", self.item, 10, to_warehouse=SOURCE)
		frappe.db.set_value("Stock Ledger Entry", {"item_code": self.item}, "posting_date", yesterday)
		make_stock_entry("Material Transfer", self.item, 4, from_warehouse=SOURCE, to_warehouse=TARGET)
		cancelled = make_stock_entry("Material Issue", self.item, 1, from_warehouse=TARGET)
		cancelled.cancel()

		rows = {row.warehouse: row for row in self.run_report()}
		self.assertEqual(
			[rows[SOURCE][key] for key in ("opening_qty", "in_qty", "out_qty", "bal_qty")], [10, 0, 4, 6]
		)
		self.assertEqual(
			[rows[TARGET][key] for key in ("opening_qty", "in_qty", "out_qty", "bal_qty")], [0, 4, 0, 4]
		)
		self.assertEqual([row.warehouse for row in self.run_report(warehouse="All Warehouses")], sorted(rows))
		self.assertEqual([row.warehouse for row in self.run_report(warehouse=TARGET)], [TARGET])

	def test_dates_must_be_in_order(self):
		with self.assertRaises(InvalidDatesError):
			self.run_report(from_date=nowdate(), to_date=add_days(nowdate(), -1))
