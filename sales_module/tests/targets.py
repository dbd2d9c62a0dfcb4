"""Known targets and documents for the target variance reports' tests (fiscal year 2025, which no other
test writes documents in): the figures each report must show are worked out in the test files."""

import frappe

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_sales_return
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_item,
	make_item_price,
	make_selling_masters,
	make_tree_node,
	selling_doc,
	submit_mapped,
)

YEAR = "2025"
OTHER_YEAR = "2026"  # made on install: its targets must not show
REGION, CITY, TOWN = "_Test TV Region", "_Test TV City", "_Test TV Town"
TEAM, LEAD, JUNIOR = "_Test TV Team", "_Test TV Lead", "_Test TV Junior"
PARTNER = "_Test TV Partner"
GOODS, GADGETS = "_Test TV Goods", "_Test TV Gadgets"
GADGET = "_Test TV Gadget"  # in Gadgets (under Goods), priced 200
SERVICE = "_Test Service"  # in Products, priced 50
DISTRIBUTION = "_Test TV Front"
# January 40 %, February 20 %, March 10 %, April 10 %, May to December 2.5 % each
FRONT_LOADED = {
	"January": 40, "February": 20, "March": 10, "April": 10, "May": 2.5, "June": 2.5, "July": 2.5,
	"August": 2.5, "September": 2.5, "October": 2.5, "November": 2.5, "December": 2.5,
}  # fmt: skip


def make_fiscal_year(name: str, start: str, end: str):
	if not frappe.db.exists("Fiscal Year", name):
		frappe.get_doc(
			{"doctype": "Fiscal Year", "year": name, "year_start_date": start, "year_end_date": end}
		).insert()
	return name


def make_distribution(name: str, fiscal_year: str | None, percentages: dict):
	if frappe.db.exists("Monthly Distribution", name):
		frappe.delete_doc("Monthly Distribution", name, force=True)
	doc = frappe.new_doc("Monthly Distribution")
	doc.distribution_id = name
	doc.fiscal_year = fiscal_year
	for month, share in percentages.items():
		doc.append("percentages", {"month": month, "percentage_allocation": share})
	return doc.insert()


def set_targets(doctype: str, name: str, rows: list[dict]):
	doc = frappe.get_doc(doctype, name)
	doc.set("targets", [{"fiscal_year": YEAR, **row} for row in rows])
	doc.save()
	return doc


def invoice(customer: str, day: str, item: str, qty: float, submit: bool = True, **fields):
	doc = selling_doc(
		"Sales Invoice", [{"item_code": item, "qty": qty}], customer=customer, posting_date=day,
		set_posting_time=1, **fields,
	).insert()  # fmt: skip
	if submit:
		doc.submit()
	return doc


def make_masters():
	make_selling_masters()
	clear_pricing_rules()
	make_fiscal_year(YEAR, f"{YEAR}-01-01", f"{YEAR}-12-31")
	make_tree_node("Item Group", GOODS, "All Item Groups", is_group=1)
	make_tree_node("Item Group", GADGETS, GOODS)
	make_item(GADGET, item_group=GADGETS, is_stock_item=0)
	if not frappe.db.exists("Item Price", {"item_code": GADGET, "price_list": "Standard Selling"}):
		make_item_price(GADGET, 200)
	make_tree_node("Territory", REGION, "All Territories", is_group=1)
	make_tree_node("Territory", CITY, REGION)
	make_tree_node("Territory", TOWN, "All Territories")
	make_tree_node("Sales Person", TEAM, "Sales Team", is_group=1)
	make_tree_node("Sales Person", LEAD, TEAM)
	make_tree_node("Sales Person", JUNIOR, TEAM)
	if not frappe.db.exists("Sales Partner", PARTNER):
		frappe.get_doc(
			{"doctype": "Sales Partner", "partner_name": PARTNER, "territory": CITY, "commission_rate": 5}
		).insert()
	make_distribution(DISTRIBUTION, YEAR, FRONT_LOADED)
	return (
		make_customer_once("_Test TV City Customer", territory=CITY).name,
		make_customer_once("_Test TV Town Customer", territory=TOWN).name,
	)


def make_target_scenario() -> frappe._dict:
	"""The targets of 2025 (only these: other rows of the year are removed until the test class rolls
	back) and the documents they are measured against."""
	city_customer, town_customer = make_masters()
	frappe.db.delete("Target Detail", {"fiscal_year": YEAR})
	set_targets("Territory", REGION, [
		{"target_amount": 12000, "target_qty": 120},
		{"fiscal_year": OTHER_YEAR, "target_amount": 99, "target_qty": 9},
	])  # fmt: skip
	set_targets("Territory", CITY, [
		{"item_group": GOODS, "target_amount": 1000, "target_qty": 10, "distribution_id": DISTRIBUTION},
	])  # fmt: skip
	set_targets("Territory", TOWN, [{"target_amount": 600, "target_qty": 6}] * 2)  # two rows add up
	set_targets("Sales Person", TEAM, [{"target_amount": 2400, "target_qty": 24}])
	set_targets("Sales Person", LEAD, [{"target_amount": 1200, "target_qty": 12}])
	set_targets("Sales Person", JUNIOR, [{"target_amount": 1200, "target_qty": 12}])
	set_targets("Sales Partner", PARTNER, [{"target_amount": 600, "target_qty": 6}])

	# January: 2 gadgets (400) in the city through the partner; 2 services (100) in the town by the team
	sold = invoice(city_customer, f"{YEAR}-01-15", GADGET, 2, sales_partner=PARTNER)
	invoice(town_customer, f"{YEAR}-01-25", SERVICE, 2, sales_team=[
		{"sales_person": LEAD, "allocated_percentage": 60},
		{"sales_person": JUNIOR, "allocated_percentage": 40},
	])  # fmt: skip
	invoice(city_customer, f"{YEAR}-01-20", GADGET, 5).cancel()  # cancelled: never counts
	invoice(city_customer, f"{YEAR}-01-05", GADGET, 9, submit=False)  # a draft: never counts
	# February: 4 services (200) in the city
	invoice(city_customer, f"{YEAR}-02-10", SERVICE, 4)
	# March: one gadget of January's comes back (-200)
	credit = make_sales_return(sold.name)
	credit.items[0].qty = -1
	submit_mapped(credit, posting_date=f"{YEAR}-03-05", set_posting_time=1)
	# a city order in January (one gadget, 200) and a city delivery in April (3 services, 150)
	selling_doc(
		"Sales Order", [{"item_code": GADGET, "qty": 1}], customer=city_customer,
		transaction_date=f"{YEAR}-01-12", delivery_date=f"{YEAR}-01-30",
	).insert().submit()  # fmt: skip
	note = selling_doc(
		"Delivery Note", [{"item_code": SERVICE, "qty": 3}], customer=city_customer,
		posting_date=f"{YEAR}-04-03", set_posting_time=1,
	).insert()  # fmt: skip
	note.submit()
	return frappe._dict(city_customer=city_customer, town_customer=town_customer, sold=sold.name)


def run_report(execute, **filters):
	"""(columns, rows, chart) of a variance report's `execute` over 2025's invoices by month and amount,
	changed by `filters`; a filter given as None is left out."""
	defaults = {"fiscal_year": YEAR, "doctype": "Sales Invoice", "period": "Monthly", "target_on": "Amount"}
	columns, data, _message, chart = execute(
		{key: value for key, value in {**defaults, **filters}.items() if value is not None}
	)
	return columns, data, chart


def by_key(data: list[dict], fieldname: str, *columns: str) -> dict:
	"""{(member, item group): (the columns' values)} of report rows."""
	return {(row[fieldname], row["item_group"]): tuple(row[column] for column in columns) for row in data}
