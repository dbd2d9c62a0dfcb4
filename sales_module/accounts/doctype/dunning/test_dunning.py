# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from sales_module.accounts.doctype.dunning.dunning import (
	create_dunning,
	create_dunnings_for_overdue_invoices,
)
from sales_module.accounts.doctype.dunning_type.test_dunning_type import make_dunning_type
from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry
from sales_module.exceptions import NothingToMapError
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	selling_doc,
)


def make_overdue_invoice(customer: str, days_ago: int = 40, qty: float = 10):
	invoice = selling_doc(
		"Sales Invoice",
		[{"item_code": "_Test Service", "qty": qty}],
		customer=customer,
		posting_date=add_days(nowdate(), -days_ago),
	).insert()
	invoice.submit()
	return invoice


class TestDunning(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()
		frappe.db.delete("Dunning")
		frappe.db.delete("Dunning Type")
		make_dunning_type("_Test Reminder", dunning_fee=10, rate_of_interest=36.5, waiting_days=7)
		self.customer = make_customer_once("_Test Slow Payer").name

	def test_interest_fee_and_escalating_levels(self):
		invoice = make_overdue_invoice(self.customer, days_ago=40)
		first = create_dunning(invoice.name)
		first.insert()
		first.submit()
		row = first.overdue_payments[0]
		self.assertEqual((row.overdue_days, row.outstanding, row.dunning_level), (40, 500, 1))
		self.assertEqual(row.interest, 20)
		self.assertEqual((first.dunning_amount, first.grand_total, first.status), (30, 530, "Unresolved"))
		second = create_dunning(invoice.name)
		second.insert()
		second.submit()
		self.assertEqual(second.overdue_payments[0].dunning_level, 2)

	def test_resolved_when_paid_and_unresolved_when_payment_cancelled(self):
		invoice = make_overdue_invoice(self.customer)
		dunning = create_dunning(invoice.name)
		dunning.insert()
		dunning.submit()
		payment = make_payment_entry(invoice.name)
		payment.insert()
		payment.submit()
		self.assertEqual(frappe.db.get_value("Dunning", dunning.name, "status"), "Resolved")
		payment.cancel()
		self.assertEqual(frappe.db.get_value("Dunning", dunning.name, "status"), "Unresolved")

	def test_invoice_not_overdue_cannot_be_dunned(self):
		invoice = make_overdue_invoice(self.customer, days_ago=0)
		with self.assertRaises(NothingToMapError):
			create_dunning(invoice.name)

	def test_daily_run_reminds_each_customer_once_per_waiting_period(self):
		make_overdue_invoice(self.customer, days_ago=40)
		make_overdue_invoice(self.customer, days_ago=35)
		other = make_customer_once("_Test Other Slow Payer").name
		make_overdue_invoice(other, days_ago=50)
		create_dunnings_for_overdue_invoices()
		made = frappe.get_all("Dunning", filters={"docstatus": 1}, fields=["customer", "max_dunning_level"])
		self.assertEqual(sorted(row.customer for row in made), sorted([self.customer, other]))
		mine = frappe.get_all("Dunning", filters={"customer": self.customer}, pluck="name")
		self.assertEqual(len(frappe.get_doc("Dunning", mine[0]).overdue_payments), 2)
		create_dunnings_for_overdue_invoices()
		self.assertEqual(frappe.db.count("Dunning", {"docstatus": 1}), 2)
		with self.freeze_time(add_days(nowdate(), 8)):
			create_dunnings_for_overdue_invoices()
		levels = frappe.get_all("Dunning", filters={"customer": self.customer}, pluck="max_dunning_level")
		self.assertEqual(sorted(levels), [1, 2])
