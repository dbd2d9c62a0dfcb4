"""Every `@frappe.whitelist` function and method of the app, found in the sources without Frappe: each is
listed below with how it checks permission on what it touches, declares the type of every argument
(Frappe checks the types on each call: `require_type_annotated_api_methods`), and either calls a
permission check itself or through the app's own functions it calls (found by following the calls), or
is listed as exempt with the reason. None is open to Guest."""

import ast
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parents[2] / "sales_module"

# the calls that check permission: Frappe's, the app's report helpers (`utils/reports.py`), and Frappe's
# permission-aware list and mapper
CHECKS = {
	"has_permission",
	"check_permission",
	"has_website_permission",
	"raise_no_permission_to",
	"permitted",
	"readable_names",
	"get_list",
	"get_mapped_doc",
}

# every whitelisted function of the app -> how it checks permission; "exempt: ..." where it needs none
WHITELISTED = {
	# pricing and the desk form
	"api.pricing.get_item_details": "get_items_details: Item, Customer and Price List read",
	"api.pricing.get_items_details": "Item read, the customer's and the price list's read",
	"api.desk.get_new_document_defaults": "create on the DocType (reads Selling Settings' defaults only)",
	"api.transaction.recalculate": "create / write on the draft as sent, read on its customer and price list",
	"api.erpnext.get_item_details": "get_items_details, and read on the warehouse",
	"api.erpnext.apply_pricing_rule": "get_items_details",
	"api.erpnext.get_payment_entry": "the mappers' read on the invoice or order",
	"api.erpnext.update_sales_order_status": "Sales Order.update_status: write on the order",
	"api.erpnext.close_or_unclose_sales_orders": "Sales Order.update_status: write on each order",
	"api.erpnext.make_order_from_blanket_order": "the blanket order mapper: read on the blanket order",
	# Frappe's search and count at their own paths (`override_whitelisted_methods`)
	"api.portal.search_link": "exempt: Frappe's search_link checks read / select and the user's permissions",
	"api.portal.search_widget": "exempt: Frappe's search_widget checks read / select and the user's permissions",
	"api.portal.get_count": "Frappe's get_count (checks read) or the permission-aware list for a portal user",
	# mappers and actions
	"selling.doctype.quotation.quotation.Quotation.declare_enquiry_lost": "write on the quotation",
	"selling.doctype.quotation.quotation.make_sales_order": "read on the quotation, create on the order",
	"selling.doctype.quotation.quotation.make_sales_invoice": "read on the quotation, create on the invoice",
	"selling.doctype.quotation.quotation.accept_quotation": "the portal's website permission on the quotation",
	"selling.doctype.sales_order.sales_order.SalesOrder.update_status": "write on the order",
	"selling.doctype.sales_order.sales_order.get_delivery_history": "read on the order",
	"selling.doctype.sales_order.sales_order.make_delivery_note": "read on the order, create on the note",
	"selling.doctype.sales_order.sales_order.make_sales_invoice": "read on the order, create on the invoice",
	"selling.doctype.sales_order.sales_order.make_payment_entry": "read on the order",
	"selling.doctype.blanket_order.blanket_order.BlanketOrder.update_status": "write on the blanket order",
	"selling.doctype.blanket_order.blanket_order.make_sales_order": "read on the blanket order",
	"selling.doctype.blanket_order.blanket_order.make_quotation": "read on the blanket order",
	"selling.order_changes.update_child_qty_rate": "write on the order",
	"stock.doctype.delivery_note.delivery_note.update_delivery_note_status": "write on the note",
	"stock.doctype.delivery_note.delivery_note.make_sales_invoice": "read on the note, create on the invoice",
	"stock.doctype.delivery_note.delivery_note.make_sales_return": "read on the note, create on the return",
	"accounts.doctype.sales_invoice.sales_invoice.SalesInvoice.set_advances": "read on the customer",
	"accounts.doctype.sales_invoice.sales_invoice.make_sales_return": "read on the invoice",
	"accounts.doctype.sales_invoice.sales_invoice.make_payment_entry": "read on the invoice",
	"accounts.doctype.dunning.dunning.create_dunning": "read on the invoice",
	"accounts.doctype.payment_entry.payment_entry.PaymentEntry.set_outstanding_references": (
		"read on the customer"
	),
	"accounts.doctype.payment_entry.payment_entry.get_outstanding_reference_documents": (
		"Sales Invoice read and read on the customer"
	),
	"accounts.doctype.payment_reconciliation.payment_reconciliation.PaymentReconciliation."
	"get_unreconciled_entries": "write on the tool, read on invoices, payments and the customer",
	"accounts.doctype.payment_reconciliation.payment_reconciliation.PaymentReconciliation."
	"allocate_entries": "write on the tool, read on invoices and payments",
	"accounts.doctype.payment_reconciliation.payment_reconciliation.PaymentReconciliation."
	"reconcile": "write on the tool and on invoices",
	"accounts.doctype.payment_terms_template.payment_terms_template.get_portion_total": (
		"exempt: adds up the portions it is given, reads nothing"
	),
	"accounts.doctype.monthly_distribution.monthly_distribution.MonthlyDistribution.get_months": (
		"exempt: fills twelve even months on the document it is called on (Frappe checked read), reads nothing"
	),
	"accounts.statement.get_statement_html": "read on the customer and Sales Invoice",
	"accounts.statement.download_statement": "read on the customer and Sales Invoice",
	"selling.doctype.commission_settlement.commission_settlement.CommissionSettlement."
	"get_eligible_documents": "create / write on the settlement",
	"selling.doctype.sales_plan.sales_plan.SalesPlan.spread_company_target": "write on the plan",
	"selling.doctype.sales_plan.sales_plan.get_progress": "read on the plan",
	"stock.utils.get_stock_availability": "read on the item and the warehouses",
	# the workspace's number cards and chart: permission-aware lists
	"selling.dashboard.revenue_this_month": "the permission-aware list of invoices",
	"selling.dashboard.open_orders": "the permission-aware list of orders",
	"selling.dashboard.orders_overdue_for_delivery": "the permission-aware list of orders",
	"selling.dashboard.overdue_invoices": "the permission-aware list of invoices",
	"selling.dashboard.total_receivable": "the permission-aware list of invoices",
	"selling.dashboard.plan_achievement_this_month": "the permission-aware list of plans",
	"selling.dashboard.plan_achievement_this_year": "the permission-aware list of plans",
	"selling.dashboard_chart_source.top_customers.top_customers.get": "the permission-aware invoice query",
}


class Module:
	def __init__(self, path: Path):
		self.path = path
		self.name = ".".join(path.relative_to(APP_ROOT).with_suffix("").parts)
		self.tree = ast.parse(path.read_text())
		self.functions = {node.name: node for node in self.tree.body if isinstance(node, ast.FunctionDef)}
		self.classes = {node.name: node for node in self.tree.body if isinstance(node, ast.ClassDef)}
		# imported names -> (app module, name) or app module aliases
		self.imported: dict[str, tuple[str, str]] = {}
		for node in ast.walk(self.tree):
			if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sales_module."):
				for alias in node.names:
					self.imported[alias.asname or alias.name] = (
						node.module.removeprefix("sales_module."),
						alias.name,
					)


def app_modules() -> dict[str, Module]:
	modules = {}
	for path in sorted(APP_ROOT.rglob("*.py")):
		relative = path.relative_to(APP_ROOT).parts
		if relative[0] in ("tests", "patches") or path.name.startswith("test_"):
			continue
		module = Module(path)
		modules[module.name.removesuffix(".__init__")] = module
	return modules


MODULES = app_modules()


def whitelist_decorator(node) -> ast.expr | None:
	for decorator in node.decorator_list:
		target = decorator.func if isinstance(decorator, ast.Call) else decorator
		if isinstance(target, ast.Attribute) and target.attr == "whitelist":
			return decorator
	return None


def discover() -> dict[str, tuple[Module, ast.FunctionDef, str | None]]:
	"""qualified name (without `sales_module.`) -> (module, function, class name)."""
	found = {}
	for module in MODULES.values():
		for function in module.functions.values():
			if whitelist_decorator(function):
				found[f"{module.name}.{function.name}"] = (module, function, None)
		for cls in module.classes.values():
			for node in cls.body:
				if isinstance(node, ast.FunctionDef) and whitelist_decorator(node):
					found[f"{module.name}.{cls.name}.{node.name}"] = (module, node, cls.name)
	return found


FOUND = discover()


def called_names(function: ast.FunctionDef):
	"""(kind, name) of each call in the function: ("name", f) for f(...), ("self", m) for self.m(...),
	("attr", (base, attr)) for base.attr(...)."""
	for node in ast.walk(function):
		if not isinstance(node, ast.Call):
			continue
		if isinstance(node.func, ast.Name):
			yield "name", node.func.id
		elif isinstance(node.func, ast.Attribute):
			base = node.func.value
			if isinstance(base, ast.Name) and base.id in ("self", "cls"):
				yield "self", node.func.attr
			else:
				yield "attr", (base.id if isinstance(base, ast.Name) else None, node.func.attr)


def checks_permission(module: Module, function: ast.FunctionDef, cls: str | None, seen=None) -> bool:
	"""Whether the function, or an app function it calls (followed through the app's modules), calls one
	of CHECKS."""
	seen = seen if seen is not None else set()
	key = (module.name, cls, function.name)
	if key in seen:
		return False
	seen.add(key)
	for kind, name in called_names(function):
		if kind == "attr":
			base, attr = name
			if attr in CHECKS:
				return True
			# `from sales_module.x import y` where y is a module of the app: y.f(...)
			if base in module.imported:
				target = MODULES.get(".".join(module.imported[base]))
				if target and attr in target.functions:
					if checks_permission(target, target.functions[attr], None, seen):
						return True
			continue
		if kind == "name" and name in CHECKS:
			return True
		if kind == "self" and name in CHECKS:
			return True
		if kind == "self" and cls:
			method = next(
				(
					node
					for node in module.classes[cls].body
					if isinstance(node, ast.FunctionDef) and node.name == name
				),
				None,
			)
			if method is not None and checks_permission(module, method, cls, seen):
				return True
		if kind == "name" and name in module.functions:
			if checks_permission(module, module.functions[name], None, seen):
				return True
		if kind == "name" and name in module.imported:
			resolved = module_function(module.imported[name])
			if resolved and checks_permission(*resolved, None, seen):
				return True
	return False


def module_function(imported: tuple[str, str] | None):
	if not imported:
		return None
	module = MODULES.get(imported[0])
	if module and imported[1] in module.functions:
		return module, module.functions[imported[1]]
	return None


def test_every_whitelisted_function_is_listed():
	assert sorted(FOUND) == sorted(WHITELISTED)


@pytest.mark.parametrize("name", sorted(FOUND))
def test_arguments_are_typed(name):
	_module, function, cls = FOUND[name]
	args = function.args
	params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
	if cls:
		params = params[1:]
	assert [param.arg for param in params if param.annotation is None] == []
	assert args.vararg is None and args.kwarg is None


@pytest.mark.parametrize("name", sorted(FOUND))
def test_no_guest_access(name):
	_module, function, _cls = FOUND[name]
	decorator = whitelist_decorator(function)
	keywords = decorator.keywords if isinstance(decorator, ast.Call) else []
	guest = [kw for kw in keywords if kw.arg == "allow_guest" and getattr(kw.value, "value", True)]
	assert guest == []


@pytest.mark.parametrize("name", sorted(FOUND))
def test_checks_permission_or_says_why_not(name):
	module, function, cls = FOUND[name]
	how = WHITELISTED.get(name, "")
	if how.startswith("exempt:"):
		# an exemption must be true: the function checks nothing itself
		assert not checks_permission(module, function, cls), f"{name} checks permission: drop its exemption"
	else:
		assert checks_permission(module, function, cls), f"{name} calls no permission check ({how})"
