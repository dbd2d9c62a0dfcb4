"""Static checks over every DocType JSON of the app: they run without Frappe."""

import ast
import json
import keyword
import re
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parents[2] / "sales_module"
MODULE_DIRS = [
	APP_ROOT / line.strip().lower().replace(" ", "_")
	for line in (APP_ROOT / "modules.txt").read_text().splitlines()
	if line.strip()
]
DOCTYPE_JSONS = sorted(
	path
	for module in MODULE_DIRS
	for path in module.glob("doctype/*/*.json")
	if path.stem == path.parent.name
)
DOCTYPES = {json.loads(path.read_text())["name"]: json.loads(path.read_text()) for path in DOCTYPE_JSONS}

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


def ids(items):
	return [item if isinstance(item, str) else item.name for item in items]


def test_the_app_has_doctypes():
	assert len(DOCTYPES) >= 15


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_json_names_match_their_folder(name):
	doc = DOCTYPES[name]
	folder = next(path.parent for path in DOCTYPE_JSONS if json.loads(path.read_text())["name"] == name)
	assert folder.name == name.lower().replace(" ", "_").replace("-", "_")
	assert doc["doctype"] == "DocType"
	assert doc["module"] == "Sales Module"


@pytest.mark.parametrize("name", sorted(DOCTYPES))
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


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_link_and_table_targets_exist(name):
	for field in DOCTYPES[name]["fields"]:
		if field["fieldtype"] not in ("Link", "Table", "Table MultiSelect"):
			continue
		target = field.get("options")
		assert target, f"{name}.{field['fieldname']} has no target"
		assert target in DOCTYPES or target in FRAPPE_CORE_DOCTYPES, (
			f"{name}.{field['fieldname']} -> {target}"
		)
		if field["fieldtype"] != "Link":
			assert DOCTYPES[target].get("istable"), (
				f"{name}.{field['fieldname']} points to non-child {target}"
			)


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_fetch_from_refers_to_a_link_of_the_same_doctype(name):
	fields = {field["fieldname"]: field for field in DOCTYPES[name]["fields"]}
	for field in fields.values():
		if not field.get("fetch_from"):
			continue
		link_field, target_field = field["fetch_from"].split(".", 1)
		assert fields.get(link_field, {}).get("fieldtype") == "Link", f"{name}.{field['fieldname']}"
		target = DOCTYPES.get(fields[link_field]["options"])
		if target:
			assert target_field in {f["fieldname"] for f in target["fields"]}, f"{name}.{field['fieldname']}"


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_selects_have_options_and_defaults_among_them(name):
	for field in DOCTYPES[name]["fields"]:
		if field["fieldtype"] != "Select":
			continue
		options = (field.get("options") or "").split("\n")
		assert any(options), f"{name}.{field['fieldname']} has no options"
		if "default" in field:
			assert field["default"] in options, f"{name}.{field['fieldname']} default not an option"


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_submittable_doctypes_have_amended_from(name):
	doc = DOCTYPES[name]
	if not doc.get("is_submittable"):
		return
	amended = next((field for field in doc["fields"] if field["fieldname"] == "amended_from"), None)
	assert amended, f"{name} is submittable without amended_from"
	assert amended["fieldtype"] == "Link" and amended["options"] == name
	assert amended.get("no_copy") and amended.get("read_only")
	assert any(perm.get("submit") for perm in doc["permissions"]), f"no role may submit {name}"


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_naming_rule_is_well_formed(name):
	doc = DOCTYPES[name]
	if doc.get("istable") or doc.get("issingle"):
		return
	autoname = doc.get("autoname") or ""
	assert autoname, f"{name} has no naming rule"
	assert NAMING_PATTERN.match(autoname), f"{name} autoname {autoname!r}"
	fieldnames = {field["fieldname"] for field in doc["fields"]}
	if autoname.startswith("field:"):
		field = next(f for f in doc["fields"] if f["fieldname"] == autoname[6:])
		assert field.get("reqd") and field.get("unique"), (
			f"{name} is named by an optional or non-unique field"
		)
	if autoname == "naming_series:":
		assert "naming_series" in fieldnames


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_trees_have_nested_set_fields(name):
	doc = DOCTYPES[name]
	if not doc.get("is_tree"):
		return
	fields = {field["fieldname"]: field for field in doc["fields"]}
	parent = doc["nsm_parent_field"]
	assert fields[parent]["fieldtype"] == "Link" and fields[parent]["options"] == name
	for fieldname in ("lft", "rgt", "old_parent", "is_group"):
		assert fieldname in fields, f"{name} misses {fieldname}"


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_permissions_are_present(name):
	doc = DOCTYPES[name]
	if doc.get("istable"):
		assert not doc["permissions"]
		return
	roles = {perm["role"] for perm in doc["permissions"] if perm.get("read")}
	assert "System Manager" in roles
	assert roles & {"Sales User", "Sales Manager", "Sales Master Manager", "Accounts User", "Stock User"}


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_each_doctype_has_its_controller_form_script_and_tests(name):
	folder = next(path.parent for path in DOCTYPE_JSONS if json.loads(path.read_text())["name"] == name)
	module = folder / f"{folder.name}.py"
	assert module.exists(), f"{name} has no controller"
	tree = ast.parse(module.read_text())
	class_name = name.replace(" ", "").replace("-", "")
	assert any(isinstance(node, ast.ClassDef) and node.name == class_name for node in tree.body), (
		f"{module} does not define {class_name}"
	)
	assert (folder / "__init__.py").exists()
	if not DOCTYPES[name].get("istable"):
		assert (folder / f"{folder.name}.js").exists(), f"{name} has no form script"
		assert (folder / f"test_{folder.name}.py").exists(), f"{name} has no test module"


def test_python_sources_parse_and_use_tabs():
	for path in APP_ROOT.rglob("*.py"):
		source = path.read_text()
		ast.parse(source, filename=str(path))
		for number, line in enumerate(source.splitlines(), 1):
			assert not line.startswith("    "), f"{path}:{number} is indented with spaces"
