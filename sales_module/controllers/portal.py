"""The customer portal: which documents a website user may see, and the lists and pages showing them.

A portal user is a user without desk access whose Contact (`Contact.user`) links one or more Customers
(Dynamic Link); they see the submitted quotations, orders, deliveries and invoices of those customers and
nothing else (not their drafts, not what was cancelled). Desk users keep their role permissions and User
Permissions: the hooks here say nothing about them.

The same rule answers every way in: `has_permission` (one document: form, REST, print, PDF),
`permission_query_conditions` (lists: REST, reports, link search; the child tables of those documents
follow through `sales_module.controllers.row_scope`) and `has_website_permission` (the portal pages).
"""

import frappe
from frappe import _
from frappe.query_builder import Criterion
from frappe.query_builder.utils import NamedParameterWrapper
from frappe.utils import flt, fmt_money

# the portal's DocTypes -> the field naming their customer
CUSTOMER_FIELDS = {
	"Quotation": "party_name",
	"Sales Order": "customer",
	"Sales Invoice": "customer",
	"Delivery Note": "customer",
}

PORTAL_ROLE = "Customer"

# the portal's list routes (website_route_rules) -> DocType, with their page titles
ROUTES = {
	"quotations": "Quotation",
	"orders": "Sales Order",
	"invoices": "Sales Invoice",
	"deliveries": "Delivery Note",
}


def list_title(doctype: str) -> str:
	return {
		"Quotation": _("Quotations"),
		"Sales Order": _("Orders"),
		"Sales Invoice": _("Invoices"),
		"Delivery Note": _("Deliveries"),
	}[doctype]


def list_route(doctype: str) -> str:
	return next(route for route, target in ROUTES.items() if target == doctype)


# ---------------------------------------------------------------- who sees what


def is_portal_user(user: str | None = None) -> bool:
	"""A user without desk access (a website user); Guest and Administrator are not portal users."""
	user = user or frappe.session.user
	if user in ("Administrator", "Guest"):
		return False
	return frappe.get_cached_value("User", user, "user_type") != "System User"


def get_customers_of_user(user: str | None = None) -> list[str]:
	"""The customers the user's contacts are linked to."""
	user = user or frappe.session.user
	contact = frappe.qb.DocType("Contact")
	link = frappe.qb.DocType("Dynamic Link")
	return (
		frappe.qb.from_(link)
		.join(contact)
		.on(contact.name == link.parent)
		.select(link.link_name)
		.distinct()
		.where(
			(contact.user == user)
			& (link.parenttype == "Contact")
			& (link.parentfield == "links")
			& (link.link_doctype == "Customer")
		)
		.orderby(link.link_name)
		.run(pluck=True)
	)


def customer_of(doc) -> str | None:
	"""The customer a portal document belongs to (a quotation to a lead belongs to none)."""
	if doc.doctype == "Quotation" and doc.get("quotation_to") != "Customer":
		return None
	return doc.get(CUSTOMER_FIELDS[doc.doctype])


def belongs_to_user(doc, user: str | None = None) -> bool:
	"""A submitted document of one of the user's customers (drafts are the sales team's own work)."""
	customer = customer_of(doc)
	return doc.docstatus == 1 and bool(customer) and customer in get_customers_of_user(user)


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""`has_permission` hook: a portal user only reaches their customers' documents; no say otherwise."""
	if not is_portal_user(user):
		return None
	return belongs_to_user(doc, user)


def has_website_permission(doc, ptype: str | None = None, user: str | None = None, verbose: bool = False):
	"""`has_website_permission` hook: the portal pages (and print / PDF) of one document."""
	user = user or frappe.session.user
	if is_portal_user(user):
		return belongs_to_user(doc, user)
	return user != "Guest" and frappe.has_permission(doc.doctype, "read", doc, user=user)


def own_documents(doctype: str, customers: list[str]) -> Criterion:
	"""The criterion selecting the submitted documents of `customers` (none when the list is empty)."""
	table = frappe.qb.DocType(doctype)
	if not customers:
		return table.name.isnull()  # a name is never null: no row
	criterion = (table.docstatus == 1) & table[CUSTOMER_FIELDS[doctype]].isin(customers)
	if doctype == "Quotation":
		criterion = criterion & (table.quotation_to == "Customer")
	return criterion


def criterion_sql(criterion: Criterion) -> str:
	"""A query-builder condition as the SQL text a `permission_query_conditions` hook returns, its values
	escaped by the database driver."""
	parameters = NamedParameterWrapper()
	sql = criterion.get_sql(quote_char="`", with_namespace=True, param_wrapper=parameters)
	# Frappe joins the conditions of its hooks with "and": keep an "or" inside this one
	return f"({frappe.db.mogrify(sql, parameters.get_parameters())})"


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` hook of the portal's DocTypes: a portal user lists only their
	customers' documents."""
	if not is_portal_user(user):
		return ""
	return criterion_sql(own_documents(doctype, get_customers_of_user(user)))


def give_portal_role(contact, method=None):
	"""Contact `on_update`: a website user whose contact is linked to a customer gets the Customer role
	(the portal menu and the REST API answer that role)."""
	if not contact.get("user") or not is_portal_user(contact.user):
		return
	if not any(link.link_doctype == "Customer" for link in contact.get("links") or []):
		return
	if PORTAL_ROLE in frappe.get_roles(contact.user) or not frappe.db.exists("Role", PORTAL_ROLE):
		return
	# the role row alone: saving the User would save this contact again from its own on_update (and
	# leave the form that saved it out of date); a role without desk access keeps the user a website user
	user = frappe.get_doc("User", contact.user)
	user.append("roles", {"role": PORTAL_ROLE}).db_insert()
	frappe.clear_cache(user=contact.user)


# ---------------------------------------------------------------- lists

INDICATORS = {
	"Draft": "gray",
	"Open": "orange",
	"Replied": "blue",
	"Partially Ordered": "yellow",
	"Ordered": "green",
	"Lost": "gray",
	"Expired": "gray",
	"To Deliver and Bill": "orange",
	"To Bill": "orange",
	"To Deliver": "orange",
	"On Hold": "orange",
	"Completed": "green",
	"Closed": "green",
	"Unpaid": "orange",
	"Partly Paid": "yellow",
	"Overdue": "red",
	"Paid": "green",
	"Credit Note Issued": "gray",
	"Return": "gray",
	"Return Issued": "gray",
	"Cancelled": "red",
}


def indicator_color(status: str | None) -> str:
	return INDICATORS.get(status or "", "gray")


def date_field(doctype: str) -> str:
	return "transaction_date" if doctype in ("Quotation", "Sales Order") else "posting_date"


def get_list_context(doctype: str, context=None) -> dict:
	"""What a portal DocType's `get_list_context` returns: Frappe's portal list (`/orders` ...)."""
	return {
		"title": list_title(doctype),
		"show_sidebar": True,
		"show_search": True,
		"no_breadcrumbs": True,
		"get_list": get_transaction_list,
		"row_template": "templates/includes/portal_transaction_row.html",
		"no_result_message": _("No {0} yet").format(list_title(doctype).lower()),
	}


def get_transaction_list(
	doctype: str,
	txt: str | None = None,
	filters: dict | None = None,
	limit_start: int = 0,
	limit_page_length: int = 20,
	order_by: str | None = None,
) -> list:
	"""The rows of a portal list: submitted documents only; a portal user's own customers' only (with or
	without the Customer role), a desk user's as their permissions allow."""
	from frappe.www.list import get_list

	filters = dict(filters or {})
	filters["docstatus"] = 1
	ignore_permissions = False
	if is_portal_user():
		customers = get_customers_of_user()
		if not customers:
			return []
		filters[CUSTOMER_FIELDS[doctype]] = ("in", customers)
		if doctype == "Quotation":
			filters["quotation_to"] = "Customer"
		ignore_permissions = True
	elif frappe.session.user == "Guest":
		return []
	rows = get_list(
		doctype,
		txt,
		filters,
		limit_start,
		limit_page_length,
		ignore_permissions=ignore_permissions,
		fields=["name", date_field(doctype), "status", "currency", "grand_total", "customer_name"],
		order_by=f"`tab{doctype}`.`{date_field(doctype)}` desc, `tab{doctype}`.`name` desc",
	)
	return add_row_details(doctype, rows)


def add_row_details(doctype: str, rows: list) -> list:
	"""Each row's date, formatted total, status colour and the names of its items."""
	names = [row.name for row in rows]
	items = {}
	if names:
		line = frappe.qb.DocType(f"{doctype} Item")
		for parent, item_name in (
			frappe.qb.from_(line)
			.select(line.parent, line.item_name)
			.where((line.parent.isin(names)) & (line.parenttype == doctype))
			.orderby(line.parent)
			.orderby(line.idx)
			.run()
		):
			items.setdefault(parent, []).append(item_name)
	for row in rows:
		row.date = row.get(date_field(doctype))
		row.formatted_date = frappe.format(row.date, "Date")
		row.formatted_grand_total = fmt_money(flt(row.grand_total), currency=row.currency)
		row.indicator_color = indicator_color(row.status)
		row.items_preview = ", ".join(items.get(row.name, []))
	return rows
