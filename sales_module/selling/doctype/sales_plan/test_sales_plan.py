# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Plan against documents with known figures: plan vs actual per period with tree roll-up, the
sales-team split and a credit note; the Target Detail rows a plan writes and removes; one active plan
per member; the top-down spread; the forecast on a frozen date; bad input refused by name."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.test_api import FrappeAPITestCase
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_sales_return
from sales_module.engine import MONTH_NAMES
from sales_module.exceptions import (
	DuplicateError,
	InactiveRecordError,
	InvalidDatesError,
	InvalidValueError,
	OverlappingPlanError,
	PlanningError,
)
from sales_module.selling.dashboard import plan_achievement_this_month, plan_achievement_this_year
from sales_module.selling.doctype.sales_plan.sales_plan import get_progress
from sales_module.selling.sales_plans import progress
from sales_module.tests.test_rest_api import api_token_header
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	make_tree_node,
	refused,
	selling_doc,
	submit_mapped,
)

YEAR = "2025"  # a fiscal year of its own for these tests


def fiscal_year(name: str = YEAR):
	if not frappe.db.exists("Fiscal Year", name):
		frappe.get_doc(
			{
				"doctype": "Fiscal Year",
				"year": name,
				"year_start_date": f"{name}-01-01",
				"year_end_date": f"{name}-12-31",
			}
		).insert()
	return name


def distribution(name: str, percentages: dict, year: str | None = None):
	if frappe.db.exists("Monthly Distribution", name):
		return name
	doc = frappe.new_doc("Monthly Distribution")
	doc.distribution_id, doc.fiscal_year = name, year
	for month in MONTH_NAMES:
		doc.append("percentages", {"month": month, "percentage_allocation": percentages.get(month, 0)})
	return doc.insert().name


def invoice(customer: str, posting_date: str, qty: float, team: list | None = None, **fields):
	doc = selling_doc(
		"Sales Invoice",
		[{"item_code": "_Test Service", "qty": qty}],
		customer=customer,
		posting_date=posting_date,
		set_posting_time=1,
		sales_team=team or [],
		**fields,
	).insert()
	doc.submit()
	return doc


def make_plan(dimension: str, rows: list[dict], submit: bool = False, **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Sales Plan",
			"title": f"_Test {dimension} plan",
			"dimension": dimension,
			"based_on": "Sales Invoice",
			"fiscal_year": YEAR,
			"targets": rows,
			**fields,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def figures(result: dict, field: str) -> dict:
	return {
		(row["member"], row["item_group"]): [float(item[field]) for item in row["periods"]]
		for row in result["rows"]
	}


# half of the year weighted to the second quarter: Jan-Mar 5 % each, Apr-Jun 15 % each, Jul-Oct 10 %
SECOND_QUARTER = {
	**dict.fromkeys(MONTH_NAMES[:3], 5),
	**dict.fromkeys(MONTH_NAMES[3:6], 15),
	**dict.fromkeys(MONTH_NAMES[6:10], 10),
}


class SalesPlanTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		fiscal_year()
		fiscal_year("2024")
		region = make_tree_node("Territory", "_Test SP Region", "All Territories", is_group=1).name
		cls.north = make_tree_node("Territory", "_Test SP North", region).name
		cls.south = make_tree_node("Territory", "_Test SP South", region).name
		cls.region = region
		cls.anna = make_tree_node("Sales Person", "_Test SP Anna", "Sales Team").name
		cls.boris = make_tree_node("Sales Person", "_Test SP Boris", "Sales Team").name
		cls.north_customer = make_customer_once("_Test SP North Customer", territory=cls.north).name
		cls.south_customer = make_customer_once("_Test SP South Customer", territory=cls.south).name
		split = [
			{"sales_person": cls.anna, "allocated_percentage": 60},
			{"sales_person": cls.boris, "allocated_percentage": 40},
		]
		first = invoice(cls.north_customer, f"{YEAR}-03-10", 2, split)  # 100
		invoice(
			cls.south_customer, f"{YEAR}-04-05", 4, [{"sales_person": cls.boris, "allocated_percentage": 100}]
		)
		credit = make_sales_return(first.name)
		credit.items[0].qty = -1
		submit_mapped(credit, posting_date=f"{YEAR}-04-20", set_posting_time=1)  # -50, team 60/40
		invoice(cls.south_customer, f"{YEAR}-05-05", 10).cancel()  # cancelled: never counts
		# last year, the base of a spread target
		invoice(
			cls.north_customer, "2024-03-01", 6, [{"sales_person": cls.anna, "allocated_percentage": 100}]
		)
		invoice(
			cls.south_customer, "2024-03-01", 2, [{"sales_person": cls.boris, "allocated_percentage": 100}]
		)
		cls.seasonal = distribution("_Test SP Second Quarter", SECOND_QUARTER, YEAR)


class TestSalesPlan(SalesPlanTestCase):
	def test_territory_plan_vs_actual_rolls_up_the_tree(self):
		plan = make_plan(
			"Territory",
			[
				{"member": self.region, "target_amount": 1000},
				{"member": self.north, "target_amount": 600, "distribution_id": self.seasonal},
			],
			from_date=f"{YEAR}-01-01",
			to_date=f"{YEAR}-06-30",
		)
		result = progress(plan, "Quarterly", today=f"{YEAR}-12-31")
		# the region sees its territories' sales: 100 in March, 200 - 50 in April
		self.assertEqual(
			figures(result, "achieved"), {(self.region, None): [100, 150], (self.north, None): [100, -50]}
		)
		# evenly by month without a distribution; the north's second quarter weighs 45 against 15
		self.assertEqual(
			figures(result, "target"), {(self.region, None): [500, 500], (self.north, None): [150, 450]}
		)
		self.assertEqual(figures(result, "variance")[(self.region, None)], [-400, -350])
		region = next(row for row in result["rows"] if row["member"] == self.region)
		self.assertEqual(float(region["total"]["achievement_percent"]), 25)
		# the period is over: the forecast is what was achieved
		self.assertEqual((float(region["forecast"]), float(region["pipeline"])), (250, 0))

	def test_sales_person_plan_counts_the_team_share(self):
		plan = make_plan(
			"Sales Person",
			[{"member": self.anna, "target_amount": 120}, {"member": self.boris, "target_amount": 300}],
		)
		result = progress(plan, "Yearly", today=f"{YEAR}-12-31")
		# Anna: 60 % of 100, less 60 % of the 50 credited; Boris: 40 % of 100 + 200 - 40 % of 50
		self.assertEqual(figures(result, "achieved"), {(self.anna, None): [30], (self.boris, None): [220]})
		self.assertEqual(figures(result, "variance"), {(self.anna, None): [-90], (self.boris, None): [-80]})

	def test_quantities(self):
		plan = make_plan("Territory", [{"member": self.south, "target_qty": 8}])
		result = progress(plan, "Half-Yearly", on_quantity=True, today=f"{YEAR}-12-31")
		self.assertEqual(figures(result, "target"), {(self.south, None): [4, 4]})
		self.assertEqual(figures(result, "achieved"), {(self.south, None): [4, 0]})

	def test_submit_writes_target_details_and_cancel_removes_them(self):
		plan = make_plan(
			"Territory",
			[
				{"member": self.north, "target_amount": 600, "distribution_id": self.seasonal},
				{"member": self.south, "target_amount": 300, "target_qty": 6},
			],
			submit=True,
			from_date=f"{YEAR}-01-01",
			to_date=f"{YEAR}-06-30",
		)
		self.assertEqual(plan.status, "Completed")  # a plan of a past period
		details = frappe.get_all(
			"Target Detail",
			filters={"sales_plan": plan.name},
			fields=["parent", "parenttype", "fiscal_year", "target_amount", "target_qty", "distribution_id"],
			order_by="parent",
		)
		self.assertEqual(
			[
				(row.parent, row.parenttype, row.fiscal_year, row.target_amount, row.target_qty)
				for row in details
			],
			[(self.north, "Territory", YEAR, 600, 0), (self.south, "Territory", YEAR, 300, 6)],
		)
		# the plan covers half of its year: each row's distribution puts the target in its months only
		seasonal = frappe.get_doc("Monthly Distribution", details[0].distribution_id)
		shares = {row.month: row.percentage_allocation for row in seasonal.percentages}
		self.assertEqual(
			(shares["January"], shares["February"], shares["April"], shares["July"]), (8.334, 8.333, 25, 0)
		)
		even = frappe.get_doc("Monthly Distribution", details[1].distribution_id)
		self.assertAlmostEqual(sum(row.percentage_allocation for row in even.percentages), 100, places=6)
		self.assertEqual(
			{row.month for row in even.percentages if row.percentage_allocation}, set(MONTH_NAMES[:6])
		)
		self.assertEqual(seasonal.sales_plan, plan.name)
		# ERPNext's variance report reads those rows: the plan's targets in the plan's quarters
		report = run(
			"Territory Target Variance Based On Item Group",
			filters={
				"fiscal_year": YEAR,
				"doctype": "Sales Invoice",
				"period": "Quarterly",
				"target_on": "Amount",
			},
		)
		north = next(row for row in report["result"] if row.get("territory") == self.north)
		self.assertEqual(
			[north[f"target_{key}_{YEAR}"] for key in ("mar", "jun", "sep", "dec")], [150, 450, 0, 0]
		)
		self.assertEqual((north[f"mar_{YEAR}"], north[f"jun_{YEAR}"]), (100, -50))

		plan.cancel()
		self.assertFalse(frappe.db.exists("Target Detail", {"sales_plan": plan.name}))
		self.assertFalse(frappe.db.exists("Monthly Distribution", {"sales_plan": plan.name}))
		self.assertEqual(plan.status, "Cancelled")

	def test_whole_year_plan_keeps_the_row_distribution(self):
		plan = make_plan(
			"Territory",
			[{"member": self.north, "target_amount": 100, "distribution_id": self.seasonal}],
			submit=True,
		)
		self.assertEqual(
			frappe.db.get_value("Target Detail", {"sales_plan": plan.name}, "distribution_id"), self.seasonal
		)
		plan.cancel()

	def test_one_active_plan_per_member_item_group_and_period(self):
		first = make_plan("Territory", [{"member": self.north, "target_amount": 100}], submit=True)
		overlapping = make_plan(
			"Territory",
			[{"member": self.north, "target_amount": 50}],
			from_date=f"{YEAR}-06-01",
			to_date=f"{YEAR}-07-31",
		)
		with refused(self, OverlappingPlanError, first.name):
			overlapping.submit()
		# another item group of the same member, or another member, is a plan of its own
		other_group = make_plan(
			"Territory", [{"member": self.north, "item_group": "Products", "target_amount": 50}], submit=True
		)
		self.assertEqual(other_group.docstatus, 1)
		# once the first is cancelled the period is free again
		first.cancel()
		overlapping.reload()
		overlapping.submit()
		self.assertEqual(overlapping.docstatus, 1)
		for doc in (other_group, overlapping):
			doc.cancel()

	def test_spread_company_target_by_last_period_sales(self):
		plan = make_plan(
			"Sales Person",
			[{"member": self.anna, "target_amount": 1}, {"member": self.boris, "target_amount": 1}],
			company_target_amount=1000,
		)
		plan.spread_company_target()
		# last year Anna sold 300 and Boris 100
		self.assertEqual(
			[(row.member, row.target_amount, row.last_period_sales) for row in plan.targets],
			[(self.anna, 750, 300), (self.boris, 250, 100)],
		)
		plan.spread_by = "Evenly"
		plan.spread_company_target()
		self.assertEqual([row.target_amount for row in plan.targets], [500, 500])
		plan.save()
		self.assertEqual(plan.total_target_amount, 1000)

	def test_progress_for_the_form_and_the_report(self):
		plan = make_plan(
			"Territory",
			[{"member": self.region, "target_amount": 1000}],
			submit=True,
			to_date=f"{YEAR}-06-30",
		)
		answer = get_progress(plan.name, "Quarterly")
		self.assertEqual([period["key"] for period in answer["periods"]], [f"mar_{YEAR}", f"jun_{YEAR}"])
		self.assertEqual(
			[dataset["values"] for dataset in answer["chart"]["data"]["datasets"]],
			[[500, 500], [100, 150], [100, 150]],
		)
		result = run("Sales Plan vs Actual", filters={"sales_plan": plan.name, "period": "Quarterly"})
		(row,) = result["result"]
		self.assertEqual(
			(
				row[f"target_mar_{YEAR}"],
				row[f"mar_{YEAR}"],
				row[f"variance_jun_{YEAR}"],
				row["total_achieved"],
			),
			(500, 100, -350, 250),
		)
		self.assertIn("run rate", result["message"])
		# the workspace cards: April's share of the target (1000 evenly over six months) and the year's
		with self.freeze_time(f"{YEAR}-04-15"):
			month = plan_achievement_this_month()
			year = plan_achievement_this_year()
		self.assertEqual((month["value"], month["fieldtype"]), (flt(150 / 166.67 * 100, 2), "Percent"))
		self.assertEqual(year["value"], 25)
		plan.cancel()


class TestSalesPlanForecast(SalesPlanTestCase):
	def test_forecast_on_a_frozen_day(self):
		east = make_tree_node("Territory", "_Test SP East", "All Territories").name
		customer = make_customer_once("_Test SP East Customer", territory=east).name
		invoice(customer, f"{YEAR}-05-10", 2)  # 100 billed
		order = selling_doc(
			"Sales Order",
			[{"item_code": "_Test Service", "qty": 4, "delivery_date": f"{YEAR}-06-20"}],
			customer=customer,
			transaction_date=f"{YEAR}-05-15",
			delivery_date=f"{YEAR}-06-20",
		).insert()
		order.submit()  # 200 still to bill, due in June
		plan = make_plan(
			"Territory",
			[{"member": east, "target_amount": 500}],
			from_date=f"{YEAR}-05-01",
			to_date=f"{YEAR}-06-30",
		)
		with self.freeze_time(f"{YEAR}-05-31"):
			result = progress(plan, "Monthly")
		(row,) = result["rows"]
		# 100 in 31 days, 30 days left: 96.77 more at that rate; plus the 200 ordered
		self.assertEqual(
			(float(row["pipeline"]), float(row["run_rate_projection"]), float(row["forecast"])),
			(200, 96.77, 396.77),
		)
		self.assertEqual([float(value) for value in row["forecast_series"]], [100, 296.77])


class TestSalesPlanRefusals(SalesPlanTestCase):
	def test_bad_plans_are_refused_by_name(self):
		cases = [
			(PlanningError, {"targets": []}),
			(InvalidDatesError, {"from_date": f"{YEAR}-06-01", "to_date": f"{YEAR}-05-01"}),
			(PlanningError, {"from_date": f"{YEAR}-06-01", "to_date": "2026-01-31"}),
			(InvalidValueError, {"targets": [{"member": self.north, "target_amount": -5}]}),
			(InvalidValueError, {"targets": [{"member": self.north}]}),
			(
				DuplicateError,
				{
					"targets": [
						{"member": self.north, "target_amount": 1},
						{"member": self.north, "target_amount": 2},
					]
				},
			),
		]
		for exception, fields in cases:
			with self.subTest(fields=fields), refused(self, exception):
				make_plan(
					"Territory", fields.pop("targets", [{"member": self.north, "target_amount": 1}]), **fields
				)

	def test_distribution_of_another_year_refused(self):
		other = distribution("_Test SP 2024 Even", dict.fromkeys(MONTH_NAMES, 8.333), "2024")
		with refused(self, PlanningError, "2024"):
			make_plan("Territory", [{"member": self.north, "target_amount": 1, "distribution_id": other}])

	def test_disabled_member_refused(self):
		gone = make_tree_node("Sales Person", "_Test SP Gone", "Sales Team")
		frappe.db.set_value("Sales Person", gone.name, "enabled", 0)
		with refused(self, InactiveRecordError, "_Test SP Gone"):
			make_plan("Sales Person", [{"member": gone.name, "target_amount": 1}])

	def test_plan_dates_from_its_fiscal_year_and_year_from_its_dates(self):
		plan = make_plan("Territory", [{"member": self.north, "target_amount": 1}])
		self.assertEqual((str(plan.from_date), str(plan.to_date)), (f"{YEAR}-01-01", f"{YEAR}-12-31"))
		plan = make_plan(
			"Territory",
			[{"member": self.north, "target_amount": 1}],
			fiscal_year=None,
			from_date=f"{YEAR}-03-01",
			to_date=f"{YEAR}-03-31",
		)
		self.assertEqual(plan.fiscal_year, YEAR)


class TestSalesPlanREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		fiscal_year()
		make_tree_node("Territory", "_Test SP REST", "All Territories")
		frappe.db.commit()
		cls.headers = {"Authorization": api_token_header("Administrator")}

	def tearDown(self):
		for name in frappe.get_all("Sales Plan", {"title": "_Test REST plan"}, pluck="name"):
			doc = frappe.get_doc("Sales Plan", name)
			if doc.docstatus == 1:
				doc.cancel()
			frappe.delete_doc("Sales Plan", name, force=True)
		frappe.db.commit()

	def test_create_submit_and_refusal(self):
		payload = {
			"title": "_Test REST plan",
			"dimension": "Territory",
			"fiscal_year": YEAR,
			"targets": [{"member": "_Test SP REST", "target_amount": 1200}],
		}
		created = self.post(self.resource("Sales Plan"), payload, headers=self.headers)
		self.assertEqual(created.status_code, 200, created.json)
		doc = created.json["data"]
		self.assertEqual(
			(doc["from_date"], doc["to_date"], doc["total_target_amount"]),
			(f"{YEAR}-01-01", f"{YEAR}-12-31", 1200),
		)
		submitted = self.post(
			self.method("frappe.client.submit"),
			{"doc": {**doc, "doctype": "Sales Plan"}},
			headers=self.headers,
		)
		self.assertEqual(submitted.status_code, 200, submitted.json)
		self.assertEqual(
			frappe.db.get_value("Target Detail", {"sales_plan": doc["name"]}, "target_amount"), 1200
		)
		count = frappe.db.count("Sales Plan")
		again = self.post(self.resource("Sales Plan"), {**payload, "docstatus": 1}, headers=self.headers)
		self.assertEqual(again.status_code, 417, again.json)
		self.assertEqual(again.json["exc_type"], "OverlappingPlanError")
		self.assertEqual(frappe.db.count("Sales Plan"), count)
