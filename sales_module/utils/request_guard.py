"""Refuse, before it reaches the database, SQL syntax in the field names of Frappe's list methods.

Frappe's list methods (`frappe.desk.reportview.*`, `frappe.client.get_list` ...) build their SELECT from
the `fields`, `order_by` and `group_by` the caller sends. Frappe refuses sub-queries and some functions
there, but a quote, a semicolon or a comment marker goes through and the database answers with a syntax
error: a server error (HTTP 500) for what is a bad request. No field name, sort or grouping of the desk
holds one of them: such a request is refused here with a readable message (HTTP 417).
"""

import json
import re

import frappe
from frappe import _

from sales_module.exceptions import InvalidValueError

LIST_METHODS = {
	"frappe.desk.reportview.get",
	"frappe.desk.reportview.get_list",
	"frappe.desk.reportview.get_count",
	"frappe.desk.reportview.export_query",
	"frappe.desk.reportview.get_sidebar_stats",
	"frappe.client.get_list",
	"frappe.client.get_value",
}
ARGUMENTS = ("fields", "fieldname", "order_by", "group_by")
SQL_SYNTAX = re.compile(r"['\";#\\]|--|/\*|\*/")


def refuse_sql_in_list_arguments():
	"""`before_request` hook."""
	request = getattr(frappe.local, "request", None)
	path = request.path if request else ""
	method = path.removeprefix("/api/method/") if path.startswith("/api/method/") else frappe.form_dict.cmd
	if method not in LIST_METHODS:
		return
	for argument in ARGUMENTS:
		value = frappe.form_dict.get(argument)
		for text in texts(value):
			if SQL_SYNTAX.search(text):
				frappe.throw(
					_("{0} holds characters no field name has: {1}").format(argument, text),
					InvalidValueError,
					title=_("Invalid Request"),
				)


def texts(value) -> list[str]:
	if isinstance(value, str):
		try:
			value = json.loads(value)
		except ValueError:
			return [value]
	if isinstance(value, str):
		return [value]
	if isinstance(value, list | tuple):
		return [item for item in value if isinstance(item, str)]
	if isinstance(value, dict):
		return [key for key in value if isinstance(key, str)]
	return []
