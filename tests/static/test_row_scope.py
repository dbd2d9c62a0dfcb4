"""Every child table of the app follows its parent document (`sales_module/controllers/row_scope.py`): in
lists through the `permission_query_conditions` hook in hooks.py, one by one through its controller's
`ParentPermission` base. Checked without Frappe."""

import ast
import importlib.util
import json
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parents[2] / "sales_module"


def load_hooks():
	spec = importlib.util.spec_from_file_location("hooks", APP_ROOT / "hooks.py")
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


HOOKS = load_hooks()
CHILD_JSONS = {}
for path in sorted(APP_ROOT.glob("*/doctype/*/*.json")):
	if path.stem == path.parent.name:
		doc = json.loads(path.read_text())
		if doc.get("doctype") == "DocType" and doc.get("istable"):
			CHILD_JSONS[doc["name"]] = path


def test_every_child_table_has_the_list_hook():
	hooked = {
		doctype
		for doctype, method in HOOKS.permission_query_conditions.items()
		if method == "sales_module.controllers.row_scope.get_child_permission_query_conditions"
	}
	assert sorted(hooked) == sorted(CHILD_JSONS)


@pytest.mark.parametrize("doctype", sorted(CHILD_JSONS))
def test_every_child_controller_answers_by_its_parent(doctype):
	source = CHILD_JSONS[doctype].with_suffix(".py").read_text()
	classes = [node for node in ast.parse(source).body if isinstance(node, ast.ClassDef)]
	bases = [[getattr(base, "id", None) for base in cls.bases] for cls in classes]
	assert bases == [["ParentPermission", "Document"]]


def test_documents_named_by_their_party_have_both_hooks():
	party_doctypes = set(HOOKS._PARTY_DOCTYPES)
	assert {
		doctype for doctype, method in HOOKS.has_permission.items() if "row_scope" in method
	} == party_doctypes
	assert {
		doctype
		for doctype, method in HOOKS.permission_query_conditions.items()
		if method == "sales_module.controllers.row_scope.get_permission_query_conditions"
	} == party_doctypes
