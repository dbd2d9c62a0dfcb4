"""Every EngineValidationError the engine raises carries a code listed in ERROR_CODES, and every listed
code is raised somewhere. Codes are read from the source: literal ``code=`` arguments, shipping band
problems and coupon check reasons (both re-raised with their own code)."""

import ast
from pathlib import Path

from sales_module.engine import ERROR_CODES, EngineValidationError

ENGINE = Path(__file__).resolve().parents[2] / "sales_module" / "engine"
RAISERS = {"EngineValidationError", "_fail"}  # ``_fail(template, *params, code=...)`` raises
# sites that pass on a code found elsewhere in the source: their sources are scanned instead
FORWARDED = {
	"_fail": {"code"},
	"raise_if_invalid": {"self.reason"},  # CouponCheck reasons
	"validate_shipping_rule": {"problems[0].code"},  # BandProblem codes
}


def call_name(node: ast.Call) -> str:
	func = node.func
	return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def scan(source: str) -> tuple[set[str], list[str]]:
	"""(codes found, problems) in one module's source."""
	codes: set[str] = set()
	problems: list[str] = []
	tree = ast.parse(source)
	functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
	enclosing = {id(call): fn.name for fn in functions for call in ast.walk(fn) if isinstance(call, ast.Call)}
	for node in ast.walk(tree):
		if not isinstance(node, ast.Call):
			continue
		name = call_name(node)
		if name in RAISERS:
			code = next((kw.value for kw in node.keywords if kw.arg == "code"), None)
			if isinstance(code, ast.Constant) and isinstance(code.value, str):
				codes.add(code.value)
			elif code is None or ast.unparse(code) not in FORWARDED.get(enclosing.get(id(node), ""), set()):
				problems.append(f"line {node.lineno}: {name}(...) without a literal code")
		elif name == "BandProblem" and node.args and isinstance(node.args[0], ast.Constant):
			codes.add(node.args[0].value)
		elif name == "CouponCheck" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
			codes.add(node.args[1].value)
	return codes, problems


def engine_codes() -> tuple[set[str], list[str]]:
	codes: set[str] = set()
	problems: list[str] = []
	for path in sorted(ENGINE.rglob("*.py")):
		found, wrong = scan(path.read_text(encoding="utf-8"))
		codes |= found
		problems += [f"{path.relative_to(ENGINE)} {problem}" for problem in wrong]
	return codes, problems


def test_every_raise_carries_a_code():
	assert engine_codes()[1] == []


def test_error_codes_table_matches_the_raise_sites():
	codes = engine_codes()[0]
	assert sorted(codes - set(ERROR_CODES)) == []  # raised but not listed
	assert sorted(set(ERROR_CODES) - codes) == []  # listed but never raised


def test_every_code_has_a_one_line_meaning():
	assert [code for code, meaning in ERROR_CODES.items() if not meaning.strip() or "\n" in meaning] == []
	assert all(code == code.strip().lower() and " " not in code for code in ERROR_CODES)


def test_scan_flags_missing_and_computed_codes():
	source = (
		"def f(x):\n"
		"\traise EngineValidationError('a {0}', x)\n"
		"def g(x):\n"
		"\traise EngineValidationError('b', code=x)\n"
		"def h():\n"
		"\t_fail('c', code='fine')\n"
	)
	codes, problems = scan(source)
	assert codes == {"fine"}
	assert problems == [
		"line 2: EngineValidationError(...) without a literal code",
		"line 4: EngineValidationError(...) without a literal code",
	]


def test_the_constructor_default_code_is_not_an_engine_code():
	assert "invalid" not in ERROR_CODES
	assert EngineValidationError("x").code == "invalid"
