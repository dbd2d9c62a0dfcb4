"""Demo data (`bench --site SITE sales-module-demo`): a small company's year made through the documents'
own paths, consistent (orders from quotations, deliveries and invoices from orders, payments and
dunnings on invoices, a plan and a settlement), refused a second time, and removed without a trace."""

import frappe
from frappe.query_builder.functions import Count
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, getdate, nowdate

from sales_module.demo.catalogue import CATALOGUES, ITEMS
from sales_module.demo.maker import DEMO_PARENT, demo_records, make_demo, remove_demo
from sales_module.exceptions import DemoDataError
from sales_module.tests.utils import refused
from sales_module.utils.cache import reference_data_changed

SIZE = 3
# tables whose rows a make-and-remove may leave changed although nothing of the demo stays in them
LOG_TABLES = {"tabError Log", "tabScheduled Job Log", "tabAccess Log", "tabActivity Log", "tabRoute History"}


def snapshot() -> dict:
	"""Rows per table, naming series counters, Selling Settings and the currencies' enabled flags."""
	tables = [
		table
		for table in frappe.db.get_tables(cached=False)
		if table.startswith("tab") and table not in LOG_TABLES
	]
	counts = {
		table: frappe.qb.from_(table.removeprefix("tab")).select(Count("*")).run()[0][0] for table in tables
	}
	series = frappe.qb.DocType("Series")
	settings = frappe.qb.DocType("Singles")
	return {
		"counts": counts,
		"series": dict(frappe.qb.from_(series).select(series.name, series.current).run()),
		"settings": dict(
			frappe.qb.from_(settings)
			.select(settings.field, settings.value)
			.where(settings.doctype == "Selling Settings")
			.run()
		),
		"currencies": dict(frappe.get_all("Currency", fields=["name", "enabled"], as_list=True)),
	}


def names(doctype: str) -> list[str]:
	return [name for made, name in demo_records() if made == doctype]


class TestDemoData(FrappeTestCase):
	def setUp(self):
		# the demo may switch the company currency on a site without documents: a failing test's
		# rollback must not leave caches of the switched settings behind
		self.addCleanup(frappe.clear_cache, doctype="Selling Settings")
		self.addCleanup(reference_data_changed)

	def test_make_check_repeat_and_remove(self):
		before = snapshot()
		counts = make_demo("ru", size=SIZE)
		records = demo_records()
		made = {}
		for doctype, _name in records:
			made[doctype] = made.get(doctype, 0) + 1
		self.assertEqual(counts, made)
		catalogue = CATALOGUES["ru"]
		# the masters: in Russian, one address per customer, two prices per item
		self.assertEqual(
			(made["Customer"], made["Address"], made["Item"], made["Item Price"], made["Sales Person"]),
			(SIZE, SIZE, len(ITEMS), 2 * len(ITEMS), len(catalogue.sales_persons)),
		)
		self.assertEqual(made["Territory"], len(catalogue.territories) + 1)
		self.assertEqual(frappe.db.get_value("Item", "DM-CHAIR-01", "item_name"), "Кресло офисное «Комфорт»")
		self.assertEqual(sorted(names("Customer")), sorted(catalogue.customers[:SIZE]))
		self.assert_documents_consistent()
		self.assert_year_spread()
		self.assert_plan_and_settlement()

		# a second run adds nothing: it is refused by name
		with refused(self, DemoDataError):
			make_demo("ru", size=SIZE)
		self.assertEqual(demo_records(), records)

		self.assertEqual(remove_demo(), len(records))
		self.assertEqual(demo_records(), [])
		self.assertFalse(frappe.db.exists("DefaultValue", {"parent": DEMO_PARENT}))
		self.assertEqual(snapshot(), before)
		with refused(self, DemoDataError):
			remove_demo()

	def assert_documents_consistent(self):
		quotations = frappe.get_all(
			"Quotation", filters={"name": ("in", names("Quotation"))}, fields=["name", "status", "docstatus"]
		)
		statuses = {row.status for row in quotations}
		self.assertTrue({"Ordered", "Lost", "Expired"} <= statuses, statuses)
		self.assertEqual({row.docstatus for row in quotations}, {1})
		for row in quotations:
			reasons = frappe.get_all(
				"Quotation Lost Reason Detail", filters={"parent": row.name}, pluck="lost_reason"
			)
			self.assertEqual(bool(reasons), row.status == "Lost", row.name)
		# every order comes from a demo quotation, which it marks Ordered
		order_lines = frappe.get_all(
			"Sales Order Item",
			filters={"parent": ("in", names("Sales Order"))},
			fields=["name", "parent", "prevdoc_docname", "qty", "delivered_qty"],
		)
		ordered = {row.name for row in quotations if row.status == "Ordered"}
		self.assertEqual({row.prevdoc_docname for row in order_lines}, ordered)
		# what each order line delivered is the sum of its delivery lines; some orders took two deliveries
		delivered: dict[str, float] = {}
		deliveries_of: dict[str, set] = {}
		for row in frappe.get_all(
			"Delivery Note Item",
			filters={"parent": ("in", names("Delivery Note"))},
			fields=["parent", "so_detail", "against_sales_order", "qty"],
		):
			delivered[row.so_detail] = delivered.get(row.so_detail, 0) + flt(row.qty)
			deliveries_of.setdefault(row.against_sales_order, set()).add(row.parent)
		for row in order_lines:
			self.assertEqual(flt(row.delivered_qty), delivered.get(row.name, 0), row.name)
			self.assertLessEqual(flt(row.delivered_qty), flt(row.qty))
		self.assertTrue(any(len(parts) == 2 for parts in deliveries_of.values()))
		# each invoice owes its total less what the payments allocated to it
		invoices = frappe.get_all(
			"Sales Invoice",
			filters={"name": ("in", names("Sales Invoice"))},
			fields=["name", "grand_total", "rounded_total", "outstanding_amount", "due_date", "status"],
		)
		allocated: dict[str, float] = {}
		for row in frappe.get_all(
			"Payment Entry Reference",
			filters={"parent": ("in", names("Payment Entry"))},
			fields=["reference_name", "allocated_amount"],
		):
			allocated[row.reference_name] = flt(
				allocated.get(row.reference_name, 0) + row.allocated_amount, 2
			)
		for row in invoices:
			self.assertEqual(
				flt(row.outstanding_amount),
				flt(flt(row.rounded_total) - allocated.get(row.name, 0), 2),
				row.name,
			)
		self.assertEqual(set(allocated) - {row.name for row in invoices}, set())
		overdue = {
			row.name
			for row in invoices
			if flt(row.outstanding_amount) > 0 and getdate(row.due_date) < getdate(nowdate())
		}
		self.assertTrue(overdue)
		self.assertTrue({row.status for row in invoices} >= {"Paid", "Overdue"})
		# the dunnings remind of overdue invoices only, each row with its interest
		dunning_rows = frappe.get_all(
			"Overdue Payment",
			filters={"parent": ("in", names("Dunning"))},
			fields=["sales_invoice", "overdue_days", "outstanding"],
		)
		self.assertTrue(dunning_rows)
		for row in dunning_rows:
			self.assertIn(row.sales_invoice, overdue)
			self.assertGreater(row.overdue_days, 0)
			self.assertGreater(flt(row.outstanding), 0)
		# the amounts in words are written in the demo's language
		invoice = frappe.get_doc("Sales Invoice", invoices[0].name)
		self.assertRegex(invoice.in_words, "^[А-ЯЁ][а-яё ]+")

	def assert_year_spread(self):
		today = getdate(nowdate())
		days = frappe.get_all(
			"Quotation", filters={"name": ("in", names("Quotation"))}, pluck="transaction_date"
		)
		days += frappe.get_all(
			"Sales Invoice", filters={"name": ("in", names("Sales Invoice"))}, pluck="posting_date"
		)
		self.assertTrue(all(add_days(today, -365) <= getdate(day) <= today for day in days))
		self.assertGreaterEqual(len({(day.year, day.month) for day in days}), 10)

	def assert_plan_and_settlement(self):
		(plan,) = names("Sales Plan")
		plan = frappe.get_doc("Sales Plan", plan)
		sold = sum(
			flt(value)
			for value in frappe.get_all(
				"Sales Invoice", filters={"name": ("in", names("Sales Invoice"))}, pluck="base_net_total"
			)
		)
		self.assertEqual((plan.docstatus, plan.status), (1, "Active"))
		self.assertEqual(plan.total_target_amount, flt(round(sold * 1.15, -3)))
		self.assertEqual(
			sorted(row.member for row in plan.targets),
			sorted(name for name, _rate in CATALOGUES["ru"].sales_persons),
		)
		self.assertEqual(
			frappe.db.count(
				"Target Detail",
				{"parenttype": "Sales Person", "parent": ("in", [row.member for row in plan.targets])},
			),
			len(plan.targets),
		)
		if frappe.db.exists("DocType", "Commission Settlement"):
			(settlement,) = names("Commission Settlement")
			settlement = frappe.get_doc("Commission Settlement", settlement)
			self.assertEqual(settlement.party, CATALOGUES["ru"].sales_partner[0])
			self.assertGreater(settlement.total_commission, 0)
			self.assertEqual(
				settlement.total_commission,
				flt(sum(flt(row.commission_amount) for row in settlement.details), 2),
			)

	def test_english_company(self):
		counts = make_demo("en", size=SIZE, seed=5)
		catalogue = CATALOGUES["en"]
		self.assertEqual(sorted(names("Customer")), sorted(catalogue.customers[:SIZE]))
		self.assertEqual(frappe.db.get_value("Item", "DM-CHAIR-01", "item_name"), "Office chair Comfort")
		self.assertEqual(
			frappe.db.get_value("Price List", catalogue.price_list, "currency"),
			frappe.get_cached_doc("Selling Settings").default_currency,
		)
		invoice = frappe.get_doc("Sales Invoice", names("Sales Invoice")[0])
		self.assertRegex(invoice.in_words, "^[A-Z][a-z]+ .* and [0-9]{2} cents?$")
		self.assertEqual(remove_demo(), sum(counts.values()))
		self.assertFalse(frappe.db.exists("Customer", catalogue.customers[0]))
