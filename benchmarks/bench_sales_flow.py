"""Benchmark the sales flow inside a real bench (not a test; prints figures).

Run from the bench directory:

	./env/bin/python apps/sales_module/benchmarks/bench_sales_flow.py --site <site> [--rules 10000]

Creates and submits a 100-line Sales Order (a 20 % VAT row and an Actual row), then its Delivery Note
and Sales Invoice, first with no pricing rules and then with `--rules` active rules; reports each
insert+submit time (best of `--rounds`). Everything runs in one transaction that is rolled back.
"""

import os
import random
import sys
import time

import frappe

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_pricing_api import make_item_groups, make_items, make_prices, make_rules
from bench_site import rolled_back_site, site_arguments

LINES = 100
TAXES = [
	{"charge_type": "On Net Total", "account_head": "VAT", "description": "VAT 20%", "rate": 20},
	{"charge_type": "Actual", "account_head": "Freight", "description": "Freight", "tax_amount": 250},
]


def main():
	args = site_arguments("Sales flow benchmark").parse_args()
	with rolled_back_site(args.site, args.sites_path):
		run(args.rules, args.rounds)


def run(rule_count: int, rounds: int):
	from sales_module.selling.doctype.sales_order.sales_order import (
		make_delivery_note,
		make_sales_invoice,
	)
	from sales_module.utils.pricing_data import invalidate_item_group_parents, invalidate_rule_index

	rng = random.Random(11)
	groups = make_item_groups()
	items = make_items(groups, rng)
	make_prices(items)
	invalidate_item_group_parents()
	if not frappe.db.exists("Customer", "_Bench Customer"):
		frappe.get_doc({"doctype": "Customer", "customer_name": "_Bench Customer"}).insert()
	lines = rng.sample(items, LINES)
	receive(lines)

	for label, count in (("no rules", 0), (f"{rule_count} rules", rule_count)):
		if count:
			make_rules(count, items, groups, rng)
		invalidate_rule_index()
		timings = {"Sales Order": [], "Delivery Note": [], "Sales Invoice": []}
		for _ in range(rounds):
			order = frappe.get_doc(
				{
					"doctype": "Sales Order",
					"customer": "_Bench Customer",
					"delivery_date": frappe.utils.add_days(frappe.utils.nowdate(), 3),
					"items": [
						{"item_code": code, "qty": rng.randint(1, 3), "warehouse": "Stores"} for code in lines
					],
					"taxes": TAXES,
				}
			)
			timings["Sales Order"].append(timed(lambda: (order.insert(), order.submit())))
			note = make_delivery_note(order.name)
			timings["Delivery Note"].append(timed(lambda: (note.insert(), note.submit())))
			invoice = make_sales_invoice(order.name)
			timings["Sales Invoice"].append(timed(lambda: (invoice.insert(), invoice.submit())))
		for doctype, values in timings.items():
			print(
				f"[{label}] {doctype} insert+submit, {LINES} lines: best {min(values):.0f} ms, all {[round(v) for v in values]}"
			)


def receive(item_codes: list[str]):
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"items": [
				{"item_code": code, "qty": 1000, "t_warehouse": "Stores", "basic_rate": 1}
				for code in item_codes
			],
		}
	)
	entry.insert()
	entry.submit()


def timed(action) -> float:
	started = time.perf_counter()
	action()
	return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
	main()
