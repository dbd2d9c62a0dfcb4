"""Refuse, before it reaches the database or the app's code, requests of the wrong shape (HTTP 417 with a
readable message instead of a server error).

SQL syntax in the field names of Frappe's list methods:

Frappe's list methods (`frappe.desk.reportview.*`, `frappe.client.get_list` ...) build their SELECT from
the `fields`, `order_by` and `group_by` the caller sends. Frappe refuses sub-queries and some functions
there, but a quote, a semicolon or a comment marker goes through and the database answers with a syntax
error: a server error (HTTP 500) for what is a bad request. No field name, sort or grouping of the desk
holds one of them: such a request is refused here with a readable message (HTTP 417).

Arguments and documents (`refuse_malformed_requests`): Frappe calls a method without the arguments a client
left out (a TypeError), builds a document from whatever a table field holds (a number, an object, a list of
strings: a TypeError or ValueError) and passes NaN and Infinity, which Python's JSON reads, on to the
database (which cannot store them). A method of the app called without an argument it needs, a document
(REST resource or `frappe.client`) that is not an object or whose table is not a list of objects, and a
non-finite number anywhere in a request are refused here.
"""

import inspect
import json
import math
import re
import types
import typing
from urllib.parse import unquote

import frappe
from frappe import _
from frappe.model.base_document import get_controller

from sales_module.exceptions import InvalidValueError, MalformedRequestError

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


# Frappe's methods taking whole documents: the argument holding them, one document or a list
DOCUMENT_METHODS = {
	"frappe.client.insert": ("doc", False),
	"frappe.client.save": ("doc", False),
	"frappe.client.submit": ("doc", False),
	"frappe.client.insert_many": ("docs", True),
}


def called_method() -> str | None:
	request = getattr(frappe.local, "request", None)
	path = request.path if request else ""
	return path.removeprefix("/api/method/") if path.startswith("/api/method/") else frappe.form_dict.cmd


def refuse_sql_in_list_arguments():
	"""`auth_hooks` hook (the request's user, and so the language of the refusal, is known there)."""
	method = called_method()
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


def refuse_malformed_requests():
	"""`auth_hooks` hook: it runs once the request's user, and so the language of the refusal, is known.
	What a guest may not call at all is left to Frappe's own refusal."""
	guest = frappe.session.user in ("", "Guest")
	method = called_method()
	if method:
		function = app_method(method)
		if guest and (function is None or function not in frappe.guest_methods):
			return
		refuse_non_finite_numbers(dict(frappe.form_dict))
		if function is not None:
			refuse_bad_arguments(function, frappe.form_dict)
		if method == "run_doc_method":
			refuse_bad_document_method_call()
		if method in DOCUMENT_METHODS:
			argument, many = DOCUMENT_METHODS[method]
			documents = parsed(frappe.form_dict.get(argument))
			for document in documents if many and isinstance(documents, list) else [documents]:
				doctype = document.get("doctype") if isinstance(document, dict) else None
				refuse_malformed_document(document, doctype)
		return
	if guest:
		return
	refuse_non_finite_numbers(dict(frappe.form_dict))
	request = getattr(frappe.local, "request", None)
	parts = request.path.split("/") if request else []
	# /api/resource/<DocType>[/<name>] written with POST or PUT
	if len(parts) in (4, 5) and parts[1:3] == ["api", "resource"] and request.method in ("POST", "PUT"):
		# read as Frappe's resource API reads it (`frappe.api.v1.get_request_form_data`)
		data = frappe.form_dict.data
		if data is None:
			data = frappe.safe_decode(request.get_data())
		try:
			body = frappe.parse_json(data)
		except ValueError:
			body = dict(frappe.form_dict)
		refuse_malformed_document(body, unquote(parts[3]))


def app_method(method: str):
	"""The whitelisted function of the app a method path calls (hooks.py may send the path to one)."""
	overrides = frappe.get_hooks("override_whitelisted_methods") or {}
	target = overrides[method][-1] if overrides.get(method) else method
	if not target.startswith("sales_module."):
		return None
	try:
		function = frappe.get_attr(target)
	except (AttributeError, ImportError):
		return None  # Frappe answers an unknown method itself
	return function if function in frappe.whitelisted else None


def parsed(value):
	"""A document or list sent as a JSON string, read as Frappe will read it."""
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			return value
	return value


def refuse_non_finite_numbers(value):
	"""NaN and Infinity are no JSON numbers and no database stores them, in a document or an argument."""
	if isinstance(value, float) and not math.isfinite(value):
		frappe.throw(
			_("Invalid number: {0}").format(value),
			InvalidValueError,
			title=_("Invalid Request"),
		)
	if isinstance(value, str) and value[:1] in ("{", "["):
		value = parsed(value)
	if isinstance(value, dict):
		value = list(value.values())
	if isinstance(value, list):
		for item in value:
			refuse_non_finite_numbers(item)


def refuse_bad_arguments(function, values: dict, skip: int = 0):
	"""The app's methods (at their paths and at the paths hooks.py sends to them) need their arguments, and
	an argument that may come as JSON text (`dict | str`) is JSON of that kind. `skip`: the leading
	parameters the caller fills itself (a controller method's self)."""
	missing = []
	for name, parameter in list(inspect.signature(function).parameters.items())[skip:]:
		if parameter.kind not in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY):
			continue
		if name not in values:
			if parameter.default is parameter.empty:
				missing.append(name)
			continue
		kinds = json_kinds(parameter.annotation)
		value = values[name]
		if kinds and isinstance(value, str) and not isinstance(parsed(value), kinds):
			frappe.throw(
				_("{0} must be JSON").format(name),
				InvalidValueError,
				title=_("Invalid Arguments"),
			)
	if missing:
		frappe.throw(
			_("{0} is required").format(", ".join(missing)),
			MalformedRequestError,
			title=_("Invalid Arguments"),
		)


def refuse_bad_document_method_call():
	"""`run_doc_method` on a controller of the app: its arguments as Frappe will pass them (the JSON
	object `args` by name; anything else, or to a method taking `args`, as the first argument)."""
	form = frappe.form_dict
	docs = parsed(form.get("docs"))
	doctype = form.get("dt") or (docs.get("doctype") if isinstance(docs, dict) else None)
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		return
	function = getattr(get_controller(doctype), str(form.get("method")), None)
	if function not in frappe.whitelisted or not function.__module__.startswith("sales_module."):
		return  # Frappe refuses what is not whitelisted itself
	parameters = list(inspect.signature(function).parameters)[1:]
	if not parameters:
		return
	args = parsed(form.get("args") or form.get("arg"))
	if "args" in parameters or not isinstance(args, dict):
		args = {} if args is None else {parameters[0]: args}
	refuse_bad_arguments(function, args, skip=1)


def json_kinds(annotation) -> tuple[type, ...]:
	"""The containers a parameter annotated `dict | str` (`list | str` ...) takes, sent as JSON text."""
	members = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
	if str not in members:
		return ()
	kinds = tuple(kind for kind in (dict, list) if any((typing.get_origin(m) or m) is kind for m in members))
	# "null" for an optional one
	return (*kinds, type(None)) if kinds and type(None) in members else kinds


def refuse_malformed_document(document, doctype: str | None):
	"""A document is an object; each of its tables a list of objects."""
	if not isinstance(document, dict):
		frappe.throw(_("A document must be an object"), MalformedRequestError, title=_("Invalid Request"))
	if not doctype or not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		return  # Frappe refuses an unknown DocType itself
	for table in frappe.get_meta(doctype).get_table_fields():
		rows = document.get(table.fieldname)
		if rows is None:
			continue
		if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
			frappe.throw(
				_("{0} must be a list of rows").format(_(table.label or table.fieldname)),
				MalformedRequestError,
				title=_("Invalid Request"),
			)
