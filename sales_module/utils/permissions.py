"""Permission checks that refuse without telling more than the caller asked about."""

import frappe
from frappe import _


def ensure_permitted(doctype: str, ptype: str = "read", doc=None):
	"""`frappe.has_permission(..., throw=True)` without its explanation: Frappe's refusal lists the values a
	User Permission did not allow (the territory or customer of a document the user may not read), which
	would tell the user what they may not know. This refusal names only the document asked for."""
	if frappe.has_permission(doctype, ptype, doc):
		return
	name = doc if isinstance(doc, str) else getattr(doc, "name", None)
	label = f"{_(doctype)} {name}" if name else _(doctype)
	# one whole sentence per right, so that each language can say it its own way
	refusals = {
		"read": _("You are not permitted to read {0}"),
		"write": _("You are not permitted to change {0}"),
		"create": _("You are not permitted to create {0}"),
		"submit": _("You are not permitted to submit {0}"),
		"cancel": _("You are not permitted to cancel {0}"),
		"delete": _("You are not permitted to delete {0}"),
	}
	frappe.throw(
		refusals.get(ptype, _("You are not permitted to do this with {0}")).format(label),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)
