"""Reports as Frappe Prepared Reports: queued, run by a background worker (started here, in burst mode,
as RQ runs it on a site), and their stored result the same as a direct run's."""

import gzip
import json
import subprocess
import sys

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.selling.report.sales_analytics.sales_analytics import execute
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	selling_doc,
)

FILTERS = {
	"tree_type": "Customer",
	"doc_type": "Sales Invoice",
	"value_quantity": "Value",
	"range": "Monthly",
	"from_date": "2020-05-01",
	"to_date": "2020-05-31",
}


class TestPreparedReports(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()
		self.made = []

	def tearDown(self):
		frappe.db.rollback()
		for doctype, name in reversed(self.made):
			if frappe.db.exists(doctype, name):
				doc = frappe.get_doc(doctype, name)
				if doc.docstatus == 1:
					doc.cancel()
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()

	def test_a_worker_prepares_the_report(self):
		customer = make_customer_once("_Test Prepared Customer").name
		invoice = selling_doc(
			"Sales Invoice", [{"item_code": "_Test Service", "qty": 3}], customer=customer,
			posting_date="2020-05-12", set_posting_time=1,
		).insert()  # fmt: skip
		invoice.submit()
		self.made.append(("Sales Invoice", invoice.name))
		prepared = frappe.get_doc(
			{"doctype": "Prepared Report", "report_name": "Sales Analytics", "filters": json.dumps(FILTERS)}
		).insert(ignore_permissions=True)
		self.made.append(("Prepared Report", prepared.name))
		frappe.db.commit()  # the job is queued after the commit, for another connection to run
		worker = subprocess.run(
			[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site, "worker",
			 "--queue", "long", "--burst"],
			cwd=frappe.local.sites_path, capture_output=True, text=True, timeout=300,
		)  # fmt: skip
		self.assertEqual(worker.returncode, 0, worker.stderr[-2000:])
		prepared.reload()
		self.assertEqual(prepared.status, "Completed", prepared.error_message)
		stored = json.loads(
			gzip.decompress(frappe.get_doc("File", {"attached_to_name": prepared.name}).get_content())
		)
		rows = {
			row["entity"]: row["total"]
			for row in stored["result"]
			if isinstance(row, dict) and row.get("entity")
		}
		_columns, direct, *_rest = execute(FILTERS)
		self.assertEqual(rows[customer], 150)
		self.assertEqual(rows, {row["entity"]: row["total"] for row in direct})
