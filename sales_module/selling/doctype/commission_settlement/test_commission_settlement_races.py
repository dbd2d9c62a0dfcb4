# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Two settlements of the same party submitted at the same moment, through real parallel connections:
exactly one settles the rows, the other is refused by name, and no row is ever settled twice. At READ
COMMITTED (requests) and again at REPEATABLE READ (a console)."""

import frappe

from sales_module.tests.commission_fixtures import (
	PARTNER,
	PERSON,
	make_commission_masters,
	make_invoice,
	new_settlement,
)
from sales_module.tests.test_concurrency import RaceTestCase, run_in_parallel

PERIOD = ("2025-07-01", "2025-07-31")
REFUSALS = r"^(CommissionAlreadySettledError: .*already settled by|ConcurrentUpdateError: )"
# a settlement sent without rows takes what is unsettled when it is read: after the winner, nothing
NEW_REFUSALS = REFUSALS[:-1] + r"|NothingToSettleError: .*no unsettled commission)"


class TestSettlementRaces(RaceTestCase):
	def setUp(self):
		super().setUp()
		make_commission_masters()
		self.invoice = self.remember(
			make_invoice(
				[{"item_code": "_Test Widget", "qty": 1}, {"item_code": "_Test Service", "qty": 2}],
				"2025-07-04",
				partner=PARTNER,
				team=[(PERSON, 100)],
			)
		)
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		# the settlements, whichever won, go before the invoice they settle
		for name in frappe.get_all(
			"Commission Settlement", filters={"from_date": PERIOD[0], "to_date": PERIOD[1]}, pluck="name"
		):
			self.made.append(("Commission Settlement", name))
		super().tearDown()

	def assert_settled_once(self, errors: list[str | None], party_type: str, rows: int, refusals: str):
		self.assertEqual(sum(error is None for error in errors), 1, errors)
		self.assertRegex(next(error for error in errors if error), refusals)
		frappe.db.rollback()
		submitted = frappe.get_all(
			"Commission Settlement",
			filters={"from_date": PERIOD[0], "to_date": PERIOD[1], "docstatus": 1},
			fields=["name", "total_commission"],
		)
		self.assertEqual(len(submitted), 1, submitted)
		reference = "Sales Invoice Item" if party_type == "Sales Partner" else "Sales Team"
		marks = frappe.get_all(
			reference,
			filters={"parent": self.invoice.name, "parenttype": "Sales Invoice"},
			pluck="commission_settlement",
		)
		self.assertEqual(marks, [submitted[0].name] * rows)
		return submitted[0]

	def test_two_drafts_submitted_at_once(self):
		drafts = [new_settlement(PARTNER, *PERIOD).insert() for _ in range(2)]
		frappe.db.commit()
		errors = run_in_parallel(
			[lambda name=draft.name: frappe.get_doc("Commission Settlement", name) for draft in drafts],
			lambda doc: doc.submit(),
			self.read_committed,
		)
		winner = self.assert_settled_once(errors, "Sales Partner", 2, REFUSALS)
		self.assertEqual(winner.total_commission, 20)

	def test_two_new_settlements_inserted_as_submitted_at_once(self):
		errors = run_in_parallel(
			[
				lambda: new_settlement(PERSON, *PERIOD, party_type="Sales Person", docstatus=1)
				for _ in range(2)
			],
			lambda doc: doc.insert(),
			self.read_committed,
		)
		winner = self.assert_settled_once(errors, "Sales Person", 1, NEW_REFUSALS)
		self.assertEqual(winner.total_commission, 10)


class TestSettlementRacesAtRepeatableRead(TestSettlementRaces):
	read_committed = False
