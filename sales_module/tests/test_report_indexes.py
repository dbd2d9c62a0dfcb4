"""The composite indexes the reports read through exist, in their column order, and the reports'
queries use them (EXPLAIN)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, getdate, nowdate

from sales_module.accounts.receivables import invoice_query, stored_figures_query
from sales_module.selling.report.sales_analytics.sales_analytics import grouped_query, prepared_filters
from sales_module.stock.delivery import last_delivery_queries
from sales_module.utils.report_indexes import REPORT_INDEXES


def explained(query) -> list[dict]:
	return frappe.db.sql(f"EXPLAIN {query}", as_dict=True)


class TestReportIndexes(FrappeTestCase):
	def test_every_index_exists_with_its_columns_in_order(self):
		for doctype, indexes in REPORT_INDEXES.items():
			for index_name, fields in indexes.items():
				rows = frappe.db.has_index(f"tab{doctype}", index_name)
				columns = [row[4] for row in sorted(rows, key=lambda row: row[3])]
				self.assertEqual(columns, list(fields), f"{doctype}: {index_name}")

	def test_sales_analytics_per_customer_reads_the_index_alone(self):
		for doc_type in ("Sales Invoice", "Sales Order", "Delivery Note"):
			for value_quantity in ("Value", "Quantity"):
				filters = prepared_filters(
					{
						"tree_type": "Customer",
						"doc_type": doc_type,
						"value_quantity": value_quantity,
						"from_date": add_months(nowdate(), -12),
						"to_date": nowdate(),
					}
				)
				(plan,) = explained(grouped_query(filters))
				self.assertEqual(plan["key"], "customer_sales_index", f"{doc_type} {value_quantity}")
				self.assertIn("Using index", plan["Extra"], f"{doc_type} {value_quantity}")

	def test_deliveries_by_invoice_are_looked_for_through_the_stock_updating_invoices(self):
		# which way the optimizer goes depends on how many invoices update stock (at 200,000 invoices
		# of which none does, through this index); here: that it is there to take
		_notes, invoices = last_delivery_queries(["SO-DOES-NOT-EXIST"])
		plans = {plan["table"]: plan for plan in explained(invoices)}
		self.assertIn("stock_invoices_index", plans["tabSales Invoice"]["possible_keys"].split(","))

	def test_open_invoices_are_read_from_the_receivables_index_alone(self):
		invoice = frappe.qb.DocType("Sales Invoice")
		query = stored_figures_query(invoice_query(invoice, getdate(nowdate()), {}), invoice)
		(plan,) = explained(query)
		self.assertEqual(plan["key"], "receivables_index")
		self.assertIn("Using index", plan["Extra"])
