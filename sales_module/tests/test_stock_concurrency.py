"""Stock movements from parallel database connections: the Bin lock makes them take turns.

Each worker thread opens its own site connection, so the transactions really overlap. The data they work
on is committed first (the workers cannot see uncommitted rows of the test's connection) and removed again
at the end.
"""

import threading
import time
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt

from sales_module.exceptions import NegativeStockError
from sales_module.stock import utils as stock_utils
from sales_module.stock.utils import get_bin_qty
from sales_module.tests.utils import make_item

WAREHOUSE = "Stores"
ITEM_PREFIX = "_Test Concurrent Stock"


class Worker(threading.Thread):
	"""Runs `action(*args)` on a connection of its own after all workers reached the barrier; commits
	on success, rolls back on error and keeps the exception."""

	def __init__(self, site: str, sites_path: str, barrier: threading.Barrier, action, *args):
		super().__init__(daemon=True)
		self.site, self.sites_path, self.barrier = site, sites_path, barrier
		self.action, self.args = action, args
		self.error: Exception | None = None

	def run(self):
		frappe.init(site=self.site, sites_path=self.sites_path)
		try:
			frappe.connect()
			frappe.set_user("Administrator")
			self.prepare()
			self.barrier.wait(timeout=30)
			self.action(*self.args)
			frappe.db.commit()
		except Exception as error:
			self.error = error
			if getattr(frappe.local, "db", None):
				frappe.db.rollback()
		finally:
			frappe.destroy()

	def prepare(self):
		# a first read opens the transaction's REPEATABLE READ snapshot before the other worker commits,
		# so a plain (non-locking) read of the ledger would still show the stock the other worker took
		frappe.db.get_value("Bin", {"warehouse": WAREHOUSE}, "actual_qty")


def submit_stock_entry(name: str):
	frappe.get_doc("Stock Entry", name).submit()


def lock_bin_slowly(item_code: str, warehouse: str):
	"""Hold each Bin lock a while before taking the next, so both workers hold one when locking in turns."""
	locked = LOCK_BIN(item_code, warehouse)
	time.sleep(0.3)
	return locked


LOCK_BIN = stock_utils.lock_bin


class TestStockConcurrency(FrappeTestCase):
	def setUp(self):
		self.items: list[str] = []

	def tearDown(self):
		frappe.db.rollback()
		self.delete_test_data()
		frappe.db.commit()

	def make_committed_item(self, suffix: str) -> str:
		item_code = make_item(f"{ITEM_PREFIX} {suffix}").name
		self.items.append(item_code)
		frappe.db.commit()
		return item_code

	def make_draft(self, purpose: str, item_code: str | list[str], qty: float) -> str:
		warehouses = (
			{"from_warehouse": WAREHOUSE} if purpose == "Material Issue" else {"to_warehouse": WAREHOUSE}
		)
		item_codes = [item_code] if isinstance(item_code, str) else item_code
		entry = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": purpose,
				"items": [{"item_code": code, "qty": qty} for code in item_codes],
				**warehouses,
			}
		).insert()
		return entry.name

	def run_in_parallel(self, *calls) -> list[Worker]:
		frappe.db.commit()
		barrier = threading.Barrier(len(calls))
		workers = [
			Worker(frappe.local.site, frappe.local.sites_path, barrier, action, *args)
			for action, *args in calls
		]
		for worker in workers:
			worker.start()
		for worker in workers:
			worker.join(timeout=120)
			self.assertFalse(worker.is_alive(), "a worker is still waiting for a lock")
		return workers

	def ledger_sum(self, item_code: str) -> float:
		sle = frappe.qb.DocType("Stock Ledger Entry")
		total = (
			frappe.qb.from_(sle)
			.select(frappe.query_builder.functions.Sum(sle.actual_qty))
			.where((sle.item_code == item_code) & (sle.warehouse == WAREHOUSE) & (sle.is_cancelled == 0))
			.run()[0][0]
		)
		return flt(total)

	def test_only_one_of_two_issues_gets_the_last_units(self):
		item_code = self.make_committed_item("Last Units")
		receipt = self.make_draft("Material Receipt", item_code, 5)
		submit_stock_entry(receipt)
		issues = [self.make_draft("Material Issue", item_code, 4) for _attempt in range(2)]

		workers = self.run_in_parallel(*[(submit_stock_entry, name) for name in issues])

		errors = [worker.error for worker in workers]
		self.assertEqual(sum(error is None for error in errors), 1, errors)
		self.assertIsInstance(next(error for error in errors if error), NegativeStockError)
		frappe.db.rollback()  # a fresh snapshot that sees what the workers committed
		self.assertEqual(get_bin_qty(item_code, WAREHOUSE)["actual_qty"], 1)
		self.assertEqual(self.ledger_sum(item_code), 1)
		self.assertEqual(
			frappe.db.count("Stock Ledger Entry", {"item_code": item_code, "is_cancelled": 0}), 2
		)
		self.assertEqual(
			sorted(frappe.get_all("Stock Entry", {"name": ("in", issues)}, pluck="docstatus")), [0, 1]
		)

	def test_parallel_receipts_into_a_new_bin_are_all_counted(self):
		item_code = self.make_committed_item("New Bin")
		receipts = [self.make_draft("Material Receipt", item_code, qty) for qty in (3, 4)]

		workers = self.run_in_parallel(*[(submit_stock_entry, name) for name in receipts])

		self.assertEqual([worker.error for worker in workers], [None, None])
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Bin", {"item_code": item_code}), 1)
		self.assertEqual(get_bin_qty(item_code, WAREHOUSE)["actual_qty"], 7)
		self.assertEqual(self.ledger_sum(item_code), 7)

	def test_entries_listing_items_in_opposite_order_do_not_deadlock(self):
		first, second = self.make_committed_item("Order A"), self.make_committed_item("Order B")
		submit_stock_entry(self.make_draft("Material Receipt", [first, second], 10))
		issues = [self.make_draft("Material Issue", items, 1) for items in ([first, second], [second, first])]

		with patch.object(stock_utils, "lock_bin", lock_bin_slowly):
			workers = self.run_in_parallel(*[(submit_stock_entry, name) for name in issues])

		self.assertEqual([worker.error for worker in workers], [None, None])
		frappe.db.rollback()
		for item_code in (first, second):
			self.assertEqual(get_bin_qty(item_code, WAREHOUSE)["actual_qty"], 8)
			self.assertEqual(self.ledger_sum(item_code), 8)

	def delete_test_data(self):
		if not self.items:
			return
		entries = frappe.get_all(
			"Stock Entry Detail", filters={"item_code": ("in", self.items)}, pluck="parent", distinct=True
		)
		frappe.db.delete("Stock Ledger Entry", {"item_code": ("in", self.items)})
		frappe.db.delete("Bin", {"item_code": ("in", self.items)})
		if entries:
			frappe.db.delete("Stock Entry Detail", {"parent": ("in", entries)})
			frappe.db.delete("Stock Entry", {"name": ("in", entries)})
		for item_code in self.items:
			frappe.delete_doc("Item", item_code, force=True, delete_permanently=True)
