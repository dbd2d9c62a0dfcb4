"""Targets on Sales Person, Territory and Sales Partner (sales_module/setup/targets.py): a fiscal year on
every row, no negative figures, ERPNext's rule that a sales person's or territory's row has a quantity
or an amount, the distribution's fiscal year, and the rows a Sales Plan wrote kept as it wrote them."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.exceptions import InvalidValueError, PlanningError
from sales_module.tests.targets import (
	CITY,
	DISTRIBUTION,
	FRONT_LOADED,
	LEAD,
	OTHER_YEAR,
	PARTNER,
	TOWN,
	YEAR,
	make_distribution,
	make_masters,
	set_targets,
)
from sales_module.tests.utils import refused

OTHER_YEAR_DISTRIBUTION = "_Test TV Other Year"
ANY_YEAR_DISTRIBUTION = "_Test TV Any Year"
PLAN = "_Test TV Plan"


def plan_row(parent: str, idx: int, **fields) -> str:
	"""A Target Detail row as a submitted Sales Plan writes it: straight into the database."""
	row = frappe.get_doc(
		{"doctype": "Target Detail", "parent": parent, "parenttype": "Territory", "parentfield": "targets",
		 "idx": idx, "fiscal_year": YEAR, "sales_plan": PLAN, **fields}
	)  # fmt: skip
	row.db_insert()
	return row.name


class TestMasterTargets(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_masters()
		make_distribution(OTHER_YEAR_DISTRIBUTION, OTHER_YEAR, FRONT_LOADED)
		make_distribution(ANY_YEAR_DISTRIBUTION, None, FRONT_LOADED)
		if not frappe.db.exists("Sales Plan", PLAN):
			frappe.get_doc({"doctype": "Sales Plan", "name": PLAN, "title": PLAN, "docstatus": 1}).db_insert()

	def test_a_row_needs_its_fiscal_year(self):
		with refused(self, frappe.MandatoryError, regex="Row 1 of Targets: Fiscal Year"):
			set_targets("Sales Person", LEAD, [{"fiscal_year": None, "target_amount": 10}])

	def test_negative_targets_are_refused(self):
		with refused(self, InvalidValueError, regex="Target Qty cannot be negative"):
			set_targets("Territory", CITY, [{"target_qty": -1, "target_amount": 10}])
		with refused(self, InvalidValueError, regex="Row 2 of Targets: Target Amount cannot be negative"):
			set_targets("Sales Partner", PARTNER, [{"target_amount": 5}, {"target_amount": -5}])

	def test_a_sales_person_or_territory_row_needs_a_quantity_or_an_amount(self):
		with refused(self, InvalidValueError, regex="either Target Qty or Target Amount"):
			set_targets("Sales Person", LEAD, [{"target_qty": 0, "target_amount": 0}])
		with refused(self, InvalidValueError, regex="either Target Qty or Target Amount"):
			set_targets("Territory", CITY, [{}])
		# ERPNext's Sales Partner takes such a row
		partner = set_targets("Sales Partner", PARTNER, [{}])
		partner.reload()
		self.assertEqual([(row.target_qty, row.target_amount) for row in partner.targets], [(0, 0)])

	def test_the_distribution_must_be_made_for_the_rows_year(self):
		with refused(
			self, PlanningError, regex=f"{OTHER_YEAR_DISTRIBUTION}.*Fiscal Year {OTHER_YEAR}, not {YEAR}"
		):
			set_targets(
				"Territory", CITY, [{"target_amount": 10, "distribution_id": OTHER_YEAR_DISTRIBUTION}]
			)
		territory = set_targets("Territory", CITY, [
			{"target_amount": 10, "distribution_id": DISTRIBUTION},
			{"target_amount": 20, "distribution_id": ANY_YEAR_DISTRIBUTION},
		])  # fmt: skip
		self.assertEqual(
			[row.distribution_id for row in territory.targets], [DISTRIBUTION, ANY_YEAR_DISTRIBUTION]
		)

	def test_rows_of_a_sales_plan_stay_as_the_plan_wrote_them(self):
		set_targets("Territory", TOWN, [{"target_amount": 100}])
		written = plan_row(TOWN, 2, target_amount=500)
		empty = plan_row(TOWN, 3)  # the plan's spread gave this member nothing

		# the master's own rows can change: the plan's rows (even one without figures) stay
		territory = frappe.get_doc("Territory", TOWN)
		territory.targets[0].target_amount = 150
		territory.save()

		territory = frappe.get_doc("Territory", TOWN)
		territory.targets[1].target_amount = 600
		with refused(self, PlanningError, regex=f"Row 2 of Targets was written by Sales Plan .*{PLAN}"):
			territory.save()
		territory = frappe.get_doc("Territory", TOWN)
		territory.targets[2].item_group = "Products"
		with refused(self, PlanningError, regex="Row 3 of Targets was written by Sales Plan"):
			territory.save()
		territory = frappe.get_doc("Territory", TOWN)
		territory.set("targets", [row for row in territory.targets if row.name != written])
		with refused(self, PlanningError, regex="cancel or amend the plan"):
			territory.save()
		# nor can a row be added that claims to come from a plan
		territory = frappe.get_doc("Territory", TOWN)
		territory.append("targets", {"fiscal_year": YEAR, "target_amount": 1, "sales_plan": PLAN})
		with refused(self, PlanningError, regex="Row 4 of Targets was written by Sales Plan"):
			territory.save()

		stored = frappe.get_all(
			"Target Detail", filters={"parent": TOWN, "parenttype": "Territory"},
			fields=["name", "target_amount", "sales_plan"], order_by="idx",
		)  # fmt: skip
		self.assertEqual(
			[(row.name, row.target_amount, row.sales_plan) for row in stored[1:]],
			[(written, 500, PLAN), (empty, 0, PLAN)],
		)
		self.assertEqual(stored[0].target_amount, 150)

	def test_a_new_master_cannot_claim_rows_of_a_plan(self):
		person = frappe.get_doc({"doctype": "Sales Person", "sales_person_name": "_Test TV Newcomer",
			"targets": [{"fiscal_year": YEAR, "target_amount": 10, "sales_plan": PLAN}]})  # fmt: skip
		with refused(self, PlanningError, regex=f"Row 1 of Targets was written by Sales Plan .*{PLAN}"):
			person.insert()
