"""Sales partners, sales persons and invoices for the commission reports and settlements (committed
masters, documents made inside each test)."""

import frappe

from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer_once,
	make_selling_masters,
	make_tree_node,
	selling_doc,
)

CUSTOMER = "_Test Commission Customer"
OTHER_CUSTOMER = "_Test Commission Other Customer"
PARTNER = "_Test Commission Partner"
OTHER_PARTNER = "_Test Commission Other Partner"
PERSON = "_Test Commission Person"
OTHER_PERSON = "_Test Commission Other Person"
TERRITORY = "_Test Commission Territory"


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
	make_person(PERSON, 5)
	make_person(OTHER_PERSON, 2)
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
	doc = make_tree_node("Sales Person", name)
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
