"""What the site benchmarks share: open a bench site as Administrator and undo everything afterwards."""

import argparse
import os
from contextlib import contextmanager

import frappe


def site_arguments(description: str) -> argparse.ArgumentParser:
	parser = argparse.ArgumentParser(description=description)
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", default="sites")
	parser.add_argument("--rules", type=int, default=10000)
	parser.add_argument("--rounds", type=int, default=5)
	return parser


@contextmanager
def rolled_back_site(site: str, sites_path: str):
	"""The site, connected as Administrator; its transaction and the pricing caches are undone at the end."""
	os.chdir(sites_path)  # Frappe's logs live next to the sites folder
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.db.rollback()
		from sales_module.utils.pricing_data import invalidate_item_group_parents, invalidate_rule_index

		invalidate_rule_index()
		invalidate_item_group_parents()
		frappe.destroy()
