"""What the permission tests over REST stand on: a user per principal of `permission_matrix` (each with an
API key), the masters, a document of every DocType of the app (a draft and a submitted one where it is
submittable), a Report Builder report per DocType, and the payloads that create more. Everything is
committed (the REST requests run in their own transactions) and `World.clean` removes what was made."""

import frappe
from frappe.utils import add_days, get_first_day, nowdate

from sales_module.tests import permission_matrix as pm
from sales_module.tests.rest import RestClient, remove_documents
from sales_module.tests.utils import (
	make_customer_once,
	make_item,
	make_item_price,
	make_selling_masters,
	make_tree_node,
	make_user,
	receive_stock,
)

PREFIX = "_Test Matrix"
CUSTOMER = f"{PREFIX} Customer"  # the portal user's customer: the shared documents are theirs
PARTNER = f"{PREFIX} Partner"
PERSON = f"{PREFIX} Person"
ITEM = f"{PREFIX} Item"  # priced in its own list, the target of the matrix's pricing rules
BUNDLE_ITEMS = [f"{PREFIX} Bundle {n}" for n in range(12)]
PRICE_LIST = f"{PREFIX} Prices"
DUNNING_TYPE = f"{PREFIX} Reminder"
WAREHOUSE = "Stores"
SERVICE = "_Test Service"
WIDGET = "_Test Widget"
# the desk user holds a Frappe role with desk access and none of the app
DESK_ROLE = "Blogger"

USERS = {
	pm.SALES_USER: "matrix.sales.user@sales-module.test",
	pm.SALES_MANAGER: "matrix.sales.manager@sales-module.test",
	pm.MASTER_MANAGER: "matrix.master.manager@sales-module.test",
	pm.ACCOUNTS_USER: "matrix.accounts.user@sales-module.test",
	pm.STOCK_USER: "matrix.stock.user@sales-module.test",
	pm.DESK_USER: "matrix.desk.user@sales-module.test",
	pm.PORTAL_USER: "matrix.portal.user@sales-module.test",
}


def make_portal_user(email: str, customers: list[str]) -> str:
	"""A website user; Frappe makes their Contact, which is linked to `customers` (the Customer role
	follows from `sales_module.controllers.portal.give_portal_role`)."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	contact_name = frappe.db.get_value("Contact", {"user": email})
	if contact_name:
		contact = frappe.get_doc("Contact", contact_name)
	else:  # its contact was removed with a customer it linked
		contact = frappe.get_doc(
			{"doctype": "Contact", "first_name": email.split("@")[0], "user": email, "email_id": email}
		)
		contact.append("email_ids", {"email_id": email, "is_primary": 1})
	linked = {link.link_name for link in contact.links if link.link_doctype == "Customer"}
	for customer in customers:
		if customer not in linked:
			contact.append("links", {"link_doctype": "Customer", "link_name": customer})
	contact.save(ignore_permissions=True)
	return email


def current_fiscal_year() -> str:
	return frappe.db.get_value(
		"Fiscal Year", {"year_start_date": ("<=", nowdate()), "year_end_date": (">=", nowdate())}
	)


class Payloads:
	"""A new, valid document of each DocType; `tag` keeps names apart (one tag per principal and use)."""

	def __init__(self, world: "World"):
		self.world = world

	def __call__(self, doctype: str, tag: str) -> dict:
		method = getattr(self, frappe.scrub(doctype))
		return {"doctype": doctype, **method(f"{PREFIX} {doctype} {tag}", tag)}

	# transactions
	def quotation(self, name, tag):
		return {
			"quotation_to": "Customer",
			"party_name": CUSTOMER,
			"items": [{"item_code": SERVICE, "qty": 1}],
		}

	def sales_order(self, name, tag):
		return {
			"customer": CUSTOMER,
			"delivery_date": add_days(nowdate(), 7),
			"items": [{"item_code": SERVICE, "qty": 1, "warehouse": WAREHOUSE}],
		}

	def delivery_note(self, name, tag):
		return {"customer": CUSTOMER, "items": [{"item_code": WIDGET, "qty": 1, "warehouse": WAREHOUSE}]}

	def sales_invoice(self, name, tag):
		return {"customer": CUSTOMER, "items": [{"item_code": SERVICE, "qty": 1}]}

	def blanket_order(self, name, tag):
		return {
			"customer": CUSTOMER,
			"from_date": nowdate(),
			"to_date": add_days(nowdate(), 90),
			"items": [{"item_code": SERVICE, "qty": 10, "rate": 50}],
		}

	def payment_entry(self, name, tag):
		return {"party_type": "Customer", "party": CUSTOMER, "paid_amount": 10}

	def dunning(self, name, tag):
		from sales_module.accounts.doctype.dunning.dunning import create_dunning

		doc = create_dunning(self.world.overdue_invoice(tag)).as_dict(no_default_fields=True)
		return {key: value for key, value in doc.items() if key not in ("doctype", "name")}

	def commission_settlement(self, name, tag):
		# a day of its own with one invoice of the partner's: each settlement has its own to settle
		day = self.world.partner_invoice_day(tag)
		return {
			"party_type": "Sales Partner",
			"party": PARTNER,
			"from_date": day,
			"to_date": day,
			"posting_date": nowdate(),
		}

	def sales_plan(self, name, tag):
		return {
			"title": name,
			"dimension": "Territory",
			"fiscal_year": self.world.fiscal_year,
			"targets": [{"member": self.world.territory(tag), "target_amount": 1200}],
		}

	def stock_entry(self, name, tag):
		return {
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"items": [{"item_code": WIDGET, "qty": 1, "t_warehouse": WAREHOUSE, "basic_rate": 1}],
		}

	def bin(self, name, tag):
		return {"item_code": ITEM, "warehouse": WAREHOUSE}

	def stock_ledger_entry(self, name, tag):
		return {
			"item_code": WIDGET,
			"warehouse": WAREHOUSE,
			"posting_date": nowdate(),
			"posting_time": "10:00:00",
			"voucher_type": "Stock Entry",
			"voucher_no": self.world.shared["Stock Entry"]["submitted"],
			"actual_qty": 1,
		}

	# commercial terms
	def pricing_rule(self, name, tag):
		return {
			"title": name,
			"apply_on": "Item Code",
			"selling": 1,
			"valid_from": "2020-01-01",
			"items": [{"item_code": ITEM}],
			"rate_or_discount": "Discount Percentage",
			"discount_percentage": 1,
			# applies with a coupon only: other tests' prices stay what they were
			"coupon_code_based": 1,
		}

	def coupon_code(self, name, tag):
		return {"coupon_name": name, "pricing_rule": self.world.shared["Pricing Rule"]["doc"]}

	def shipping_rule(self, name, tag):
		return {
			"label": name,
			"calculate_based_on": "Net Total",
			"account": "Freight",
			"conditions": [{"from_value": 0, "to_value": 100, "shipping_amount": 5}],
		}

	def sales_taxes_and_charges_template(self, name, tag):
		return {
			"title": name,
			"taxes": [
				{"charge_type": "On Net Total", "rate": 20, "description": "VAT", "account_head": "VAT"}
			],
		}

	def monthly_distribution(self, name, tag):
		return {"distribution_id": name}

	# masters
	def customer(self, name, tag):
		return {"customer_name": name}

	def item(self, name, tag):
		return {"item_code": name, "item_group": "Products", "is_stock_item": 0}

	def warehouse(self, name, tag):
		return {"warehouse_name": name}

	def price_list(self, name, tag):
		return {"price_list_name": name, "currency": self.world.currency, "selling": 1}

	def item_price(self, name, tag):
		year = 2050 + self.world.number("item price", tag)
		return {
			"item_code": ITEM,
			"price_list": PRICE_LIST,
			"price_list_rate": 10,
			"valid_from": f"{year}-01-01",
			"valid_upto": f"{year}-12-31",
		}

	def product_bundle(self, name, tag):
		item = BUNDLE_ITEMS[self.world.number("bundle", tag)]
		return {"new_item_code": item, "items": [{"item_code": WIDGET, "qty": 1}]}

	def campaign(self, name, tag):
		return {"campaign_name": name}

	def sales_partner(self, name, tag):
		return {"partner_name": name, "territory": "Rest Of The World", "commission_rate": 5}

	def sales_person(self, name, tag):
		return {"sales_person_name": name}

	def quotation_lost_reason(self, name, tag):
		return {"order_lost_reason": name}

	def territory(self, name, tag):
		return {"territory_name": name}

	def customer_group(self, name, tag):
		return {"customer_group_name": name}

	def item_group(self, name, tag):
		return {"item_group_name": name}

	def brand(self, name, tag):
		return {"brand": name}

	def uom(self, name, tag):
		return {"uom_name": name}

	# payment setup and the calendar
	def mode_of_payment(self, name, tag):
		return {"mode_of_payment": name}

	def payment_terms_template(self, name, tag):
		return {"template_name": name, "terms": [{"invoice_portion": 100, "credit_days": 30}]}

	def dunning_type(self, name, tag):
		return {"dunning_type": name, "dunning_fee": 5, "rate_of_interest": 10}

	def fiscal_year(self, name, tag):
		year = 2080 + self.world.number("fiscal year", tag)
		return {
			"year": f"{PREFIX} {year}",
			"year_start_date": f"{year}-01-01",
			"year_end_date": f"{year}-12-31",
		}


# what a write sends (PUT): a harmless value where the DocType has one, else nothing (a save all the same)
WRITE_VALUES = {
	"Payment Reconciliation": {"party_type": "Customer", "party": CUSTOMER},
	"Customer": {"tax_id": "7707083893"},
	"Sales Order": {"terms": "Noted."},  # a purchase order number is taken by one order of a customer
	"Sales Invoice": {"po_no": "PO-1"},
	"Delivery Note": {"lr_no": "LR-1"},
	"Payment Entry": {"reference_no": "REF-1"},
	"Item": {"description": "described"},
	"Stock Entry": {"remarks": "noted"},
}


class World:
	def __init__(self):
		self.created: list[tuple[str, str]] = []
		self.shared: dict[str, dict[str, str]] = {}
		self.reports: dict[str, str] = {}
		self.print_formats: dict[str, str] = {}
		self.counters: dict[str, dict[str, int]] = {}
		self.clients: dict[str, RestClient] = {}
		self.payloads = Payloads(self)
		self.currency = frappe.db.get_default("currency") or "USD"
		self.fiscal_year = current_fiscal_year()
		# in every name made here: a run never meets what an interrupted one left
		self.run = frappe.generate_hash(length=6)

	def number(self, kind: str, tag: str) -> int:
		"""A small number of its own for each tag of a kind (dates and names that must not collide)."""
		numbers = self.counters.setdefault(kind, {})
		return numbers.setdefault(tag, len(numbers))

	# ------------------------------------------------------------ building

	@classmethod
	def build(cls) -> "World":
		world = cls()
		frappe.set_user("Administrator")
		world.sweep()
		world.make_masters()
		world.make_users()
		world.make_shared_documents()
		world.make_reports()
		world.make_print_formats()
		frappe.db.commit()
		world.clients = {principal: RestClient(USERS.get(principal)) for principal in pm.PRINCIPALS}
		return world

	def sweep(self):
		"""What an interrupted run left where names and dates do not carry the run."""
		frappe.db.delete("Item Price", {"item_code": ITEM, "price_list": PRICE_LIST})
		frappe.db.delete("Product Bundle Item", {"parent": ("in", BUNDLE_ITEMS)})
		frappe.db.delete("Product Bundle", {"name": ("in", BUNDLE_ITEMS)})
		frappe.db.delete("Fiscal Year", {"name": ("like", f"{PREFIX}%")})

	def make_masters(self):
		make_selling_masters()
		if not frappe.db.exists("Dunning Type", DUNNING_TYPE):
			frappe.get_doc(
				{"doctype": "Dunning Type", "dunning_type": DUNNING_TYPE, "dunning_fee": 5, "rate_of_interest": 10}
			).insert()  # fmt: skip
		make_customer_once(CUSTOMER)
		# the shared dunnings remind by this type (the site's default may change in other tests)
		frappe.db.set_value("Customer", CUSTOMER, "dunning_type", DUNNING_TYPE)
		make_item(ITEM, is_stock_item=0)
		for item in BUNDLE_ITEMS:
			make_item(item, is_stock_item=0)
		if not frappe.db.exists("Price List", PRICE_LIST):
			frappe.get_doc(
				{
					"doctype": "Price List",
					"price_list_name": PRICE_LIST,
					"currency": self.currency,
					"selling": 1,
				}
			).insert()
		if not frappe.db.exists("Item Price", {"item_code": ITEM, "price_list": "Standard Selling"}):
			make_item_price(ITEM, 20)
		if not frappe.db.exists("Sales Partner", PARTNER):
			frappe.get_doc(
				{"doctype": "Sales Partner", "partner_name": PARTNER, "territory": "Rest Of The World",
				 "commission_rate": 5}
			).insert()  # fmt: skip
		make_tree_node("Sales Person", PERSON)
		receive_stock(WIDGET, 200)

	def territory(self, tag: str) -> str:
		name = f"{PREFIX} Plan Territory {tag}"
		if not frappe.db.exists("Territory", name):
			self.record("Territory", make_tree_node("Territory", name).name)
			frappe.db.commit()
		return name

	def overdue_invoice(self, tag: str) -> str:
		invoice = frappe.get_doc(
			{**self.payloads("Sales Invoice", tag), "posting_date": add_days(nowdate(), -60)}
		).insert()
		invoice.submit()
		self.created.append(("Sales Invoice", invoice.name))
		frappe.db.commit()
		return invoice.name

	def partner_invoice_day(self, tag: str) -> str:
		day = add_days(get_first_day(nowdate()), -(1 + self.number("partner day", tag)))
		invoice = frappe.get_doc(
			{
				**self.payloads("Sales Invoice", tag),
				"posting_date": day,
				"sales_partner": PARTNER,
				"commission_rate": 5,
			}
		).insert()
		invoice.submit()
		self.record("Sales Invoice", invoice.name)
		frappe.db.commit()
		return day

	def make_users(self):
		for principal, email in USERS.items():
			if principal == pm.PORTAL_USER:
				make_portal_user(email, [CUSTOMER])
			elif principal == pm.DESK_USER:
				make_user(email, [DESK_ROLE])
			else:
				make_user(email, list(pm.ROLES[principal]))

	def make_shared_documents(self):
		for doctype in pm.MATRIX:
			if doctype in pm.SINGLE_DOCTYPES:
				self.shared[doctype] = {"doc": doctype}
			elif doctype == "Bin":
				self.shared[doctype] = {
					"doc": frappe.db.get_value("Bin", {"item_code": WIDGET, "warehouse": WAREHOUSE})
				}
			elif doctype == "Stock Ledger Entry":
				self.shared[doctype] = {
					"doc": frappe.db.get_value("Stock Ledger Entry", {"item_code": WIDGET})
				}
			elif doctype in pm.SUBMITTABLE_DOCTYPES:
				self.shared[doctype] = {
					"draft": self.make(doctype, "shared draft").name,
					"submitted": self.make(doctype, "shared submitted", submit=True).name,
				}
			else:
				self.shared[doctype] = {"doc": self.make(doctype, "shared").name}

	def make(self, doctype: str, tag: str, submit: bool = False, cancel: bool = False):
		"""A document of `doctype` made by Administrator, committed and recorded for `clean`."""
		doc = frappe.get_doc(self.payloads(doctype, f"{tag} {self.run}")).insert()
		self.created.append((doctype, doc.name))
		if submit or cancel:
			doc.submit()
		if cancel:
			doc.cancel()
		frappe.db.commit()
		return doc

	def make_reports(self):
		"""A Report Builder report per DocType, open to every role: query_report.run then answers by the
		user's report permission on the DocType alone."""
		for doctype in pm.MATRIX:
			name = f"{PREFIX} Report {doctype}"
			if not frappe.db.exists("Report", name):
				frappe.get_doc(
					{
						"doctype": "Report",
						"report_name": name,
						"ref_doctype": doctype,
						"report_type": "Report Builder",
						"is_standard": "No",
						"module": "Selling",
						"json": "{}",
					}
				).insert(ignore_permissions=True)
				# Frappe gives a new report the DocType's roles: without any it is open to every role
				frappe.db.delete("Has Role", {"parenttype": "Report", "parent": name})
			self.reports[doctype] = name

	def make_print_formats(self):
		"""A print format per DocType printing the document's name only: the print and PDF cells try the
		permission check, which comes before any rendering, without paying for a full rendering each."""
		for doctype in pm.MATRIX:
			name = f"{PREFIX} Print {doctype}"
			if not frappe.db.exists("Print Format", name):
				frappe.get_doc(
					{
						"doctype": "Print Format",
						"name": name,
						"doc_type": doctype,
						"module": "Selling",
						"standard": "No",
						"custom_format": 1,
						"print_format_type": "Jinja",
						"html": "<p>{{ doc.name }}</p>",
					}
				).insert(ignore_permissions=True)
			self.print_formats[doctype] = name

	def readable(self, doctype: str) -> str:
		"""The shared document reads are tried on (a submitted one: the portal user's kind)."""
		shared = self.shared[doctype]
		return shared.get("submitted") or shared["doc"]

	# ------------------------------------------------------------ cleaning up

	def record(self, doctype: str, name: str):
		self.created.append((doctype, name))

	def clean(self):
		remove_documents(self.created)
