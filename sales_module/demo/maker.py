"""Demo data: a year of a small office-supplies company's selling, in Russian or English.

Everything is made through the documents' own insert, submit and mapper paths, in date order over the
last year (a receipt of stock comes before the delivery that needs it, an invoice before its payment):
territories, customer groups, sales persons and a sales partner, items with two price lists, a volume
discount and a coupon, customers with addresses, quotations (some lost, some left open), orders, partial
deliveries, invoices, payments (some late, a few never), dunnings for what is overdue, a sales plan for
this fiscal year and a commission settlement for the sales partner (when the Commission Settlement DocType
exists). Random choices come from a seeded generator: the same size and seed make the same company.

What it makes is tracked, in the order made, as DefaultValue rows of the parent `__sales_module_demo`
(with the Selling Settings values it filled): a second run refuses, and `remove_demo` cancels and deletes
exactly those records in reverse order, with what their submits left behind (cancelled stock ledger
entries, bins of the demo items, versions and comments), and restores the settings it changed.
"""

import heapq
import json
import math
import random
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.model.delete_doc import delete_dynamic_links
from frappe.utils import add_days, add_months, flt, get_last_day, getdate, nowdate

from sales_module.accounts.doctype.dunning.dunning import overdue_schedule_rows, reminded_recently
from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry
from sales_module.controllers.mapper import map_document
from sales_module.demo.catalogue import CATALOGUES, ITEMS, Catalogue, DemoItem
from sales_module.exceptions import DemoDataError, NothingToSettleError
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
from sales_module.stock.doctype.delivery_note.delivery_note import make_sales_invoice
from sales_module.stock.utils import delete_cancelled_sl_entries
from sales_module.utils.currency import company_currency
from sales_module.utils.fiscal_year import fiscal_year_of

DEMO_PARENT = "__sales_module_demo"
SETTINGS_KEY = "settings"
DEFAULT_SIZE = 12
DEFAULT_SEED = 12
LANGUAGES = tuple(CATALOGUES)
QUOTATIONS_PER_CUSTOMER = 9  # a year's quotations per customer
VALIDITY_DAYS = 30
# the share of quotations that are ordered and lost; the rest stay open (or expire)
ORDERED, LOST = 0.68, 0.15
PARTIAL_DELIVERY = 0.25
PARTLY_PAID = 0.1
# the customers (every sixth, at least one) who stop paying for the last months
NON_PAYER_EVERY = 6
NON_PAYER_MONTHS = 3
NON_PAYER_ORDERS = (95, 75, 55)  # days ago
DOCUMENT_DOCTYPES = ("Quotation", "Sales Order", "Delivery Note", "Sales Invoice", "Payment Entry")
# events of one day happen in this order
STEPS = ("stock", "quotation", "lost", "order", "delivery", "invoice", "payment", "dunning")
STOCK_VOUCHERS = ("Delivery Note", "Sales Invoice", "Stock Entry")
SUPPLIER_BATCH = 20  # stock arrives in multiples of this
SELLER_FIELDS = (
	"legal_name", "tax_id", "secondary_tax_id", "company_address_display", "phone_no", "email", "bank_name",
	"bank_account_no", "bank_correspondent_account", "bank_bic", "director_name", "chief_accountant_name",
)  # fmt: skip


# ---------------------------------------------------------------- the tracking list


def demo_records() -> list[tuple[str, str]]:
	"""(doctype, name) of everything the demo made, in the order made."""
	table = frappe.qb.DocType("DefaultValue")
	rows = (
		frappe.qb.from_(table)
		.select(table.defkey, table.defvalue)
		.where((table.parent == DEMO_PARENT) & (table.defkey != SETTINGS_KEY))
		.orderby(table.defkey)
		.run()
	)
	return [tuple(json.loads(value)) for _key, value in rows]


def demo_settings() -> dict:
	value = frappe.db.get_value("DefaultValue", {"parent": DEMO_PARENT, "defkey": SETTINGS_KEY}, "defvalue")
	return json.loads(value) if value else {}


def record(key: str, value: str):
	frappe.get_doc(
		{
			"doctype": "DefaultValue",
			"parent": DEMO_PARENT,
			"parenttype": DEMO_PARENT,
			"parentfield": "system_defaults",
			"defkey": key,
			"defvalue": value,
		}
	).db_insert()


def forget_demo():
	frappe.db.delete("DefaultValue", {"parent": DEMO_PARENT})


# ---------------------------------------------------------------- making


@dataclass
class Deal:
	"""One quotation and what follows it."""

	customer: str
	day: object
	lines: list[dict]
	quotation: str = ""
	order: str = ""
	deliveries: list[str] = field(default_factory=list)
	invoices: list[str] = field(default_factory=list)


@dataclass(order=True)
class Event:
	day: object
	step: int
	seq: int
	action: object = field(compare=False)


class DemoCompany:
	def __init__(self, lang: str, size: int, seed: int):
		if lang not in CATALOGUES:
			frappe.throw(
				_("Demo data comes in {0}, not {1}").format(", ".join(LANGUAGES), lang),
				DemoDataError,
				title=_("Demo Data"),
			)
		if size < 3:
			frappe.throw(
				_("The demo needs a size of at least 3 customers"), DemoDataError, title=_("Demo Data")
			)
		self.lang, self.size = lang, size
		self.cat: Catalogue = CATALOGUES[lang]
		self.rng = random.Random(seed)
		self.today = getdate(nowdate())
		self.start = add_days(self.today, -364)
		self.made = 0
		self.events: list[Event] = []
		self.planned = 0
		self.purchase_orders: set[tuple[str, str]] = set()
		self.settings = frappe.get_single("Selling Settings")
		self.warehouse = self.settings.default_warehouse

	# ------------------------------------------------------------ bookkeeping

	def track(self, doc):
		self.made += 1
		record(f"{self.made:06d}", json.dumps([doc.doctype, doc.name], ensure_ascii=False))
		return doc

	def insert(self, values: dict):
		return self.track(frappe.get_doc(values).insert())

	def submit(self, doc):
		doc.insert()
		self.track(doc)
		doc.submit()
		return doc

	def at(self, day, step: str, action):
		"""Do `action` on `day` (never later than today); actions may plan later ones."""
		self.planned += 1
		heapq.heappush(
			self.events, Event(min(getdate(day), self.today), STEPS.index(step), self.planned, action)
		)

	def run_events(self):
		while self.events:
			heapq.heappop(self.events).action()

	# ------------------------------------------------------------ the run

	def make(self) -> dict[str, int]:
		# documents write their amounts in words in the language of whoever makes them: the demo's
		lang, frappe.local.lang = frappe.local.lang, self.lang
		try:
			return self.make_year()
		finally:
			frappe.local.lang = lang

	def make_year(self) -> dict[str, int]:
		self.check_site()
		self.set_settings()
		self.make_masters()
		self.plan_deals()
		self.run_events()
		self.settle_statuses()
		self.make_sales_plan()
		self.make_commission_settlement()
		return self.counts()

	def check_site(self):
		if demo_records():
			frappe.throw(
				_(
					"The demo data is already on this site ({0} records); remove it first with --remove"
				).format(len(demo_records())),
				DemoDataError,
				title=_("Demo Data"),
			)
		taken = [
			f"{doctype} {name}"
			for doctype, names in self.master_names().items()
			for name in names
			if frappe.db.exists(doctype, name)
		]
		if taken:
			frappe.throw(
				_("The demo cannot use names this site already has: {0}").format(", ".join(taken[:10])),
				DemoDataError,
				title=_("Demo Data"),
			)

	def master_names(self) -> dict[str, list[str]]:
		cat = self.cat
		return {
			"Territory": [cat.territory_group, *cat.territories],
			"Customer Group": cat.customer_groups,
			"Sales Person": [name for name, _rate in cat.sales_persons],
			"Sales Partner": [cat.sales_partner[0]],
			"Item Group": cat.item_groups,
			"Item": [item.code for item in ITEMS],
			"Price List": [cat.price_list, cat.wholesale_price_list],
			"Customer": self.customer_names(),
			"Coupon Code": [cat.coupon],
		}

	def customer_names(self) -> list[str]:
		names = self.cat.customers
		return [
			names[index % len(names)] + (f" ({index // len(names) + 1})" if index >= len(names) else "")
			for index in range(self.size)
		]

	# ------------------------------------------------------------ settings

	def set_settings(self):
		"""The company currency of the catalogue on a site without documents yet; the seller's details for
		the prints where Selling Settings has none. The values replaced are kept to be restored."""
		previous: dict[str, object] = {}
		modified = self.settings.modified
		if self.cat.currency != company_currency() and not any(
			frappe.db.exists(doctype, {"docstatus": 1}) for doctype in DOCUMENT_DOCTYPES
		):
			previous["default_currency"] = self.settings.default_currency
			self.settings.default_currency = self.cat.currency
		if not self.settings.company_name:
			previous["company_name"] = self.settings.company_name
			self.settings.company_name = self.cat.company_name
		for fieldname in SELLER_FIELDS:
			if not self.settings.get(fieldname) and self.cat.seller.get(fieldname):
				previous[fieldname] = self.settings.get(fieldname)
				self.settings.set(fieldname, self.cat.seller[fieldname])
		currency = self.settings.default_currency
		enabled = frappe.db.get_value("Currency", currency, "enabled")
		if not enabled:
			frappe.db.set_value("Currency", currency, "enabled", 1, update_modified=False)
		# no Version of the settings: the removal puts back what was there
		self.settings.save(ignore_version=True)
		record(
			SETTINGS_KEY,
			json.dumps(
				{
					"Selling Settings": previous,
					"settings_modified": str(modified),
					"currency_enabled": {currency: enabled},
				},
				ensure_ascii=False,
			),
		)
		self.currency = currency
		# prices of the catalogue in its own currency, else its other prices (both are round figures)
		self.price_lang = "ru" if currency == "RUB" else "en"

	# ------------------------------------------------------------ masters

	def make_masters(self):
		cat = self.cat
		self.insert({"doctype": "Territory", "territory_name": cat.territory_group, "is_group": 1})
		for name in cat.territories:
			self.insert(
				{"doctype": "Territory", "territory_name": name, "parent_territory": cat.territory_group}
			)
		for name in cat.customer_groups:
			self.insert({"doctype": "Customer Group", "customer_group_name": name})
		for name, rate in cat.sales_persons:
			self.insert({"doctype": "Sales Person", "sales_person_name": name, "commission_rate": rate})
		partner, partner_type, territory = cat.sales_partner
		self.insert(
			{
				"doctype": "Sales Partner",
				"partner_name": partner,
				"partner_type": partner_type,
				"territory": cat.territories[territory],
				"commission_rate": 5,
			}
		)
		for name in cat.item_groups:
			self.insert({"doctype": "Item Group", "item_group_name": name})
		for name in (cat.price_list, cat.wholesale_price_list):
			self.insert(
				{"doctype": "Price List", "price_list_name": name, "currency": self.currency, "selling": 1}
			)
		for item in ITEMS:
			self.make_item(item)
		self.payment_terms = [self.existing_or_new_terms(name, days) for name, days in cat.payment_terms]
		self.lost_reasons = [
			self.existing_or_new("Quotation Lost Reason", "order_lost_reason", name)
			for name in cat.lost_reasons
		]
		self.dunning_type = self.make_dunning_type()
		title, description, included = cat.vat
		self.taxes = self.existing_or_new(
			"Sales Taxes and Charges Template",
			"title",
			title,
			taxes=[
				{"charge_type": "On Net Total", "account_head": description, "description": description,
				 "rate": 20, "included_in_print_rate": included}
			],
		)  # fmt: skip
		self.make_pricing_rules()
		self.customers = [self.make_customer(index, name) for index, name in enumerate(self.customer_names())]

	def make_item(self, item: DemoItem):
		self.insert(
			{
				"doctype": "Item",
				"item_code": item.code,
				"item_name": item.names[self.lang],
				"item_group": self.cat.item_groups[item.group],
				"stock_uom": item.uom,
				"is_stock_item": item.is_stock_item,
				"grant_commission": 1,
			}
		)
		rate = item.prices[self.price_lang]
		for price_list, factor in ((self.cat.price_list, 1), (self.cat.wholesale_price_list, 0.92)):
			self.insert(
				{
					"doctype": "Item Price",
					"item_code": item.code,
					"price_list": price_list,
					"price_list_rate": flt(rate * factor, 2),
					"valid_from": add_days(self.start, -30),
				}
			)

	def existing_or_new(self, doctype: str, name_field: str, name: str, **values) -> str:
		if frappe.db.exists(doctype, name):
			return name
		return self.insert({"doctype": doctype, name_field: name, **values}).name

	def existing_or_new_terms(self, name: str, days: int) -> str:
		return self.existing_or_new(
			"Payment Terms Template",
			"template_name",
			name,
			terms=[
				{
					"invoice_portion": 100,
					"due_date_based_on": "Day(s) after invoice date",
					"credit_days": days,
				}
			],
		)

	def make_dunning_type(self) -> str:
		name, fee, interest = self.cat.dunning_type
		body, closing = self.cat.dunning_texts
		has_default = frappe.db.exists("Dunning Type", {"is_default": 1})
		return self.existing_or_new(
			"Dunning Type",
			"dunning_type",
			name,
			dunning_fee=fee,
			rate_of_interest=interest,
			waiting_days=14,
			is_default=0 if has_default else 1,
			body_text=body,
			closing_text=closing,
		)

	def make_pricing_rules(self):
		cat = self.cat
		self.insert(
			{
				"doctype": "Pricing Rule",
				"title": cat.volume_discount,
				"apply_on": "Item Group",
				"item_groups": [{"item_group": cat.item_groups[0]}],
				"selling": 1,
				"min_qty": 5,
				"rate_or_discount": "Discount Percentage",
				"discount_percentage": 5,
				"valid_from": self.start,
			}
		)
		# a spring campaign: a coupon for 10 % off, valid for three months in the middle of the year
		self.coupon_from, self.coupon_upto = add_days(self.start, 120), add_days(self.start, 210)
		rule = self.insert(
			{
				"doctype": "Pricing Rule",
				"title": cat.coupon_rule,
				"apply_on": "Transaction",
				"selling": 1,
				"coupon_code_based": 1,
				"rate_or_discount": "Discount Percentage",
				"discount_percentage": 10,
				"valid_from": self.coupon_from,
				"valid_upto": self.coupon_upto,
			}
		)
		self.insert(
			{
				"doctype": "Coupon Code",
				"coupon_name": cat.coupon,
				"coupon_code": cat.coupon,
				"coupon_type": "Promotional",
				"pricing_rule": rule.name,
				"valid_from": self.coupon_from,
				"valid_upto": self.coupon_upto,
				"maximum_use": 100,
			}
		)

	def make_customer(self, index: int, name: str) -> frappe._dict:
		cat, rng = self.cat, self.rng
		territory = index % len(cat.territories)
		group = index % len(cat.customer_groups)
		partner, _type, partner_territory = cat.sales_partner
		through_partner = territory == partner_territory
		manager = cat.sales_persons[index % len(cat.sales_persons)][0]
		tax_id = (
			str(rng.randrange(10**9, 10**10)) if self.lang == "ru" else f"GB{rng.randrange(10**8, 10**9)}"
		)
		customer = self.insert(
			{
				"doctype": "Customer",
				"customer_name": name,
				"customer_type": "Individual" if name.startswith(("ИП ", "Sophie")) else "Company",
				"customer_group": cat.customer_groups[group],
				"territory": cat.territories[territory],
				"tax_id": tax_id,
				"default_price_list": cat.wholesale_price_list if group == 0 else cat.price_list,
				"payment_terms": self.payment_terms[index % 2],
				"dunning_type": self.dunning_type,
				"default_sales_partner": partner if through_partner else None,
				"default_commission_rate": 5 if through_partner else 0,
				"sales_team": [{"sales_person": manager, "allocated_percentage": 100}],
			}
		)
		self.insert(
			{
				"doctype": "Address",
				"address_title": name,
				"address_type": "Billing",
				"address_line1": f"{rng.choice(cat.streets)}, {rng.randrange(1, 120)}",
				"city": cat.cities[territory],
				"pincode": str(rng.randrange(100000, 199999)) if self.lang == "ru" else "",
				"country": cat.country,
				"is_primary_address": 1,
				"links": [{"link_doctype": "Customer", "link_name": customer.name}],
			}
		)
		return frappe._dict(
			name=customer.name,
			manager=manager,
			non_payer=index % NON_PAYER_EVERY == NON_PAYER_EVERY - 1
			or (index == self.size - 1 and self.size < NON_PAYER_EVERY),
			slow=index % 4 == 1,
			credit_days=self.cat.payment_terms[index % 2][1],
		)

	# ------------------------------------------------------------ the year's deals

	def plan_deals(self):
		rng = self.rng
		# the customers who stop paying ordered a few times in the last months: their invoices fall due
		for customer in (customer for customer in self.customers if customer.non_payer):
			for days_ago in NON_PAYER_ORDERS:
				day = add_days(self.today, -days_ago)
				deal = Deal(customer.name, day, self.deal_lines())
				self.at(day, "quotation", lambda deal=deal, customer=customer: self.quote(deal, customer))
				self.plan_order(deal, customer, add_days(day, 2))
		stocked = {item.code for item in ITEMS if item.is_stock_item}
		self.at(
			add_days(self.start, -1),
			"stock",
			lambda: self.receive({code: 60 for code in stocked}, add_days(self.start, -1)),
		)
		for _number in range(self.size * QUOTATIONS_PER_CUSTOMER):
			customer = rng.choice(self.customers)
			day = add_days(self.start, rng.randrange(0, 360))
			deal = Deal(customer.name, day, self.deal_lines())
			self.at(day, "quotation", lambda deal=deal, customer=customer: self.quote(deal, customer))
			outcome = rng.random()
			order_day = add_days(day, rng.randrange(1, 8))
			if outcome < ORDERED and order_day <= self.today:
				self.plan_order(deal, customer, order_day)
			elif outcome < ORDERED + LOST and add_days(day, 10) <= self.today:
				reason = rng.choice(self.lost_reasons)
				self.at(
					add_days(day, rng.randrange(5, 15)),
					"lost",
					lambda deal=deal, reason=reason: self.lose(deal, reason),
				)

	def deal_lines(self) -> list[dict]:
		rng = self.rng
		products = [item for item in ITEMS if item.is_stock_item]
		lines = []
		for item in rng.sample(products, rng.randrange(1, 4)):
			group = item.group
			qty = (
				rng.randrange(1, 9)
				if group == 0
				else rng.randrange(2, 13)
				if group == 1
				else rng.randrange(5, 41)
			)
			lines.append({"item_code": item.code, "qty": qty})
		if any(ITEMS_BY_CODE[line["item_code"]].group == 0 for line in lines) and rng.random() < 0.5:
			lines.append({"item_code": "DM-SVC-ASM", "qty": rng.randrange(1, 5)})
		if rng.random() < 0.4:
			lines.append({"item_code": "DM-SVC-DLV", "qty": 1})
		return lines

	def plan_order(self, deal: Deal, customer, order_day):
		rng = self.rng
		delivery_day = add_days(order_day, rng.randrange(5, 21))
		self.at(order_day, "order", lambda: self.order(deal, customer, order_day, delivery_day))
		# some deliveries come late, a quarter of the orders in two parts
		shipped = add_days(delivery_day, rng.choice([-2, -1, 0, 0, 0, 1, 3, 6]))
		parts = [shipped]
		if rng.random() < PARTIAL_DELIVERY:
			parts.append(add_days(shipped, rng.randrange(4, 13)))
		for number, day in enumerate(parts):
			if day > self.today:
				break
			last = number == len(parts) - 1
			self.at(day, "delivery", lambda day=day, last=last: self.deliver(deal, day, last))
			billed = min(add_days(day, rng.randrange(0, 3)), self.today)
			self.at(
				billed, "invoice", lambda day=billed, number=number: self.bill(deal, customer, day, number)
			)

	# ------------------------------------------------------------ the documents

	def quote(self, deal: Deal, customer):
		doc = frappe.get_doc(
			{
				"doctype": "Quotation",
				"quotation_to": "Customer",
				"party_name": deal.customer,
				"transaction_date": deal.day,
				"valid_till": add_days(deal.day, VALIDITY_DAYS),
				"taxes_and_charges": self.taxes,
				"items": [dict(line) for line in deal.lines],
				"sales_team": [{"sales_person": customer.manager, "allocated_percentage": 100}],
			}
		)
		# in the spring campaign some customers quote the coupon; the order keeps the discount agreed
		# (early enough in the campaign for the order, a week later at most, to use it too)
		if (
			self.coupon_from <= getdate(deal.day) <= add_days(self.coupon_upto, -8)
			and self.rng.random() < 0.3
		):
			doc.coupon_code = self.cat.coupon
		deal.quotation = self.submit(doc).name

	def lose(self, deal: Deal, reason: str):
		frappe.get_doc("Quotation", deal.quotation).declare_enquiry_lost([reason])

	def order(self, deal: Deal, customer, day, delivery_day):
		# the quotation's mapper, as on the day the order was taken: ours refuses a quotation that has
		# expired by today, and these orders were taken within its validity
		doc = map_document(
			"Quotation",
			deal.quotation,
			"Sales Order",
			{
				"field_map": {"parent": "prevdoc_docname", "name": "quotation_item"},
				"condition": lambda row: not row.is_free_item,
				"field_no_map": ["ordered_qty"],
			},
		)
		doc.update(
			{
				"transaction_date": day,
				"delivery_date": delivery_day,
				"po_no": self.purchase_order_number(deal.customer),
				"po_date": day,
			}
		)
		for row in doc.items:
			row.delivery_date = delivery_day
		deal.order = self.submit(doc).name

	def purchase_order_number(self, customer: str) -> str:
		"""A number of the customer's own, each ordered once (the Sales Order's rule)."""
		number = f"PO-{self.rng.randrange(1000, 9999)}"
		while (customer, number) in self.purchase_orders:
			number += "-1"
		self.purchase_orders.add((customer, number))
		return number

	def deliver(self, deal: Deal, day, last: bool):
		if flt(frappe.db.get_value("Sales Order", deal.order, "per_delivered")) >= 100:
			return  # the first part took every line (lines of one unit go whole)
		doc = make_delivery_note(deal.order)
		if not last:
			# the first part: half of each line (rounded up), the rest follows
			for row in doc.items:
				row.qty = math.ceil(flt(row.qty) / 2)
		doc.posting_date = day
		self.replenish(doc, day)
		deal.deliveries.append(self.submit(doc).name)

	def replenish(self, delivery, day):
		needed: dict[str, float] = {}
		for row in delivery.items:
			if ITEMS_BY_CODE[row.item_code].is_stock_item:
				needed[row.item_code] = needed.get(row.item_code, 0) + flt(row.qty) * flt(
					row.conversion_factor or 1
				)
		short = {}
		for code, qty in needed.items():
			actual = flt(
				frappe.db.get_value("Bin", {"item_code": code, "warehouse": self.warehouse}, "actual_qty")
			)
			if actual < qty:
				short[code] = math.ceil((qty - actual) / SUPPLIER_BATCH + 1) * SUPPLIER_BATCH
		if short:
			self.receive(short, day)

	def receive(self, quantities: dict[str, float], day):
		doc = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Receipt",
				"purpose": "Material Receipt",
				"posting_date": day,
				"items": [
					{"item_code": code, "qty": qty, "t_warehouse": self.warehouse,
					 "basic_rate": flt(ITEMS_BY_CODE[code].prices[self.price_lang] * 0.6, 2)}
					for code, qty in sorted(quantities.items())
				],
			}
		)  # fmt: skip
		self.submit(doc)

	def bill(self, deal: Deal, customer, day, number: int):
		if number >= len(deal.deliveries):
			return
		doc = make_sales_invoice(deal.deliveries[number])
		doc.update({"posting_date": day, "set_posting_time": 1})
		invoice = self.submit(doc)
		deal.invoices.append(invoice.name)
		self.plan_payment(invoice, customer)

	def plan_payment(self, invoice, customer):
		rng = self.rng
		due = getdate(invoice.due_date)
		if customer.non_payer and getdate(invoice.posting_date) > add_months(self.today, -NON_PAYER_MONTHS):
			if due < add_days(self.today, -7):
				self.at(add_days(due, 8), "dunning", lambda: self.dun(invoice.customer, add_days(due, 8)))
			return
		paid_on = add_days(due, rng.randrange(3, 26) if customer.slow else rng.randrange(-8, 3))
		paid_on = max(paid_on, getdate(invoice.posting_date))
		first = add_days(invoice.posting_date, rng.randrange(0, 5))
		if rng.random() < PARTLY_PAID and first < paid_on:
			self.at(first, "payment", lambda: self.pay(invoice.name, first, 0.5))
		if paid_on <= self.today:
			self.at(paid_on, "payment", lambda: self.pay(invoice.name, paid_on, 1))

	def pay(self, invoice: str, day, share: float):
		entry = make_payment_entry(invoice)
		amount = flt(entry.paid_amount * share, 2)
		entry.update(
			{
				"posting_date": min(getdate(day), self.today),
				"mode_of_payment": "Bank Transfer",
				"reference_no": str(self.rng.randrange(100000, 999999)),
				"reference_date": min(getdate(day), self.today),
				"paid_amount": amount,
			}
		)
		entry.references[0].allocated_amount = amount
		self.submit(entry)

	def dun(self, customer: str, day):
		"""One reminder for every overdue, unpaid schedule row of the customer, as the daily job sends
		them (and not again within the dunning type's waiting days)."""
		if reminded_recently(customer, getdate(day)):
			return
		invoices = frappe.get_all(
			"Sales Invoice",
			filters={"customer": customer, "docstatus": 1, "is_return": 0, "outstanding_amount": (">", 0)},
			pluck="name",
			order_by="due_date",
		)
		rows = [
			{"sales_invoice": name, "payment_schedule": row.name}
			for name in invoices
			for row in overdue_schedule_rows(frappe.get_doc("Sales Invoice", name), getdate(day))
		]
		if rows:
			self.submit(
				frappe.get_doc(
					{
						"doctype": "Dunning",
						"customer": customer,
						"posting_date": day,
						"overdue_payments": rows,
					}
				)
			)

	# ------------------------------------------------------------ after the year

	def settle_statuses(self):
		"""Quotations past their validity without an order are Expired, as the daily job marks them."""
		for name in frappe.get_all(
			"Quotation",
			filters={"docstatus": 1, "status": ("in", ["Open", "Replied"]), "valid_till": ("<", self.today)},
			pluck="name",
		):
			if name in self.made_names("Quotation"):
				frappe.get_doc("Quotation", name).set_status(update=True)

	def made_names(self, doctype: str) -> set[str]:
		if not hasattr(self, "_made"):
			self._made = {}
		if doctype not in self._made:
			self._made[doctype] = {name for made_doctype, name in demo_records() if made_doctype == doctype}
		return self._made[doctype]

	def make_sales_plan(self):
		"""This fiscal year's plan for the sales persons: 15 % more than the last twelve months, evenly."""
		year = fiscal_year_of(self.today, throw=False)
		invoices = self.made_names("Sales Invoice")
		if not year or not invoices:
			return
		sold = sum(
			flt(value)
			for value in frappe.get_all(
				"Sales Invoice", filters={"name": ("in", list(invoices))}, pluck="base_net_total"
			)
		)
		doc = frappe.get_doc(
			{
				"doctype": "Sales Plan",
				"title": self.cat.plan_title,
				"dimension": "Sales Person",
				"based_on": "Sales Invoice",
				"fiscal_year": year.name,
				"company_target_amount": flt(round(sold * 1.15, -3)),
				"spread_by": "Evenly",
				"targets": [{"member": name} for name, _rate in self.cat.sales_persons],
			}
		)
		doc.spread_company_target()
		self.submit(doc)

	def make_commission_settlement(self):
		"""The sales partner's commission from the demo's start to the end of last month. Commission
		Settlement is a later DocType: made only where it exists."""
		if not frappe.db.exists("DocType", "Commission Settlement"):
			return
		to_date = get_last_day(add_months(self.today, -1))
		doc = frappe.get_doc(
			{
				"doctype": "Commission Settlement",
				"party_type": "Sales Partner",
				"party": self.cat.sales_partner[0],
				"posting_date": min(add_days(to_date, 5), self.today),
				"from_date": self.start,
				"to_date": to_date,
				"only_paid_invoices": 0,
			}
		)
		frappe.db.savepoint("demo_settlement")
		try:
			self.submit(doc)
		except NothingToSettleError:
			# the partner's customers bought nothing in the period (a small demo): nothing to settle
			frappe.db.rollback(save_point="demo_settlement")

	def counts(self) -> dict[str, int]:
		counts: dict[str, int] = {}
		for doctype, _name in demo_records():
			counts[doctype] = counts.get(doctype, 0) + 1
		return counts


ITEMS_BY_CODE = {item.code: item for item in ITEMS}


def make_demo(lang: str = "ru", size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED) -> dict[str, int]:
	"""Make the demo company's year; returns how many records of each DocType it made."""
	return DemoCompany(lang, size, seed).make()


# ---------------------------------------------------------------- removing


def remove_demo() -> int:
	"""Cancel and delete everything the demo made, newest first, and restore the settings it filled.
	Returns how many records were removed."""
	records = demo_records()
	if not records and not demo_settings():
		frappe.throw(_("There is no demo data on this site"), DemoDataError, title=_("Demo Data"))
	items = set()
	for doctype, name in reversed(records):
		if not frappe.db.exists(doctype, name):
			continue
		doc = frappe.get_doc(doctype, name)
		if doctype == "Item":
			items.add(name)
			delete_bins(name)
		if doc.meta.is_submittable and doc.docstatus == 1:
			doc.cancel()
		if doctype in STOCK_VOUCHERS:
			# the cancelled ledger entries of the voucher go with it (they no longer count in any Bin)
			delete_cancelled_sl_entries(doctype, name)
		try:
			delete_without_trace(doctype, name)
		except frappe.LinkExistsError as error:
			frappe.throw(
				_("{0} {1} of the demo data is used by other documents and cannot be removed: {2}").format(
					_(doctype), name, error
				),
				DemoDataError,
				title=_("Demo Data"),
			)
		delete_dynamic_links(doctype, name)
	restore_settings(demo_settings())
	forget_demo()
	return len(records)


def delete_without_trace(doctype: str, name: str, force: bool = False):
	"""Delete a record with no copy in Deleted Document and no "deleted" line in the activity feed (Frappe
	leaves out the feed for deletions made by patches, as this one is made by a script)."""
	in_patch = frappe.flags.in_patch
	frappe.flags.in_patch = True
	try:
		frappe.delete_doc(doctype, name, delete_permanently=True, force=force)
	finally:
		frappe.flags.in_patch = in_patch


def delete_bins(item_code: str):
	for name in frappe.get_all("Bin", filters={"item_code": item_code}, pluck="name"):
		delete_without_trace("Bin", name, force=True)


def restore_settings(previous: dict):
	settings = frappe.get_single("Selling Settings")
	for fieldname, value in previous.get("Selling Settings", {}).items():
		settings.set(fieldname, value)
	settings.save(ignore_version=True)
	if previous.get("settings_modified"):
		# as it was: the values and when they were last changed
		frappe.db.set_single_value(
			"Selling Settings", "modified", previous["settings_modified"], update_modified=False
		)
	for currency, enabled in previous.get("currency_enabled", {}).items():
		frappe.db.set_value("Currency", currency, "enabled", enabled, update_modified=False)
