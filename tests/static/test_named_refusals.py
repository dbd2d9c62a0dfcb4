"""Every refusal of the app names its exception class, so a REST client tells refusals apart by `exc_type`.

Each `frappe.throw` outside the tests and the engine passes a class: the second positional argument or
`exc=` (one of `sales_module.exceptions`, or Frappe's own where its meaning fits exactly).
"""

import ast
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parents[2] / "sales_module"


def is_frappe_throw(node: ast.AST) -> bool:
	return (
		isinstance(node, ast.Call)
		and isinstance(node.func, ast.Attribute)
		and node.func.attr == "throw"
		and isinstance(node.func.value, ast.Name)
		and node.func.value.id == "frappe"
	)


def app_throws() -> list:
	found = []
	for path in sorted(APP_ROOT.rglob("*.py")):
		relative = path.relative_to(APP_ROOT)
		if relative.parts[0] in ("engine", "tests") or path.name.startswith("test_"):
			continue
		for node in ast.walk(ast.parse(path.read_text(), str(path))):
			if is_frappe_throw(node):
				found.append(pytest.param(node, id=f"{relative}:{node.lineno}"))
	return found


THROWS = app_throws()


def exception_of(call: ast.Call) -> ast.expr | None:
	if len(call.args) > 1:
		return call.args[1]
	return next((keyword.value for keyword in call.keywords if keyword.arg == "exc"), None)


def test_the_app_has_throws_to_check():
	assert len(THROWS) > 100


@pytest.mark.parametrize("call", THROWS)
def test_a_throw_names_its_exception_class(call):
	assert exception_of(call) is not None, ast.unparse(call)[:200]


@pytest.mark.parametrize("call", THROWS)
def test_a_throw_names_a_class_narrower_than_validation_error(call):
	# a bare ValidationError tells a client nothing more than the status code does
	assert ast.unparse(exception_of(call)) not in ("frappe.ValidationError", "ValidationError"), ast.unparse(
		call
	)[:200]
