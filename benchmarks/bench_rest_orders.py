"""REST throughput: 3-line Sales Orders created and submitted by parallel clients (not a test).

Run from the bench directory as the bench user:

	./env/bin/python apps/sales_module/benchmarks/bench_rest_orders.py --site <site> [--clients 4] [--workers 4]

Starts gunicorn with `--workers` processes on a free loopback port, lets `--clients` threads post
orders with `docstatus: 1` for `--seconds`, prints orders per second, then stops the server and
cancels and deletes every order it made (and the masters it created).
"""

import argparse
import os
import socket
import subprocess
import sys
import threading
import time

import frappe
import requests

ITEMS = ("_Bench REST A", "_Bench REST B", "_Bench REST C")
CUSTOMER = "_Bench REST Customer"


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", default="sites")
	parser.add_argument("--clients", type=int, default=4)
	parser.add_argument("--workers", type=int, default=4)
	parser.add_argument("--seconds", type=float, default=20)
	args = parser.parse_args()
	sites_path = os.path.abspath(args.sites_path)
	os.chdir(sites_path)  # Frappe's logs live next to the sites folder
	frappe.init(site=args.site, sites_path=sites_path)
	frappe.connect()
	frappe.set_user("Administrator")
	token = prepare_data()
	port = free_port()
	server = start_server(sites_path, port, args.workers)
	try:
		wait_until_up(port, args.site)
		run_clients(port, args.site, token, args.clients, args.seconds, args.workers)
	finally:
		server.terminate()
		server.wait(timeout=30)
		clean_up()
		frappe.destroy()


def prepare_data() -> str:
	from sales_module.tests.test_rest_api import api_token_header

	if not frappe.db.exists("Customer", CUSTOMER):
		frappe.get_doc({"doctype": "Customer", "customer_name": CUSTOMER}).insert()
	for code in ITEMS:
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_group": "Products",
					"is_stock_item": 0,
					"standard_rate": 10,
				}
			).insert()
	frappe.db.commit()
	return api_token_header("Administrator")


def free_port() -> int:
	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		return sock.getsockname()[1]


def start_server(sites_path: str, port: int, workers: int) -> subprocess.Popen:
	gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
	return subprocess.Popen(
		[
			gunicorn,
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"-t",
			"120",
			"--preload",
			"frappe.app:application",
		],
		cwd=sites_path,
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)


def wait_until_up(port: int, site: str):
	for _ in range(120):
		try:
			requests.get(f"http://127.0.0.1:{port}/api/method/ping", headers={"Host": site}, timeout=2)
			return
		except requests.ConnectionError:
			time.sleep(0.5)
	raise RuntimeError("server did not start")


def run_clients(port: int, site: str, token: str, clients: int, seconds: float, workers: int):
	url = f"http://127.0.0.1:{port}/api/resource/Sales%20Order"
	headers = {"Host": site, "Authorization": token}
	payload = {
		"customer": CUSTOMER,
		"delivery_date": frappe.utils.add_days(frappe.utils.nowdate(), 3),
		"items": [{"item_code": code, "qty": 1} for code in ITEMS],
		"taxes": [
			{"charge_type": "On Net Total", "account_head": "VAT", "description": "VAT 20%", "rate": 20}
		],
		"docstatus": 1,
	}
	done, failed = [0] * clients, [0] * clients
	deadline = time.monotonic() + seconds

	def client(index: int):
		session = requests.Session()
		while time.monotonic() < deadline:
			response = session.post(url, json=payload, headers=headers, timeout=60)
			if response.status_code == 200:
				done[index] += 1
			else:
				failed[index] += 1

	started = time.monotonic()
	threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	elapsed = time.monotonic() - started
	print(
		f"{sum(done)} orders in {elapsed:.1f} s by {clients} clients against {workers} workers: "
		f"{sum(done) / elapsed:.1f} orders/s ({sum(failed)} failed)"
	)


def clean_up():
	frappe.db.rollback()
	for name in frappe.get_all("Sales Order", filters={"customer": CUSTOMER}, pluck="name"):
		order = frappe.get_doc("Sales Order", name)
		if order.docstatus == 1:
			order.cancel()
		frappe.delete_doc("Sales Order", name, force=True)
	frappe.db.commit()


if __name__ == "__main__":
	main()
