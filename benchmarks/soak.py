"""Soak: a served site under a realistic mixed load for some minutes, then every invariant checked (not a test).

Run from the bench directory as the bench user (the server runs as that user, from `<bench>/sites`):

	./env/bin/python apps/sales_module/benchmarks/soak.py --site <site> \
		[--minutes 2] [--clients 4] [--workers 4] [--port 8011] [--scheduler-every 10]

What it does:

1. Makes its data once (kept for the next run, prefix `_Soak`): two warehouses, 6 customers, 6 stock
   items with little stock (so deliveries are refused now and then) and a service, a coupon-based pricing
   rule with a coupon limited in uses, a submitted blanket order per customer, a default dunning type
   (unless the site has one), and four users with API keys:
   Sales User, Sales Manager, Accounts User, Stock User.
2. Starts gunicorn (`<bench>/env/bin/gunicorn -b 127.0.0.1:<port> -w <workers> -t 120 --preload
   frappe.app:application` in `<bench>/sites`) and a scheduler thread that runs the app's
   `scheduler_events` in-process on a connection of its own every `--scheduler-every` seconds (with the
   `before_job` hooks, as a worker would).
3. Runs `--clients` threads for `--minutes`, each picking operations at random with their user's token:
   quotations; orders (plain, with the coupon, against a blanket order, from a quotation through the
   mapper, from a blanket order through ERPNext's `make_order`); Update Items (ERPNext's
   `update_child_qty_rate` path); deliveries, invoices (from deliveries and from orders), payments,
   delivery returns and credit notes (mapper, then insert with docstatus 1); direct sales (invoices that
   update stock); cancellations and amendments; stock receipts and issues. Documents made feed later operations.
4. Counts per operation: done; refused (HTTP 4xx: the app said no, by `exc_type`); failed (HTTP 5xx,
   timeouts, connection errors), printing the first bodies of failures. Stops the server, runs
   `sales-module-check-invariants` and prints a table and its result.

Exit code 0 only when nothing failed and no invariant is broken. Traffic goes to 127.0.0.1 only; every
loop is bounded by `--minutes`.
"""

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import threading
import time
import traceback

import frappe
import requests
from frappe.query_builder.functions import Sum
from frappe.utils import add_days, nowdate

PREFIX = "_Soak"
WAREHOUSES = (f"{PREFIX} Store A", f"{PREFIX} Store B")
CUSTOMERS = [f"{PREFIX} Customer {i}" for i in range(6)]
ITEMS = [f"{PREFIX} Item {i}" for i in range(6)]
SERVICE = f"{PREFIX} Service"
COUPON_RULE = f"{PREFIX} coupon 5%"
COUPON = f"{PREFIX} Coupon"
STARTING_STOCK = 15
USERS = {
	"sales": ("soak.sales@example.com", "Sales User"),
	"manager": ("soak.manager@example.com", "Sales Manager"),
	"accounts": ("soak.accounts@example.com", "Accounts User"),
	"stock": ("soak.stock@example.com", "Stock User"),
}
ERP = "erpnext"
PATHS = {
	"order_from_quotation": f"{ERP}.selling.doctype.quotation.quotation.make_sales_order",
	"delivery": f"{ERP}.selling.doctype.sales_order.sales_order.make_delivery_note",
	"invoice_from_order": f"{ERP}.selling.doctype.sales_order.sales_order.make_sales_invoice",
	"invoice_from_delivery": f"{ERP}.stock.doctype.delivery_note.delivery_note.make_sales_invoice",
	"delivery_return": f"{ERP}.stock.doctype.delivery_note.delivery_note.make_sales_return",
	"credit_note": f"{ERP}.accounts.doctype.sales_invoice.sales_invoice.make_sales_return",
	"payment": "sales_module.accounts.doctype.sales_invoice.sales_invoice.make_payment_entry",
	"blanket_order": f"{ERP}.manufacturing.doctype.blanket_order.blanket_order.make_order",
	"update_items": f"{ERP}.controllers.accounts_controller.update_child_qty_rate",
}
# operation: (weight, user)
OPERATIONS = {
	"quotation": (8, "sales"),
	"order": (8, "sales"),
	"order_with_coupon": (3, "sales"),
	"order_on_blanket": (3, "sales"),
	"order_from_quotation": (6, "sales"),
	"order_from_blanket_mapper": (2, "sales"),
	"update_items": (4, "sales"),
	"delivery": (10, "stock"),
	"invoice_from_delivery": (7, "accounts"),
	"invoice_from_order": (3, "accounts"),
	"payment": (7, "accounts"),
	"delivery_return": (2, "stock"),
	"credit_note": (2, "accounts"),
	"cancel": (3, "manager"),
	"cancel_payment": (1, "accounts"),
	"amend": (2, "manager"),
	"direct_sale": (2, "accounts"),
	"stock_receipt": (2, "stock"),
	"stock_issue": (1, "stock"),
}
SHOWN_FAILURES = 5
POOL = 300  # documents kept per pool for later operations


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--minutes", type=float, default=2)
	parser.add_argument("--clients", type=int, default=4)
	parser.add_argument("--workers", type=int, default=4)
	parser.add_argument("--port", type=int, default=8011)
	parser.add_argument("--scheduler-every", type=float, default=10, help="seconds between scheduler rounds")
	parser.add_argument("--seed", type=int, default=1)
	parser.add_argument("--bench", default=os.getcwd(), help="the bench directory (default: here)")
	args = parser.parse_args()
	bench = os.path.abspath(args.bench)
	sites = os.path.join(bench, "sites")
	os.chdir(sites)
	frappe.init(site=args.site, sites_path=sites)
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		world = prepare(args.site)
	finally:
		frappe.destroy()
	server = start_server(bench, args.port, args.workers)
	soak = Soak(args, world)
	try:
		wait_until_up(args.port, args.site, server)
		soak.run()
	finally:
		server.terminate()
		try:
			server.wait(timeout=60)
		except subprocess.TimeoutExpired:
			server.kill()
	invariants_ok = check_invariants(bench, args.site)
	soak.report()
	command = " ".join(sys.argv)
	print(f"\ncommand: {command}")
	failed = sum(counts["failed"] for counts in soak.counts.values())
	print(f"failed requests: {failed}; invariants: {'kept' if invariants_ok else 'BROKEN'}")
	sys.exit(0 if not failed and invariants_ok else 1)


# ---------------------------------------------------------------- data


def prepare(site: str) -> dict:
	"""The soak's masters, made once; stock topped up to STARTING_STOCK; fresh API tokens."""
	from frappe.utils.nestedset import get_root_of

	from sales_module.tests.utils import make_item, make_item_price, make_tree_node, make_user
	from sales_module.utils.pricing_data import coupon_uses_by_customer

	for warehouse in WAREHOUSES:
		make_tree_node("Warehouse", warehouse, parent=get_root_of("Warehouse"))
	for customer in CUSTOMERS:
		if not frappe.db.exists("Customer", customer):
			frappe.get_doc({"doctype": "Customer", "customer_name": customer}).insert()
	for index, code in enumerate([*ITEMS, SERVICE]):
		if not frappe.db.exists("Item", code):
			make_item(code, is_stock_item=0 if code == SERVICE else 1)
			make_item_price(code, 10 + 5 * index)
	if not frappe.db.exists("Pricing Rule", {"title": COUPON_RULE}):
		frappe.get_doc(
			{
				"doctype": "Pricing Rule",
				"title": COUPON_RULE,
				"apply_on": "Item Code",
				"valid_from": "2020-01-01",
				"items": [{"item_code": code} for code in ITEMS],
				"discount_percentage": 5,
				"coupon_code_based": 1,
			}
		).insert()
	rule = frappe.db.get_value("Pricing Rule", {"title": COUPON_RULE})
	if not frappe.db.exists("Coupon Code", {"coupon_name": COUPON}):
		frappe.get_doc(
			{
				"doctype": "Coupon Code",
				"coupon_name": COUPON,
				"pricing_rule": rule,
				"maximum_use": 100000,
				"maximum_use_per_customer": 40,
			}
		).insert()
	coupon = frappe.get_doc("Coupon Code", frappe.db.get_value("Coupon Code", {"coupon_name": COUPON}))
	# each run has room for about 40 uses per customer before the coupon refuses (runs add up)
	uses = coupon_uses_by_customer(coupon.name)
	coupon.maximum_use_per_customer = max(uses.values(), default=0) + 40
	coupon.save()
	blankets = {customer: usable_blanket_order(customer) for customer in CUSTOMERS}
	if not frappe.db.exists("Dunning Type", {"is_default": 1}):
		# the daily dunning job reminds only where a dunning type applies
		frappe.get_doc({"doctype": "Dunning Type", "dunning_type": f"{PREFIX} Reminder", "is_default": 1,
						"dunning_fee": 5, "rate_of_interest": 8}).insert()  # fmt: skip
	top_up_stock()
	tokens = {}
	for key, (email, role) in USERS.items():
		user = make_user(email, [role])
		user.api_key = user.api_key or frappe.generate_hash(length=15)
		secret = frappe.generate_hash(length=15)
		user.api_secret = secret
		user.save(ignore_permissions=True)
		tokens[key] = f"token {user.api_key}:{secret}"
	frappe.db.commit()
	# fields a copy leaves out (Frappe's copy_doc): what an amendment does not carry over
	no_copy = {}
	for doctype in ("Sales Order", "Quotation", "Delivery Note", "Sales Invoice"):
		meta = frappe.get_meta(doctype)
		no_copy[doctype] = [df.fieldname for df in meta.fields if df.no_copy]
		for table in meta.get_table_fields():
			no_copy[table.options] = [
				df.fieldname for df in frappe.get_meta(table.options).fields if df.no_copy
			]
	return {
		"site": site,
		"tokens": tokens,
		"coupon": coupon.name,
		"blankets": blankets,
		"no_copy": no_copy,
		"tables": {
			doctype: {df.fieldname: df.options for df in frappe.get_meta(doctype).get_table_fields()}
			for doctype in no_copy
			if frappe.get_meta(doctype).istable == 0
		},
		"today": nowdate(),
		"delivery_date": add_days(nowdate(), 7),
	}


def usable_blanket_order(customer: str) -> str:
	"""The customer's submitted blanket order with at least half of it left, else a new one."""
	line = frappe.qb.DocType("Blanket Order Item")
	order = frappe.qb.DocType("Blanket Order")
	found = (
		frappe.qb.from_(order)
		.join(line)
		.on(line.parent == order.name)
		.select(order.name)
		.where((order.customer == customer) & (order.docstatus == 1) & (order.status == "Submitted")
			   & (order.to_date >= add_days(nowdate(), 7)))
		.groupby(order.name)
		.having(Sum(line.ordered_qty) * 2 <= Sum(line.qty))
		.run(pluck=True)
	)  # fmt: skip
	if found:
		return found[0]
	blanket = frappe.get_doc(
		{
			"doctype": "Blanket Order",
			"blanket_order_type": "Selling",
			"customer": customer,
			"from_date": nowdate(),
			"to_date": add_days(nowdate(), 365),
			"items": [{"item_code": code, "qty": 60, "rate": 9} for code in ITEMS[:3]],
		}
	).insert()
	blanket.submit()
	return blanket.name


def top_up_stock():
	from sales_module.stock.utils import get_bins

	bins = get_bins((item, warehouse) for item in ITEMS for warehouse in WAREHOUSES)
	short = {
		pair: STARTING_STOCK - qty["actual_qty"]
		for pair, qty in bins.items()
		if qty["actual_qty"] < STARTING_STOCK
	}
	if not short:
		return
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"items": [
				{"item_code": item, "qty": qty, "t_warehouse": warehouse, "basic_rate": 1}
				for (item, warehouse), qty in sorted(short.items())
			],
		}
	).insert()
	entry.submit()


# ---------------------------------------------------------------- server, scheduler, invariants


def start_server(bench: str, port: int, workers: int) -> subprocess.Popen:
	log = open(os.path.join(bench, "logs", "soak-gunicorn.log"), "a")
	return subprocess.Popen(
		[os.path.join(bench, "env", "bin", "gunicorn"), "-b", f"127.0.0.1:{port}", "-w", str(workers),
		 "-t", "120", "frappe.app:application", "--preload"],
		cwd=os.path.join(bench, "sites"),
		stdout=log,
		stderr=log,
	)  # fmt: skip


def wait_until_up(port: int, site: str, server: subprocess.Popen):
	for _ in range(240):
		if server.poll() is not None:
			raise RuntimeError("gunicorn exited; see logs/soak-gunicorn.log")
		try:
			requests.get(f"http://127.0.0.1:{port}/api/method/ping", headers={"Host": site}, timeout=2)
			return
		except requests.ConnectionError:
			time.sleep(0.5)
	raise RuntimeError("server did not start")


def scheduler_loop(site: str, sites: str, every: float, stop: threading.Event, soak: "Soak"):
	"""The app's scheduled jobs, in this thread's own Frappe context and connection."""
	frappe.init(site=site, sites_path=sites)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		methods = [method for methods in frappe.get_hooks("scheduler_events", app_name="sales_module").values()
				   for method in methods]  # fmt: skip
		while not stop.wait(every):
			for method in methods:
				if stop.is_set():
					break
				operation = "job " + method.rsplit(".", 1)[-1]
				try:
					for hook in frappe.get_hooks("before_job"):
						frappe.get_attr(hook)()
					frappe.get_attr(method)()
					frappe.db.commit()
					soak.count(operation, "done")
				except Exception as error:
					frappe.db.rollback()
					soak.count(operation, "failed", f"{type(error).__name__}: {error}"[:2000])
	finally:
		frappe.destroy()


def check_invariants(bench: str, site: str) -> bool:
	command = [os.path.join(bench, "env", "bin", "python"), "-m", "frappe.utils.bench_helper", "frappe",
			   "--site", site, "sales-module-check-invariants"]  # fmt: skip
	print("\n$ bench --site", site, "sales-module-check-invariants")
	result = subprocess.run(command, cwd=os.path.join(bench, "sites"), capture_output=True, text=True)
	print(result.stdout.rstrip())
	if result.returncode not in (0, 1):
		print(result.stderr[-3000:])
	return result.returncode == 0


# ---------------------------------------------------------------- clients


class Refused(Exception):
	def __init__(self, kind: str, body: str):
		self.kind, self.body = kind, body
		super().__init__(kind)


class Failed(Exception):
	def __init__(self, kind: str, body: str):
		self.kind, self.body = kind, body
		super().__init__(kind)


class Soak:
	def __init__(self, args, world: dict):
		self.args, self.world = args, world
		self.base = f"http://127.0.0.1:{args.port}"
		self.lock = threading.Lock()
		self.counts = collections.defaultdict(lambda: {"done": 0, "refused": 0, "failed": 0})
		self.refusals = collections.defaultdict(collections.Counter)
		self.failures: list[str] = []
		self.pools = {name: collections.deque(maxlen=POOL) for name in (
			"quotations", "orders", "deliveries", "invoices", "payments", "cancelled")}  # fmt: skip
		self.requests = 0

	# bookkeeping

	def count(self, operation: str, outcome: str, detail: str = ""):
		with self.lock:
			self.counts[operation][outcome] += 1
			if outcome == "refused":
				self.refusals[operation][detail] += 1
			if outcome == "failed":
				self.failures.append(f"{operation}: {detail}")

	def put(self, pool: str, name: str):
		with self.lock:
			self.pools[pool].append(name)

	def take(self, pool: str, rng: random.Random, remove: bool = True) -> str | None:
		with self.lock:
			names = self.pools[pool]
			if not names:
				return None
			index = rng.randrange(len(names))
			name = names[index]
			if remove:
				del names[index]
			return name

	# the run

	def run(self):
		stop = threading.Event()
		deadline = time.monotonic() + self.args.minutes * 60
		scheduler = threading.Thread(
			target=scheduler_loop,
			args=(self.world["site"], os.getcwd(), self.args.scheduler_every, stop, self),
			daemon=True,
		)
		scheduler.start()
		clients = [
			threading.Thread(target=self.client, args=(index, deadline)) for index in range(self.args.clients)
		]
		started = time.monotonic()
		for thread in clients:
			thread.start()
		for thread in clients:
			thread.join()
		stop.set()
		scheduler.join(timeout=300)
		self.seconds = time.monotonic() - started

	def client(self, index: int, deadline: float):
		rng = random.Random(self.args.seed * 1000 + index)
		sessions = {key: requests.Session() for key in USERS}
		names, weights = zip(*((name, weight) for name, (weight, _user) in OPERATIONS.items()), strict=True)
		while time.monotonic() < deadline:
			operation = rng.choices(names, weights)[0]
			user = OPERATIONS[operation][1]
			try:
				done = getattr(self, operation)(Client(self, sessions[user], user), rng)
			except Refused as refusal:
				self.count(operation, "refused", refusal.kind)
				continue
			except Failed as failure:
				self.count(operation, "failed", failure.body)
				continue
			except Exception:
				# the script's own mistake: shown with the failures, never hidden
				self.count(operation, "failed", "client error: " + traceback.format_exc())
				continue
			if done:
				self.count(operation, "done")

	# operations: each returns whether it did something (False: nothing to work on yet)

	def new_lines(self, rng: random.Random, count: int | None = None) -> list[dict]:
		items = rng.sample(ITEMS, count or rng.randint(1, 3))
		lines = [
			{"item_code": item, "qty": rng.randint(1, 5), "warehouse": rng.choice(WAREHOUSES)}
			for item in items
		]
		if rng.random() < 0.2:
			lines.append({"item_code": SERVICE, "qty": 1})
		return lines

	def quotation(self, client, rng):
		draft = client.insert("Quotation", {
			"quotation_to": "Customer", "party_name": rng.choice(CUSTOMERS), "transaction_date": self.world["today"],
			"valid_till": add_days(self.world["today"], 30), "items": self.new_lines(rng)})  # fmt: skip
		self.put("quotations", client.submit(draft)["name"])
		return True

	def order_payload(self, rng, customer=None, lines=None) -> dict:
		return {
			"customer": customer or rng.choice(CUSTOMERS),
			"transaction_date": self.world["today"],
			"delivery_date": self.world["delivery_date"],
			"items": lines or self.new_lines(rng),
		}

	def submit_order(self, client, payload: dict, rng: random.Random) -> bool:
		# half the orders are inserted and submitted (two requests), half posted with docstatus 1
		if rng.random() < 0.5:
			order = client.submit(client.insert("Sales Order", payload))
		else:
			order = client.insert("Sales Order", {**payload, "docstatus": 1})
		self.put("orders", order["name"])
		return True

	def order(self, client, rng):
		return self.submit_order(client, self.order_payload(rng), rng)

	def order_with_coupon(self, client, rng):
		return self.submit_order(
			client, {**self.order_payload(rng), "coupon_code": self.world["coupon"]}, rng
		)

	def order_on_blanket(self, client, rng):
		customer = rng.choice(CUSTOMERS)
		blanket = self.world["blankets"][customer]
		lines = [
			{"item_code": item, "qty": rng.randint(1, 4), "warehouse": rng.choice(WAREHOUSES), "blanket_order": blanket}
			for item in rng.sample(ITEMS[:3], rng.randint(1, 2))
		]  # fmt: skip
		return self.submit_order(client, self.order_payload(rng, customer, lines), rng)

	def order_from_quotation(self, client, rng):
		quotation = self.take("quotations", rng)
		if not quotation:
			return False
		mapped = client.call(PATHS["order_from_quotation"], source_name=quotation)
		mapped["delivery_date"] = self.world["delivery_date"]
		for line in mapped.get("items", []):
			line.setdefault("delivery_date", self.world["delivery_date"])
		return self.submit_order(client, mapped, rng)

	def order_from_blanket_mapper(self, client, rng):
		mapped = client.call(
			PATHS["blanket_order"], source_name=self.world["blankets"][rng.choice(CUSTOMERS)]
		)
		mapped["delivery_date"] = self.world["delivery_date"]
		for line in mapped.get("items", []):
			line["qty"] = rng.randint(1, 3)
			line["warehouse"] = rng.choice(WAREHOUSES)
			line["delivery_date"] = self.world["delivery_date"]
		return self.submit_order(client, mapped, rng)

	def update_items(self, client, rng):
		name = self.take("orders", rng, remove=False)
		if not name:
			return False
		order = client.get("Sales Order", name)
		lines = []
		for line in order["items"]:
			qty = max(line["qty"] + rng.choice((-1, 1, 2)), 1)
			lines.append({"docname": line["name"], "item_code": line["item_code"], "qty": qty, "rate": line["rate"],
						  "uom": line["uom"], "conversion_factor": line["conversion_factor"]})  # fmt: skip
		if rng.random() < 0.3:
			lines.append({"item_code": rng.choice(ITEMS), "qty": rng.randint(1, 3), "warehouse": rng.choice(WAREHOUSES),
						  "delivery_date": self.world["delivery_date"]})  # fmt: skip
		client.call(PATHS["update_items"], parent_doctype="Sales Order", parent_doctype_name=name,
					trans_items=json.dumps(lines), child_docname="items")  # fmt: skip
		return True

	def follow(self, client, rng, pool: str, path: str, doctype: str, into: str | None) -> bool:
		"""Map a document from a source of the pool and submit it; a source the mapper refuses (nothing
		left to deliver, bill, pay or return, or cancelled meanwhile) leaves the pool."""
		source = self.take(pool, rng, remove=False)
		if not source:
			return False
		try:
			mapped = client.call(path, source_name=source)
		except Refused:
			self.drop(pool, source)
			raise
		made = client.insert(doctype, {**mapped, "docstatus": 1})
		if into:
			self.put(into, made["name"])
		return True

	def drop(self, pool: str, name: str):
		with self.lock:
			if name in self.pools[pool]:
				self.pools[pool].remove(name)

	def delivery(self, client, rng):
		return self.follow(client, rng, "orders", PATHS["delivery"], "Delivery Note", "deliveries")

	def invoice_from_delivery(self, client, rng):
		return self.follow(
			client, rng, "deliveries", PATHS["invoice_from_delivery"], "Sales Invoice", "invoices"
		)

	def invoice_from_order(self, client, rng):
		return self.follow(client, rng, "orders", PATHS["invoice_from_order"], "Sales Invoice", "invoices")

	def payment(self, client, rng):
		return self.follow(client, rng, "invoices", PATHS["payment"], "Payment Entry", "payments")

	def delivery_return(self, client, rng):
		return self.follow(client, rng, "deliveries", PATHS["delivery_return"], "Delivery Note", None)

	def credit_note(self, client, rng):
		return self.follow(client, rng, "invoices", PATHS["credit_note"], "Sales Invoice", None)

	def cancel(self, client, rng):
		pool, doctype = rng.choice((("orders", "Sales Order"), ("deliveries", "Delivery Note"),
									("invoices", "Sales Invoice"), ("quotations", "Quotation")))  # fmt: skip
		name = self.take(pool, rng)
		if not name:
			return False
		try:
			client.call("frappe.client.cancel", doctype=doctype, name=name)
		except Refused:
			self.put(pool, name)  # linked documents keep it: it goes on being used
			raise
		self.put("cancelled", f"{doctype}::{name}")
		return True

	def cancel_payment(self, client, rng):
		name = self.take("payments", rng)
		if not name:
			return False
		client.call("frappe.client.cancel", doctype="Payment Entry", name=name)
		return True

	def amend(self, client, rng):
		"""A cancelled document copied as Frappe's desk copies it (no_copy fields left out), amended_from set."""
		cancelled = self.take("cancelled", rng)
		if not cancelled:
			return False
		doctype, name = cancelled.split("::")
		doc = client.get(doctype, name)
		amended = self.copy(doctype, doc)
		amended["amended_from"] = name
		if doctype == "Sales Order":
			amended["delivery_date"] = self.world["delivery_date"]
			for line in amended["items"]:
				line["delivery_date"] = self.world["delivery_date"]
		if doctype == "Quotation":
			amended["valid_till"] = add_days(self.world["today"], 30)
		made = client.submit(client.insert(doctype, amended))
		pool = {"Sales Order": "orders", "Delivery Note": "deliveries", "Sales Invoice": "invoices",
				"Quotation": "quotations"}[doctype]  # fmt: skip
		self.put(pool, made["name"])
		return True

	def copy(self, doctype: str, doc: dict) -> dict:
		skip = {"name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "amended_from",
				"parent", "parentfield", "parenttype", *self.world["no_copy"].get(doctype, ())}  # fmt: skip
		copied = {key: value for key, value in doc.items() if key not in skip}
		for fieldname, child_doctype in self.world["tables"].get(doctype, {}).items():
			child_skip = skip | set(self.world["no_copy"].get(child_doctype, ()))
			copied[fieldname] = [
				{key: value for key, value in row.items() if key not in child_skip}
				for row in doc.get(fieldname) or []
			]
		copied["doctype"] = doctype
		return copied

	def direct_sale(self, client, rng):
		"""A Sales Invoice that updates stock: delivered by the invoice itself; half of them dated back and
		already due, so the daily jobs (overdue status, dunnings) work on invoices being paid meanwhile."""
		payload = {"customer": rng.choice(CUSTOMERS), "update_stock": 1, "items": self.new_lines(rng)}
		if rng.random() < 0.5:
			payload.update(set_posting_time=1, posting_date=add_days(self.world["today"], -40),
						   due_date=add_days(self.world["today"], -10))  # fmt: skip
		self.put("invoices", client.insert("Sales Invoice", {**payload, "docstatus": 1})["name"])
		return True

	def stock_receipt(self, client, rng):
		client.insert("Stock Entry", {"stock_entry_type": "Material Receipt", "docstatus": 1, "items": [
			{"item_code": item, "qty": rng.randint(2, 8), "t_warehouse": rng.choice(WAREHOUSES), "basic_rate": 1}
			for item in rng.sample(ITEMS, 2)]})  # fmt: skip
		return True

	def stock_issue(self, client, rng):
		client.insert("Stock Entry", {"stock_entry_type": "Material Issue", "docstatus": 1, "items": [
			{"item_code": rng.choice(ITEMS), "qty": rng.randint(1, 10), "s_warehouse": rng.choice(WAREHOUSES)}]})  # fmt: skip
		return True

	# the end

	def report(self):
		print(f"\nsoak: {self.args.clients} clients, {self.args.workers} workers, {self.seconds:.0f} s")
		print(f"{'operation':<34}{'done':>7}{'refused':>9}{'failed':>8}   refusals (exc_type: count)")
		totals = collections.Counter()
		for operation in sorted(self.counts):
			counts = self.counts[operation]
			totals.update(counts)
			kinds = ", ".join(f"{kind}: {count}" for kind, count in self.refusals[operation].most_common(4))
			print(f"{operation:<34}{counts['done']:>7}{counts['refused']:>9}{counts['failed']:>8}   {kinds}")
		print(f"{'total':<34}{totals['done']:>7}{totals['refused']:>9}{totals['failed']:>8}")
		print(f"HTTP requests: {self.requests} ({self.requests / max(self.seconds, 1):.1f}/s)")
		for failure in self.failures[:SHOWN_FAILURES]:
			print("\nFAILURE", failure[:3000])


class Client:
	"""One operation's requests with one user's token."""

	def __init__(self, soak: Soak, session: requests.Session, user: str):
		self.soak, self.session = soak, session
		self.headers = {"Host": soak.world["site"], "Authorization": soak.world["tokens"][user],
						"Accept": "application/json"}  # fmt: skip

	def insert(self, doctype: str, values: dict) -> dict:
		return self.request("post", f"/api/resource/{doctype}", values)["data"]

	def get(self, doctype: str, name: str) -> dict:
		return self.request("get", f"/api/resource/{doctype}/{name}")["data"]

	def submit(self, doc: dict) -> dict:
		return self.call("frappe.client.submit", doc=doc)

	def call(self, method: str, **args):
		return self.request("post", f"/api/method/{method}", args).get("message")

	def request(self, verb: str, path: str, payload: dict | None = None) -> dict:
		with self.soak.lock:
			self.soak.requests += 1
		try:
			response = self.session.request(verb, self.soak.base + path, json=payload, headers=self.headers,
											timeout=125)  # fmt: skip
		except requests.RequestException as error:
			raise Failed(
				type(error).__name__, f"{verb.upper()} {path}: {type(error).__name__} {error}"
			) from error
		if response.status_code >= 500:
			raise Failed(
				str(response.status_code), f"{verb.upper()} {path}: {response.status_code} {response.text}"
			)
		if response.status_code >= 400:
			try:
				body = response.json()
			except ValueError:
				body = {}
			kind = body.get("exc_type") or f"HTTP {response.status_code}"
			raise Refused(kind, response.text)
		return response.json()


if __name__ == "__main__":
	main()
