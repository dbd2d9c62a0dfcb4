"""Two territories' worth of sales for the row-level and whitelisted-method tests over REST: North and
South each have a customer, a sales person, a sales partner and a campaign, and a submitted quotation,
order (with a line for a Widget of their own, priced in their own price list), delivery, invoice and part
payment; South also a lost quotation, a blanket order, an overdue invoice with its dunning and a customer
that stopped buying a year ago. Sales Users restricted by User Permissions to North's territory, to North's
customer, to North's sales person, and to the standard price list, each with an API key. Everything is
committed; `RowWorld.clean` removes the documents (the masters and users stay for the next run)."""

import frappe
from frappe.permissions import add_user_permission
from frappe.utils import add_days, add_to_date, nowdate

from sales_module.tests.rest import RestClient, RestTestCase, remove_documents
from sales_module.tests.utils import (
	make_item,
	make_item_price,
	make_selling_masters,
	make_tree_node,
	make_user,
	receive_stock,
)

WAREHOUSE = "Stores"
SIDES = ("North", "South")
STANDARD_PRICES = "Standard Selling"
DUNNING_TYPE = "_Test RL Reminder"


def names(side: str) -> frappe._dict:
	prefix = f"_Test RL {side}"
	return frappe._dict(
		territory=f"{prefix} Territory",
		customer=f"{prefix} Customer",
		person=f"{prefix} Person",
		partner=f"{prefix} Partner",
		campaign=f"{prefix} Campaign",
		item=f"{prefix} Widget",
		item_group=f"{prefix} Group",
		prices=f"{prefix} Prices",
		lost_reason=f"{prefix} Lost Reason",
		sleeper=f"{prefix} Sleeper",
	)


NORTH, SOUTH = names("North"), names("South")
# North's line is small, South's large: a South figure in an answer stands out
RATES = {"North": 150, "South": 1234567}

USERS = {
	"territory": ("rl.territory@sales-module.test", [("Territory", NORTH.territory)]),
	"customer": ("rl.customer@sales-module.test", [("Customer", NORTH.customer)]),
	"person": ("rl.person@sales-module.test", [("Sales Person", NORTH.person)]),
	"prices": ("rl.prices@sales-module.test", [("Price List", STANDARD_PRICES)]),
	"unrestricted": ("rl.unrestricted@sales-module.test", []),
}
STOCK_USER = "rl.stock@sales-module.test"


def south_markers() -> list[str]:
	"""What no answer to a user restricted to North may contain: South's names and its large figure."""
	return [
		*(value for key, value in SOUTH.items() if key != "prices"),
		"_Test RL South",
		str(RATES["South"]),
		f"{RATES['South']:,}",
	]


class RowWorld:
	def __init__(self):
		self.docs: dict[str, dict[str, str]] = {side: {} for side in SIDES}
		self.created: list[tuple[str, str]] = []
		self.clients: dict[str, RestClient] = {}

	@classmethod
	def build(cls) -> "RowWorld":
		world = cls()
		frappe.set_user("Administrator")
		make_selling_masters()
		for side in SIDES:
			world.make_masters(side)
		frappe.db.commit()
		for side in SIDES:
			world.make_documents(side)
		world.make_south_extras()
		world.make_users()
		frappe.db.commit()
		world.clients = {key: RestClient(email) for key, (email, _perms) in USERS.items()}
		world.clients["stock"] = RestClient(STOCK_USER)
		return world

	# ------------------------------------------------------------ masters

	def make_masters(self, side: str):
		n = names(side)
		make_tree_node("Territory", n.territory)
		make_tree_node("Item Group", n.item_group)
		make_tree_node("Sales Person", n.person)
		for customer in (n.customer, n.sleeper):
			if not frappe.db.exists("Customer", customer):
				frappe.get_doc(
					{"doctype": "Customer", "customer_name": customer, "territory": n.territory}
				).insert()
		if not frappe.db.exists("Sales Partner", n.partner):
			frappe.get_doc(
				{"doctype": "Sales Partner", "partner_name": n.partner, "territory": n.territory,
				 "commission_rate": 10}
			).insert()  # fmt: skip
		if not frappe.db.exists("Campaign", n.campaign):
			frappe.get_doc({"doctype": "Campaign", "campaign_name": n.campaign}).insert()
		if not frappe.db.exists("Quotation Lost Reason", n.lost_reason):
			frappe.get_doc({"doctype": "Quotation Lost Reason", "order_lost_reason": n.lost_reason}).insert()
		make_item(n.item, item_group=n.item_group, is_stock_item=1)
		if not frappe.db.exists("Price List", n.prices):
			frappe.get_doc(
				{"doctype": "Price List", "price_list_name": n.prices, "selling": 1,
				 "currency": frappe.db.get_value("Price List", STANDARD_PRICES, "currency")}
			).insert()  # fmt: skip
		for price_list in (STANDARD_PRICES, n.prices):
			if not frappe.db.exists("Item Price", {"item_code": n.item, "price_list": price_list}):
				make_item_price(n.item, RATES[side], price_list=price_list)
		receive_stock(n.item, 50)

	# ------------------------------------------------------------ documents

	def keep(self, doc) -> str:
		self.created.append((doc.doctype, doc.name))
		return doc.name

	def make_documents(self, side: str):
		from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry
		from sales_module.selling.doctype.sales_order.sales_order import (
			make_delivery_note,
			make_sales_invoice,
		)

		n = names(side)
		header = {"customer": n.customer, "selling_price_list": n.prices, "campaign": n.campaign}
		quotation = frappe.get_doc(
			{
				"doctype": "Quotation",
				"quotation_to": "Customer",
				"party_name": n.customer,
				"selling_price_list": n.prices,
				"campaign": n.campaign,
				"items": [{"item_code": n.item, "qty": 1}],
			}
		).insert()
		quotation.submit()
		self.docs[side]["Quotation"] = self.keep(quotation)
		order = frappe.get_doc(
			{
				"doctype": "Sales Order",
				**header,
				"transaction_date": add_days(nowdate(), -5),
				"delivery_date": add_days(nowdate(), -2),
				"sales_partner": n.partner,
				"commission_rate": 10,
				"items": [{"item_code": n.item, "qty": 2, "warehouse": WAREHOUSE}],
				"sales_team": [{"sales_person": n.person, "allocated_percentage": 100}],
			}
		).insert()
		order.submit()
		self.docs[side]["Sales Order"] = self.keep(order)
		note = make_delivery_note(order.name)
		note.items[0].qty = 1
		note.insert()
		note.submit()
		self.docs[side]["Delivery Note"] = self.keep(note)
		invoice = make_sales_invoice(order.name)
		invoice.insert()
		invoice.submit()
		self.docs[side]["Sales Invoice"] = self.keep(invoice)
		payment = make_payment_entry(invoice.name)
		payment.paid_amount = RATES[side]
		payment.references[0].allocated_amount = RATES[side]
		payment.reference_no = f"{n.customer} receipt"
		payment.insert()
		payment.submit()
		self.docs[side]["Payment Entry"] = self.keep(payment)
		self.docs[side]["Sales Order Item"] = order.items[0].name
		self.docs[side]["Sales Invoice Item"] = invoice.items[0].name
		frappe.db.commit()

	def make_south_extras(self):
		from sales_module.accounts.doctype.dunning.dunning import create_dunning

		# lost last year: Lost Quotations looks at whole calendar periods
		last_year = add_to_date(nowdate(), years=-1)
		lost = frappe.get_doc(
			{
				"doctype": "Quotation",
				"quotation_to": "Customer",
				"party_name": SOUTH.customer,
				"transaction_date": last_year,
				"valid_till": add_days(last_year, 30),
				"items": [{"item_code": SOUTH.item, "qty": 1}],
			}
		).insert()
		lost.submit()
		self.keep(lost)
		lost.declare_enquiry_lost([{"lost_reason": SOUTH.lost_reason}], "too dear")
		self.docs["South"]["Lost Quotation"] = lost.name
		blanket = frappe.get_doc(
			{
				"doctype": "Blanket Order",
				"customer": SOUTH.customer,
				"from_date": nowdate(),
				"to_date": add_days(nowdate(), 30),
				"items": [{"item_code": SOUTH.item, "qty": 5, "rate": RATES["South"]}],
			}
		).insert()
		blanket.submit()
		self.docs["South"]["Blanket Order"] = self.keep(blanket)
		overdue = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"customer": SOUTH.customer,
				"posting_date": add_days(nowdate(), -90),
				"items": [{"item_code": "_Test Service", "qty": 1}],
			}
		).insert()
		overdue.submit()
		self.docs["South"]["Overdue Invoice"] = self.keep(overdue)
		if not frappe.db.exists("Dunning Type", DUNNING_TYPE):
			frappe.get_doc(
				{"doctype": "Dunning Type", "dunning_type": DUNNING_TYPE, "dunning_fee": 5, "rate_of_interest": 10}
			).insert()  # fmt: skip
		frappe.db.set_value("Customer", SOUTH.customer, "dunning_type", DUNNING_TYPE)
		dunning = create_dunning(overdue.name).insert()
		self.docs["South"]["Dunning"] = self.keep(dunning)
		old = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"customer": SOUTH.sleeper,
				"posting_date": add_days(nowdate(), -400),
				"items": [{"item_code": "_Test Service", "qty": 1}],
			}
		).insert()
		old.submit()
		self.keep(old)
		frappe.db.commit()

	# ------------------------------------------------------------ users

	def make_users(self):
		for email, permissions in USERS.values():
			make_user(email, ["Sales User"])
			frappe.db.delete("User Permission", {"user": email})
			for doctype, name in permissions:
				add_user_permission(doctype, name, email, ignore_permissions=True)
		make_user(STOCK_USER, ["Stock User"])
		frappe.clear_cache()

	def clean(self):
		remove_documents(self.created)


class RowWorldTestCase(RestTestCase):
	"""Tests over the two territories: the world is built once for the class and removed after it."""

	world: RowWorld

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = RowWorld.build()

	@classmethod
	def tearDownClass(cls):
		cls.world.clean()
		super().tearDownClass()

	def north(self, key: str) -> str:
		return self.world.docs["North"][key]

	def south(self, key: str) -> str:
		return self.world.docs["South"][key]
