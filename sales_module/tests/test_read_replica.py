"""With `read_from_replica` configured, the reports, the statement of account and the number cards
read through the replica connection, not the primary one. The replica here is a second connection to
the same server: it cannot see this test's uncommitted invoice, which the primary sees."""

from contextlib import contextmanager

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from sales_module.accounts.statement import get_statement_html
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	refused,
	selling_doc,
)


@contextmanager
def replica_configured():
	conf = frappe.local.conf
	saved = {key: conf.get(key) for key in ("read_from_replica", "replica_host")}
	conf.read_from_replica, conf.replica_host = 1, conf.db_host or "127.0.0.1"
	primary = frappe.local.db
	try:
		yield
	finally:
		conf.update(saved)
		# Frappe keeps the closed replica connection on `local` and would never switch again
		for attribute in ("replica_db", "primary_db"):
			if hasattr(frappe.local, attribute):
				delattr(frappe.local, attribute)
		frappe.local.db = primary


class TestReadReplica(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		cls.customer = make_customer_once("_Test Replica Customer").name
		cls.invoice = selling_doc(
			"Sales Invoice", [{"item_code": "_Test Service", "qty": 2, "rate": 50}], customer=cls.customer,
			posting_date="2019-06-03", set_posting_time=1, due_date="2019-06-03",
		).insert()  # fmt: skip
		cls.invoice.submit()  # not committed: only this connection sees it

	def customers_in_sales_analytics(self) -> set[str]:
		filters = {"tree_type": "Customer", "from_date": "2019-06-01", "to_date": "2019-06-30"}
		result = run("Sales Analytics", filters=filters, ignore_prepared_report=True)["result"]
		return {row["entity"] for row in result}

	def test_reports_read_from_the_replica(self):
		self.assertIn(self.customer, self.customers_in_sales_analytics())
		# each call on its own: a request switches to the replica once (Frappe keeps the switched
		# connections on `local` for the rest of it)
		with replica_configured():
			self.assertNotIn(self.customer, self.customers_in_sales_analytics())
		with replica_configured():
			receivable = run(
				"Accounts Receivable", filters={"party": [self.customer]}, ignore_prepared_report=True
			)
		self.assertEqual(receivable["result"], [])
		# back on the primary connection afterwards
		self.assertIn(self.customer, self.customers_in_sales_analytics())

	def test_statement_reads_from_the_replica(self):
		self.assertIn(self.invoice.name, get_statement_html(self.customer, "2019-06-01", "2019-06-30"))
		# the replica does not know the uncommitted customer itself
		with replica_configured(), refused(self, frappe.DoesNotExistError):
			get_statement_html(self.customer, "2019-06-01", "2019-06-30")
