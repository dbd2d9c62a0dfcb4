"""Engine benchmark: pricing throughput against large rule sets, and totals for a big document.

Run from the repository root:  python3 benchmarks/bench_engine.py [--quick]
Prints figures only (no assertions): priced lines per second for 100 / 1,000 / 10,000 active pricing
rules (showing the rule index keeps it flat) and milliseconds per taxes-and-totals calculation.
"""

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sales_module.engine import (
	PricingContext,
	PricingLine,
	RuleIndex,
	build_ancestor_map,
	calculate_totals,
	price_document,
)

SEED = 20240501
ITEMS = 2_000
BRANDS = 50
CUSTOMERS = 500
LINES_PER_DOCUMENT = 100
TOTALS_LINES = 1_000


def item_group_tree() -> dict[str, str | None]:
	"""100 groups, 3 levels: the root, 9 families, 90 leaf groups."""
	parents: dict[str, str | None] = {"All Item Groups": None}
	for family in range(9):
		parents[f"Family {family}"] = "All Item Groups"
		for leaf in range(10):
			parents[f"Group {family}-{leaf}"] = f"Family {family}"
	return parents


def make_items(rng: random.Random, leaves: list[str]) -> list[dict]:
	return [
		{
			"item_code": f"ITEM-{n:05d}",
			"item_group": rng.choice(leaves),
			"brand": f"Brand {rng.randrange(BRANDS)}",
		}
		for n in range(ITEMS)
	]


# Rule mixes: (share of item / group / brand / transaction rules, share of group rules on the 9
# families and the root, share of rules tied to a party, share of expired or future windows)
MIXES = {
	"realistic": {"kinds": (0.65, 0.20, 0.10, 0.05), "broad_groups": 0.2, "party": 0.75, "stale": 0.3},
	"dense overlap": {"kinds": (0.55, 0.25, 0.15, 0.05), "broad_groups": 1.0, "party": 0.45, "stale": 0.1},
}


def make_rule(
	rng: random.Random, n: int, items: list[dict], parents: dict[str, str | None], mix: dict
) -> dict:
	"""Item prices (many customer-specific), group/brand promotions, a few transaction rules;
	validity windows, thresholds, priorities and stacking vary."""
	rule: dict = {"name": f"PRLE-{n:05d}", "creation": n, "priority": rng.choice([0, 0, 0, 1, 2, 3, 5, 8])}
	item_share, group_share, brand_share, _ = mix["kinds"]
	roll = rng.random()
	if roll < item_share:
		rule["apply_on"] = "Item Code"
		rule["items"] = [
			{"item_code": rng.choice(items)["item_code"]} for _ in range(rng.choice([1, 1, 2, 3]))
		]
	elif roll < item_share + group_share:
		broad = rng.random() < mix["broad_groups"]
		pool = list(parents) if broad else [group for group in parents if group.startswith("Group")]
		rule["apply_on"] = "Item Group"
		rule["item_groups"] = [{"item_group": rng.choice(pool)}]
	elif roll < item_share + group_share + brand_share:
		rule["apply_on"] = "Brand"
		rule["brands"] = [{"brand": f"Brand {rng.randrange(BRANDS)}"}]
	else:
		rule["apply_on"] = "Transaction"
		rule["min_amt"] = rng.choice([0, 1_000, 10_000, 100_000])
	if rng.random() < mix["party"]:
		_add_party(rng, rule)
	validity = rng.random()
	if validity < mix["stale"]:
		rule.update(valid_from="2023-01-01", valid_upto="2023-12-31")
	elif validity < mix["stale"] + 0.2:
		rule.update(valid_from="2024-01-01", valid_upto="2024-12-31")
	_add_effect(rng, rule)
	return rule


def _add_party(rng: random.Random, rule: dict) -> None:
	party = rng.random()
	if party < 0.6:
		rule.update(applicable_for="Customer", customer=f"Customer {rng.randrange(CUSTOMERS)}")
	elif party < 0.75:
		rule.update(
			applicable_for="Customer Group", customer_group=rng.choice(["Retail", "Wholesale", "Export"])
		)
	elif party < 0.95:
		rule.update(
			applicable_for="Territory", territory=rng.choice(["Berlin", "Germany", "France", "Paris"])
		)
	else:
		rule.update(applicable_for="Sales Partner", sales_partner=f"Partner {rng.randrange(20)}")


def _add_effect(rng: random.Random, rule: dict) -> None:
	if rng.random() < 0.3:
		rule["min_qty"] = rng.choice([5, 10, 20, 50])
	if rng.random() < 0.1:
		rule["apply_multiple_pricing_rules"] = 1
	if rng.random() < 0.02 and rule["apply_on"] != "Transaction":
		rule["mixed_conditions"] = 1
	kind = rng.random()
	if kind < 0.05 and rule["apply_on"] != "Transaction":
		rule.update(price_or_product_discount="Product", same_item=1, is_recursive=1, recurse_for=10)
	elif kind < 0.70:
		rule.update(
			rate_or_discount="Discount Percentage", discount_percentage=rng.choice([2, 5, 7.5, 10, 15])
		)
	elif kind < 0.85:
		rule.update(rate_or_discount="Discount Amount", discount_amount=rng.choice([1, 2.5, 5]))
	else:
		rule.update(rate_or_discount="Rate", rate=round(rng.uniform(5, 500), 2))
	if rng.random() < 0.05:
		rule.update(margin_type="Percentage", margin_rate_or_amount=rng.choice([5, 10]))


def make_lines(rng: random.Random, items: list[dict]) -> list[PricingLine]:
	lines = []
	for n in range(LINES_PER_DOCUMENT):
		item = rng.choice(items)
		lines.append(
			PricingLine(
				name=f"row-{n}",
				item_code=item["item_code"],
				qty=Decimal(rng.randint(1, 60)),
				uom="Nos",
				stock_uom="Nos",
				price_list_rate=Decimal(rng.randint(100, 100_000)) / 100,
				item_group=item["item_group"],
				brand=item["brand"],
				max_discount=Decimal(rng.choice([0, 0, 0, 20])),
			)
		)
	return lines


def time_per_call(fn: Callable[[], object], min_seconds: float, min_calls: int) -> tuple[float, float]:
	"""(median, best) seconds per call over repeated calls; best is the figure least disturbed by other
	processes on a shared machine, median the typical one."""
	fn()  # warm caches (lru caches, quantum) before timing
	samples: list[float] = []
	started = time.perf_counter()
	while len(samples) < min_calls or time.perf_counter() - started < min_seconds:
		call_start = time.perf_counter()
		fn()
		samples.append(time.perf_counter() - call_start)
	return statistics.median(samples), min(samples)


def _rate(seconds: tuple[float, float], lines: int) -> str:
	"""lines/s as "median / best"."""
	return f"{lines / seconds[0]:>7,.0f} / {lines / seconds[1]:>7,.0f}"


def bench_pricing(quick: bool) -> None:
	parents = item_group_tree()
	ancestors = build_ancestor_map(parents)
	leaves = [group for group in parents if group.startswith("Group")]
	rng = random.Random(SEED)
	items = make_items(rng, leaves)
	lines = make_lines(rng, items)
	# A new customer per document: nothing cached from the previous document applies ("cold").
	contexts = [make_context(f"Customer {n}", ancestors) for n in range(200)]
	print(
		f"Pricing: {LINES_PER_DOCUMENT}-line document, {ITEMS} items, "
		f"{len(parents)} groups (3 levels), {BRANDS} brands"
	)
	print("  cold = every document from another customer; warm = the same document priced again (form edits)")
	for mix_name, mix in MIXES.items():
		all_rules = [make_rule(rng, n, items, parents, mix) for n in range(10_000)]
		print(f"\n  rule mix: {mix_name}")
		print(
			f"  {'rules':>7} {'index build':>12} {'matched/line':>13} {'cold ms/doc':>12}"
			f" {'cold lines/s (median / best)':>29} {'warm lines/s (median / best)':>29}"
		)
		for count in (100, 1_000, 10_000):
			build_ms = _time_once(lambda: RuleIndex(all_rules[:count])) * 1000
			index = RuleIndex(all_rules[:count])
			rotation = iter(range(10**9))
			cold = time_per_call(
				lambda: price_document(lines, index, contexts[next(rotation) % len(contexts)]),
				1.0 if quick else 3.0,
				20,
			)
			warm = time_per_call(lambda: price_document(lines, index, contexts[0]), 1.0 if quick else 3.0, 20)
			matched = _matched_rules_per_line(price_document(lines, index, contexts[0]))
			print(
				f"  {count:>7} {build_ms:>10.1f}ms {matched:>13.1f} {cold[0] * 1000:>12.2f}"
				f" {_rate(cold, LINES_PER_DOCUMENT):>29} {_rate(warm, LINES_PER_DOCUMENT):>29}"
			)


def make_context(customer: str, ancestors: dict[str, tuple[str, ...]]) -> PricingContext:
	return PricingContext(
		posting_date="2024-06-15",
		customer=customer,
		customer_groups=("Retail", "All Customer Groups"),
		territories=("Berlin", "Germany", "Europe", "All Territories"),
		sales_partner="Partner 3",
		company="Company",
		currency="EUR",
		price_list="Standard Selling",
		item_group_ancestors=ancestors,
	)


def _time_once(fn: Callable[[], object]) -> float:
	started = time.perf_counter()
	fn()
	return time.perf_counter() - started


def _matched_rules_per_line(result) -> float:
	"""Rules that passed every condition for a line (applied + outranked), from the explanations."""
	total = 0
	for line in result.lines:
		total += len(line.pricing_rules)
		for name, reason in line.explanation:
			if name == "...":
				total += int(reason.split()[0])
			elif reason.startswith("not applied"):
				total += 1
	return total / len(result.lines)


def make_totals_document(rng: random.Random) -> tuple[list[dict], list[dict]]:
	lines = [
		{
			"name": f"row-{n}",
			"qty": Decimal(rng.randint(1, 500)) / 10,
			"rate": Decimal(rng.randint(1, 2_000_000)) / 1000,
			"conversion_factor": rng.choice([1, 1, 12]),
			"item_tax_rate": {"VAT Reduced": Decimal(7)} if rng.random() < 0.2 else {},
		}
		for n in range(TOTALS_LINES)
	]
	taxes = [
		{
			"charge_type": "On Net Total",
			"account_head": "VAT Reduced",
			"rate": 19,
			"included_in_print_rate": 1,
		},
		{"charge_type": "On Net Total", "account_head": "City Tax", "rate": "1.5"},
		{"charge_type": "On Previous Row Amount", "account_head": "Surcharge", "rate": 10, "row_id": 2},
		{"charge_type": "Actual", "account_head": "Freight", "tax_amount": "125.50"},
		{"charge_type": "On Previous Row Total", "account_head": "Insurance", "rate": "0.5", "row_id": 4},
		{"charge_type": "On Item Quantity", "account_head": "Eco Fee", "rate": "0.15"},
		{"charge_type": "On Net Total", "account_head": "Levy", "rate": "0.25"},
		{"charge_type": "Actual", "account_head": "Handling", "tax_amount": 20},
		{"charge_type": "On Previous Row Amount", "account_head": "Levy Surcharge", "rate": 5, "row_id": 7},
		{"charge_type": "On Previous Row Total", "account_head": "Stamp Duty", "rate": "0.1", "row_id": 9},
	]
	return lines, taxes


def bench_totals(quick: bool) -> None:
	lines, taxes = make_totals_document(random.Random(SEED))
	print(
		f"\nTotals: {TOTALS_LINES} lines, {len(taxes)} tax rows "
		"(6 charge types, one inclusive, item tax overrides)"
	)
	print(f"{'variant':<44} {'ms/calc median':>15} {'best':>8}")
	variants = {
		"no document discount": {},
		"10% discount on Grand Total (two passes)": {"additional_discount_percentage": 10},
		"discount on Net Total, EUR -> JPY base": {
			"discount_amount": 500,
			"apply_discount_on": "Net Total",
			"conversion_rate": "161.23",
			"base_precision": 0,
		},
		"no discount, without item-wise tax detail": {"item_wise_tax_detail": False},
	}
	for label, options in variants.items():
		median, best = time_per_call(
			lambda: calculate_totals(lines, taxes, **options), 1.0 if quick else 3.0, 20
		)
		print(f"{label:<44} {median * 1000:>15.2f} {best * 1000:>8.2f}")


def main() -> None:
	quick = "--quick" in sys.argv
	print(f"Command: python3 {' '.join(sys.argv)}")
	print(
		f"Python {sys.version.split()[0]}, decimal C implementation: {_decimal_is_c()}, {os.cpu_count()} CPUs"
	)
	print(f"Load average before the run: {os.getloadavg()[0]:.2f} (timings are medians of repeated runs)")
	bench_pricing(quick)
	bench_totals(quick)


def _decimal_is_c() -> bool:
	try:
		import _decimal  # the C accelerator CPython normally ships
	except ImportError:
		return False
	return True


if __name__ == "__main__":
	main()
