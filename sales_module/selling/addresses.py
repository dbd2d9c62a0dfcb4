"""The customer's addresses and contact on selling documents: defaults, ownership, rendered text.

Frappe core keeps Address and Contact and links them to a customer through Dynamic Link rows; a
document takes the customer's primary address (billing), its shipping address (else the billing one)
and its primary contact when they are not given, and renders them with the Address Template.
"""

import frappe
from frappe import _
from frappe.contacts.doctype.address.address import render_address
from frappe.query_builder import DocType

from sales_module.exceptions import InvalidReferenceError

# the contact fields ERPNext fills from the chosen Contact
CONTACT_FIELDS = {
	"contact_display": "full_name",
	"contact_email": "email_id",
	"contact_mobile": "mobile_no",
	"contact_phone": "phone",
}


def linked_records(doctype: str, customer: str, flag_fields: tuple[str, ...]) -> list[dict]:
	"""The customer's enabled Address / Contact records with their preference flags, oldest first."""
	record, link = DocType(doctype), DocType("Dynamic Link")
	query = (
		frappe.qb.from_(record)
		.join(link)
		.on((link.parent == record.name) & (link.parenttype == doctype))
		.select(record.name, *(record[field] for field in flag_fields))
		.where((link.link_doctype == "Customer") & (link.link_name == customer))
		.orderby(record.creation)
	)
	if doctype == "Address":
		query = query.where(record.disabled == 0)
	return query.run(as_dict=True)


def preferred(records: list[dict], *flags: str) -> str | None:
	"""The first record carrying the first flag that any carries, else the oldest."""
	for flag in flags:
		for row in records:
			if row.get(flag):
				return row.name
	return records[0].name if records else None


def set_party_addresses(doc, customer: dict | None):
	"""Defaults, ownership checks and rendered text of the address and contact fields of `doc`."""
	if not doc.meta.has_field("customer_address") or doc.docstatus > 0:
		return
	if not customer:
		return
	customer_name = doc.get("customer")
	addresses = linked_records("Address", customer_name, ("is_primary_address", "is_shipping_address"))
	contacts = linked_records("Contact", customer_name, ("is_primary_contact",))
	if customer_changed(doc):
		clear_foreign_links(doc, addresses, contacts)
	own_addresses = {row.name for row in addresses}
	if not doc.customer_address:
		doc.customer_address = (
			customer.get("customer_primary_address")
			if customer.get("customer_primary_address") in own_addresses
			else preferred(addresses, "is_primary_address")
		)
	if not doc.shipping_address_name:
		doc.shipping_address_name = preferred(addresses, "is_shipping_address", "is_primary_address")
	if not doc.contact_person:
		own_contacts = {row.name for row in contacts}
		doc.contact_person = (
			customer.get("customer_primary_contact")
			if customer.get("customer_primary_contact") in own_contacts
			else preferred(contacts, "is_primary_contact")
		)
	check_belongs(doc, "customer_address", own_addresses)
	check_belongs(doc, "contact_person", {row.name for row in contacts})
	render_display(doc, "customer_address", "address_display")
	render_display(doc, "shipping_address_name", "shipping_address")
	set_contact_details(doc)


def customer_changed(doc) -> bool:
	before = doc.get_doc_before_save() if not doc.is_new() else None
	return bool(before and before.get("customer") != doc.get("customer"))


def clear_foreign_links(doc, addresses: list[dict], contacts: list[dict]):
	"""A draft moved to another customer drops the previous customer's address and contact."""
	own = {row.name for row in addresses} | {row.name for row in contacts}
	for fieldname in ("customer_address", "shipping_address_name", "contact_person"):
		if doc.get(fieldname) and doc.get(fieldname) not in own:
			doc.set(fieldname, None)


def check_belongs(doc, fieldname: str, own: set[str]):
	"""The billing address and the contact must be the customer's own (a shipping address may be any:
	goods are often delivered to a third party)."""
	value = doc.get(fieldname)
	if value and value not in own:
		frappe.throw(
			_("{0} {1} does not belong to Customer {2}").format(
				_(doc.meta.get_label(fieldname)), frappe.bold(value), frappe.bold(doc.customer)
			),
			InvalidReferenceError,
			title=_("Address and Contact"),
		)


def render_display(doc, link_field: str, display_field: str):
	"""Render the address text when the link is new or changed; a text edited by hand on a draft whose
	link did not change is kept."""
	if not doc.meta.has_field(display_field):
		return
	link = doc.get(link_field)
	if not link:
		doc.set(display_field, None)
		return
	if doc.get(display_field) and not link_changed(doc, link_field):
		return
	doc.set(display_field, render_address(link, check_permissions=False))


def link_changed(doc, fieldname: str) -> bool:
	before = doc.get_doc_before_save() if not doc.is_new() else None
	# a new document keeps the text it came with (a mapper carries the source's; the desk clears it
	# when the link is changed)
	return bool(before) and before.get(fieldname) != doc.get(fieldname)


def set_contact_details(doc):
	fields = [field for field in CONTACT_FIELDS if doc.meta.has_field(field)]
	if not fields:
		return
	if not doc.contact_person:
		for field in fields:
			doc.set(field, None)
		return
	if not link_changed(doc, "contact_person") and all(doc.get(field) for field in fields):
		return
	contact = frappe.db.get_value(
		"Contact", doc.contact_person, [CONTACT_FIELDS[field] for field in fields], as_dict=True
	)
	for field in fields:
		doc.set(field, contact.get(CONTACT_FIELDS[field]) if contact else None)
