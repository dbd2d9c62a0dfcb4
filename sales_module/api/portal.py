"""Frappe's link search and count at their own paths (`override_whitelisted_methods`).

Frappe's `search_link` / `search_widget` drop every permission condition of the list, the permission
query hooks and User Permissions included, when the caller asks to ignore User Permissions and holds the
DocType's read permission: a portal user or a user with User Permissions would then find documents they
may not read. Their searches keep the permission-aware list (`keeps_its_limits`); anyone else's search is
Frappe's, unchanged. `frappe.client.get_count` counts with no permission check at all, so its filters
would tell anyone what any document holds: the count here is the count of the permission-aware list
(role permissions, User Permissions and the permission hooks), for every user.
"""

import frappe
from frappe.desk import search
from frappe.utils import cint, get_safe_filters

from sales_module.controllers.portal import is_portal_user
from sales_module.controllers.row_scope import is_restricted


def keeps_its_limits() -> bool:
	"""Whether the user's search must keep its permission conditions even when asked to ignore User
	Permissions: a portal user's (their DocTypes answer by the portal's hooks) and a user's whose User
	Permissions narrow what they see (ignoring them would list what they may not read). For anyone else
	ignoring them changes nothing."""
	return is_portal_user() or is_restricted()


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
) -> list:
	return search.search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=bool(ignore_user_permissions) and not keeps_its_limits(),
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields: str | list | None = None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
) -> list:
	return search.search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=bool(ignore_user_permissions) and not keeps_its_limits(),
	)


@frappe.whitelist()
def get_count(
	doctype: str,
	filters: str | dict | list | None = None,
	debug: bool = False,
	cache: bool = False,
	parent: str | None = None,
) -> int:
	# Frappe's get_count counts every row whatever the user may read: count the permission-aware list
	rows = frappe.get_list(
		doctype,
		filters=get_safe_filters(filters),
		fields=[f"count(distinct `tab{doctype}`.`name`) as total"],
		order_by=None,
		limit_page_length=1,
		parent_doctype=parent,
	)
	return cint(rows[0].total) if rows else 0
