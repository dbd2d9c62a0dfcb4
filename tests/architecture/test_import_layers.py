"""The app's import graph: no circles, and no module imports from a layer above its own.

Layers, lowest first: the engine (pure calculations) <- data (loaders, caches, framework glue in
`utils/`, the exception classes) <- services (shared flow: `controllers/` and the helpers beside each module's DocTypes)
<- DocType controllers <- surfaces (API, reports, hooks, install, patches). Imports written inside
functions count as much as those at the top; imports made only for type checking do not. A DocType
controller reaches another DocType through a service or `doc_events`, never by importing it; tests
may import anything.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "sales_module"
AREAS = ("selling", "stock", "accounts", "setup")
LAYERS = ("engine", "data", "services", "doctypes", "surfaces")


def module_name(path: Path) -> str:
	parts = path.relative_to(ROOT).with_suffix("").parts
	return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_test(path: Path) -> bool:
	return path.name.startswith("test_") or "tests" in path.relative_to(PACKAGE).parts


def layer_of(module: str) -> str:
	parts = module.split(".")[1:]
	if not parts or parts == ["__init__"]:
		return "engine"  # the package itself (its version) is below everything
	head = parts[0]
	if head == "engine":
		return "engine"
	if head in ("utils", "exceptions"):
		return "data"
	if head == "controllers":
		return "services"
	if head in AREAS:
		if len(parts) > 1 and parts[1] == "doctype":
			return "doctypes"
		if len(parts) > 1 and parts[1] == "report":
			return "surfaces"
		return "services"
	return "surfaces"  # api, hooks, install, patches, config


def doctype_of(module: str) -> str | None:
	parts = module.split(".")
	if len(parts) > 3 and parts[1] in AREAS and parts[2] == "doctype":
		return parts[3]
	return None


class ImportCollector(ast.NodeVisitor):
	"""The app modules a source imports, outside `if TYPE_CHECKING:` blocks."""

	def __init__(self, module: str, is_package: bool):
		self.module, self.is_package = module, is_package
		self.found: set[str] = set()

	def visit_If(self, node: ast.If):
		test = node.test
		if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
			isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
		):
			for child in node.orelse:
				self.visit(child)
			return
		self.generic_visit(node)

	def visit_Import(self, node: ast.Import):
		for alias in node.names:
			self.add(alias.name)

	def visit_ImportFrom(self, node: ast.ImportFrom):
		if node.level:
			base = self.module.split(".")
			base = base if self.is_package else base[:-1]
			base = base[: len(base) - node.level + 1]
			target = ".".join(base + ([node.module] if node.module else []))
		else:
			target = node.module or ""
		for alias in node.names:
			# `from package import submodule` imports the submodule, not what the package defines
			submodule = f"{target}.{alias.name}"
			self.add(submodule if submodule in MODULES else target)

	def add(self, name: str):
		if name == "sales_module" or name.startswith("sales_module."):
			self.found.add(name)


def app_modules() -> dict[str, Path]:
	return {module_name(path): path for path in PACKAGE.rglob("*.py")}


MODULES = app_modules()


def resolve(name: str, modules: dict[str, Path]) -> str | None:
	"""The app module a dotted import names (an imported attribute resolves to its module)."""
	while name:
		if name in modules:
			return name
		name = name.rpartition(".")[0]
	return None


def import_graph() -> dict[str, set[str]]:
	graph = {}
	for module, path in MODULES.items():
		collector = ImportCollector(module, path.name == "__init__.py")
		collector.visit(ast.parse(path.read_text(), str(path)))
		targets = {resolve(name, MODULES) for name in collector.found}
		graph[module] = {target for target in targets if target and target != module}
	return graph


GRAPH = import_graph()
SOURCES = sorted(module for module, path in MODULES.items() if not is_test(path))


def test_the_graph_covers_every_layer():
	assert {layer_of(module) for module in SOURCES} == set(LAYERS)


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
	"""Tarjan's components of more than one module (or a module importing itself)."""
	index: dict[str, int] = {}
	low: dict[str, int] = {}
	stack: list[str] = []
	on_stack: set[str] = set()
	found: list[set[str]] = []
	counter = [0]

	def visit(node: str):
		index[node] = low[node] = counter[0]
		counter[0] += 1
		stack.append(node)
		on_stack.add(node)
		for target in graph.get(node, ()):
			if target not in index:
				visit(target)
				low[node] = min(low[node], low[target])
			elif target in on_stack:
				low[node] = min(low[node], index[target])
		if low[node] == index[node]:
			component = set()
			while True:
				member = stack.pop()
				on_stack.discard(member)
				component.add(member)
				if member == node:
					break
			if len(component) > 1:
				found.append(component)

	for node in sorted(graph):
		if node not in index:
			visit(node)
	return found


def test_no_import_circles():
	assert strongly_connected(GRAPH) == []


@pytest.mark.parametrize("module", SOURCES)
def test_imports_only_from_its_own_layer_or_below(module):
	rank = LAYERS.index(layer_of(module))
	upward = sorted(target for target in GRAPH[module] if LAYERS.index(layer_of(target)) > rank)
	assert upward == []


@pytest.mark.parametrize("module", [module for module in SOURCES if doctype_of(module)])
def test_a_doctype_controller_imports_no_other_doctype(module):
	others = sorted(
		target for target in GRAPH[module] if doctype_of(target) and doctype_of(target) != doctype_of(module)
	)
	assert others == []


def test_the_checker_sees_a_circle_and_an_upward_import():
	graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
	assert strongly_connected(graph) == [{"a", "b", "c"}]
	assert layer_of("sales_module.utils.cache") == "data"
	assert layer_of("sales_module.selling.doctype.sales_order.sales_order") == "doctypes"
	assert LAYERS.index(layer_of("sales_module.selling.doctype.quotation.quotation")) > LAYERS.index(
		layer_of("sales_module.controllers.status_updater")
	)
