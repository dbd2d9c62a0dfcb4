"""The engine must stay importable without Frappe: no module may import frappe."""

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "sales_module" / "engine"


def _frappe_imports(path: Path) -> list[str]:
	tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
	found = []
	for node in ast.walk(tree):
		if isinstance(node, ast.Import):
			names = [alias.name for alias in node.names]
		elif isinstance(node, ast.ImportFrom):
			names = [node.module or ""]
		else:
			continue
		found.extend(f"{path.name}:{node.lineno} {name}" for name in names if name.split(".")[0] == "frappe")
	return found


def test_engine_has_python_modules():
	assert len(list(ENGINE.rglob("*.py"))) >= 10


def test_no_module_imports_frappe():
	offenders = [hit for path in sorted(ENGINE.rglob("*.py")) for hit in _frappe_imports(path)]
	assert offenders == []


def test_detector_catches_both_import_forms(tmp_path):
	sample = tmp_path / "sample.py"
	sample.write_text("import frappe\nfrom frappe.utils import flt\nimport os\n", encoding="utf-8")
	assert len(_frappe_imports(sample)) == 2
