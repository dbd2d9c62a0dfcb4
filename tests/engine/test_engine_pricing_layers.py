"""The pricing package's shape: modules in layers (each imports only modules listed before it, so no
circles), the old single module gone, and the public API unchanged."""

import ast
import importlib.util
from pathlib import Path

import sales_module.engine as engine

PRICING = Path(__file__).resolve().parents[2] / "sales_module" / "engine" / "pricing"
# lowest first: a module may import only modules that come before it
LAYERS = (
	"constants",
	"explanation",
	"model",
	"validation",
	"context",
	"results",
	"index",
	"selection",
	"free_items",
	"rates",
	"transaction",
	"document",
	"arbitration",
)
# what ``from sales_module.engine import ...`` offered for pricing before the split
PRICING_API = (
	"FreeItem",
	"FreeItemPlan",
	"LinePricing",
	"PricingContext",
	"PricingLine",
	"PricingResult",
	"PricingRule",
	"RuleIndex",
	"TransactionPricing",
	"build_ancestor_map",
	"price_document",
	"price_line",
	"price_transaction",
	"reconcile_free_items",
	"validate_pricing_rule",
)


def package_imports(path: Path) -> list[tuple[int, str]]:
	"""(line, module) for every import of a sibling module, wherever it is written (functions and
	``TYPE_CHECKING`` blocks included); ``from .. import x`` / ``from ..pricing`` count as ``..``."""
	found = []
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		if isinstance(node, ast.ImportFrom) and node.level == 1:
			if node.module:
				found.append((node.lineno, node.module.split(".")[0]))
			else:
				found.extend((node.lineno, alias.name) for alias in node.names)
		elif (
			isinstance(node, ast.ImportFrom) and node.level == 2 and (node.module or "").startswith("pricing")
		):
			found.append((node.lineno, ".."))
		elif isinstance(node, ast.ImportFrom | ast.Import):
			names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
			found.extend(
				(node.lineno, "..") for name in names if name.startswith("sales_module.engine.pricing")
			)
	return found


def test_every_module_has_a_layer():
	modules = {path.stem for path in PRICING.glob("*.py")} - {"__init__"}
	assert modules == set(LAYERS)


def test_each_module_imports_only_modules_below_it():
	offenders = []
	for position, name in enumerate(LAYERS):
		allowed = set(LAYERS[:position])
		for line, imported in package_imports(PRICING / f"{name}.py"):
			if imported not in allowed:
				offenders.append(f"{name}.py:{line} imports {imported}")
	assert offenders == []


def test_layer_check_sees_relative_parent_and_absolute_forms(tmp_path):
	sample = tmp_path / "sample.py"
	sample.write_text(
		"from .model import PricingRule\nfrom . import rates\nfrom ..pricing import price_line\n"
		"def f():\n\timport sales_module.engine.pricing.document\nfrom ..money import ZERO\n",
		encoding="utf-8",
	)
	assert [imported for _line, imported in package_imports(sample)] == ["model", "rates", "..", ".."]


def test_the_single_module_is_gone():
	assert importlib.util.find_spec("sales_module.engine.pricing_rules") is None


def test_public_pricing_api_still_comes_from_the_engine():
	missing = [name for name in PRICING_API if name not in engine.__all__ or not hasattr(engine, name)]
	assert missing == []
	assert engine.RuleIndex.__module__ == "sales_module.engine.pricing.index"
