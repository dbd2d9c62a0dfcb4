"""Races through real, parallel database connections: nothing may be over-allocated.

Each test commits its drafts, submits them from two threads at the same moment (each thread has its
own Frappe context and MariaDB connection), and checks that exactly one submission won and that the
counters equal the sums of what was committed. Everything it committed is deleted again.

The races run at READ COMMITTED, as requests and jobs do (plain reads of the sums behind the locks), and
again at REPEATABLE READ, where a connection that was not switched (a console, a script) reads them
with locking reads.
"""

import threading

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from sales_module.accounts.reconciliation import reconcile
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
from sales_module.tests.utils import (
	bin_qty,
	clear_pricing_rules,
	make_pricing_rule,
	make_selling_masters,
	receive_stock,
	selling_doc,
)
from sales_module.utils.transactions import use_read_committed

RACERS = 2


def submit_in_parallel(doctype: str, names: list[str], read_committed: bool = True) -> list[str | None]:
	"""Submit each document from its own thread and connection; returns each one's error (or None)."""
	return run_in_parallel(
		[lambda name=name: frappe.get_doc(doctype, name) for name in names],
		lambda doc: doc.submit(),
		read_committed,
	)


def run_in_parallel(prepare: list, act, read_committed: bool = True) -> list[str | None]:
	"""For each preparation, in its own thread and connection: prepare, wait for the others, act on what
	was prepared and commit; returns each one's error (or None)."""
	site, sites_path = frappe.local.site, frappe.local.sites_path
	barrier = threading.Barrier(len(prepare))
	errors: list[str | None] = [None] * len(prepare)

	def run(index: int, preparation):
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		frappe.set_user("Administrator")
		if read_committed:
			use_read_committed()  # what the before_request and before_job hooks do
		try:
			prepared = preparation()
			barrier.wait(timeout=30)
			act(prepared)
			frappe.db.commit()
		except Exception as error:
			frappe.db.rollback()
			errors[index] = f"{type(error).__name__}: {error}"
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=run, args=(i, step)) for i, step in enumerate(prepare)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=120)
	return errors


class RaceTestCase(FrappeTestCase):
	"""Commits its fixtures; tracks what it made so tearDown can remove it for the next test."""

	read_committed = True

	def submit_in_parallel(self, doctype: str, names: list[str]) -> list[str | None]:
		return submit_in_parallel(doctype, names, read_committed=self.read_committed)

	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()
		frappe.db.delete("Coupon Code")
		frappe.db.commit()
		self.made: list[tuple[str, str]] = []

	def tearDown(self):
		frappe.db.rollback()
		for doctype, name in reversed(self.made):
			if not frappe.db.exists(doctype, name):
				continue
			doc = frappe.get_doc(doctype, name)
			if doc.docstatus == 1:
				doc.cancel()
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		clear_pricing_rules()
		frappe.db.delete("Coupon Code")
		frappe.db.commit()

	def remember(self, doc):
		self.made.append((doc.doctype, doc.name))
		return doc

	def unallocated_receipt(self, amount: float):
		receipt = self.remember(
			frappe.get_doc(
				{"doctype": "Payment Entry", "party_type": "Customer", "party": "_Test Flow Customer",
				 "paid_amount": amount}
			).insert()
		)  # fmt: skip
		receipt.submit()
		return receipt

	def assert_one_winner(self, errors: list[str | None], expected: str):
		self.assertEqual(sum(error is None for error in errors), 1, errors)
		refusal = next(error for error in errors if error)
		self.assertIn(expected, refusal)


class TestRaces(RaceTestCase):
	def test_two_payments_racing_for_one_invoice(self):
		invoice = self.remember(
			selling_doc("Sales Invoice", [{"item_code": "_Test Service", "qty": 2}]).insert()
		)
		invoice.submit()
		entries = [
			self.remember(
				frappe.get_doc(
					{
						"doctype": "Payment Entry",
						"party_type": "Customer",
						"party": invoice.customer,
						"paid_amount": 80,
						"references": [
							{
								"reference_doctype": "Sales Invoice",
								"reference_name": invoice.name,
								"allocated_amount": 80,
							}
						],
					}
				).insert()
			)
			for _ in range(RACERS)
		]
		frappe.db.commit()
		errors = self.submit_in_parallel("Payment Entry", [entry.name for entry in entries])
		self.assert_one_winner(errors, "exceed")
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "outstanding_amount"), 20)

	def test_two_invoices_racing_for_one_advance(self):
		receipt = self.unallocated_receipt(60)
		invoices = []
		for _ in range(RACERS):
			invoice = selling_doc("Sales Invoice", [{"item_code": "_Test Service", "qty": 2}])
			invoice.append("advances", {"reference_name": receipt.name, "allocated_amount": 60})
			invoices.append(self.remember(invoice.insert()))
		frappe.db.commit()
		errors = self.submit_in_parallel("Sales Invoice", [invoice.name for invoice in invoices])
		self.assertEqual(sum(error is None for error in errors), 1, errors)
		# refused at validate (the payment already shows nothing left) or behind the payment's lock
		self.assertRegex(
			next(error for error in errors if error),
			r"^(InvalidReferenceError: .*amount left|OverAllocationError: .*allocated)",
		)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Payment Entry", receipt.name, "unallocated_amount"), 0)
		submitted = frappe.get_all(
			"Sales Invoice",
			filters={"name": ("in", [invoice.name for invoice in invoices]), "docstatus": 1},
			pluck="outstanding_amount",
		)
		self.assertEqual(submitted, [40])

	def test_coupon_uses_racing_past_maximum_use(self):
		rule = make_pricing_rule(
			"_Test race coupon", items=["_Test Widget"], discount_percentage=5, coupon_code_based=1
		)
		self.remember(rule)
		coupon = frappe.get_doc(
			{
				"doctype": "Coupon Code",
				"coupon_name": "_Test Race",
				"pricing_rule": rule.name,
				"maximum_use": 1,
			}
		).insert()
		orders = [
			self.remember(
				selling_doc(
					"Sales Order", [{"item_code": "_Test Service", "qty": 1}], coupon_code=coupon.name,
					delivery_date=add_days(nowdate(), 3),
				).insert()
			)
			for _ in range(RACERS)
		]  # fmt: skip
		frappe.db.commit()
		errors = self.submit_in_parallel("Sales Order", [order.name for order in orders])
		self.assert_one_winner(errors, "Coupon")
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Coupon Code", coupon.name, "used"), 1)

	def test_orders_racing_past_a_blanket_order(self):
		blanket = frappe.get_doc(
			{
				"doctype": "Blanket Order",
				"customer": "_Test Flow Customer",
				"from_date": nowdate(),
				"to_date": add_days(nowdate(), 30),
				"items": [{"item_code": "_Test Service", "qty": 10, "rate": 40}],
			}
		).insert()
		blanket.submit()
		self.remember(blanket)
		orders = [
			self.remember(
				selling_doc(
					"Sales Order", [{"item_code": "_Test Service", "qty": 6, "blanket_order": blanket.name}],
					delivery_date=add_days(nowdate(), 3),
				).insert()
			)
			for _ in range(RACERS)
		]  # fmt: skip
		frappe.db.commit()
		errors = self.submit_in_parallel("Sales Order", [order.name for order in orders])
		self.assert_one_winner(errors, "Blanket Order")
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Blanket Order Item", {"parent": blanket.name}, "ordered_qty"), 6
		)

	def test_deliveries_racing_for_the_last_units(self):
		available = bin_qty("_Test Widget").actual_qty
		if available < 5:
			self.remember(receive_stock("_Test Widget", 5 - available))
		available = bin_qty("_Test Widget").actual_qty
		orders = []
		for _ in range(RACERS):
			order = self.remember(
				selling_doc(
					"Sales Order",
					[{"item_code": "_Test Widget", "qty": available}],
					delivery_date=add_days(nowdate(), 3),
				).insert()
			)
			order.submit()
			orders.append(order)
		notes = [self.remember(make_delivery_note(order.name).insert()) for order in orders]
		frappe.db.commit()
		errors = self.submit_in_parallel("Delivery Note", [note.name for note in notes])
		self.assert_one_winner(errors, "_Test Widget")
		frappe.db.rollback()
		stock = bin_qty("_Test Widget")
		self.assertEqual(stock.actual_qty, 0)
		ledger = frappe.get_all(
			"Stock Ledger Entry",
			filters={"item_code": "_Test Widget", "warehouse": "Stores", "is_cancelled": 0},
			pluck="actual_qty",
		)
		self.assertEqual(sum(ledger), 0)
		self.assertEqual(stock.reserved_qty, available)

	def test_two_reconciliations_racing_for_one_receipt(self):
		receipt = self.unallocated_receipt(60)
		invoices = []
		for _ in range(RACERS):
			invoice = self.remember(
				selling_doc("Sales Invoice", [{"item_code": "_Test Service", "qty": 2}]).insert()
			)
			invoice.submit()
			invoices.append(invoice.name)
		frappe.db.commit()

		def prepare(invoice: str):
			return [
				{
					"reference_type": "Payment Entry", "reference_name": receipt.name,
					"invoice_type": "Sales Invoice", "invoice_number": invoice, "allocated_amount": 60,
				}
			]  # fmt: skip

		errors = run_in_parallel(
			[lambda invoice=invoice: prepare(invoice) for invoice in invoices],
			lambda allocations: reconcile("_Test Flow Customer", allocations),
			self.read_committed,
		)
		self.assertEqual(sum(error is None for error in errors), 1, errors)
		# refused behind the receipt's lock: it has nothing left to give
		self.assertRegex(
			next(error for error in errors if error), r"^OverAllocationError: .*(to give|allocated)"
		)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Payment Entry", receipt.name, "unallocated_amount"), 0)
		self.assertEqual(
			sorted(frappe.get_all("Sales Invoice", {"name": ("in", invoices)}, pluck="outstanding_amount")),
			[40, 100],
		)


class TestRacesAtRepeatableRead(TestRaces):
	read_committed = False
