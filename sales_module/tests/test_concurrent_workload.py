"""A mixed REST workload from parallel clients: no request may fail, every figure must add up after.

Eight client threads, each with its own connection, go through Frappe's WSGI application as an
integrator's client does (hooks, token auth, retries): they take orders in two requests (insert,
submit), deliver submitted orders, invoice delivery notes and pay invoices (mapper, then one POST),
for a few shared customers and stock items, so that their documents contend for the same bins,
customers and orders. Afterwards every stored figure is compared with the sum it is defined as.
Everything the workload made is cancelled and deleted again.
"""

import json
import random
import threading
from unittest.mock import patch

import frappe
from frappe.query_builder.functions import Sum
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, get_test_client, nowdate

from sales_module.tests.test_rest_api import api_token_header
from sales_module.tests.utils import make_customer_once, make_item, make_item_price, make_tree_node

CLIENTS = 8
DOCUMENTS = 200
PREFIX = "_Test Load"
CUSTOMERS = [f"{PREFIX} Customer {i}" for i in range(4)]
ITEMS = [f"{PREFIX} Item {i}" for i in range(5)]
WAREHOUSES = [f"{PREFIX} Store {i}" for i in range(2)]
MAPPERS = {
	"Delivery Note": "sales_module.selling.doctype.sales_order.sales_order.make_delivery_note",
	"Sales Invoice": "sales_module.stock.doctype.delivery_note.delivery_note.make_sales_invoice",
	"Payment Entry": "sales_module.accounts.doctype.sales_invoice.sales_invoice.make_payment_entry",
}
FLOW = ("Payment Entry", "Sales Invoice", "Delivery Note", "Sales Order")
QTY_PLACES = 6


class Workload:
	"""Shared queues of documents waiting for their next step, and what every client met."""

	def __init__(self, site: str, token: str):
		self.headers = {"Authorization": token, "Content-Type": "application/json"}
		self.site = site
		self.lock = threading.Lock()
		self.waiting = {doctype: [] for doctype in MAPPERS}
		self.made: dict[str, list[str]] = {doctype: [] for doctype in FLOW}
		self.failures: list[str] = []
		self.documents = 0
		self.today, self.delivery_date = nowdate(), add_days(nowdate(), 7)

	def run(self):
		with patch("frappe.app.get_site_name", return_value=self.site):
			threads = [threading.Thread(target=self.client, args=(index,)) for index in range(CLIENTS)]
			for thread in threads:
				thread.start()
			for thread in threads:
				thread.join(timeout=600)

	def client(self, index: int):
		rng, client = random.Random(index), get_test_client()
		while self.take_ticket():
			doctype, source = self.next_step(rng)
			try:
				made = self.order(client, rng) if not source else self.follow(client, doctype, source)
			except AssertionError as failure:
				with self.lock:
					self.failures.append(str(failure))
				continue
			with self.lock:
				self.made[made["doctype"]].append(made["name"])
				if made["doctype"] != "Payment Entry":
					following = FLOW[FLOW.index(made["doctype"]) - 1]
					self.waiting[following].append(made["name"])

	def take_ticket(self) -> bool:
		with self.lock:
			self.documents += 1
			return self.documents <= DOCUMENTS

	def next_step(self, rng: random.Random) -> tuple[str, str | None]:
		"""A new order, or the next document of one waiting (and the name of its source)."""
		with self.lock:
			ready = [doctype for doctype, names in self.waiting.items() if names]
			if not ready or rng.random() < 0.35:
				return "Sales Order", None
			doctype = rng.choice(ready)
			return doctype, self.waiting[doctype].pop(0)

	def order(self, client, rng: random.Random) -> dict:
		payload = {
			"customer": rng.choice(CUSTOMERS),
			"transaction_date": self.today,
			"delivery_date": self.delivery_date,
			"items": [
				{"item_code": item, "qty": rng.randint(1, 4), "warehouse": rng.choice(WAREHOUSES)}
				for item in rng.sample(ITEMS, 2)
			],
			"taxes": [
				{"charge_type": "On Net Total", "account_head": "VAT", "description": "VAT 20%", "rate": 20},
				{
					"charge_type": "Actual",
					"account_head": "Freight",
					"description": "Freight",
					"tax_amount": 5,
				},
			],
		}
		draft = self.post(client, "/api/resource/Sales Order", payload)["data"]
		return self.post(client, "/api/method/frappe.client.submit", {"doc": draft})["message"]

	def follow(self, client, doctype: str, source: str) -> dict:
		mapped = self.post(client, f"/api/method/{MAPPERS[doctype]}", {"source_name": source})["message"]
		return self.post(client, f"/api/resource/{doctype}", {**mapped, "docstatus": 1})["data"]

	def post(self, client, path: str, payload: dict) -> dict:
		response = client.post(path, data=json.dumps(payload), headers=self.headers)
		assert response.status_code == 200, (
			f"{path}: {response.status_code} {response.get_data(as_text=True)[:600]}"
		)
		return response.json


class TestConcurrentWorkload(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_masters()
		frappe.db.commit()
		cls.token = api_token_header("Administrator")

	def setUp(self):
		self.workload = Workload(frappe.local.site, self.token)

	def tearDown(self):
		frappe.db.rollback()
		for doctype in FLOW:
			for name in reversed(self.workload.made[doctype]):
				doc = frappe.get_doc(doctype, name)
				if doc.docstatus == 1:
					doc.cancel()
				frappe.delete_doc(doctype, name, force=True)
			frappe.db.commit()

	def test_mixed_workload_fails_nothing_and_every_figure_adds_up(self):
		self.workload.run()
		self.assertEqual(self.workload.failures, [])
		made = self.workload.made
		self.assertEqual(sum(len(names) for names in made.values()), DOCUMENTS)
		self.assertTrue(
			all(made[doctype] for doctype in FLOW), {key: len(value) for key, value in made.items()}
		)
		frappe.db.rollback()  # a new transaction sees what the clients committed
		self.assert_bins_add_up()
		self.assert_order_lines_add_up(made["Sales Order"])
		self.assert_delivery_lines_add_up(made["Delivery Note"])
		self.assert_outstanding_adds_up(made["Sales Invoice"])

	def assert_bins_add_up(self):
		for item in ITEMS:
			for warehouse in WAREHOUSES:
				stored = frappe.db.get_value(
					"Bin",
					{"item_code": item, "warehouse": warehouse},
					["actual_qty", "reserved_qty", "projected_qty"],
					as_dict=True,
				)
				ledger = sum(
					frappe.get_all(
						"Stock Ledger Entry",
						filters={"item_code": item, "warehouse": warehouse, "is_cancelled": 0},
						pluck="actual_qty",
					)
				)
				reserved = open_order_quantity(item, warehouse)
				label = f"{item} in {warehouse}"
				self.assertEqual(flt(stored.actual_qty, QTY_PLACES), flt(ledger, QTY_PLACES), label)
				self.assertEqual(flt(stored.reserved_qty, QTY_PLACES), flt(reserved, QTY_PLACES), label)
				self.assertEqual(
					flt(stored.projected_qty, QTY_PLACES), flt(ledger - reserved, QTY_PLACES), label
				)

	def assert_order_lines_add_up(self, orders: list[str]):
		lines = frappe.get_all(
			"Sales Order Item",
			filters={"parent": ("in", orders)},
			fields=["name", "parent", "qty", "delivered_qty", "billed_amt", "amount"],
		)
		delivered = submitted_sums("Delivery Note Item", "Delivery Note", "so_detail", "stock_qty")
		billed = submitted_sums("Sales Invoice Item", "Sales Invoice", "so_detail", "amount")
		for line in lines:
			self.assertEqual(
				flt(line.delivered_qty, QTY_PLACES), flt(delivered.get(line.name, 0), QTY_PLACES)
			)
			self.assertEqual(flt(line.billed_amt, 2), flt(billed.get(line.name, 0), 2), line.parent)
		for order in orders:
			mine = [line for line in lines if line.parent == order]
			expected = flt(
				sum(min(line.delivered_qty, line.qty) for line in mine)
				* 100
				/ sum(line.qty for line in mine),
				6,
			)
			self.assertEqual(flt(frappe.db.get_value("Sales Order", order, "per_delivered"), 6), expected)

	def assert_delivery_lines_add_up(self, notes: list[str]):
		billed = submitted_sums("Sales Invoice Item", "Sales Invoice", "dn_detail", "amount")
		for line in frappe.get_all(
			"Delivery Note Item", filters={"parent": ("in", notes)}, fields=["name", "parent", "billed_amt"]
		):
			self.assertEqual(flt(line.billed_amt, 2), flt(billed.get(line.name, 0), 2), line.parent)

	def assert_outstanding_adds_up(self, invoices: list[str]):
		reference, entry = frappe.qb.DocType("Payment Entry Reference"), frappe.qb.DocType("Payment Entry")
		paid = dict(
			frappe.qb.from_(reference)
			.join(entry)
			.on(entry.name == reference.parent)
			.select(reference.reference_name, Sum(reference.allocated_amount))
			.where((entry.docstatus == 1) & reference.reference_name.isin(invoices))
			.groupby(reference.reference_name)
			.run()
		)
		for invoice in frappe.get_all(
			"Sales Invoice",
			filters={"name": ("in", invoices)},
			fields=["name", "rounded_total", "grand_total", "disable_rounded_total", "outstanding_amount"],
		):
			payable = invoice.grand_total if invoice.disable_rounded_total else invoice.rounded_total
			self.assertEqual(
				flt(invoice.outstanding_amount, 2),
				flt(payable - flt(paid.get(invoice.name)), 2),
				invoice.name,
			)


def make_masters():
	from frappe.utils.nestedset import get_root_of

	for warehouse in WAREHOUSES:
		make_tree_node("Warehouse", warehouse, parent=get_root_of("Warehouse"))
	for customer in CUSTOMERS:
		make_customer_once(customer)
	for index, item in enumerate(ITEMS):
		make_item(item, is_stock_item=1)
		if not frappe.db.exists("Item Price", {"item_code": item, "price_list": "Standard Selling"}):
			make_item_price(item, 10 + index)
	receipt = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"items": [
				{"item_code": item, "qty": 1000, "t_warehouse": warehouse, "basic_rate": 1}
				for item in ITEMS
				for warehouse in WAREHOUSES
			],
		}
	).insert()
	receipt.submit()


def open_order_quantity(item: str, warehouse: str) -> float:
	"""What submitted orders that are not closed still have to deliver of the item from the warehouse."""
	order, line = frappe.qb.DocType("Sales Order"), frappe.qb.DocType("Sales Order Item")
	rows = (
		frappe.qb.from_(line)
		.join(order)
		.on(order.name == line.parent)
		.select(line.stock_qty, line.delivered_qty, line.conversion_factor)
		.where(
			(order.docstatus == 1)
			& (order.status != "Closed")
			& (line.item_code == item)
			& (line.warehouse == warehouse)
		)
		.run(as_dict=True)
	)
	return sum(
		max(flt(row.stock_qty) - flt(row.delivered_qty) * flt(row.conversion_factor), 0) for row in rows
	)


def submitted_sums(child_doctype: str, parent_doctype: str, detail_field: str, value_field: str) -> dict:
	child, parent = frappe.qb.DocType(child_doctype), frappe.qb.DocType(parent_doctype)
	return dict(
		frappe.qb.from_(child)
		.join(parent)
		.on(parent.name == child.parent)
		.select(child[detail_field], Sum(child[value_field]))
		.where((parent.docstatus == 1) & child[detail_field].isnotnull())
		.groupby(child[detail_field])
		.run()
	)
