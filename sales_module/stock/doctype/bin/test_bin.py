# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe

from sales_module.stock.doctype.stock_entry.test_stock_entry import (
	SOURCE,
	TARGET,
	StockTestCase,
	make_stock_entry,
)
from sales_module.stock.utils import get_bins, get_stock_availability, update_bin_reserved_qty
from sales_module.tests.utils import make_user

NO_ROLE_USER = "no.stock.role@sales-module.test"


class TestBin(StockTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_one_bin_per_item_and_warehouse(self):
		make_stock_entry("Material Receipt", self.item, 1, to_warehouse=TARGET)
		make_stock_entry("Material Receipt", self.item, 1, to_warehouse=TARGET)
		self.assertEqual(frappe.db.count("Bin", {"item_code": self.item, "warehouse": TARGET}), 1)
		duplicate = frappe.get_doc({"doctype": "Bin", "item_code": self.item, "warehouse": TARGET})
		with self.assertRaises(frappe.UniqueValidationError):
			duplicate.insert()

	def test_reserved_qty_lowers_projected_qty(self):
		make_stock_entry("Material Receipt", self.item, 10, to_warehouse=TARGET)
		update_bin_reserved_qty(self.item, TARGET, 4)
		self.assertStock(TARGET, 10, reserved=4)
		make_stock_entry("Material Issue", self.item, 1, from_warehouse=TARGET)
		self.assertStock(TARGET, 9, reserved=4)
		update_bin_reserved_qty(self.item, TARGET, 0)
		self.assertStock(TARGET, 9)

	def test_reservation_without_stock_makes_projected_qty_negative(self):
		update_bin_reserved_qty(self.item, SOURCE, 3)
		self.assertStock(SOURCE, 0, reserved=3)
		self.assertEqual(frappe.db.get_value("Bin", {"item_code": self.item}, "stock_uom"), "Nos")

	def test_releasing_a_reservation_that_never_was_creates_no_bin(self):
		update_bin_reserved_qty(self.item, SOURCE, 0)
		self.assertFalse(frappe.db.exists("Bin", {"item_code": self.item}))

	def test_actual_qty_is_recomputed_from_the_ledger(self):
		make_stock_entry("Material Receipt", self.item, 5, to_warehouse=TARGET)
		bin_name = frappe.db.get_value("Bin", {"item_code": self.item, "warehouse": TARGET})
		frappe.db.set_value("Bin", bin_name, "actual_qty", 999)
		make_stock_entry("Material Receipt", self.item, 1, to_warehouse=TARGET)
		self.assertStock(TARGET, 6)

	def test_get_bins_reads_many_pairs_in_one_query(self):
		make_stock_entry("Material Receipt", self.item, 5, to_warehouse=TARGET)
		pairs = [(self.item, TARGET), (self.item, SOURCE), ("_Test Missing Item", TARGET)]
		with self.assertQueryCount(1):
			bins = get_bins(pairs)
		self.assertEqual(bins[(self.item, TARGET)]["actual_qty"], 5)
		self.assertEqual(bins[(self.item, SOURCE)], {"actual_qty": 0, "reserved_qty": 0, "projected_qty": 0})
		self.assertEqual(set(bins), set(pairs))

	def test_stock_availability_per_warehouse(self):
		make_stock_entry("Material Receipt", self.item, 5, to_warehouse=TARGET)
		make_stock_entry("Material Receipt", self.item, 2, to_warehouse=SOURCE)
		update_bin_reserved_qty(self.item, TARGET, 1)
		self.assertEqual(
			get_stock_availability(self.item),
			[
				{
					"warehouse": SOURCE,
					"stock_uom": "Nos",
					"actual_qty": 2,
					"reserved_qty": 0,
					"projected_qty": 2,
				},
				{
					"warehouse": TARGET,
					"stock_uom": "Nos",
					"actual_qty": 5,
					"reserved_qty": 1,
					"projected_qty": 4,
				},
			],
		)
		self.assertEqual(get_stock_availability(self.item, "Stores")[0]["actual_qty"], 0)

	def test_stock_availability_needs_read_access_to_the_item(self):
		make_user(NO_ROLE_USER, [])
		frappe.set_user(NO_ROLE_USER)
		with self.assertRaises(frappe.PermissionError):
			get_stock_availability(self.item)
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.DoesNotExistError):
			get_stock_availability("_Test Missing Item")
