"""Frappe's link search for the customer portal's users (`override_whitelisted_methods` in hooks.py).

Frappe's `search_link` / `search_widget` drop every permission condition of the list, the permission
query hooks included, when the caller asks to ignore User Permissions and holds the DocType's read
permission. A portal user holds that permission on the portal's DocTypes (their own documents only), so
for them the request to ignore User Permissions is refused on those DocTypes and the search goes through
the permission-aware list; everyone else's search is Frappe's, unchanged.
"""

import frappe
from frappe.desk import search

from sales_module.controllers.portal import restricts_search


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
		ignore_user_permissions=bool(ignore_user_permissions) and not restricts_search(doctype),
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
		ignore_user_permissions=bool(ignore_user_permissions) and not restricts_search(doctype),
	)
