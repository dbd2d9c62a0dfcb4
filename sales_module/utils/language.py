"""The language of a request signed with an API key or an OAuth token."""

import frappe


def use_token_user_language():
	"""auth_hooks: Frappe picks a request's language before it reads the Authorization header (from
	`_lang`, the session, the browser or the system default), so a token user's refusals would come in
	the system's language. Once the token names the user, their own language is used, unless the
	request asks for one with `_lang` or a desk session already set it."""
	user = frappe.session.user
	if not user or user == "Guest" or frappe.form_dict.get("_lang"):
		return
	if getattr(frappe.local, "user_lang", None):
		return  # a resumed session: Frappe set the user's language itself
	frappe.set_user_lang(user)
