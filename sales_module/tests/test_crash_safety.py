"""A worker killed (SIGKILL) in the middle of a submit leaves nothing behind.

Each test commits its fixtures, then a separate OS process (a worker, with its own MariaDB connection at
READ COMMITTED as jobs and requests run) submits a draft. A second connection of the test holds a lock
the submit takes only after it has written rows:

- the rows of the Sales Order's lines, which a Delivery Note updates in the middle of its submit (after
  writing itself, before the stock ledger);
- the gap of the Version index where the submitted document's Version goes: Frappe writes it after
  `on_submit`, so the worker is then stopped with everything written (the document, the order's figures,
  the ledger, the bins, the invoice's outstanding) and only the commit missing.

A third connection, at READ UNCOMMITTED, watches the worker: its thread shows the statement it is stuck
on, and a dirty read shows what it wrote but did not commit. Then the worker is killed, the lock
released, and the database must be exactly as before the worker started: every table of the app
(`fingerprint.py`), and in detail the document, the ledger, the bins and the order's figures. Finally
the same submit, retried, goes through once.

The site's database user needs no PROCESS privilege: a user sees its own threads in PROCESSLIST.
"""

import os
import select
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

import frappe
from frappe.database import get_db
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from sales_module.tests.fingerprint import database_fingerprint, fingerprint_changes
from sales_module.tests.rest import remove_documents
from sales_module.tests.utils import (
	WAREHOUSE,
	bin_qty,
	make_customer,
	make_item,
	make_item_price,
	receive_stock,
	selling_doc,
)

# a guard against a hung worker, never a measure: the worker gets there in a few seconds
WAIT_SECONDS = 120

# what the worker runs: a site connection as a background job has it, one submit, a commit
WORKER = """
import sys

import frappe

from sales_module.utils.transactions import use_read_committed

site, sites_path, doctype, name = sys.argv[1:5]
frappe.init(site=site, sites_path=sites_path)
frappe.connect()
frappe.set_user("Administrator")
use_read_committed()
print(frappe.db._conn.thread_id(), flush=True)
frappe.get_doc(doctype, name).submit()
frappe.db.commit()
print("committed", flush=True)
frappe.destroy()
"""


def open_connection(isolation: str):
	"""A connection of the site's own user, at the given isolation level."""
	conf = frappe.local.conf
	db = get_db(
		socket=conf.db_socket,
		host=conf.db_host,
		port=conf.db_port,
		user=conf.db_name,
		password=conf.db_password,
		cur_db_name=conf.db_name,
	)
	db.connect()
	# no query builder form; the level applies from the connection's next transaction
	db.sql(f"SET SESSION TRANSACTION ISOLATION LEVEL {isolation}")
	return db


@contextmanager
def through(db):
	"""Run frappe.db / frappe.qb calls of the block on another connection."""
	main = frappe.local.db
	frappe.local.db = db
	try:
		yield
	finally:
		frappe.local.db = main


class TestCrashSafety(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		suffix = frappe.generate_hash(length=6)
		cls.customer = make_customer(f"_Test Crash Customer {suffix}").name
		cls.item = make_item(f"_Test Crash Item {suffix}", is_stock_item=1).name
		cls.price = make_item_price(cls.item, 100).name
		cls.receipt = receive_stock(cls.item, 50).name
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		remove_documents([("Stock Entry", cls.receipt)])
		frappe.db.delete("Stock Ledger Entry", {"item_code": cls.item})
		frappe.db.delete("Bin", {"item_code": cls.item})
		frappe.delete_doc("Item Price", cls.price, force=True)
		frappe.delete_doc("Item", cls.item, force=True)
		frappe.delete_doc("Customer", cls.customer, force=True)
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		self.created: list[tuple[str, str]] = []
		self.worker: subprocess.Popen | None = None
		self.locker = open_connection("REPEATABLE READ")
		self.watcher = open_connection("READ UNCOMMITTED")

	def tearDown(self):
		# whatever happened: no worker left running, no lock left held, nothing of the test left
		if self.worker and self.worker.poll() is None:
			self.worker.kill()
			self.worker.wait(timeout=WAIT_SECONDS)
		for db in (self.locker, self.watcher):
			db.rollback()
			db.close()
		remove_documents(self.created)

	# ------------------------------------------------------------ fixtures

	def make_order(self, qty: float = 5):
		order = selling_doc("Sales Order", [{"item_code": self.item, "qty": qty}], customer=self.customer)
		order.insert()
		order.submit()
		self.created.append(("Sales Order", order.name))
		return order

	def keep(self, doc):
		doc.insert()
		self.created.append((doc.doctype, doc.name))
		return doc

	# ------------------------------------------------------------ the worker

	def lock_order_lines(self, order: str):
		frappe.db.commit()  # the worker and the locking connection see the fixtures
		table = frappe.qb.DocType("Sales Order Item")
		with through(self.locker):
			locked = frappe.qb.from_(table).select(table.name).where(table.parent == order).for_update().run()
		self.assertTrue(locked)

	def lock_version_gap(self, doctype: str, name: str):
		# no Version of the draft exists: REPEATABLE READ locks the index gap its Version will go into
		frappe.db.commit()
		table = frappe.qb.DocType("Version")
		with through(self.locker):
			found = (
				frappe.qb.from_(table)
				.select(table.name)
				.where((table.ref_doctype == doctype) & (table.docname == name))
				.for_update()
				.run()
			)
		self.assertEqual(found, ())

	def start_worker(self, doctype: str, name: str) -> int:
		"""Start the worker submitting the document; returns its database thread id."""
		sites_path = os.path.abspath(frappe.local.sites_path)
		self.worker = subprocess.Popen(
			[sys.executable, "-c", WORKER, frappe.local.site, sites_path, doctype, name],
			cwd=sites_path,
			stdout=subprocess.PIPE,
			stderr=subprocess.PIPE,
			text=True,
		)
		ready, _, _ = select.select([self.worker.stdout], [], [], WAIT_SECONDS)
		line = self.worker.stdout.readline().strip() if ready else ""
		if not line.isdigit():
			self.fail(f"the worker did not connect: {line!r} {self.worker_output()}")
		return int(line)

	def worker_output(self) -> str:
		if self.worker.poll() is None:
			return "(still running)"
		return (
			f"(exit {self.worker.returncode}) {self.worker.stdout.read()} {self.worker.stderr.read()[-2000:]}"
		)

	def current_statement(self, thread: int) -> str | None:
		"""What the worker's connection is running (None when it is gone)."""
		processes = frappe.qb.Schema("information_schema").PROCESSLIST
		with through(self.watcher):
			found = frappe.qb.from_(processes).select(processes.INFO).where(processes.ID == thread).run()
		return (found[0][0] or "") if found else None

	def wait_until_stuck_on(self, thread: int, table: str):
		"""Poll until the worker runs a statement on `table` (the lock keeps it there)."""
		deadline = time.monotonic() + WAIT_SECONDS
		while time.monotonic() < deadline:
			statement = self.current_statement(thread)
			if statement is None or self.worker.poll() is not None:
				self.fail(f"the worker ended before reaching `{table}`: {self.worker_output()}")
			if f"`{table}`" in statement:
				return
			time.sleep(0.05)
		self.fail(f"the worker never reached `{table}`: {self.current_statement(thread)}")

	def kill_worker(self, thread: int):
		"""SIGKILL the worker, release the lock, and wait until the server has dropped its connection."""
		self.worker.send_signal(signal.SIGKILL)
		self.worker.wait(timeout=WAIT_SECONDS)
		self.assertEqual(self.worker.returncode, -signal.SIGKILL)
		self.locker.rollback()
		deadline = time.monotonic() + WAIT_SECONDS
		while self.current_statement(thread) is not None:
			if time.monotonic() > deadline:
				self.fail("the server kept the killed worker's connection")
			time.sleep(0.05)
		frappe.db.rollback()  # a fresh snapshot for the checks

	def uncommitted(self, doctype: str, name: str, field: str):
		"""A field as the worker left it, committed or not."""
		with through(self.watcher):
			return frappe.db.get_value(doctype, name, field)

	def uncommitted_ledger(self, voucher_no: str) -> list:
		with through(self.watcher):
			return frappe.get_all(
				"Stock Ledger Entry", filters={"voucher_no": voucher_no}, pluck="actual_qty", order_by="name"
			)

	def uncommitted_stock(self) -> float:
		with through(self.watcher):
			return flt(
				frappe.db.get_value("Bin", {"item_code": self.item, "warehouse": WAREHOUSE}, "actual_qty")
			)

	@contextmanager
	def crash_submit(self, doc, stuck_on: str):
		"""A worker submits `doc` and gets stuck on the lock taken before; the block looks at what it wrote
		and then the worker is killed: every table of the app must be as before the worker started."""
		before = database_fingerprint()
		thread = self.start_worker(doc.doctype, doc.name)
		self.wait_until_stuck_on(thread, stuck_on)
		# it did write: the document is submitted in its uncommitted transaction
		self.assertEqual(self.uncommitted(doc.doctype, doc.name, "docstatus"), 1)
		yield
		self.kill_worker(thread)
		self.assertEqual(fingerprint_changes(before, database_fingerprint()), {})

	# ------------------------------------------------------------ the order's state

	def order_state(self, order: str) -> tuple:
		header = frappe.db.get_value(
			"Sales Order", order, ["per_delivered", "per_billed", "status", "advance_paid"], as_dict=True
		)
		lines = frappe.get_all(
			"Sales Order Item",
			filters={"parent": order},
			fields=["name", "delivered_qty", "billed_amt"],
			order_by="idx",
		)
		return header, lines

	def assert_nothing_moved(self, doc, order: str, order_before: tuple, stock_before: dict):
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "docstatus"), 0)
		self.assertFalse(frappe.db.exists("Stock Ledger Entry", {"voucher_no": doc.name}))
		self.assertEqual(bin_qty(self.item), stock_before)
		self.assertEqual(self.order_state(order), order_before)

	# ------------------------------------------------------------ the tests

	def test_delivery_killed_while_updating_the_order(self):
		order = self.make_order()
		note = self.keep(make_delivery_note(order.name))
		order_before, stock_before = self.order_state(order.name), bin_qty(self.item)
		self.lock_order_lines(order.name)

		with self.crash_submit(note, "tabSales Order Item"):
			# stopped mid-submit: the ledger is not written yet
			self.assertEqual(self.uncommitted_ledger(note.name), [])

		self.assert_nothing_moved(note, order.name, order_before, stock_before)
		self.assert_retry_delivers(note, order.name, stock_before)

	def test_delivery_killed_with_everything_written_but_the_commit(self):
		order = self.make_order()
		note = self.keep(make_delivery_note(order.name))
		order_before, stock_before = self.order_state(order.name), bin_qty(self.item)
		self.lock_version_gap("Delivery Note", note.name)

		with self.crash_submit(note, "tabVersion"):
			self.assertEqual(self.uncommitted_ledger(note.name), [-5])
			self.assertEqual(self.uncommitted_stock(), stock_before.actual_qty - 5)
			self.assertEqual(self.uncommitted("Sales Order", order.name, "per_delivered"), 100)

		self.assert_nothing_moved(note, order.name, order_before, stock_before)
		self.assert_retry_delivers(note, order.name, stock_before)

	def test_stock_invoice_killed_with_everything_written_but_the_commit(self):
		order = self.make_order()
		invoice = make_sales_invoice(order.name)
		invoice.update_stock = 1
		self.keep(invoice)
		order_before, stock_before = self.order_state(order.name), bin_qty(self.item)
		self.lock_version_gap("Sales Invoice", invoice.name)

		with self.crash_submit(invoice, "tabVersion"):
			self.assertEqual(self.uncommitted_ledger(invoice.name), [-5])
			self.assertEqual(self.uncommitted_stock(), stock_before.actual_qty - 5)
			self.assertEqual(self.uncommitted("Sales Order", order.name, "per_billed"), 100)

		self.assert_nothing_moved(invoice, order.name, order_before, stock_before)
		self.assert_retry_delivers(invoice, order.name, stock_before)
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "per_billed"), 100)

	def test_payment_killed_with_everything_written_but_the_commit(self):
		order = self.make_order()
		invoice = self.keep(make_sales_invoice(order.name))
		invoice.submit()
		frappe.db.commit()
		entry = self.keep(make_payment_entry(invoice.name))
		outstanding = frappe.db.get_value("Sales Invoice", invoice.name, ["outstanding_amount", "status"])
		order_before, stock_before = self.order_state(order.name), bin_qty(self.item)
		self.lock_version_gap("Payment Entry", entry.name)

		with self.crash_submit(entry, "tabVersion"):
			self.assertEqual(self.uncommitted("Sales Invoice", invoice.name, "outstanding_amount"), 0)

		self.assert_nothing_moved(entry, order.name, order_before, stock_before)
		self.assertEqual(
			frappe.db.get_value("Sales Invoice", invoice.name, ["outstanding_amount", "status"]), outstanding
		)
		# retried, the payment goes through once
		frappe.get_doc("Payment Entry", entry.name).submit()
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "outstanding_amount"), 0)

	def assert_retry_delivers(self, doc, order: str, stock_before: dict):
		"""The same submit, retried after the crash, goes through once: the crash left nothing in its way."""
		frappe.get_doc(doc.doctype, doc.name).submit()
		frappe.db.commit()
		ledger = frappe.get_all("Stock Ledger Entry", filters={"voucher_no": doc.name}, pluck="actual_qty")
		self.assertEqual(ledger, [-5])
		self.assertEqual(bin_qty(self.item).actual_qty, stock_before.actual_qty - 5)
		self.assertEqual(frappe.db.get_value("Sales Order", order, "per_delivered"), 100)
