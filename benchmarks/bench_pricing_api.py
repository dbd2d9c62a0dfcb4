"""Benchmark the whitelisted pricing API inside a real bench (not a test; prints figures).

Run from the bench directory:

	./env/bin/python apps/sales_module/benchmarks/bench_pricing_api.py --site <site> [--rules 10000]

It creates items, item groups, prices and pricing rules in one transaction, measures
`get_item_details` (one line per call) and `get_items_details` (a 100-line document per call) with no
rules and with the requested number of rules, then rolls everything back.
"""

import os
import random
import sys
import time

import frappe

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_site import rolled_back_site, site_arguments

ITEMS = 2000
GROUPS = 100
LINES = 100


def main():
	args = site_arguments("Pricing API benchmark").parse_args()
	with rolled_back_site(args.site, args.sites_path):
		run(args.rules, args.rounds)


def run(rule_count: int, rounds: int):
	from sales_module.api.pricing import get_item_details, get_items_details
	from sales_module.utils.pricing_data import invalidate_item_group_parents, invalidate_rule_index

	rng = random.Random(7)
	groups = make_item_groups()
	items = make_items(groups, rng)
	make_prices(items)
	invalidate_item_group_parents()
	document = [{"item_code": rng.choice(items), "qty": rng.randint(1, 30)} for _ in range(LINES)]

	for label, count in (("no rules", 0), (f"{rule_count} rules", rule_count)):
		if count:
			started = time.perf_counter()
			make_rules(count, items, groups, rng)
			print(f"inserted {count} rules in {time.perf_counter() - started:.1f} s")
		invalidate_rule_index()
		started = time.perf_counter()
		get_item_details(items[0], qty=1)
		print(
			f"[{label}] first call (loads and indexes the rules): {(time.perf_counter() - started) * 1000:.0f} ms"
		)

		started = time.perf_counter()
		for _ in range(rounds):
			for line in document:
				get_item_details(line["item_code"], qty=line["qty"])
		per_line = rounds * LINES / (time.perf_counter() - started)
		print(f"[{label}] get_item_details, one line per call: {per_line:,.0f} lines/s")

		started = time.perf_counter()
		for _ in range(rounds):
			get_items_details(document)
		per_doc = rounds * LINES / (time.perf_counter() - started)
		print(f"[{label}] get_items_details, {LINES}-line document per call: {per_doc:,.0f} lines/s")


def make_item_groups() -> list[str]:
	from sales_module.tests.utils import make_tree_node

	tops = [make_tree_node("Item Group", f"_Bench Group {i}", is_group=1).name for i in range(10)]
	leaves = []
	for i in range(GROUPS - len(tops)):
		leaves.append(make_tree_node("Item Group", f"_Bench Leaf {i}", parent=tops[i % len(tops)]).name)
	return leaves


def make_items(groups: list[str], rng: random.Random) -> list[str]:
	now = frappe.utils.now()
	codes = [f"_BENCH-ITEM-{i:05d}" for i in range(ITEMS)]
	frappe.db.bulk_insert(
		"Item",
		["name", "item_code", "item_name", "item_group", "stock_uom", "is_stock_item", "is_sales_item",
		 "grant_commission", "creation", "modified", "owner", "modified_by"],
		[(code, code, code, rng.choice(groups), "Nos", 1, 1, 1, now, now, "Administrator", "Administrator")
		 for code in codes],
	)  # fmt: skip
	return codes


def make_prices(items: list[str]):
	now = frappe.utils.now()
	frappe.db.bulk_insert(
		"Item Price",
		["name", "item_code", "price_list", "uom", "price_list_rate", "currency", "selling", "valid_from",
		 "creation", "modified", "owner", "modified_by"],
		[(f"_bench-price-{i}", code, "Standard Selling", "Nos", 100 + i % 50, "USD", 1, "2020-01-01", now, now,
		  "Administrator", "Administrator") for i, code in enumerate(items)],
	)  # fmt: skip


def make_rules(count: int, items: list[str], groups: list[str], rng: random.Random):
	now = frappe.utils.now()
	rules, targets = [], {"Pricing Rule Item Code": [], "Pricing Rule Item Group": []}
	for i in range(count):
		name = f"_BENCH-PR-{i:06d}"
		on_group = i % 4 == 0
		rules.append(
			(name, name, "Group" if on_group else "Item", "Item Group" if on_group else "Item Code", 1, 0, "Price",
			 "Discount Percentage", rng.randint(1, 20), rng.randint(0, 10), rng.choice([0, 0, 5, 10]),
			 "2020-01-01", "USD", now, now, "Administrator", "Administrator")
		)  # fmt: skip
		if on_group:
			targets["Pricing Rule Item Group"].append(
				(f"{name}-t", name, "Pricing Rule", "item_groups", 1, rng.choice(groups))
			)
		else:
			targets["Pricing Rule Item Code"].append(
				(f"{name}-t", name, "Pricing Rule", "items", 1, rng.choice(items))
			)
	frappe.db.bulk_insert(
		"Pricing Rule",
		["name", "title", "rule_description", "apply_on", "selling", "disable", "price_or_product_discount",
		 "rate_or_discount", "discount_percentage", "priority", "min_qty", "valid_from", "currency",
		 "creation", "modified", "owner", "modified_by"],
		rules,
	)  # fmt: skip
	for doctype, rows in targets.items():
		fieldname = "item_group" if doctype.endswith("Group") else "item_code"
		frappe.db.bulk_insert(
			doctype, ["name", "parent", "parenttype", "parentfield", "idx", fieldname], rows
		)


if __name__ == "__main__":
	main()
