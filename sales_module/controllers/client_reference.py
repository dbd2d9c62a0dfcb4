"""Client Reference: an integration's own key for a document (its order or request id), unique per DocType.

A create repeated with a reference already used by a document of the same DocType, whatever that
document's state, is refused with `DuplicateClientReferenceError` naming that document, so a client that
timed out retries safely and reads what it made. The check before the save answers the usual retry; the
unique index on the column decides a race (two identical creates at once), and its duplicate-key error is
refused the same way instead of as a server error. The field is not copied by Duplicate or the mappers
(no_copy), nor kept by an amendment (Frappe's Amend copies it: the cancelled document keeps it).

Values are compared by the column's collation: without regard to case or trailing spaces.
"""

import frappe
from frappe import _

from sales_module.exceptions import DuplicateClientReferenceError

FIELD = "client_reference"


class ClientReference:
	"""Document mixin for the DocTypes with a `client_reference` field (placed before Document)."""

	def validate_client_reference(self):
		reference = self.get(FIELD)
		if not reference or not self.client_reference_changed():
			return
		if self.is_new() and self.get("amended_from") and self.amends_its_reference():
			# Frappe's Amend copies no-copy fields too: the reference stays with the cancelled document
			self.set(FIELD, None)
			return
		if other := document_with_reference(self.doctype, reference, self.name):
			refuse_duplicate(self, reference, other)

	def amends_its_reference(self) -> bool:
		return bool(frappe.db.exists(self.doctype, {"name": self.amended_from, FIELD: self.get(FIELD)}))

	def client_reference_changed(self) -> bool:
		stored = self.get_doc_before_save()
		return stored is None or stored.get(FIELD) != self.get(FIELD)

	def show_unique_validation_message(self, e):
		# Frappe's handler of a duplicate key: the unique index refused the reference, so another save
		# with it committed after the check above
		if self.get(FIELD) and duplicate_key_column(self, e) == FIELD:
			other = document_with_reference(self.doctype, self.get(FIELD), self.name, latest=True)
			refuse_duplicate(self, self.get(FIELD), other)
		return super().show_unique_validation_message(e)


def document_with_reference(doctype: str, reference: str, exclude: str | None, latest: bool = False):
	"""The name of the document of `doctype` (another than `exclude`) with the reference, any docstatus.

	`latest`: a locking read, which sees the latest commit at any isolation level (after the index refused
	the row, the winner committed after a REPEATABLE READ snapshot may have begun)."""
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.from_(table).select(table.name).where(table[FIELD] == reference).limit(1)
	if exclude:
		query = query.where(table.name != exclude)
	found = (query.for_update() if latest else query).run()
	return found[0][0] if found else None


def duplicate_key_column(doc, error) -> str:
	# MariaDB names the key last: "Duplicate entry '...' for key 'client_reference'"
	key = str(error).split("'")[-2]
	try:
		return doc.get_field_name_by_key_name(key)
	except IndexError:
		return key


def refuse_duplicate(doc, reference: str, other: str | None):
	if other:
		message = _(
			"{0} {1} already has the Client Reference {2}: it was created before, and nothing new was "
			"created. Read {1} instead of creating it again."
		).format(_(doc.doctype), other, reference)
	else:
		message = _("Another {0} already has the Client Reference {1}; nothing new was created.").format(
			_(doc.doctype), reference
		)
	frappe.throw(message, DuplicateClientReferenceError, title=_("Already Created"))
