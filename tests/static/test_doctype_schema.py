"""Static checks over every DocType and report JSON of the app: they run without Frappe.

DocTypes and reports are found in every Frappe module folder of the app
(`sales_module/<module>/doctype/<name>/<name>.json`, `sales_module/<module>/report/<name>/<name>.json`),
so the checks do not depend on which module a DocType lives in. Each check is parametrised only over the
DocTypes, fields or reports it applies to, and every case asserts: `test_checks_are_honest` enforces it.
"""

import ast
import json
import keyword
import re
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parents[2] / "sales_module"
MODULES = [line.strip() for line in (APP_ROOT / "modules.txt").read_text().splitlines() if line.strip()]


def scrub(text):
	"""Frappe's folder name for a module, DocType or report name."""
	return text.replace(" ", "_").replace("-", "_").lower()


def discover(kind, doctype):
	"""(path, document) of every `<module>/<kind>/<folder>/<folder>.json` of the app, and the strays.

	A stray is such a JSON whose "doctype" is not `doctype` (it would silently be left out otherwise).
	"""
	found, strays = [], []
	for path in sorted(APP_ROOT.glob(f"*/{kind}/*/*.json")):
		if path.stem != path.parent.name:
			continue
		doc = json.loads(path.read_text())
		(found if doc.get("doctype") == doctype else strays).append((path, doc))
	return found, strays


DOCTYPE_JSONS, STRAY_DOCTYPE_JSONS = discover("doctype", "DocType")
REPORT_JSONS, STRAY_REPORT_JSONS = discover("report", "Report")
DOCTYPES = {doc["name"]: doc for _path, doc in DOCTYPE_JSONS}
DOCTYPE_PATHS = {doc["name"]: path for path, doc in DOCTYPE_JSONS}
REPORTS = {doc["name"]: doc for _path, doc in REPORT_JSONS}
REPORT_PATHS = {doc["name"]: path for path, doc in REPORT_JSONS}

# DocTypes that a plain Frappe v15 site provides and that the app links to
FRAPPE_CORE_DOCTYPES = {
	"Address",
	"Contact",
	"Country",
	"Currency",
	"DocType",
	"Email Account",
	"Email Template",
	"File",
	"Language",
	"Letter Head",
	"Print Format",
	"Role",
	"Terms and Conditions",
	"User",
	"UTM Campaign",
	"UTM Medium",
	"UTM Source",
}
NO_VALUE_TYPES = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Image", "Fold", "Heading"}
VALID_FIELDTYPES = {
	"Autocomplete",
	"Attach",
	"Attach Image",
	"Barcode",
	"Button",
	"Check",
	"Code",
	"Color",
	"Column Break",
	"Currency",
	"Data",
	"Date",
	"Datetime",
	"Duration",
	"Dynamic Link",
	"Float",
	"Fold",
	"Geolocation",
	"Heading",
	"HTML",
	"HTML Editor",
	"Icon",
	"Image",
	"Int",
	"JSON",
	"Link",
	"Long Text",
	"Markdown Editor",
	"Password",
	"Percent",
	"Phone",
	"Read Only",
	"Rating",
	"Section Break",
	"Select",
	"Signature",
	"Small Text",
	"Tab Break",
	"Table",
	"Table MultiSelect",
	"Text",
	"Text Editor",
	"Time",
}
FIELDNAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
NAMING_PATTERN = re.compile(
	r"^(hash|autoincrement|prompt|naming_series:|field:[a-z][a-z0-9_]*|format:.+|[A-Z0-9][A-Z0-9\-./#{}]*)$"
)


def doctypes_where(predicate):
	return [name for name in sorted(DOCTYPES) if predicate(DOCTYPES[name])]


def fields_where(predicate):
	"""One case per field (id "DocType.fieldname") of every DocType for which predicate(doc, field) holds."""
	return [
		pytest.param(name, field, id=f"{name}.{field['fieldname']}")
		for name in sorted(DOCTYPES)
		for field in DOCTYPES[name]["fields"]
		if predicate(DOCTYPES[name], field)
	]


def link_target(doc, fieldname):
	"""The DocType that the Link field `fieldname` of doc points to, None if there is no such Link."""
	field = next((f for f in doc["fields"] if f["fieldname"] == fieldname), {})
	return field.get("options") if field.get("fieldtype") == "Link" else None


# The cases of each check: only the DocTypes, fields and reports the check applies to
ALL_DOCTYPES = sorted(DOCTYPES)
SUBMITTABLE_DOCTYPES = doctypes_where(lambda doc: doc.get("is_submittable"))
TREE_DOCTYPES = doctypes_where(lambda doc: doc.get("is_tree"))
CHILD_DOCTYPES = doctypes_where(lambda doc: doc.get("istable"))
PARENT_DOCTYPES = doctypes_where(lambda doc: not doc.get("istable"))
NAMED_DOCTYPES = doctypes_where(lambda doc: not doc.get("istable") and not doc.get("issingle"))
FIELD_NAMED_DOCTYPES = doctypes_where(lambda doc: (doc.get("autoname") or "").startswith("field:"))
SERIES_NAMED_DOCTYPES = doctypes_where(lambda doc: doc.get("autoname") == "naming_series:")
LINK_FIELDS = fields_where(lambda doc, field: field["fieldtype"] == "Link")
TABLE_FIELDS = fields_where(lambda doc, field: field["fieldtype"] in ("Table", "Table MultiSelect"))
DYNAMIC_LINK_FIELDS = fields_where(lambda doc, field: field["fieldtype"] == "Dynamic Link")
SELECT_FIELDS = fields_where(lambda doc, field: field["fieldtype"] == "Select")
SELECT_FIELDS_WITH_DEFAULT = fields_where(
	lambda doc, field: field["fieldtype"] == "Select" and "default" in field
)
FETCH_FROM_FIELDS = fields_where(lambda doc, field: field.get("fetch_from"))
FETCH_FROM_APP_DOCTYPE_FIELDS = fields_where(
	lambda doc, field: (
		field.get("fetch_from") and link_target(doc, field["fetch_from"].split(".", 1)[0]) in DOCTYPES
	)
)
DOCTYPE_FOLDERS = sorted({str(path.parent.parent.relative_to(APP_ROOT)) for path in DOCTYPE_PATHS.values()})
ALL_REPORTS = sorted(REPORTS)
SCRIPT_REPORTS = [name for name in ALL_REPORTS if REPORTS[name].get("report_type") == "Script Report"]


def test_the_app_has_doctypes_and_reports():
	assert len(DOCTYPES) >= 15
	assert REPORTS


def test_every_doctype_and_report_json_is_found():
	assert not STRAY_DOCTYPE_JSONS, f"not DocTypes: {[str(path) for path, _doc in STRAY_DOCTYPE_JSONS]}"
	assert not STRAY_REPORT_JSONS, f"not Reports: {[str(path) for path, _doc in STRAY_REPORT_JSONS]}"
	assert len(DOCTYPES) == len(DOCTYPE_JSONS), "two DocType JSONs share a name"
	assert len(REPORTS) == len(REPORT_JSONS), "two report JSONs share a name"


@pytest.mark.parametrize("module", MODULES)
def test_listed_modules_are_packages(module):
	assert (APP_ROOT / scrub(module) / "__init__.py").exists(), f"module {module} has no package"


@pytest.mark.parametrize("folder", DOCTYPE_FOLDERS)
def test_doctype_folders_are_packages(folder):
	assert (APP_ROOT / folder / "__init__.py").exists(), f"{folder} is not a package"


@pytest.mark.parametrize("name", ALL_DOCTYPES)
def test_doctype_lives_in_its_module_folder(name):
	doc = DOCTYPES[name]
	assert doc["module"] in MODULES, f"{name} belongs to {doc['module']}, which modules.txt does not list"
	expected = Path(scrub(doc["module"]), "doctype", scrub(name), f"{scrub(name)}.json")
	assert DOCTYPE_PATHS[name].relative_to(APP_ROOT) == expected, f"{name} is not in {expected.parent}"


@pytest.mark.parametrize("name", ALL_DOCTYPES)
def test_fieldnames_are_unique_and_valid(name):
	fields = DOCTYPES[name]["fields"]
	fieldnames = [field["fieldname"] for field in fields]
	assert len(fieldnames) == len(set(fieldnames)), f"duplicate fieldnames in {name}"
	for field in fields:
		fieldname = field["fieldname"]
		assert FIELDNAME_PATTERN.match(fieldname), f"{name}.{fieldname} is not a valid fieldname"
		assert not keyword.iskeyword(fieldname), f"{name}.{fieldname} is a Python keyword"
		assert len(fieldname) <= 64
		assert field["fieldtype"] in VALID_FIELDTYPES, (
			f"{name}.{fieldname} has unknown type {field['fieldtype']}"
		)
	assert DOCTYPES[name]["field_order"] == fieldnames, f"field_order of {name} does not list its fields"


@pytest.mark.parametrize("name, field", LINK_FIELDS)
def test_link_targets_exist(name, field):
	target = field.get("options")
	assert target, f"{name}.{field['fieldname']} has no target"
	assert target in DOCTYPES or target in FRAPPE_CORE_DOCTYPES, f"{name}.{field['fieldname']} -> {target}"


@pytest.mark.parametrize("name, field", TABLE_FIELDS)
def test_table_targets_are_child_doctypes(name, field):
	target = field.get("options")
	assert target, f"{name}.{field['fieldname']} has no target"
	assert target in DOCTYPES, f"{name}.{field['fieldname']} -> {target}"
	assert DOCTYPES[target].get("istable"), f"{name}.{field['fieldname']} points to non-child {target}"


@pytest.mark.parametrize("name, field", DYNAMIC_LINK_FIELDS)
def test_dynamic_links_refer_to_a_doctype_link(name, field):
	assert link_target(DOCTYPES[name], field.get("options")) == "DocType", (
		f"{name}.{field['fieldname']} does not name a Link to DocType"
	)


@pytest.mark.parametrize("name, field", FETCH_FROM_FIELDS)
def test_fetch_from_refers_to_a_link_of_the_same_doctype(name, field):
	link_field = field["fetch_from"].split(".", 1)[0]
	target = link_target(DOCTYPES[name], link_field)
	assert target, f"{name}.{field['fieldname']} fetches through {link_field}, not a Link of {name}"
	assert target in DOCTYPES or target in FRAPPE_CORE_DOCTYPES, f"{name}.{field['fieldname']} -> {target}"


@pytest.mark.parametrize("name, field", FETCH_FROM_APP_DOCTYPE_FIELDS)
def test_fetch_from_reads_a_field_of_the_linked_doctype(name, field):
	link_field, target_field = field["fetch_from"].split(".", 1)
	target = DOCTYPES[link_target(DOCTYPES[name], link_field)]
	assert target_field in {f["fieldname"] for f in target["fields"]}, (
		f"{name}.{field['fieldname']}: {target['name']} has no {target_field}"
	)


@pytest.mark.parametrize("name, field", SELECT_FIELDS)
def test_selects_have_options(name, field):
	options = (field.get("options") or "").split("\n")
	assert any(options), f"{name}.{field['fieldname']} has no options"


@pytest.mark.parametrize("name, field", SELECT_FIELDS_WITH_DEFAULT)
def test_select_defaults_are_among_the_options(name, field):
	options = (field.get("options") or "").split("\n")
	assert field["default"] in options, f"{name}.{field['fieldname']} default not an option"


@pytest.mark.parametrize("name", SUBMITTABLE_DOCTYPES)
def test_submittable_doctypes_have_amended_from(name):
	doc = DOCTYPES[name]
	amended = next((field for field in doc["fields"] if field["fieldname"] == "amended_from"), None)
	assert amended, f"{name} is submittable without amended_from"
	assert amended["fieldtype"] == "Link" and amended["options"] == name
	assert amended.get("no_copy") and amended.get("read_only")
	assert any(perm.get("submit") for perm in doc["permissions"]), f"no role may submit {name}"


@pytest.mark.parametrize("name", NAMED_DOCTYPES)
def test_naming_rule_is_well_formed(name):
	autoname = DOCTYPES[name].get("autoname") or ""
	assert autoname, f"{name} has no naming rule"
	assert NAMING_PATTERN.match(autoname), f"{name} autoname {autoname!r}"


@pytest.mark.parametrize("name", FIELD_NAMED_DOCTYPES)
def test_field_names_come_from_a_required_unique_field(name):
	doc = DOCTYPES[name]
	fieldname = doc["autoname"][len("field:") :]
	field = next((f for f in doc["fields"] if f["fieldname"] == fieldname), None)
	assert field, f"{name} is named by {fieldname}, which it does not have"
	assert field.get("reqd") and field.get("unique"), f"{name} is named by an optional or non-unique field"


@pytest.mark.parametrize("name", SERIES_NAMED_DOCTYPES)
def test_naming_series_doctypes_have_the_field(name):
	assert "naming_series" in {field["fieldname"] for field in DOCTYPES[name]["fields"]}


@pytest.mark.parametrize("name", TREE_DOCTYPES)
def test_trees_have_nested_set_fields(name):
	doc = DOCTYPES[name]
	fields = {field["fieldname"]: field for field in doc["fields"]}
	parent = doc["nsm_parent_field"]
	assert fields[parent]["fieldtype"] == "Link" and fields[parent]["options"] == name
	for fieldname in ("lft", "rgt", "old_parent", "is_group"):
		assert fieldname in fields, f"{name} misses {fieldname}"


@pytest.mark.parametrize("name", CHILD_DOCTYPES)
def test_child_tables_have_no_permissions(name):
	assert not DOCTYPES[name].get("permissions"), f"child table {name} has its own permissions"


@pytest.mark.parametrize("name", PARENT_DOCTYPES)
def test_permissions_are_present(name):
	roles = {perm["role"] for perm in DOCTYPES[name]["permissions"] if perm.get("read")}
	assert "System Manager" in roles
	assert roles & {"Sales User", "Sales Manager", "Sales Master Manager", "Accounts User", "Stock User"}


@pytest.mark.parametrize("name", ALL_DOCTYPES)
def test_each_doctype_has_its_controller(name):
	folder = DOCTYPE_PATHS[name].parent
	module = folder / f"{folder.name}.py"
	assert module.exists(), f"{name} has no controller"
	tree = ast.parse(module.read_text())
	class_name = name.replace(" ", "").replace("-", "")
	assert any(isinstance(node, ast.ClassDef) and node.name == class_name for node in tree.body), (
		f"{module} does not define {class_name}"
	)
	assert (folder / "__init__.py").exists()


@pytest.mark.parametrize("name", PARENT_DOCTYPES)
def test_each_parent_doctype_has_its_form_script_and_tests(name):
	folder = DOCTYPE_PATHS[name].parent
	assert (folder / f"{folder.name}.js").exists(), f"{name} has no form script"
	assert (folder / f"test_{folder.name}.py").exists(), f"{name} has no test module"


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_report_lives_in_its_module_folder(name):
	report = REPORTS[name]
	assert report["module"] in MODULES, (
		f"{name} belongs to {report['module']}, which modules.txt does not list"
	)
	expected = Path(scrub(report["module"]), "report", scrub(name), f"{scrub(name)}.json")
	assert REPORT_PATHS[name].relative_to(APP_ROOT) == expected, f"{name} is not in {expected.parent}"
	assert (REPORT_PATHS[name].parent / "__init__.py").exists()
	assert (REPORT_PATHS[name].parent.parent / "__init__.py").exists()
	assert report.get("is_standard") == "Yes", f"{name} ships with the app but is not standard"
	assert report.get("ref_doctype") in DOCTYPES, f"{name} reports on unknown {report.get('ref_doctype')}"
	assert report.get("roles"), f"no role may open {name}"


@pytest.mark.parametrize("name", SCRIPT_REPORTS)
def test_script_reports_define_execute(name):
	folder = REPORT_PATHS[name].parent
	module = folder / f"{folder.name}.py"
	assert module.exists(), f"{name} has no report module"
	tree = ast.parse(module.read_text())
	assert any(isinstance(node, ast.FunctionDef) and node.name == "execute" for node in tree.body), (
		f"{module} does not define execute"
	)


def test_python_sources_parse_and_use_tabs():
	paths = sorted(APP_ROOT.rglob("*.py"))
	assert paths
	for path in paths:
		source = path.read_text()
		ast.parse(source, filename=str(path))
		for number, line in enumerate(source.splitlines(), 1):
			assert not line.startswith("    "), f"{path}:{number} is indented with spaces"


def checks_of_this_file():
	tree = ast.parse(Path(__file__).read_text())
	return [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]


@pytest.mark.parametrize("check", checks_of_this_file(), ids=lambda check: check.name)
def test_checks_are_honest(check):
	"""No case of any check returns early, skips or asserts nothing, and no check has zero cases."""
	assert any(isinstance(node, ast.Assert) for node in check.body), f"{check.name} may assert nothing"
	for node in ast.walk(check):
		assert not isinstance(node, ast.Return | ast.Continue | ast.Break), (
			f"{check.name}:{node.lineno} exits early"
		)
		if isinstance(node, ast.Attribute):
			assert node.attr not in ("skip", "skipif", "xfail", "importorskip"), f"{check.name} may skip"
	for decorator in check.decorator_list:
		assert isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "pytest.mark.parametrize"
		cases = eval(ast.unparse(decorator.args[1]), globals())
		assert len(cases) > 0, f"{check.name} has no cases"
