"""Sites made before the business-area modules kept every DocType in one module, "Sales Module".

Before the DocTypes are synced from their new folders, the new Module Defs exist and every record that
names the old module (DocTypes, reports, custom fields, property setters, workspaces) names the module
its DocType now lives in; the old Module Def goes when nothing refers to it any more.
"""

import json
from pathlib import Path

import frappe

OLD_MODULE = "Sales Module"
APP = "sales_module"


def execute():
	modules = app_modules()
	for module in modules:
		ensure_module_def(module)
	placement = {**documents_by_module("doctype"), **documents_by_module("report")}
	for (kind, name), module in placement.items():
		frappe.db.set_value(
			kind, {"name": name, "module": OLD_MODULE}, "module", module, update_modified=False
		)
	for doctype, target_field in (("Custom Field", "dt"), ("Property Setter", "doc_type")):
		for record in frappe.get_all(doctype, filters={"module": OLD_MODULE}, fields=["name", target_field]):
			module = placement.get(("DocType", record[target_field]), modules[0])
			frappe.db.set_value(doctype, record.name, "module", module, update_modified=False)
	if frappe.db.exists("DocType", "Workspace"):
		frappe.db.set_value("Workspace", {"module": OLD_MODULE}, "module", modules[0], update_modified=False)
	if frappe.db.exists("Module Def", OLD_MODULE) and not still_referred(OLD_MODULE):
		frappe.delete_doc("Module Def", OLD_MODULE, force=True, ignore_permissions=True)


def app_modules() -> list[str]:
	return frappe.get_module_list(APP)


def ensure_module_def(module: str):
	if not frappe.db.exists("Module Def", module):
		frappe.get_doc({"doctype": "Module Def", "module_name": module, "app_name": APP}).insert(
			ignore_permissions=True
		)


def documents_by_module(kind: str) -> dict[tuple[str, str], str]:
	"""{("DocType" | "Report", name): module} from the JSON files in the app's module folders."""
	doctype = "DocType" if kind == "doctype" else "Report"
	found = {}
	for path in Path(frappe.get_app_path(APP)).glob(f"*/{kind}/*/*.json"):
		if path.stem != path.parent.name:
			continue
		definition = json.loads(path.read_text())
		if definition.get("doctype") == doctype and definition.get("module"):
			found[(doctype, definition["name"])] = definition["module"]
	return found


def still_referred(module: str) -> bool:
	return any(
		frappe.db.exists(doctype, {"module": module})
		for doctype in ("DocType", "Report", "Page", "Custom Field", "Property Setter", "Workspace")
		if frappe.db.exists("DocType", doctype)
	)
