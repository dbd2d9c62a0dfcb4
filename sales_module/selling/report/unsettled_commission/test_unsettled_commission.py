# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidDatesError, InvalidValueError
from sales_module.selling.report.unsettled_commission.unsettled_commission import execute
from sales_module.tests.commission_fixtures import (
	CUSTOMER,
	OTHER_CUSTOMER,
	PARTNER,
	PERSON,
	make_commission_masters,
	make_invoice,
	make_partner,
	new_settlement,
	pay,
)
from sales_module.tests.utils import make_user, refused

APRIL = {"from_date": "2024-04-01", "to_date": "2024-04-30"}
TIER_PARTNER = "_Test Unsettled Tier Partner"


def settle(party: str, invoices: list[str], party_type: str = "Sales Partner"):
	settlement = new_settlement(party, APRIL["from_date"], APRIL["to_date"], party_type=party_type)
	for invoice in invoices:
		settlement.append("details", {"sales_invoice": invoice})
	settlement.insert()
	settlement.submit()
	return settlement


class TestUnsettledCommission(FrappeTestCase):
	"""April 2024: the partner's invoices of 250 (settled) and 150 (unsettled, for the other customer);
	a tiered partner (5 % up to 100,000, 7 % above) with 80,000 settled and 40,000 not; the sales
	person's 100 % share of the 250 invoice, unsettled."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_commission_masters()
		make_partner(
			TIER_PARTNER,
			5,
			commission_tiers=[
				{"from_amount": 0, "commission_rate": 5},
				{"from_amount": 100000, "commission_rate": 7},
			],
		)
		cls.settled = make_invoice(
			[{"item_code": "_Test Widget", "qty": 2}, {"item_code": "_Test Service", "qty": 1}],
			"2024-04-03",
			partner=PARTNER,
			team=[(PERSON, 100)],
		)
		cls.open = make_invoice(
			[{"item_code": "_Test Service", "qty": 3}], "2024-04-04", partner=PARTNER, customer=OTHER_CUSTOMER
		)
		settle(PARTNER, [cls.settled.name])
		first = make_invoice(
			[{"item_code": "_Test Service", "qty": 1600}], "2024-04-05", partner=TIER_PARTNER
		)
		settle(TIER_PARTNER, [first.name])
		cls.tier_open = make_invoice(
			[{"item_code": "_Test Service", "qty": 800}], "2024-04-06", partner=TIER_PARTNER
		)

	def run_report(self, **filters):
		_columns, data = execute({**APRIL, **filters})
		mine = {PARTNER, TIER_PARTNER, PERSON}
		return [
			(row["party_type"], row["party"], row["documents"], row["eligible_amount"], row["settled_before"],
			 row["commission"])
			for row in data
			if row["party"] in mine
		]  # fmt: skip

	def test_per_party(self):
		self.assertEqual(
			self.run_report(),
			[
				("Sales Partner", PARTNER, 1, 150, 250, 15),
				# 20,000 up to the tier at 5 % and 20,000 above it at 7 %
				("Sales Partner", TIER_PARTNER, 1, 40000, 80000, 2400),
				("Sales Person", PERSON, 1, 250, 0, 12.5),
			],
		)
		self.assertEqual(
			self.run_report(party_type="Sales Person", party=PERSON),
			[("Sales Person", PERSON, 1, 250, 0, 12.5)],
		)
		self.assertEqual(
			self.run_report(party_type="Sales Partner", party=TIER_PARTNER),
			[("Sales Partner", TIER_PARTNER, 1, 40000, 80000, 2400)],
		)

	def test_only_paid_invoices(self):
		self.assertEqual(self.run_report(only_paid_invoices=1), [])
		pay(self.open)
		self.assertEqual(self.run_report(only_paid_invoices=1), [("Sales Partner", PARTNER, 1, 150, 250, 15)])

	def test_refusals_and_permissions(self):
		with refused(self, InvalidValueError, "must be Sales Partner or Sales Person"):
			execute({**APRIL, "party_type": "Customer"})
		with refused(self, InvalidDatesError):
			execute({"from_date": "2024-04-30", "to_date": "2024-04-01"})
		from frappe.permissions import add_user_permission

		user = make_user("unsettled-restricted@example.com", ["Sales User"])
		add_user_permission("Customer", CUSTOMER, user.name)
		frappe.set_user(user.name)
		try:
			rows = self.run_report(party_type="Sales Partner", party=PARTNER)
		finally:
			frappe.set_user("Administrator")
		# the other customer's invoice is not the user's to see
		self.assertEqual(rows, [])
