"""Time the reports on a site filled by generate_sales_data.py (not a test; prints figures).

Run from the bench directory:

	./env/bin/python apps/sales_module/benchmarks/bench_reports.py --site <site> [--rounds 5] [--only NAME]

Each report runs through `frappe.desk.query_report.run`, as the desk and API callers run it, as
Administrator, once to warm Frappe's caches and then `--rounds` times; the best and median are printed
with the rows returned, and the process's peak memory at the end (run one report with `--only` to see
what that report needs, as a report worker running it would).
"""

import os
import resource
import statistics
import sys
import time

import frappe
from frappe.utils import add_months, nowdate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_site import rolled_back_site, site_arguments


def cases() -> tuple:
	year = {"from_date": add_months(nowdate(), -12), "to_date": nowdate()}
	return (
		(
			"Sales Analytics",
			{
				"tree_type": "Customer",
				"doc_type": "Sales Invoice",
				"value_quantity": "Value",
				"range": "Monthly",
				**year,
			},
		),
		(
			"Sales Analytics",
			{
				"tree_type": "Item Group",
				"doc_type": "Sales Invoice",
				"value_quantity": "Quantity",
				"range": "Monthly",
				**year,
			},
		),
		(
			"Accounts Receivable",
			{"report_date": nowdate(), "ageing_based_on": "Due Date", "range": "30, 60, 90, 120"},
		),
		("Accounts Receivable Summary", {"report_date": nowdate()}),
		("Sales Order Analysis", {**year}),
		# ERPNext's default period for it: the last month
		("Sales Order Analysis", {"from_date": add_months(nowdate(), -1), "to_date": nowdate()}),
		("Sales Register", {**year}),
	)


def main():
	parser = site_arguments("Report benchmark")
	parser.add_argument("--only", help="run only the reports of this name (and label)")
	args = parser.parse_args()
	with rolled_back_site(args.site, args.sites_path):
		from frappe.desk.query_report import run

		print(
			f"{frappe.db.count('Sales Invoice')} invoices, {frappe.db.count('Sales Invoice Item')} invoice lines"
		)
		for name, filters in cases():
			label = name + (f" ({filters['tree_type']})" if "tree_type" in filters else "")
			if args.only and args.only not in (name, label):
				continue
			timings, rows = [], 0
			run(
				name, filters=filters, ignore_prepared_report=True
			)  # warms the metadata caches, as a first view does
			for _ in range(args.rounds):
				started = time.perf_counter()
				result = run(name, filters=filters, ignore_prepared_report=True)
				timings.append((time.perf_counter() - started) * 1000)
				rows = len(result["result"])
			print(
				f"{label:40s} best {min(timings):8.0f} ms  median {statistics.median(timings):8.0f} ms  {rows} rows"
				f"  ({filters.get('from_date', '')} .. {filters.get('to_date', filters.get('report_date', ''))})"
			)
		peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
		print(f"peak memory of the process: {peak:.0f} MB")


if __name__ == "__main__":
	main()
