# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe

from sales_module.exceptions import InvalidStockMovementError, NegativeStockError, TreeNodeError
from sales_module.stock.doctype.stock_entry.test_stock_entry import (
	GROUP,
	SOURCE,
	TARGET,
	StockTestCase,
	make_stock_entry,
)
from sales_module.stock.utils import cancel_sl_entries, make_sl_entries
from sales_module.tests.utils import make_item


class TestStockLedgerEntry(StockTestCase):
	def setUp(self):
		super().setUp()
		# a draft voucher to post against
		self.voucher = make_stock_entry("Material Receipt", self.item, 1, to_warehouse=TARGET, submit=False)

	def entry(self, qty: float, warehouse: str = TARGET, **fields) -> dict:
		return {
			"item_code": self.item,
			"warehouse": warehouse,
			"actual_qty": qty,
			"voucher_type": "Stock Entry",
			"voucher_no": self.voucher.name,
			"voucher_detail_no": self.voucher.items[0].name,
			**fields,
		}

	def test_entries_carry_the_running_balance(self):
		names = make_sl_entries([self.entry(5), self.entry(-2), self.entry(4, SOURCE), self.entry(1)])
		after = [frappe.db.get_value("Stock Ledger Entry", name, "qty_after_transaction") for name in names]
		self.assertEqual(after, [5, 3, 4, 4])
		self.assertStock(TARGET, 4)
		self.assertStock(SOURCE, 4)
		ledger_entry = frappe.get_doc("Stock Ledger Entry", names[0])
		self.assertEqual((ledger_entry.docstatus, ledger_entry.stock_uom), (1, "Nos"))
		self.assertEqual(str(ledger_entry.posting_date), frappe.utils.nowdate())

	def test_zero_quantities_are_skipped(self):
		self.assertEqual(make_sl_entries([self.entry(0)]), [])
		self.assertEqual(self.ledger_count(), 0)

	def test_refused_movement_writes_nothing(self):
		make_sl_entries([self.entry(3)])
		with self.assertRaises(NegativeStockError) as refusal:
			# a receipt elsewhere in the same call must not be written either
			make_sl_entries([self.entry(2, SOURCE), self.entry(-5)])
		self.assertIn("3", str(refusal.exception))
		self.assertIn("5", str(refusal.exception))
		self.assertEqual(self.ledger_count(), 1)
		self.assertStock(TARGET, 3)
		self.assertFalse(frappe.db.exists("Bin", {"item_code": self.item, "warehouse": SOURCE}))

	def test_net_change_of_the_call_is_checked(self):
		make_sl_entries([self.entry(-2), self.entry(2)])
		self.assertStock(TARGET, 0)

	def test_argument_overrides_the_negative_stock_setting(self):
		make_sl_entries([self.entry(-2)], allow_negative_stock=True)
		self.assertStock(TARGET, -2)
		with self.assertRaises(NegativeStockError):
			make_sl_entries([self.entry(-1)], allow_negative_stock=False)
		# adding stock while below zero is always fine
		make_sl_entries([self.entry(1)], allow_negative_stock=False)
		self.assertStock(TARGET, -1)

	def test_only_stock_items_in_leaf_warehouses(self):
		service = make_item("_Test Ledger Service Item", is_stock_item=0).name
		with self.assertRaises(InvalidStockMovementError):
			make_sl_entries([self.entry(1, item_code=service)])
		with self.assertRaises(TreeNodeError):
			make_sl_entries([self.entry(1, GROUP)])
		with self.assertRaises(frappe.MandatoryError):
			make_sl_entries([self.entry(1, voucher_no=None)])
		self.assertFalse(frappe.db.exists("Stock Ledger Entry", {"item_code": ("in", [self.item, service])}))

	def test_cancel_marks_entries_and_recomputes_bins(self):
		make_sl_entries([self.entry(5), self.entry(2, SOURCE)])
		cancel_sl_entries("Stock Entry", self.voucher.name)
		self.assertEqual(
			set(frappe.get_all("Stock Ledger Entry", {"item_code": self.item}, pluck="is_cancelled")), {1}
		)
		self.assertStock(TARGET, 0)
		self.assertStock(SOURCE, 0)
		# cancelling again changes nothing
		cancel_sl_entries("Stock Entry", self.voucher.name)
		self.assertStock(TARGET, 0)

	def test_cancel_that_would_go_negative_is_refused(self):
		make_sl_entries([self.entry(5)])
		other = make_stock_entry("Material Issue", self.item, 4, from_warehouse=TARGET)
		with self.assertRaises(NegativeStockError):
			cancel_sl_entries("Stock Entry", self.voucher.name)
		self.assertEqual(
			frappe.db.count("Stock Ledger Entry", {"voucher_no": self.voucher.name, "is_cancelled": 0}), 1
		)
		self.assertStock(TARGET, 1)
		cancel_sl_entries("Stock Entry", other.name)
		cancel_sl_entries("Stock Entry", self.voucher.name)
		self.assertStock(TARGET, 0)

	def test_indexes_exist(self):
		self.assertTrue(frappe.db.has_index("tabStock Ledger Entry", "item_code_warehouse_index"))
		self.assertTrue(frappe.db.has_index("tabStock Ledger Entry", "voucher_type_voucher_no_index"))
		self.assertTrue(frappe.db.has_index("tabBin", "unique_item_warehouse"))
