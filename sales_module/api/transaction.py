"""The desk form's recalculation: the server computes, the browser only shows the result."""

import json

import frappe
from frappe import _

from sales_module.exceptions import DocumentStateError
from sales_module.utils.permissions import ensure_permitted

SELLING_DOCTYPES = ("Quotation", "Sales Order", "Delivery Note", "Sales Invoice")


@frappe.whitelist()
def recalculate(doc: str | dict) -> dict:
	"""Run the document's calculation (pricing, taxes, totals, commission, schedule) without saving.

	A draft being typed is incomplete: lines without an item (a row just added) are left as they are
	and come back after the computed lines, and a line whose quantity is not typed yet counts as zero
	instead of being refused; saving still checks both.
	"""
	values = json.loads(doc) if isinstance(doc, str) else doc
	if not isinstance(values, dict) or values.get("doctype") not in SELLING_DOCTYPES:
		frappe.throw(
			_("Only selling documents can be recalculated"), DocumentStateError, title=_("Not Allowed")
		)
	lines = values.get("items") or []
	blank_lines = [line for line in lines if isinstance(line, dict) and not line.get("item_code")]
	values = {**values, "items": [line for line in lines if line not in blank_lines]}
	document = frappe.get_doc(values)
	ptype = "create" if document.is_new() else "write"
	# the draft as sent: its links (customer, territory ...) answer the user's User Permissions
	if not frappe.has_permission(document.doctype, ptype, document):
		frappe.throw(_("Not permitted to edit {0}").format(_(document.doctype)), frappe.PermissionError)
	if document.docstatus != 0:
		frappe.throw(
			_("A submitted document cannot be recalculated"), DocumentStateError, title=_("Not Allowed")
		)
	if not document.items:
		return {**document.as_dict(no_default_fields=False), "items": blank_lines}
	document.flags.editing_draft = True
	document.calculate()
	ensure_sources_readable(document)
	result = document.as_dict(no_default_fields=False)
	result["items"] = result["items"] + blank_lines
	for idx, line in enumerate(result["items"], 1):
		line["idx"] = idx
	return result


def ensure_sources_readable(document):
	"""The customer and price list the figures came from (the draft may name them or the calculation
	may take defaults): each must be one the user may read, as stored, or nothing is answered."""
	party = document.get("party_name") if document.doctype == "Quotation" else document.get("customer")
	if party and (document.doctype != "Quotation" or document.get("quotation_to") == "Customer"):
		ensure_permitted("Customer", "read", party)
	if document.get("selling_price_list"):
		ensure_permitted("Price List", "read", document.selling_price_list)
