"""Rows a user may reach where Frappe's User Permissions do not reach by themselves.

Frappe narrows a DocType's rows by the User Permissions on its own Link fields only. Two kinds of rows of
the app escape that:

- documents whose customer (or sales partner / sales person) is named by a Dynamic Link or that carry no
  territory of their own (Payment Entry, Commission Settlement, Dunning, Blanket Order): a user restricted
  to a territory, a customer group or some customers would see every customer's. Here they follow their
  party: a row is the user's when the user's User Permissions allow its party (`PARTY_FIELDS`);
- child rows (an order's lines, its taxes ...): Frappe checks a child row against its parent's role
  permission only, never against the parent row, so a line could be listed, or read by its own name,
  where its document cannot. Here a child row is the user's when its parent document is: in lists
  (`get_child_permission_query_conditions`, which also carries the portal's own limits through the
  parents' hooks) and one by one (`ParentPermission`, the child controllers' base).

Users without any User Permission (and not on the portal) are untouched: the hooks answer nothing then.
"""

import frappe
from frappe.model.db_query import DatabaseQuery
from frappe.permissions import get_user_permissions, has_user_permission

from sales_module.utils.cache import reference_data

# DocType -> (the field naming its party, the field naming the party's DocType or that DocType itself)
PARTY_FIELDS = {
	"Payment Entry": ("party", "party_type"),
	"Commission Settlement": ("party", "party_type"),
	"Dunning": ("customer", "Customer"),
	"Blanket Order": ("customer", "Customer"),
}
PARTY_DOCTYPES = ("Customer", "Sales Partner", "Sales Person")


def is_restricted(user: str | None = None) -> bool:
	"""Whether any User Permission narrows what the user sees."""
	return bool(get_user_permissions(user or frappe.session.user))


def party_of(doc) -> tuple[str | None, str | None]:
	field, type_field = PARTY_FIELDS[doc.doctype]
	party_doctype = doc.get(type_field) if doc.meta.has_field(type_field) else type_field
	return party_doctype, doc.get(field)


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""`has_permission` hook of `PARTY_FIELDS`' DocTypes: refused when the user's User Permissions do not
	allow the document's party; no say otherwise."""
	user = user or frappe.session.user
	if not is_restricted(user):
		return None
	party_doctype, party = party_of(doc)
	if party_doctype not in PARTY_DOCTYPES or not party or not frappe.db.exists(party_doctype, party):
		return None
	return None if has_user_permission(frappe.get_doc(party_doctype, party), user=user) else False


def user_permission_condition(doctype: str, user: str) -> str:
	"""The SQL condition (over `tab<doctype>`) the user's User Permissions put on `doctype`'s rows: its
	own name and its Link fields, as Frappe's list query applies them ("" when nothing applies)."""
	query = DatabaseQuery(doctype, user=user)
	query.match_conditions, query.match_filters = [], []
	query.add_user_permissions(get_user_permissions(user))
	return " and ".join(query.match_conditions)


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` hook of `PARTY_FIELDS`' DocTypes: only rows whose party the user's
	User Permissions allow."""
	user = user or frappe.session.user
	if not is_restricted(user):
		return ""
	field, type_field = PARTY_FIELDS[doctype]
	dynamic = frappe.get_meta(doctype).has_field(type_field)
	conditions = []
	for party_doctype in PARTY_DOCTYPES if dynamic else (type_field,):
		allowed = user_permission_condition(party_doctype, user)
		if not allowed:
			continue
		condition = (
			f"`tab{doctype}`.`{field}` in "
			f"(select `tab{party_doctype}`.`name` from `tab{party_doctype}` where {allowed})"
		)
		if dynamic:
			other_type = f"ifnull(`tab{doctype}`.`{type_field}`, '') != {frappe.db.escape(party_doctype)}"
			condition = f"({other_type} or {condition})"
		conditions.append(condition)
	return " and ".join(f"({condition})" for condition in conditions)


# ---------------------------------------------------------------- child rows


def parents_of(child_doctype: str) -> list[str]:
	"""The DocTypes with a table of `child_doctype` (kept with the reference data: DocTypes change it)."""

	def load() -> list[str]:
		table = frappe.qb.DocType("DocField")
		return (
			frappe.qb.from_(table)
			.select(table.parent)
			.distinct()
			.where((table.options == child_doctype) & table.fieldtype.isin(["Table", "Table MultiSelect"]))
			.orderby(table.parent)
			.run(pluck=True)
		)

	return reference_data(f"parents of {child_doctype}", load)


def parent_condition(parent_doctype: str, user: str) -> str | None:
	"""What the user may list of `parent_doctype` as an SQL condition: "" for every row, None for none."""
	if not frappe.has_permission(parent_doctype, "read", user=user) and not frappe.has_permission(
		parent_doctype, "select", user=user
	):
		return None
	try:
		return DatabaseQuery(parent_doctype, user=user).build_match_conditions(as_condition=True)
	except frappe.PermissionError:
		return None


def get_child_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` hook of the app's child tables: only the rows of documents the user
	may list (Frappe checks a child table's list against its parents' role permission alone)."""
	user = user or frappe.session.user
	conditions, narrowed = [], False
	for parent_doctype in parents_of(doctype):
		condition = parent_condition(parent_doctype, user)
		is_parent = f"`tab{doctype}`.`parenttype` = {frappe.db.escape(parent_doctype)}"
		if condition is None:
			narrowed = True
			continue
		if condition:
			narrowed = True
			is_parent += (
				f" and `tab{doctype}`.`parent` in "
				f"(select `tab{parent_doctype}`.`name` from `tab{parent_doctype}` where {condition})"
			)
		conditions.append(f"({is_parent})")
	if not narrowed:
		return ""
	return f"({' or '.join(conditions)})" if conditions else "(1 = 0)"


class ParentPermission:
	"""Base of the app's child-table controllers: a row read (or changed) on its own, by its name, answers
	its parent document's permission, not only its parent DocType's role permission as in Frappe. A row
	inside its loaded parent is the parent's to check."""

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		if not super().has_permission(permtype, debug=debug, user=user):
			return False
		if self.parent_doc is not None or not (self.get("parenttype") and self.get("parent")):
			return True
		if not frappe.db.exists(self.parenttype, self.parent):
			return False
		return frappe.has_permission(self.parenttype, permtype, self.parent, user=user)
