"""Static checks over the app's print formats (no Frappe needed): each is a standard Jinja module record
in its module's folder whose template exists, the documents that have one print through it by
default, and every label of the templates goes through _() with a literal English source."""

import json
import re
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parents[2] / "sales_module"
APPS_ROOT = APP_ROOT.parent
MODULES = {
	line.strip().lower().replace(" ", "_"): line.strip()
	for line in (APP_ROOT / "modules.txt").read_text().splitlines()
	if line.strip()
}
PRINT_FORMATS = {
	json.loads(path.read_text())["name"]: path
	for path in sorted(APP_ROOT.glob("*/print_format/*/*.json"))
	if path.stem == path.parent.name
}
DOCTYPES = {
	doc["name"]: doc
	for doc in (json.loads(path.read_text()) for path in sorted(APP_ROOT.glob("*/doctype/*/*.json")))
	if doc.get("doctype") == "DocType"
}
INCLUDE = re.compile(r'{%\s*include\s+"([^"]+)"\s*%}')
IMPORT = re.compile(r'{%-?\s*(?:import|from)\s+"([^"]+)"')
# the documents a customer is given: each must print through the app's own format by default
PRINTED_DOCTYPES = ["Quotation", "Sales Order", "Delivery Note", "Sales Invoice", "Dunning"]
TEMPLATES = sorted((APP_ROOT / "templates" / "prints").glob("*.html"))
# a _() whose first argument is not a string literal (a variable label cannot be extracted)
NON_LITERAL_LABEL = re.compile(r"""(?<![\w.])_\(\s*(?!["')])(?!row\.uom\))""")


def included_templates(text: str) -> list[str]:
	return INCLUDE.findall(text) + IMPORT.findall(text)


def test_the_app_ships_print_formats():
	assert {"Quotation Standard", "Sales Order Standard", "Delivery Note Standard", "Sales Invoice Standard",
			"Dunning Letter", "Statement of Account"} <= set(PRINT_FORMATS)  # fmt: skip


@pytest.mark.parametrize("name", sorted(PRINT_FORMATS))
def test_print_format_is_a_standard_jinja_module_record(name):
	path = PRINT_FORMATS[name]
	doc = json.loads(path.read_text())
	assert path.parent.name == name.lower().replace(" ", "_")
	assert MODULES[path.parents[2].name] == doc["module"]
	assert (doc["doctype"], doc["standard"], doc["print_format_type"], doc["custom_format"]) == (
		"Print Format", "Yes", "Jinja", 1,
	)  # fmt: skip
	assert doc["doc_type"] in DOCTYPES
	assert (path.parent / "__init__.py").exists()


@pytest.mark.parametrize("name", sorted(PRINT_FORMATS))
def test_print_format_templates_exist(name):
	html = json.loads(PRINT_FORMATS[name].read_text())["html"]
	templates = included_templates(html)
	assert templates, f"{name} includes no template"
	for template in templates:
		path = APPS_ROOT / template
		assert path.exists(), f"{name}: {template} is missing"
		for nested in included_templates(path.read_text()):
			assert (APPS_ROOT / nested).exists(), f"{template}: {nested} is missing"


@pytest.mark.parametrize("doctype", PRINTED_DOCTYPES)
def test_document_prints_through_its_own_format_by_default(doctype):
	default = DOCTYPES[doctype].get("default_print_format")
	assert default in PRINT_FORMATS
	assert json.loads(PRINT_FORMATS[default].read_text())["doc_type"] == doctype


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_template_labels_are_literal_english_strings(template):
	text = template.read_text()
	assert "_(" in text
	assert not NON_LITERAL_LABEL.findall(text), f"{template.name}: a label is not a string literal"
