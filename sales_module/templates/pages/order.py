"""The customer portal's document page: /quotations/<name>, /orders/<name>, /invoices/<name>,
/deliveries/<name> (website_route_rules in hooks.py give the DocType)."""

from urllib.parse import urlencode

import frappe
from frappe import _

from sales_module.controllers import portal
from sales_module.selling.doctype.quotation.quotation import can_accept

no_cache = 1

# the messages of the page's script, translated for `__()` (the website does not load translations)
SCRIPT_MESSAGES = (
	"Accept",
	"Accept this quotation? Our sales team will confirm the order.",
	"Thank you: order {0} waits for our sales team to confirm it.",
	"Accepted",
)


def get_context(context):
	doctype, name = frappe.form_dict.doctype, frappe.form_dict.name
	if doctype not in portal.CUSTOMER_FIELDS or not name or not frappe.db.exists(doctype, name):
		raise frappe.PageDoesNotExistError
	doc = frappe.get_doc(doctype, name)
	if doc.docstatus != 1:
		# drafts and cancelled documents are not on the portal
		raise frappe.PageDoesNotExistError
	if not frappe.has_website_permission(doc):
		raise frappe.PermissionError(_("Not permitted"))

	context.no_cache = 1
	context.show_sidebar = True
	context.doc = doc
	context.title = doc.name
	context.parents = [
		{"route": portal.list_route(doctype), "title": portal.list_title(doctype)},
	]
	context.indicator_color = portal.indicator_color(doc.status)
	context.dates = [
		(label, frappe.format(doc.get(fieldname), "Date"))
		for fieldname, label in (
			(portal.date_field(doctype), _("Date")),
			("valid_till", _("Valid Till")),
			("delivery_date", _("Delivery Date")),
			("due_date", _("Due Date")),
		)
		if doc.meta.has_field(fieldname) and doc.get(fieldname)
	]
	context.print_format = frappe.get_meta(doctype).default_print_format or "Standard"
	context.pdf_url = "/api/method/frappe.utils.print_format.download_pdf?" + urlencode(
		{"doctype": doctype, "name": doc.name, "format": context.print_format}
	)
	context.can_accept = doctype == "Quotation" and portal.is_portal_user() and can_accept(doc)
	context.translated_messages = frappe.as_json({message: _(message) for message in SCRIPT_MESSAGES})
	return context
