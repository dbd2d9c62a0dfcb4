"""Frappe's link search and count for the customer portal's users (`override_whitelisted_methods`).

Frappe's `search_link` / `search_widget` drop every permission condition of the list, the permission
query hooks included, when the caller asks to ignore User Permissions and holds the DocType's read
permission; `frappe.client.get_count` counts with no permission check at all, so its filters would tell
a user what other documents hold. A portal user holds read permission on the portal's DocTypes (their
own documents only): on those DocTypes and their tables their search keeps the permission-aware list and
their count counts what the list shows. Everyone else's calls are Frappe's, unchanged.
"""

import frappe
from frappe import client
from frappe.desk import search
from frappe.utils import get_safe_filters

from sales_module.controllers.portal import portal_limits_apply


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
		ignore_user_permissions=bool(ignore_user_permissions) and not portal_limits_apply(doctype),
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
		ignore_user_permissions=bool(ignore_user_permissions) and not portal_limits_apply(doctype),
	)


@frappe.whitelist()
def get_count(
	doctype: str,
	filters: str | dict | list | None = None,
	debug: bool = False,
	cache: bool = False,
	parent: str | None = None,
) -> int:
	if not portal_limits_apply(doctype):
		return client.get_count(doctype, filters, debug, cache)
	return len(
		frappe.get_list(
			doctype,
			filters=get_safe_filters(filters),
			pluck="name",
			limit_page_length=0,
			parent_doctype=parent,
		)
	)
