"""Sales partners, sales persons and invoices for the commission reports and settlements (committed
masters, documents made inside each test)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_item,
	make_item_price,
	make_selling_masters,
	make_tree_node,
	receive_stock,
	selling_doc,
)

CUSTOMER = "_Test Commission Customer"
OTHER_CUSTOMER = "_Test Commission Other Customer"
PARTNER = "_Test Commission Partner"
OTHER_PARTNER = "_Test Commission Other Partner"
PERSON = "_Test Commission Person"
OTHER_PERSON = "_Test Commission Other Person"
TERRITORY = "_Test Commission Territory"
ODD_PARTNER = "_Test Commission Odd Partner"
TEAM_GROUP = "_Test Commission Team"
TEAM_MEMBER = "_Test Commission Team Member"
ITEM_GROUP = "_Test Commission Item Group"
BRAND = "_Test Commission Brand"
NO_COMMISSION_ITEM = "_Test No Commission Item"


def make_commission_masters():
	"""Committed: two customers (one in its own territory), two partners at 10 % and 4 %, two sales
	persons at 5 % and 2 %, the selling masters (Widget at 100, Service at 50, Parts A and B at 10 and
	5), no pricing rules."""
	make_selling_masters()
	clear_pricing_rules()
	make_tree_node("Territory", TERRITORY)
	make_customer_once(CUSTOMER)
	make_customer_once(OTHER_CUSTOMER, territory=TERRITORY)
	make_partner(PARTNER, 10)
	make_partner(OTHER_PARTNER, 4)
	make_partner(ODD_PARTNER, 3.33)
	make_person(PERSON, 5)
	make_person(OTHER_PERSON, 2)
	make_tree_node("Sales Person", TEAM_GROUP, is_group=1)
	make_person(TEAM_MEMBER, 2, parent_sales_person=TEAM_GROUP)
	make_tree_node("Item Group", ITEM_GROUP)
	if not frappe.db.exists("Brand", BRAND):
		frappe.get_doc({"doctype": "Brand", "brand": BRAND}).insert()
	item = make_item(
		NO_COMMISSION_ITEM, is_stock_item=0, grant_commission=0, item_group=ITEM_GROUP, brand=BRAND
	)
	if (item.item_group, item.brand, item.grant_commission) != (ITEM_GROUP, BRAND, 0):
		item.update({"item_group": ITEM_GROUP, "brand": BRAND, "grant_commission": 0})
		item.save()
	if not frappe.db.exists(
		"Item Price", {"item_code": NO_COMMISSION_ITEM, "price_list": "Standard Selling"}
	):
		make_item_price(NO_COMMISSION_ITEM, 30)
	frappe.db.commit()


def make_partner(name: str, rate: float, **fields):
	if frappe.db.exists("Sales Partner", name):
		doc = frappe.get_doc("Sales Partner", name)
	else:
		doc = frappe.new_doc("Sales Partner")
		doc.partner_name, doc.territory = name, "Rest Of The World"
	doc.update({"commission_rate": rate, "disabled": 0, "commission_tiers": [], **fields})
	return doc.save()


def make_person(name: str, rate: float, **fields):
	doc = make_tree_node("Sales Person", name, parent=fields.get("parent_sales_person"))
	doc.update({"commission_rate": rate, "enabled": 1, "commission_tiers": [], **fields})
	return doc.save()


def make_invoice(
	lines: list[dict],
	day: str,
	partner: str | None = None,
	team: list[tuple[str, float]] | None = None,
	customer: str = CUSTOMER,
	doctype: str = "Sales Invoice",
	**fields,
):
	"""A submitted document of `lines` dated `day`, for the partner (at its rate) and the team
	(sales person, percentage)."""
	date_field = "transaction_date" if doctype == "Sales Order" else "posting_date"
	doc = selling_doc(doctype, lines, customer=customer, **{date_field: day}, **fields)
	if doctype == "Sales Order":
		doc.delivery_date = day
	if partner:
		doc.sales_partner = partner
		doc.commission_rate = frappe.db.get_value("Sales Partner", partner, "commission_rate")
	for person, percentage in team or []:
		doc.append("sales_team", {"sales_person": person, "allocated_percentage": percentage})
	doc.insert()
	doc.submit()
	return doc


def make_credit_note(invoice: str, day: str, qty: dict[str, float] | None = None):
	"""A submitted credit note of the invoice dated `day`: every line, or `qty` (item code -> quantity
	returned, positive) of some."""
	from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

	note = make_sales_return(invoice)
	if qty is not None:
		note.set("items", [row for row in note.items if row.item_code in qty])
		for row in note.items:
			row.qty = -qty[row.item_code]
	note.posting_date = day
	note.insert()
	note.submit()
	return note


def pay(invoice):
	"""A receipt that pays the invoice's outstanding amount in full."""
	receipt = frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"party_type": "Customer",
			"party": invoice.customer,
			"paid_amount": invoice.outstanding_amount,
			"references": [
				{
					"reference_doctype": "Sales Invoice",
					"reference_name": invoice.name,
					"allocated_amount": invoice.outstanding_amount,
				}
			],
		}
	).insert()
	receipt.submit()
	return receipt


def new_settlement(party: str, from_date: str, to_date: str, party_type: str = "Sales Partner", **fields):
	return frappe.get_doc(
		{
			"doctype": "Commission Settlement",
			"party_type": party_type,
			"party": party,
			"from_date": from_date,
			"to_date": to_date,
			"posting_date": to_date,
			**fields,
		}
	)


def make_report_documents() -> frappe._dict:
	"""February 2024, for the commission reports (documents in the caller's transaction):

	- orders: `so1` partner 10 % (Widget 2 + Service 1 = 250, commission 25; team 60 % Person at 5 %,
	  40 % Team Member at 2 %), `so2` other partner 4 % for the other customer in the test territory
	  (Service 3 = 150, commission 6), `so_odd` odd partner 3.33 % (Service 1, Part A 5, Part B 10:
	  150, commission 5.00 shared 1.67 / 1.67 / 1.66), `so_none` no partner, `so_cancelled` cancelled,
	  `so_march` in March, `so_closed` Person 100 % (Widget 4, 1 delivered, then closed);
	- invoices: `si1` partner (Widget 1 + the no-commission item 30: 130, eligible 100, commission 10;
	  Person 100 %), `si_return` its credit note of the Widget (-100, commission -10).
	"""
	from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note

	docs = frappe._dict()
	widget_and_service = [{"item_code": "_Test Widget", "qty": 2}, {"item_code": "_Test Service", "qty": 1}]
	order = {"doctype": "Sales Order"}
	docs.so1 = make_invoice(
		widget_and_service, "2024-02-05", partner=PARTNER, team=[(PERSON, 60), (TEAM_MEMBER, 40)], **order
	)
	docs.so2 = make_invoice(
		[{"item_code": "_Test Service", "qty": 3}],
		"2024-02-06",
		partner=OTHER_PARTNER,
		customer=OTHER_CUSTOMER,
		**order,
	)
	docs.so_odd = make_invoice(
		[
			{"item_code": "_Test Service", "qty": 1},
			{"item_code": "_Test Part A", "qty": 5},
			{"item_code": "_Test Part B", "qty": 10},
		],
		"2024-02-07",
		partner=ODD_PARTNER,
		**order,
	)
	docs.so_none = make_invoice([{"item_code": "_Test Service", "qty": 1}], "2024-02-08", **order)
	docs.so_cancelled = make_invoice(
		widget_and_service, "2024-02-09", partner=PARTNER, team=[(PERSON, 100)], **order
	)
	docs.so_cancelled.cancel()
	docs.so_march = make_invoice(
		widget_and_service, "2024-03-01", partner=PARTNER, team=[(PERSON, 100)], **order
	)
	receive_stock("_Test Widget", 1)
	docs.so_closed = make_invoice(
		[{"item_code": "_Test Widget", "qty": 4}], "2024-02-11", team=[(PERSON, 100)], **order
	)
	note = make_delivery_note(docs.so_closed.name)
	note.items[0].qty = 1
	note.posting_date = "2024-02-12"
	note.insert()
	note.submit()
	frappe.get_doc("Sales Order", docs.so_closed.name).update_status("Closed")
	docs.si1 = make_invoice(
		[{"item_code": "_Test Widget", "qty": 1}, {"item_code": NO_COMMISSION_ITEM, "qty": 1}],
		"2024-02-10",
		partner=PARTNER,
		team=[(PERSON, 100)],
	)
	docs.si_return = make_credit_note(docs.si1.name, "2024-02-15", {"_Test Widget": 1})
	return docs


# the period of make_report_documents, with a Company filter the reports accept and ignore
FEBRUARY = {"from_date": "2024-02-01", "to_date": "2024-02-29", "company": "ignored"}


class CommissionReportTestCase(FrappeTestCase):
	"""A report test over `make_report_documents` (in `docs`; their names in `names`)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_commission_masters()
		cls.docs = make_report_documents()
		cls.names = {doc.name for doc in cls.docs.values()}
