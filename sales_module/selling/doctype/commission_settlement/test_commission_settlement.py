# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Commission Settlement: the rows it takes, what they earn (stored figures, tiers), the markers it
keeps on the invoice rows, and every refusal."""

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from sales_module.exceptions import (
	CommissionAlreadySettledError,
	DuplicateError,
	InactiveRecordError,
	InvalidDatesError,
	InvalidReferenceError,
	InvalidValueError,
	NothingToSettleError,
)
from sales_module.tests.commission_fixtures import (
	NO_COMMISSION_ITEM,
	ODD_PARTNER,
	OTHER_PARTNER,
	OTHER_PERSON,
	PARTNER,
	PERSON,
	make_commission_masters,
	make_credit_note,
	make_invoice,
	make_partner,
	make_person,
	new_settlement,
	pay,
)
from sales_module.tests.utils import make_user, refused

MARCH = ("2025-03-01", "2025-03-31")
SALES_MANAGER = "commission.manager@sales-module.test"
ACCOUNTS_USER = "commission.accounts@sales-module.test"
SALES_USER = "commission.sales@sales-module.test"


def rows_of(settlement) -> list[tuple]:
	return [
		(row.sales_invoice, row.item_code, row.is_return, row.eligible_amount, row.commission_rate,
		 row.commission_amount)
		for row in settlement.details
	]  # fmt: skip


def markers(doctype: str, parent: str) -> list[tuple]:
	field = "item_code" if doctype == "Sales Invoice Item" else "sales_person"
	return [
		tuple(row)
		for row in frappe.get_all(
			doctype,
			filters={"parent": parent, "parenttype": "Sales Invoice"},
			fields=[field, "commission_settlement"],
			order_by="idx",
			as_list=True,
		)
	]


class TestCommissionSettlement(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_commission_masters()
		make_user(SALES_MANAGER, ["Sales Manager"])
		make_user(ACCOUNTS_USER, ["Accounts User"])
		make_user(SALES_USER, ["Sales User"])
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def march_invoices(self):
		"""Two invoices of the partner in March (250 and 150 eligible at 10 %), one of another partner,
		one in April, one cancelled."""
		self.first = make_invoice(
			[{"item_code": "_Test Widget", "qty": 2}, {"item_code": "_Test Service", "qty": 1}],
			"2025-03-05",
			partner=PARTNER,
		)
		self.second = make_invoice(
			[{"item_code": "_Test Service", "qty": 3}, {"item_code": NO_COMMISSION_ITEM, "qty": 1}],
			"2025-03-10",
			partner=PARTNER,
		)
		make_invoice([{"item_code": "_Test Service", "qty": 1}], "2025-03-12", partner=OTHER_PARTNER)
		self.april = make_invoice([{"item_code": "_Test Service", "qty": 1}], "2025-04-02", partner=PARTNER)
		make_invoice([{"item_code": "_Test Service", "qty": 2}], "2025-03-15", partner=PARTNER).cancel()

	def test_partner_settlement_lifecycle(self):
		self.march_invoices()
		self.assertEqual((self.first.total_commission, self.second.total_commission), (25, 15))
		settlement = new_settlement(PARTNER, *MARCH)
		settlement.get_eligible_documents()
		self.assertEqual(
			rows_of(settlement),
			[
				(self.first.name, "_Test Widget", 0, 200, 10, 20),
				(self.first.name, "_Test Service", 0, 50, 10, 5),
				(self.second.name, "_Test Service", 0, 150, 10, 15),
			],
		)
		self.assertEqual(
			(settlement.total_eligible_amount, settlement.settled_before, settlement.total_commission),
			(400, 0, 40),
		)
		self.assertEqual({row.reference_doctype for row in settlement.details}, {"Sales Invoice Item"})
		settlement.insert()
		settlement.submit()
		self.assertEqual(settlement.status, "Submitted")
		self.assertEqual(
			markers("Sales Invoice Item", self.first.name),
			[("_Test Widget", settlement.name), ("_Test Service", settlement.name)],
		)
		self.assertEqual(
			markers("Sales Invoice Item", self.second.name),
			[("_Test Service", settlement.name), (NO_COMMISSION_ITEM, None)],
		)

		# the rows are settled: nothing is left, and naming them again is refused
		with refused(self, NothingToSettleError, "no unsettled commission"):
			new_settlement(PARTNER, *MARCH).insert()
		again = new_settlement(PARTNER, *MARCH)
		again.append(
			"details",
			{"sales_invoice": self.first.name, "reference_row": settlement.details[0].reference_row},
		)
		with refused(self, CommissionAlreadySettledError, f"{self.first.name} is already settled by"):
			again.insert()

		# a settled invoice cannot be cancelled while its settlement stands
		with refused(self, frappe.LinkExistsError):
			frappe.get_doc("Sales Invoice", self.first.name).cancel()
		self.assertEqual(frappe.db.get_value("Sales Invoice", self.first.name, "docstatus"), 1)

		# a credit note posted later is a negative row of the next period's settlement
		note = make_credit_note(self.first.name, "2025-04-03", {"_Test Widget": 1})
		april = new_settlement(PARTNER, "2025-04-01", "2025-04-30")
		april.insert()
		self.assertEqual(
			rows_of(april),
			[(self.april.name, "_Test Service", 0, 50, 10, 5), (note.name, "_Test Widget", 1, -100, 10, -10)],
		)
		self.assertEqual((april.total_eligible_amount, april.total_commission), (-50, -5))

		# cancelling releases the rows, which a new settlement takes again
		settlement.cancel()
		self.assertEqual(frappe.db.get_value("Commission Settlement", settlement.name, "status"), "Cancelled")
		self.assertEqual(
			markers("Sales Invoice Item", self.first.name), [("_Test Widget", None), ("_Test Service", None)]
		)
		retaken = new_settlement(PARTNER, *MARCH).insert()
		self.assertEqual(retaken.total_commission, 40)
		retaken.submit()
		self.assertEqual(
			markers("Sales Invoice Item", self.second.name),
			[("_Test Service", retaken.name), (NO_COMMISSION_ITEM, None)],
		)

	def test_lines_share_their_invoice_commission_exactly(self):
		odd = ODD_PARTNER
		invoice = make_invoice(
			[
				{"item_code": "_Test Service", "qty": 1},
				{"item_code": "_Test Part A", "qty": 5},
				{"item_code": "_Test Part B", "qty": 10},
			],
			"2025-03-20",
			partner=odd,
		)
		# 3.33 % of 150 is 4.995: the invoice stores 5.00, and the three lines of 50 share it exactly
		self.assertEqual(invoice.total_commission, 5)
		settlement = new_settlement(odd, *MARCH).insert()
		self.assertEqual([row.commission_amount for row in settlement.details], [1.67, 1.67, 1.66])
		self.assertEqual(settlement.total_commission, 5)

	def test_sales_person_settles_their_share(self):
		invoice = make_invoice(
			[{"item_code": "_Test Widget", "qty": 2}, {"item_code": "_Test Service", "qty": 1}],
			"2025-03-05",
			team=[(PERSON, 60), (OTHER_PERSON, 40)],
		)
		self.assertEqual(
			[(row.allocated_amount, row.commission_rate, row.incentives) for row in invoice.sales_team],
			[(150, 5, 7.5), (100, 2, 2)],
		)
		settlement = new_settlement(PERSON, *MARCH, party_type="Sales Person").insert()
		self.assertEqual(rows_of(settlement), [(invoice.name, None, 0, 150, 5, 7.5)])
		self.assertEqual(settlement.details[0].reference_doctype, "Sales Team")
		settlement.submit()
		self.assertEqual(
			markers("Sales Team", invoice.name), [(PERSON, settlement.name), (OTHER_PERSON, None)]
		)

		note = make_credit_note(invoice.name, "2025-04-10", {"_Test Service": 1})
		april = new_settlement(PERSON, "2025-04-01", "2025-04-30", party_type="Sales Person").insert()
		self.assertEqual(rows_of(april), [(note.name, None, 1, -30, 5, -1.5)])

	def test_tiers_continue_over_the_settlements_of_a_period(self):
		tiered = make_partner(
			"_Test Commission Tier Partner",
			5,
			commission_tiers=[
				{"from_amount": 0, "commission_rate": 5},
				{"from_amount": 100000, "commission_rate": 7},
			],
		).name
		may = ("2025-05-01", "2025-05-31")
		first = make_invoice([{"item_code": "_Test Service", "qty": 1600}], "2025-05-02", partner=tiered)
		one = new_settlement(tiered, *may).insert()
		one.submit()
		self.assertEqual(
			(one.total_eligible_amount, one.settled_before, one.total_commission), (80000, 0, 4000)
		)
		self.assertEqual(rows_of(one), [(first.name, "_Test Service", 0, 80000, 5, 4000)])

		# 40,000 more in the same period: 20,000 up to the tier at 5 %, 20,000 above it at 7 %
		second = make_invoice([{"item_code": "_Test Service", "qty": 800}], "2025-05-20", partner=tiered)
		two = new_settlement(tiered, *may).insert()
		two.submit()
		self.assertEqual(
			(two.total_eligible_amount, two.settled_before, two.total_commission), (40000, 80000, 2400)
		)
		self.assertEqual(rows_of(two), [(second.name, "_Test Service", 0, 40000, 6, 2400)])

		# a credit note of 10,000 takes back what it had earned above the tier
		note = make_credit_note(second.name, "2025-05-25", {"_Test Service": 200})
		three = new_settlement(tiered, *may).insert()
		self.assertEqual(
			(three.total_eligible_amount, three.settled_before, three.total_commission),
			(-10000, 120000, -700),
		)
		self.assertEqual(rows_of(three), [(note.name, "_Test Service", 1, -10000, 7, -700)])
		# settled in parts, the period earns what settling 110,000 at once earns: 5,000 + 700
		self.assertEqual(one.total_commission + two.total_commission + three.total_commission, 5700)

	def test_only_paid_invoices(self):
		june = ("2025-06-01", "2025-06-30")
		paid = make_invoice([{"item_code": "_Test Service", "qty": 2}], "2025-06-02", partner=PARTNER)
		pay(paid)
		unpaid = make_invoice([{"item_code": "_Test Service", "qty": 4}], "2025-06-03", partner=PARTNER)
		note = make_credit_note(unpaid.name, "2025-06-04", {"_Test Service": 1})
		only_paid = new_settlement(PARTNER, *june, only_paid_invoices=1).insert()
		self.assertEqual(
			rows_of(only_paid),
			[(paid.name, "_Test Service", 0, 100, 10, 10), (note.name, "_Test Service", 1, -50, 10, -5)],
		)
		every = new_settlement(PARTNER, *june, only_paid_invoices=0).insert()
		self.assertEqual([row.sales_invoice for row in every.details], [paid.name, unpaid.name, note.name])
		with change_settings("Selling Settings", {"settle_commission_only_on_paid_invoices": 1}):
			by_default = new_settlement(PARTNER, *june).insert()
		self.assertEqual(by_default.only_paid_invoices, 1)
		self.assertEqual(len(by_default.details), 2)

	def test_bad_input_is_refused_and_nothing_is_written(self):
		self.march_invoices()
		count = frappe.db.count("Commission Settlement")
		with refused(self, InvalidDatesError, "cannot be before"):
			new_settlement(PARTNER, "2025-03-31", "2025-03-01").insert()
		with refused(self, NothingToSettleError, "no unsettled commission"):
			new_settlement(PARTNER, "2019-01-01", "2019-01-31").insert()
		with refused(self, InvalidValueError, "must be Sales Partner or Sales Person"):
			new_settlement("_Test Commission Customer", *MARCH, party_type="Customer").insert()
		make_partner(PARTNER, 10, disabled=1)
		with refused(self, InactiveRecordError, "is disabled"):
			new_settlement(PARTNER, *MARCH).insert()
		make_partner(PARTNER, 10)
		make_person(PERSON, 5, enabled=0)
		with refused(self, InactiveRecordError, "is disabled"):
			new_settlement(PERSON, *MARCH, party_type="Sales Person").insert()
		make_person(PERSON, 5)
		other = frappe.get_all(
			"Sales Invoice Item",
			filters={"parent": self.april.name},
			pluck="name",
		)
		foreign = new_settlement(PARTNER, *MARCH)
		foreign.append(
			"details",
			{
				"sales_invoice": self.april.name,
				"reference_doctype": "Sales Invoice Item",
				"reference_row": other[0],
			},
		)
		with refused(self, InvalidReferenceError, "pays Sales Partner"):
			foreign.insert()
		twice = new_settlement(PARTNER, *MARCH)
		twice.append("details", {"sales_invoice": self.second.name})
		twice.append("details", {"sales_invoice": self.second.name})
		with refused(self, DuplicateError, "listed twice"):
			twice.insert()
		self.assertEqual(frappe.db.count("Commission Settlement"), count)

	def test_a_row_naming_only_its_invoice_takes_that_invoices_rows(self):
		self.march_invoices()
		settlement = new_settlement(PARTNER, *MARCH)
		settlement.append("details", {"sales_invoice": self.second.name})
		settlement.insert()
		self.assertEqual(rows_of(settlement), [(self.second.name, "_Test Service", 0, 150, 10, 15)])

	def test_sales_managers_and_accounts_users_settle_sales_users_read(self):
		self.march_invoices()
		for user in (SALES_MANAGER, ACCOUNTS_USER):
			frappe.set_user(user)
			settlement = new_settlement(PARTNER, *MARCH).insert()
			settlement.submit()
			self.assertEqual(settlement.total_commission, 40)
			settlement.cancel()
			frappe.set_user("Administrator")
		settled = new_settlement(PARTNER, *MARCH).insert()
		frappe.set_user(SALES_USER)
		self.assertTrue(frappe.has_permission("Commission Settlement", "read", settled.name))
		self.assertFalse(frappe.has_permission("Commission Settlement", "create"))
		self.assertFalse(frappe.has_permission("Commission Settlement", "submit", settled.name))
		with self.assertRaises(frappe.PermissionError):
			new_settlement(PARTNER, *MARCH).insert()
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Commission Settlement", settled.name).get_eligible_documents()
