# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from contextlib import contextmanager

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from sales_module.exceptions import (
	InactiveRecordError,
	InvalidDatesError,
	InvalidQuantityError,
	InvalidStockMovementError,
	InvalidUOMError,
	NegativeStockError,
	TreeNodeError,
)
from sales_module.stock.utils import get_bin_qty
from sales_module.tests.utils import make_item, make_tree_node

SOURCE = "_Test Stock Source"
TARGET = "_Test Stock Target"
GROUP = "_Test Stock Group"


def make_stock_entry(
	purpose: str,
	item_code: str,
	qty: float,
	from_warehouse: str | None = None,
	to_warehouse: str | None = None,
	submit: bool = True,
	**row,
):
	"""A one-row Stock Entry; `row` overrides fields of the row (uom, basic_rate, s_warehouse ...)."""
	doc = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": purpose,
			"from_warehouse": from_warehouse,
			"to_warehouse": to_warehouse,
			"items": [{"item_code": item_code, "qty": qty, **row}],
		}
	)
	doc.insert()
	if submit:
		doc.submit()
	return doc


def make_test_warehouses():
	make_tree_node("Warehouse", SOURCE)
	make_tree_node("Warehouse", TARGET)
	make_tree_node("Warehouse", GROUP, is_group=1)


@contextmanager
def undone_on_error():
	"""Undo the block's writes when it raises, as a failed request does (tests keep one transaction)."""
	frappe.db.savepoint("stock_entry_test")
	try:
		yield
	except Exception:
		frappe.db.rollback(save_point="stock_entry_test")
		raise


def ledger_rows(voucher_no: str) -> list[dict]:
	return frappe.get_all(
		"Stock Ledger Entry",
		filters={"voucher_type": "Stock Entry", "voucher_no": voucher_no},
		fields=["item_code", "warehouse", "actual_qty", "qty_after_transaction", "is_cancelled"],
		order_by="actual_qty",
	)


class StockTestCase(FrappeTestCase):
	"""Gives each test an item of its own, so stock left by one test never reaches another."""

	def setUp(self):
		make_test_warehouses()
		self.item = make_item(f"_Test Stock Item {self._testMethodName}"[:140]).name

	def assertStock(self, warehouse: str, actual: float, reserved: float = 0, item_code: str | None = None):
		self.assertEqual(
			get_bin_qty(item_code or self.item, warehouse),
			{"actual_qty": actual, "reserved_qty": reserved, "projected_qty": actual - reserved},
		)

	def ledger_count(self) -> int:
		return frappe.db.count("Stock Ledger Entry", {"item_code": self.item})


class TestStockEntry(StockTestCase):
	def test_receipt_raises_actual_and_projected_qty(self):
		entry = make_stock_entry("Material Receipt", self.item, 10, to_warehouse=TARGET, basic_rate=5)
		self.assertStock(TARGET, 10)
		self.assertEqual(entry.purpose, "Material Receipt")
		self.assertEqual(entry.total_amount, 50)
		self.assertEqual(
			ledger_rows(entry.name),
			[
				{
					"item_code": self.item,
					"warehouse": TARGET,
					"actual_qty": 10,
					"qty_after_transaction": 10,
					"is_cancelled": 0,
				}
			],
		)

	def test_issue_lowers_stock(self):
		make_stock_entry("Material Receipt", self.item, 10, to_warehouse=SOURCE)
		entry = make_stock_entry("Material Issue", self.item, 4, from_warehouse=SOURCE)
		self.assertStock(SOURCE, 6)
		self.assertEqual(ledger_rows(entry.name)[0].qty_after_transaction, 6)

	def test_transfer_moves_stock(self):
		make_stock_entry("Material Receipt", self.item, 10, to_warehouse=SOURCE)
		entry = make_stock_entry(
			"Material Transfer", self.item, 3, from_warehouse=SOURCE, to_warehouse=TARGET
		)
		self.assertStock(SOURCE, 7)
		self.assertStock(TARGET, 3)
		self.assertEqual([row.actual_qty for row in ledger_rows(entry.name)], [-3, 3])

	def test_purpose_alone_sets_the_type(self):
		entry = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"purpose": "Material Receipt",
				"items": [{"item_code": self.item, "qty": 1, "t_warehouse": TARGET}],
			}
		).insert()
		self.assertEqual(entry.stock_entry_type, "Material Receipt")

	def test_receipt_ignores_a_source_warehouse(self):
		entry = make_stock_entry("Material Receipt", self.item, 2, to_warehouse=TARGET, s_warehouse=SOURCE)
		self.assertIsNone(entry.items[0].s_warehouse)
		self.assertStock(TARGET, 2)
		self.assertStock(SOURCE, 0)

	def test_other_unit_is_converted_to_the_stock_unit(self):
		item = frappe.get_doc("Item", self.item)
		item.append("uoms", {"uom": "Box", "conversion_factor": 12})
		item.save()
		entry = make_stock_entry(
			"Material Receipt", self.item, 2, to_warehouse=TARGET, uom="Box", basic_rate=1
		)
		self.assertEqual(entry.items[0].conversion_factor, 12)
		self.assertEqual(entry.items[0].transfer_qty, 24)
		self.assertEqual(entry.items[0].basic_amount, 24)
		self.assertStock(TARGET, 24)

	def test_issue_beyond_stock_is_refused_and_writes_nothing(self):
		make_stock_entry("Material Receipt", self.item, 5, to_warehouse=SOURCE)
		entry = make_stock_entry("Material Issue", self.item, 6, from_warehouse=SOURCE, submit=False)
		with self.assertRaises(NegativeStockError):
			entry.submit()
		# make_sl_entries undid its own writes; the request's rollback would undo the docstatus
		self.assertStock(SOURCE, 5)
		self.assertEqual(self.ledger_count(), 1)

	def test_issue_from_a_warehouse_without_stock_leaves_no_bin(self):
		entry = make_stock_entry("Material Issue", self.item, 1, from_warehouse=SOURCE, submit=False)
		with self.assertRaises(NegativeStockError):
			entry.submit()
		self.assertFalse(frappe.db.exists("Bin", {"item_code": self.item}))
		self.assertEqual(self.ledger_count(), 0)

	@change_settings("Selling Settings", {"allow_negative_stock": 1})
	def test_negative_stock_setting_allows_the_issue(self):
		make_stock_entry("Material Receipt", self.item, 2, to_warehouse=SOURCE)
		entry = make_stock_entry("Material Issue", self.item, 5, from_warehouse=SOURCE)
		self.assertStock(SOURCE, -3)
		self.assertEqual(ledger_rows(entry.name)[0].qty_after_transaction, -3)

	def test_cancel_restores_stock(self):
		make_stock_entry("Material Receipt", self.item, 10, to_warehouse=SOURCE)
		transfer = make_stock_entry(
			"Material Transfer", self.item, 4, from_warehouse=SOURCE, to_warehouse=TARGET
		)
		transfer.cancel()
		self.assertStock(SOURCE, 10)
		self.assertStock(TARGET, 0)
		self.assertEqual({row.is_cancelled for row in ledger_rows(transfer.name)}, {1})

	def test_cancelling_a_consumed_receipt_is_refused(self):
		receipt = make_stock_entry("Material Receipt", self.item, 10, to_warehouse=SOURCE)
		make_stock_entry("Material Issue", self.item, 8, from_warehouse=SOURCE)
		with self.assertRaises(NegativeStockError), undone_on_error():
			receipt.reload().cancel()
		self.assertEqual(frappe.db.get_value("Stock Entry", receipt.name, "docstatus"), 1)
		self.assertEqual({row.is_cancelled for row in ledger_rows(receipt.name)}, {0})
		self.assertStock(SOURCE, 2)

		with change_settings("Selling Settings", {"allow_negative_stock": 1}):
			receipt.reload().cancel()
		self.assertStock(SOURCE, -8)

	def test_amended_entry_posts_again(self):
		receipt = make_stock_entry("Material Receipt", self.item, 10, to_warehouse=TARGET)
		receipt.cancel()
		amended = frappe.copy_doc(receipt)
		amended.update({"amended_from": receipt.name, "docstatus": 0})
		amended.items[0].qty = 7
		amended.insert()
		amended.submit()
		self.assertEqual(amended.name, f"{receipt.name}-1")
		self.assertStock(TARGET, 7)
		self.assertEqual(self.ledger_count(), 2)

	def test_deleting_a_cancelled_entry_removes_its_ledger(self):
		receipt = make_stock_entry("Material Receipt", self.item, 3, to_warehouse=TARGET)
		receipt.cancel()
		frappe.delete_doc("Stock Entry", receipt.name)
		self.assertEqual(self.ledger_count(), 0)
		self.assertStock(TARGET, 0)

	def test_bad_input_is_refused_before_anything_is_written(self):
		non_stock = make_item("_Test Stock Service Item", is_stock_item=0).name
		cases = {
			"group warehouse": (TreeNodeError, "Material Receipt", self.item, 1, None, GROUP, {}),
			"non-stock item": (InvalidStockMovementError, "Material Receipt", non_stock, 1, None, TARGET, {}),
			"zero qty": (InvalidQuantityError, "Material Receipt", self.item, 0, None, TARGET, {}),
			"negative qty": (InvalidQuantityError, "Material Receipt", self.item, -1, None, TARGET, {}),
			"unit of another item": (
				InvalidUOMError,
				"Material Receipt",
				self.item,
				1,
				None,
				TARGET,
				{"uom": "Kg"},
			),
			"fraction of a whole unit": (
				InvalidQuantityError,
				"Material Receipt",
				self.item,
				1.5,
				None,
				TARGET,
				{},
			),
			"missing target": (frappe.MandatoryError, "Material Receipt", self.item, 1, None, None, {}),
			"missing source": (frappe.MandatoryError, "Material Issue", self.item, 1, None, None, {}),
			"same warehouses": (
				InvalidStockMovementError,
				"Material Transfer",
				self.item,
				1,
				SOURCE,
				SOURCE,
				{},
			),
		}
		entries_before = frappe.db.count("Stock Entry")
		for case, (exception, purpose, item_code, qty, source, target, row) in cases.items():
			with self.subTest(case), self.assertRaises(exception):
				make_stock_entry(purpose, item_code, qty, source, target, **row)
		self.assertEqual(frappe.db.count("Stock Entry"), entries_before)
		self.assertEqual(self.ledger_count(), 0)
		self.assertFalse(frappe.db.exists("Bin", {"item_code": ("in", [self.item, non_stock])}))

	def test_disabled_warehouse_is_refused(self):
		disabled = make_tree_node("Warehouse", "_Test Stock Disabled")
		disabled.db_set("disabled", 1)
		with self.assertRaises(InactiveRecordError):
			make_stock_entry("Material Receipt", self.item, 1, to_warehouse=disabled.name)

	def test_posting_in_the_future_is_refused(self):
		with self.assertRaises(InvalidDatesError):
			frappe.get_doc(
				{
					"doctype": "Stock Entry",
					"stock_entry_type": "Material Receipt",
					"posting_date": frappe.utils.add_days(frappe.utils.nowdate(), 1),
					"items": [{"item_code": self.item, "qty": 1, "t_warehouse": TARGET}],
				}
			).insert()
