"""Text that reaches a submitted document in the request that submits it is sanitized as a draft's is.

Frappe takes markup that could run (scripts, event handlers) out of the text fields of a document when it
saves a draft, and skips submitted documents (their fields were sanitized as drafts). A document inserted
already submitted (`docstatus: 1` over REST) or submitted with changed values (`frappe.client.submit` takes
the whole document) would keep what was typed. `sanitize_on_submit` (a `before_validate` hook of the
app's submittable DocTypes) sanitizes those values the way Frappe sanitizes a draft's.
"""

import frappe
from frappe.utils.html_utils import sanitize_html

# what Frappe leaves as typed (`BaseDocument._sanitize_content`)
UNSANITIZED_TYPES = ("Attach", "Attach Image", "Barcode", "Code")


def sanitize_on_submit(doc, method=None):
	if doc.docstatus != 1:
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	if before is not None and before.docstatus == 1:
		return  # changed after submit: Frappe sanitizes the fields that may change
	for row in (doc, *doc.get_all_children()):
		sanitize_text_fields(row)


def sanitize_text_fields(row):
	for fieldname, value in row.get_valid_dict(ignore_virtual=True).items():
		if not isinstance(value, str) or ("<" not in value and ">" not in value):
			continue
		df = row.meta.get_field(fieldname)
		if (
			df is None
			or df.get("ignore_xss_filter")
			or df.fieldtype in UNSANITIZED_TYPES
			or (df.fieldtype in ("Data", "Small Text", "Text") and df.options == "Email")
		):
			continue
		row.set(fieldname, sanitize_html(value, linkify=df.fieldtype == "Text Editor"))
