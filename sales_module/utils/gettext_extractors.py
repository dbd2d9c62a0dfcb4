"""Babel extractors for the app's records that Frappe's own extractors do not read.

`bench generate-pot-file --app sales_module` reads `babel_extractors.csv` at the repository root
before Frappe's defaults: number cards and dashboard charts (their titles are shown through `__()`
on dashboards and in the chart's filter dialog) and print formats (the `_()` calls of their Jinja
`html`, and the labels of a print-format-builder layout). Each yields babel's
`(lineno, funcname, message, comments)`; `tests/static/test_translations.py` collects the same
messages without Frappe.
"""

import json
from io import BytesIO


def number_card(fileobj, keywords, comment_tags, options):
	data = _record(fileobj, "Number Card")
	if data and (label := data.get("label") or data.get("name")):
		yield None, "_", label, ["Label of a Number Card"]


def dashboard_chart(fileobj, keywords, comment_tags, options):
	data = _record(fileobj, "Dashboard Chart")
	if data and (chart_name := data.get("chart_name") or data.get("name")):
		yield None, "_", chart_name, ["Name of a Dashboard Chart"]


def print_format(fileobj, keywords, comment_tags, options):
	data = _record(fileobj, "Print Format")
	if not data:
		return
	name = data.get("name")
	if html := data.get("html"):
		from frappe.gettext.extractors.html_template import extract as extract_template

		for lineno, funcname, message, comments in extract_template(
			BytesIO(html.encode("utf-8")), keywords, comment_tags, options
		):
			yield lineno, funcname, message, comments or [f"Text in the Print Format '{name}'"]
	for field in _layout(data.get("format_data")):
		if isinstance(field, dict) and field.get("label"):
			yield None, "_", field["label"], [f"Label in the Print Format '{name}'"]


def _record(fileobj, doctype: str) -> dict | None:
	data = json.load(fileobj)
	if isinstance(data, dict) and data.get("doctype") == doctype:
		return data
	return None


def _layout(format_data) -> list:
	if not format_data:
		return []
	try:
		layout = json.loads(format_data) if isinstance(format_data, str) else format_data
	except ValueError:
		return []
	return layout if isinstance(layout, list) else []
