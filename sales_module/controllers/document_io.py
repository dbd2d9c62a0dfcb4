"""Frappe's load, defaults and link checks for the app's transaction documents, with fewer queries.

A REST client makes a request per step and every request starts with cold per-request caches, so
Frappe's per-table and per-field queries dominate a small document's save. Behaviour is Frappe's:

- `load_from_db` reads each table with one query-builder select and skips the new-row template Frappe
  builds per child table, though rows read from the database are never new;
- `_set_defaults` builds a child table's defaults only when the table has new rows;
- `_validate_links` checks the links of the document and of every table without fetched fields in one
  query; on submit, links unchanged since the stored draft (checked when it was saved; a linked record
  cannot be deleted meanwhile) are only checked for cancellation;
- `save_version` writes the same Version row (Frappe's diff) directly, without the template, link
  checks and hooks of a Version insert, which cost as much as the rest of a submit.
"""

import frappe
from frappe import _
from frappe.desk.form.document_follow import follow_document
from frappe.model.base_document import BaseDocument
from pypika.terms import ValueWrapper

from sales_module.utils.cache import reference_data


class LeanDocumentIO:
	"""Document mixin for transaction documents (not Singles, no virtual child tables)."""

	def load_from_db(self):
		if self.meta.issingle or not isinstance(self.name, str) or has_virtual_tables(self.doctype):
			return super().load_from_db()
		for_update = self.flags.for_update
		table = frappe.qb.DocType(self.doctype)
		query = frappe.qb.from_(table).select("*").where(table.name == self.name)
		found = (query.for_update() if for_update else query).run(as_dict=True)
		if not found:
			frappe.throw(_("{0} {1} not found").format(_(self.doctype), self.name), frappe.DoesNotExistError)
		self.flags.ignore_children = True
		BaseDocument.__init__(self, found[0])
		self.flags.pop("ignore_children", None)
		for df in self._get_table_fields():
			child = frappe.qb.DocType(df.options)
			query = (
				frappe.qb.from_(child)
				.select("*")
				.where(
					(child.parent == self.name)
					& (child.parenttype == self.doctype)
					& (child.parentfield == df.fieldname)
				)
				.orderby(child.idx)
			)
			self.set(df.fieldname, (query.for_update() if for_update else query).run(as_dict=True))
		# as Frappe does: __setup__ may depend on the child rows
		if hasattr(self, "__setup__"):
			self.__setup__()
		return self

	def _set_defaults(self):
		if frappe.flags.in_import:
			return
		if self.is_new():
			self.update_if_missing(frappe.new_doc(self.doctype, as_dict=True))
		for df in self.meta.get_table_fields():
			new_rows = [row for row in self.get(df.fieldname) or [] if row.is_new()]
			if not new_rows:
				continue
			defaults = frappe.new_doc(df.options, parent_doc=self, parentfield=df.fieldname, as_dict=True)
			for row in new_rows:
				row.update_if_missing(defaults)

	def _validate_links(self):
		if self.flags.ignore_links or self._action == "cancel":
			return
		invalid, cancelled, batched = [], [], []
		for doc in [self, *self.get_all_children()]:
			if has_fetched_fields(doc.doctype):
				found = doc.get_invalid_links(is_submittable=self.meta.is_submittable)
				invalid.extend(found[0])
				cancelled.extend(found[1])
			else:
				batched.append(doc)
		found = get_invalid_links_in_batches(batched, self.links_checked_before())
		invalid.extend(found[0])
		cancelled.extend(found[1])
		if invalid:
			frappe.throw(
				_("Could not find {0}").format(", ".join(each[2] for each in invalid)),
				frappe.LinkValidationError,
			)
		if cancelled:
			frappe.throw(
				_("Cannot link cancelled document: {0}").format(", ".join(each[2] for each in cancelled)),
				frappe.CancelledLinkError,
			)

	def save_version(self):
		stored = self.get_doc_before_save()
		if stored is None and not (self.get("amended_from") or self.flags.updater_reference):
			return  # Frappe keeps no version of a plain insert (it builds one and drops it)
		if (
			stored is None  # an amendment, or an import that names its source: Frappe's rules
			or not self.meta.track_changes
			or self.flags.ignore_version
			or frappe.flags.in_install
		):
			return super().save_version()
		version = frappe.get_doc({"doctype": "Version"})
		if not version.update_version_info(stored, self):
			return
		version.set_user_and_timestamp()
		version.db_insert()
		if not frappe.flags.in_migrate and frappe.get_cached_value(
			"User", frappe.session.user, "follow_created_documents"
		):
			follow_document(self.doctype, self.name, frappe.session.user)

	def links_checked_before(self) -> set[tuple]:
		"""(row name, fieldname, value) of the stored draft's links, when this save submits it."""
		stored = self.get_doc_before_save()
		if self._action != "submit" or stored is None:
			return set()
		return {
			(doc.name, df.fieldname, doc.get(df.fieldname))
			for doc in [stored, *stored.get_all_children()]
			for df in doc.meta.get_link_fields()
			if doc.get(df.fieldname)
		}


def doctype_kinds() -> dict[str, tuple[int, int, int]]:
	"""{DocType: (issingle, is_virtual, is_submittable)} of every DocType, kept as reference data.

	A link check needs only these three flags of its target; loading each target's meta for them
	costs more than the check itself.
	"""
	return reference_data(
		"doctype_kinds",
		lambda: {
			name: (issingle, is_virtual, is_submittable)
			for name, issingle, is_virtual, is_submittable in frappe.get_all(
				"DocType", fields=["name", "issingle", "is_virtual", "is_submittable"], as_list=True
			)
		},
	)


def kind_of(doctype: str) -> tuple[int, int, int]:
	kinds = doctype_kinds()
	if doctype not in kinds:  # made in this transaction, not yet in the shared cache
		meta = frappe.get_meta(doctype)
		return (meta.issingle, meta.is_virtual, meta.is_submittable)
	return kinds[doctype]


def has_virtual_tables(doctype: str) -> bool:
	return any(kind_of(df.options)[1] for df in frappe.get_meta(doctype).get_table_fields())


def has_fetched_fields(doctype: str) -> bool:
	meta = frappe.get_meta(doctype)
	return any(df.fetch_from for df in meta.fields) or any(
		df.fieldtype == "Dynamic Link" for df in meta.fields
	)


def get_invalid_links_in_batches(docs: list, checked_before: set[tuple]) -> tuple[list, list]:
	"""(invalid, cancelled) links of the documents or rows, as Frappe reports them, one query per target.

	A link in `checked_before` is only checked for cancellation, and only when it targets a submittable
	DocType.
	"""
	link_fields = {
		doctype: frappe.get_meta(doctype).get_link_fields() for doctype in {d.doctype for d in docs}
	}
	wanted: dict[str, set[str]] = {}
	for doc in docs:
		for df in link_fields[doc.doctype]:
			value = doc.get(df.fieldname)
			if value and needs_check(doc, df, value, checked_before):
				wanted.setdefault(df.options, set()).add(value)
	known = stored_names(wanted)
	invalid, cancelled = [], []
	for doc in docs:
		for df in link_fields[doc.doctype]:
			value = doc.get(df.fieldname)
			if not value or df.options not in known:
				continue
			match = known[df.options].get(str(value).lower())
			if not match:
				if needs_check(doc, df, value, checked_before):
					invalid.append((df.fieldname, value, link_label(doc, df, value)))
				continue
			doc.set(df.fieldname, match[0])
			if match[1] == 2 and df.fieldname != "amended_from":
				cancelled.append((df.fieldname, value, link_label(doc, df, value)))
	return invalid, cancelled


def needs_check(doc, df, value, checked_before: set[tuple]) -> bool:
	return (doc.name, df.fieldname, value) not in checked_before or bool(kind_of(df.options)[2])


def stored_names(wanted: dict[str, set[str]]) -> dict[str, dict[str, tuple[str, int]]]:
	"""{DocType: {lower-case name: (stored spelling, docstatus)}} of the wanted names that exist, read
	in one query (a UNION over the target tables); MariaDB compares names case-insensitively."""
	known: dict[str, dict[str, tuple[str, int]]] = {doctype: {} for doctype in wanted}
	query = None
	for doctype, names in wanted.items():
		issingle, is_virtual, is_submittable = kind_of(doctype)
		if issingle or is_virtual:
			known[doctype] = {name.lower(): (name, 0) for name in names}
			continue
		table = frappe.qb.DocType(doctype)
		docstatus = table.docstatus if is_submittable else ValueWrapper(0)
		select = frappe.qb.from_(table).select(ValueWrapper(doctype), table.name, docstatus)
		select = select.where(table.name.isin(list(names)))
		query = select if query is None else query.union_all(select)
	for doctype, name, docstatus in query.run() if query is not None else ():
		known[doctype][name.lower()] = (name, docstatus)
	return known


def link_label(doc, df, value) -> str:
	label = _(df.label, context=df.parent)
	if doc.get("parentfield"):
		return "{} #{}: {}: {}".format(_("Row"), doc.idx, label, value)
	return f"{label}: {value}"
