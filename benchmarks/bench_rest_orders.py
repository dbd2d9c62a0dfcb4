"""REST throughput as integrators load a site: parallel clients against gunicorn (not a test).

Run from the bench directory as the bench user:

	./env/bin/python apps/sales_module/benchmarks/bench_rest_orders.py --site <site> \
		[--flow two-request|single|mixed] [--rules 0] [--clients 4] [--workers 4] [--seconds 60] [--warmup 10]

Each order is what an ERPNext client sends: a customer picked at random among 200 (10 territories,
4 customer groups), today's date, delivery in a week, the selling price list, a tax template with a
20 % On Net Total row and an Actual row, three lines of stock items picked among 100 with qty 1 to 5
and a warehouse each, no rates.

- `two-request` (default): `POST /api/resource/Sales Order`, then `POST frappe.client.submit` with the
  returned document.
- `single`: one `POST` with `docstatus: 1`.
- `mixed`: clients also deliver submitted orders, invoice delivered notes and pay invoices (mapper,
  insert, submit), for overlapping customers and items.

Starts gunicorn with `--workers` sync workers on a free loopback port, token auth, lets `--clients`
threads work for `--warmup` seconds unmeasured and `--seconds` measured, prints throughput, latency
percentiles and every failure by kind, then stops the server. The masters it makes are kept for the
next run (prefix `_Bench REST`); the documents and the `--rules` pricing rules are removed unless `--keep`.
"""

import argparse
import collections
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time

import frappe
import requests
from frappe.utils import add_days, nowdate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_pricing_api import make_rules

PREFIX = "_Bench REST"
CUSTOMERS, TERRITORIES, CUSTOMER_GROUPS, ITEMS = 200, 10, 4, 100
WAREHOUSES = (f"{PREFIX} Store A", f"{PREFIX} Store B")
TAX_TEMPLATE = f"{PREFIX} VAT and Freight"
PRICE_LIST = "Standard Selling"
RULE_PREFIX = "_BENCH-PR-"
DOCUMENT_FLOW = ("Payment Entry", "Sales Invoice", "Delivery Note", "Sales Order")
MAPPERS = {
	"Delivery Note": "sales_module.selling.doctype.sales_order.sales_order.make_delivery_note",
	"Sales Invoice": "sales_module.stock.doctype.delivery_note.delivery_note.make_sales_invoice",
	"Payment Entry": "sales_module.accounts.doctype.sales_invoice.sales_invoice.make_payment_entry",
}


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", default="sites")
	parser.add_argument("--flow", choices=("two-request", "single", "mixed"), default="two-request")
	parser.add_argument("--rules", type=int, default=0)
	parser.add_argument("--clients", type=int, default=4)
	parser.add_argument("--workers", type=int, default=4)
	parser.add_argument("--seconds", type=float, default=60)
	parser.add_argument("--warmup", type=float, default=10)
	parser.add_argument("--keep", action="store_true", help="keep the documents and rules made")
	args = parser.parse_args()
	sites_path = os.path.abspath(args.sites_path)
	os.chdir(sites_path)  # Frappe's logs live next to the sites folder
	frappe.init(site=args.site, sites_path=sites_path)
	frappe.connect()
	frappe.set_user("Administrator")
	masters = prepare_masters(stock=args.flow == "mixed")
	prepare_rules(args.rules)
	token = token_header()
	port = free_port()
	server = start_server(sites_path, port, args.workers)
	try:
		wait_until_up(port, args.site)
		workload = Workload(port, args.site, token, masters, args.flow)
		workload.run(args.clients, args.warmup, args.seconds)
		workload.report(args)
	finally:
		server.terminate()
		server.wait(timeout=60)
		if not args.keep:
			clean_up(masters)
		frappe.destroy()


# ---------------------------------------------------------------- data


def prepare_masters(stock: bool) -> frappe._dict:
	"""Trees, 200 customers, 100 priced stock items, two warehouses, the tax template; made once."""
	from frappe.utils.nestedset import get_root_of

	from sales_module.tests.utils import make_tree_node

	root_warehouse = get_root_of("Warehouse")
	for warehouse in WAREHOUSES:
		make_tree_node("Warehouse", warehouse, parent=root_warehouse)
	territories = [make_tree_node("Territory", f"{PREFIX} Territory {i}").name for i in range(TERRITORIES)]
	groups = [make_tree_node("Customer Group", f"{PREFIX} Group {i}").name for i in range(CUSTOMER_GROUPS)]
	customers = []
	for i in range(CUSTOMERS):
		name = f"{PREFIX} Customer {i:03d}"
		if not frappe.db.exists("Customer", name):
			frappe.get_doc(
				{
					"doctype": "Customer",
					"customer_name": name,
					"territory": territories[i % TERRITORIES],
					"customer_group": groups[i % CUSTOMER_GROUPS],
				}
			).insert()
		customers.append(name)
	items = []
	for i in range(ITEMS):
		code = f"{PREFIX} Item {i:03d}"
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{"doctype": "Item", "item_code": code, "item_group": "Products", "is_stock_item": 1}
			).insert()
			frappe.get_doc(
				{
					"doctype": "Item Price",
					"item_code": code,
					"price_list": PRICE_LIST,
					"price_list_rate": 10 + i,
					"valid_from": "2020-01-01",
				}
			).insert()
		items.append(code)
	if not frappe.db.exists("Sales Taxes and Charges Template", TAX_TEMPLATE):
		frappe.get_doc(
			{
				"doctype": "Sales Taxes and Charges Template",
				"title": TAX_TEMPLATE,
				"taxes": [
					{
						"charge_type": "On Net Total",
						"account_head": "VAT",
						"description": "VAT 20%",
						"rate": 20,
					},
					{
						"charge_type": "Actual",
						"account_head": "Freight",
						"description": "Freight",
						"tax_amount": 15,
					},
				],
			}
		).insert()
	if stock:
		receive_stock(items)
	frappe.db.commit()
	return frappe._dict(customers=customers, item_codes=items)


def receive_stock(items: list[str]):
	"""Enough stock in both warehouses that deliveries never run short during a run."""
	from sales_module.stock.utils import get_bins

	bins = get_bins((item, warehouse) for item in items for warehouse in WAREHOUSES)
	short = [pair for pair, qty in bins.items() if qty["actual_qty"] < 50_000]
	if not short:
		return
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"items": [
				{"item_code": item, "qty": 100_000, "t_warehouse": warehouse, "basic_rate": 1}
				for item, warehouse in short
			],
		}
	)
	entry.insert()
	entry.submit()


def prepare_rules(count: int):
	"""`count` active rules on a catalogue of 5,000 codes (ours among them) and 40 groups."""
	from sales_module.utils.pricing_data import invalidate_rule_index

	delete_rules()
	if count:
		rng = random.Random(7)
		catalogue = [f"{PREFIX} Item {i:03d}" for i in range(ITEMS)]
		catalogue += [f"_BENCH-CATALOGUE-{i:05d}" for i in range(5000 - ITEMS)]
		make_rules(count, catalogue, ["Products"] + [f"_Bench Leaf {i}" for i in range(39)], rng)
	invalidate_rule_index()
	frappe.db.commit()


def delete_rules():
	for doctype in ("Pricing Rule Item Code", "Pricing Rule Item Group"):
		frappe.db.delete(doctype, {"parent": ("like", f"{RULE_PREFIX}%")})
	frappe.db.delete("Pricing Rule", {"name": ("like", f"{RULE_PREFIX}%")})


def token_header() -> str:
	from sales_module.tests.test_rest_api import api_token_header

	return api_token_header("Administrator")


def clean_up(masters: frappe._dict):
	"""Cancel and delete what the run made, last documents of the flow first."""
	from sales_module.utils.pricing_data import invalidate_rule_index

	frappe.db.rollback()
	for doctype in DOCUMENT_FLOW:
		party_field = "party" if doctype == "Payment Entry" else "customer"
		names = frappe.get_all(
			doctype, filters={party_field: ("in", masters.customers)}, pluck="name", order_by="creation desc"
		)
		for name in names:
			doc = frappe.get_doc(doctype, name)
			if doc.docstatus == 1:
				doc.cancel()
			# no Deleted Document backups: a run leaves no trace that would slow the next one
			frappe.delete_doc(doctype, name, force=True, delete_permanently=True)
		for trail in ("Version", "Comment"):
			field = "ref_doctype" if trail == "Version" else "reference_doctype"
			name_field = "docname" if trail == "Version" else "reference_name"
			frappe.db.delete(trail, {field: doctype, name_field: ("in", names)}) if names else None
		frappe.db.commit()
	delete_rules()
	invalidate_rule_index()
	frappe.db.commit()


# ---------------------------------------------------------------- server


def free_port() -> int:
	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		return sock.getsockname()[1]


def start_server(sites_path: str, port: int, workers: int) -> subprocess.Popen:
	gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
	return subprocess.Popen(
		[gunicorn, "-b", f"127.0.0.1:{port}", "-w", str(workers), "-t", "120", "--preload",
		 "frappe.app:application"],
		cwd=sites_path,
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)  # fmt: skip


def wait_until_up(port: int, site: str):
	for _ in range(120):
		try:
			requests.get(f"http://127.0.0.1:{port}/api/method/ping", headers={"Host": site}, timeout=2)
			return
		except requests.ConnectionError:
			time.sleep(0.5)
	raise RuntimeError("server did not start")


# ---------------------------------------------------------------- clients


class Failure(Exception):
	def __init__(self, response: requests.Response):
		self.status = response.status_code
		try:
			body = response.json()
		except ValueError:
			body = {}
		self.kind = str(body.get("exc_type") or body.get("exception") or response.reason)[:120]
		super().__init__(f"{self.status} {self.kind}")


class Workload:
	"""Clients in threads; each step is timed and counted once the warm-up is over."""

	def __init__(self, port: int, site: str, token: str, masters: frappe._dict, flow: str):
		self.base = f"http://127.0.0.1:{port}"
		self.headers = {"Host": site, "Authorization": token}
		self.masters, self.flow = masters, flow
		# Frappe's date helpers need the site context, which the client threads do not have
		self.today, self.delivery_date = nowdate(), add_days(nowdate(), 7)
		self.queues = {doctype: collections.deque() for doctype in MAPPERS}
		self.lock = threading.Lock()
		self.latencies: dict[str, list[float]] = collections.defaultdict(list)
		self.failures: collections.Counter = collections.Counter()
		self.measuring = False
		self.measured_seconds = 0.0

	def run(self, clients: int, warmup: float, seconds: float):
		stop = threading.Event()
		threads = [threading.Thread(target=self.client, args=(index, stop)) for index in range(clients)]
		for thread in threads:
			thread.start()
		time.sleep(warmup)
		with self.lock:
			self.latencies.clear()
			self.failures.clear()
			self.measuring = True
		started = time.monotonic()
		time.sleep(seconds)
		stop.set()
		for thread in threads:
			thread.join()
		self.measured_seconds = time.monotonic() - started

	def client(self, index: int, stop: threading.Event):
		rng = random.Random(index)
		session = requests.Session()
		while not stop.is_set():
			step = self.choose_step(rng)
			started = time.monotonic()
			try:
				made = step(session, rng)
			except Failure as failure:
				with self.lock:
					self.failures[(step.__name__, failure.status, failure.kind)] += 1
				continue
			except requests.RequestException as error:
				with self.lock:
					self.failures[(step.__name__, 0, type(error).__name__)] += 1
				continue
			elapsed = time.monotonic() - started
			with self.lock:
				self.latencies[step.__name__].append(elapsed)
				if made:
					self.queues[made[0]].append(made[1])

	def choose_step(self, rng: random.Random):
		if self.flow != "mixed":
			return self.order
		pending = [doctype for doctype, queue in self.queues.items() if queue]
		if not pending or rng.random() < 0.4:
			return self.order
		return {"Delivery Note": self.deliver, "Sales Invoice": self.invoice, "Payment Entry": self.pay}[
			rng.choice(pending)
		]

	# steps: each returns (next doctype, document name) when its result feeds a later step

	def order(self, session: requests.Session, rng: random.Random):
		masters = self.masters
		payload = {
			"customer": rng.choice(masters.customers),
			"transaction_date": self.today,
			"delivery_date": self.delivery_date,
			"selling_price_list": PRICE_LIST,
			"taxes_and_charges": TAX_TEMPLATE,
			"items": [
				{"item_code": item, "qty": rng.randint(1, 5), "warehouse": rng.choice(WAREHOUSES)}
				for item in rng.sample(masters.item_codes, 3)
			],
		}
		if self.flow == "single":
			order = self.post_resource(session, "Sales Order", {**payload, "docstatus": 1})
		else:
			order = self.submit(session, self.post_resource(session, "Sales Order", payload))
		return ("Delivery Note", order["name"])

	def deliver(self, session: requests.Session, rng: random.Random):
		return self.follow(session, "Delivery Note", "Sales Invoice")

	def invoice(self, session: requests.Session, rng: random.Random):
		return self.follow(session, "Sales Invoice", "Payment Entry")

	def pay(self, session: requests.Session, rng: random.Random):
		return self.follow(session, "Payment Entry", None)

	def follow(self, session: requests.Session, doctype: str, next_doctype: str | None):
		"""Map the next document from a queued source, insert it, submit it."""
		with self.lock:
			if not self.queues[doctype]:
				return None
			source = self.queues[doctype].popleft()
		mapped = self.call(session, MAPPERS[doctype], {"source_name": source})
		made = self.submit(session, self.post_resource(session, doctype, mapped))
		return (next_doctype, made["name"]) if next_doctype else None

	# requests

	def post_resource(self, session: requests.Session, doctype: str, payload: dict) -> dict:
		return self.request(session, f"/api/resource/{doctype}", payload)["data"]

	def submit(self, session: requests.Session, doc: dict) -> dict:
		return self.call(session, "frappe.client.submit", {"doc": doc})

	def call(self, session: requests.Session, method: str, payload: dict):
		return self.request(session, f"/api/method/{method}", payload)["message"]

	def request(self, session: requests.Session, path: str, payload: dict) -> dict:
		response = session.post(self.base + path, json=payload, headers=self.headers, timeout=120)
		if response.status_code != 200:
			raise Failure(response)
		return response.json()

	# figures

	def report(self, args):
		seconds = self.measured_seconds
		print(
			f"flow {args.flow}, {args.rules} rules, {args.clients} clients, {args.workers} workers, "
			f"{args.warmup:.0f} s warm-up, {seconds:.1f} s measured"
		)
		for step, latencies in sorted(self.latencies.items()):
			if not latencies:
				continue
			ordered = sorted(latencies)
			p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
			print(
				f"  {step:8} {len(latencies):6d} done, {len(latencies) / seconds:6.1f}/s, "
				f"p50 {statistics.median(ordered) * 1000:6.0f} ms, p95 {p95 * 1000:6.0f} ms"
			)
		total = sum(self.failures.values())
		print(f"  failed: {total}")
		for (step, status, kind), count in self.failures.most_common():
			print(f"    {count:5d} x {step} -> {status} {kind}")


if __name__ == "__main__":
	main()
