"""Generate benchmark data at scale on a dedicated site (not a test; commits what it writes).

Run from the bench directory, on a site made for benchmarks:

	./env/bin/python apps/sales_module/benchmarks/generate_sales_data.py --site <site> --invoices 20000

For `--customers` customers (2,000) in ten territories and customer groups, and fifty service items in
ten item groups and brands, it makes `--invoices` Sales Invoices of five lines over the last year, each
billing a Sales Order delivered by a Delivery Note; `--paid` (70 %) of them are paid by a Payment
Entry, the rest stay open.

How the rows are written: one chain of each kind (order, delivery, invoice, and payment for the paid
kind) is made and submitted through the documents themselves; its rows in every table the documents
wrote (headers, items, payment schedules, payment references) are then copied for each new chain with
new names, customer, items and dates, in bulk inserts. So the rows are exactly what submitted documents
write, except the Version rows of their timelines (not copied). Service items move no stock, so no
stock ledger rows are involved. Amounts are the same in every chain (all items share one price).
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta

import frappe
from frappe.utils import add_days, get_datetime, getdate, nowdate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

CHAIN = ("Sales Order", "Delivery Note", "Sales Invoice", "Payment Entry")
CHILDREN = {
	"Sales Order": ("Sales Order Item", "Payment Schedule"),
	"Delivery Note": ("Delivery Note Item",),
	"Sales Invoice": ("Sales Invoice Item", "Payment Schedule"),
	"Payment Entry": ("Payment Entry Reference",),
}
PREFIX = {"Sales Order": "BSO", "Delivery Note": "BDN", "Sales Invoice": "BSI", "Payment Entry": "BPE"}
DATE_FIELDS = (
	"transaction_date",
	"delivery_date",
	"posting_date",
	"due_date",
	"reference_date",
	"valid_till",
)
BATCH = 2000


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", default="sites")
	parser.add_argument("--invoices", type=int, default=20000)
	parser.add_argument("--customers", type=int, default=2000)
	parser.add_argument("--paid", type=float, default=0.7)
	parser.add_argument("--seed", type=int, default=7)
	args = parser.parse_args()
	os.chdir(args.sites_path)
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		started = time.perf_counter()
		generate(args.invoices, args.customers, args.paid, random.Random(args.seed))
		frappe.db.commit()
		print(f"{args.invoices} chains written in {time.perf_counter() - started:.1f} s")
	finally:
		frappe.destroy()


def generate(invoices: int, customer_count: int, paid_share: float, rng: random.Random):
	customers = make_customers(customer_count)
	items = make_items()
	templates = {"paid": template_chain(items[:5], pay=True), "open": template_chain(items[:5], pay=False)}
	today = getdate(nowdate())
	offset = frappe.db.count("Sales Invoice", {"name": ("like", "BSI-%")})
	for start in range(0, invoices, BATCH):
		rows: dict[str, list[dict]] = {}
		for number in range(offset + start, offset + min(start + BATCH, invoices)):
			kind = "paid" if rng.random() < paid_share else "open"
			customer = rng.choice(customers)
			lines = rng.sample(items, 5)
			day = today - timedelta(days=rng.randrange(365))
			for doctype, values in clone_chain(templates[kind], number, customer, lines, day).items():
				rows.setdefault(doctype, []).extend(values)
		for doctype, values in rows.items():
			fields = list(values[0])
			frappe.db.bulk_insert(doctype, fields, [[row[field] for field in fields] for row in values])
		frappe.db.commit()
		print(f"  {min(start + BATCH, invoices)} / {invoices}", flush=True)


def make_customers(count: int) -> list[frappe._dict]:
	territories = [tree_node("Territory", f"Bench Territory {n}", "All Territories") for n in range(10)]
	groups = [tree_node("Customer Group", f"Bench Group {n}", "All Customer Groups") for n in range(10)]
	existing = set(frappe.get_all("Customer", filters={"name": ("like", "Bench Customer %")}, pluck="name"))
	for n in range(count):
		name = f"Bench Customer {n:05d}"
		if name not in existing:
			frappe.get_doc(
				{"doctype": "Customer", "name": name, "customer_name": name, "territory": territories[n % 10],
				 "customer_group": groups[n % 10]}
			).db_insert()  # fmt: skip
	frappe.db.commit()
	return frappe.get_all(
		"Customer",
		filters={"name": ("like", "Bench Customer %")},
		fields=["name", "customer_name", "territory", "customer_group"],
	)


def tree_node(doctype: str, name: str, parent: str) -> str:
	if not frappe.db.exists(doctype, name):
		field = frappe.scrub(doctype)
		frappe.get_doc({"doctype": doctype, f"{field}_name": name, f"parent_{field}": parent}).insert()
	return name


def make_items() -> list[frappe._dict]:
	groups = [tree_node("Item Group", f"Bench Item Group {n}", "All Item Groups") for n in range(10)]
	for n in range(10):
		if not frappe.db.exists("Brand", f"Bench Brand {n}"):
			frappe.get_doc({"doctype": "Brand", "brand": f"Bench Brand {n}"}).insert()
	for n in range(50):
		code = f"Bench Service {n:02d}"
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{"doctype": "Item", "item_code": code, "item_name": code, "item_group": groups[n % 10],
				 "brand": f"Bench Brand {n % 10}", "is_stock_item": 0, "stock_uom": "Nos"}
			).insert()  # fmt: skip
		if not frappe.db.exists("Item Price", {"item_code": code, "price_list": "Standard Selling"}):
			frappe.get_doc(
				{
					"doctype": "Item Price",
					"item_code": code,
					"price_list": "Standard Selling",
					"price_list_rate": 20,
				}
			).insert()
	frappe.db.commit()
	return frappe.get_all(
		"Item",
		filters={"name": ("like", "Bench Service %")},
		fields=["name", "item_name", "item_group", "brand"],
	)


def template_chain(lines: list, pay: bool) -> dict:
	"""One chain made through the documents, read back table by table."""
	from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry
	from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
	from sales_module.stock.doctype.delivery_note.delivery_note import make_sales_invoice

	customer = frappe.get_all(
		"Customer", filters={"name": ("like", "Bench Customer %")}, limit=1, pluck="name"
	)[0]
	order = frappe.get_doc(
		{"doctype": "Sales Order", "customer": customer, "delivery_date": add_days(nowdate(), 7),
		 "items": [{"item_code": line.name, "qty": 1 + index} for index, line in enumerate(lines)]}
	).insert()  # fmt: skip
	order.submit()
	note = make_delivery_note(order.name).insert()
	note.submit()
	invoice = make_sales_invoice(note.name).insert()
	invoice.submit()
	names = {"Sales Order": order.name, "Delivery Note": note.name, "Sales Invoice": invoice.name}
	if pay:
		entry = make_payment_entry(invoice.name).insert()
		entry.submit()
		names["Payment Entry"] = entry.name
	frappe.db.commit()
	tables = {}
	for doctype, name in names.items():
		tables[doctype] = frappe.db.get_all(doctype, filters={"name": name}, fields=["*"])
		for child in CHILDREN[doctype]:
			tables.setdefault(child, []).extend(
				frappe.db.get_all(
					child, filters={"parent": name, "parenttype": doctype}, fields=["*"], order_by="idx"
				)
			)
	return {"names": names, "tables": tables, "customer": customer, "lines": [line.name for line in lines],
			"day": getdate(order.transaction_date)}  # fmt: skip


def clone_chain(template: dict, number: int, customer, lines: list, day) -> dict[str, list[dict]]:
	rename = {}
	for doctype, name in template["names"].items():
		rename[name] = f"{PREFIX[doctype]}-{number:08d}"
	for table, rows in template["tables"].items():
		if table not in CHAIN:
			for index, row in enumerate(rows):
				rename[row["name"]] = f"{rename.get(row['parent'], row['parent'])}-{index:02d}-{table[:3]}"
	shift = day - template["day"]
	items = dict(zip(template["lines"], lines, strict=True))
	stamp = get_datetime(day)
	cloned: dict[str, list[dict]] = {}
	for table, rows in template["tables"].items():
		for row in rows:
			copy = {}
			for field, value in row.items():
				if isinstance(value, str) and value in rename:
					value = rename[value]
				elif field in DATE_FIELDS and value:
					value = getdate(value) + shift
				elif field in ("creation", "modified"):
					value = stamp
				copy[field] = value
			if copy.get("customer") == template["customer"] or copy.get("party") == template["customer"]:
				for field in ("customer", "party"):
					if field in copy:
						copy[field] = customer.name
				for field in ("customer_name", "party_name", "title"):
					if field in copy:
						copy[field] = customer.customer_name
				for field in ("territory", "customer_group"):
					if field in copy:
						copy[field] = customer[field]
			if copy.get("item_code") in items:
				item = items[copy["item_code"]]
				copy.update(
					item_code=item.name,
					item_name=item.item_name,
					item_group=item.item_group,
					brand=item.brand,
				)
				if "description" in copy:
					copy["description"] = item.item_name
			cloned.setdefault(table, []).append(copy)
	return cloned


if __name__ == "__main__":
	main()
