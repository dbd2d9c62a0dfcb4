"""The permission policy (`sales_module/tests/permission_matrix.py`) against itself and the DocPerms shipped
in the DocType and report JSONs, without Frappe. The same matrix is walked over REST by
`sales_module/tests/test_permission_matrix.py`."""

import importlib.util
import json
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parents[2] / "sales_module"


def load_matrix():
	# by path: the package `sales_module.tests` imports Frappe
	spec = importlib.util.spec_from_file_location(
		"permission_matrix", APP_ROOT / "tests/permission_matrix.py"
	)
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


pm = load_matrix()


def app_jsons(kind: str) -> dict[str, dict]:
	found = {}
	for path in sorted(APP_ROOT.glob(f"*/{kind}/*/*.json")):
		if path.stem == path.parent.name:
			doc = json.loads(path.read_text())
			found[doc["name"]] = doc
	return found


DOCTYPES = {name: doc for name, doc in app_jsons("doctype").items() if doc.get("doctype") == "DocType"}
PARENT_DOCTYPES = sorted(name for name, doc in DOCTYPES.items() if not doc.get("istable"))
REPORTS = {name: doc for name, doc in app_jsons("report").items() if doc.get("doctype") == "Report"}

# the DocPerm field of each column
PERM_FIELDS = pm.ACTIONS
# the roles Frappe gives a user of each principal besides their own (every user holds Guest; a logged-in
# user All; a System User Desk User)
IMPLICIT_ROLES = {
	pm.GUEST: ("Guest",),
	pm.PORTAL_USER: ("Guest", "All"),
}
DESK_IMPLICIT_ROLES = ("Guest", "All", "Desk User")


def shipped(principal: str, doctype: str) -> str:
	"""The letters the DocType JSON gives the principal's roles at permlevel 0, in the matrix's columns."""
	roles = set(pm.ROLES[principal]) | set(IMPLICIT_ROLES.get(principal, DESK_IMPLICIT_ROLES))
	rows = [
		perm
		for perm in DOCTYPES[doctype].get("permissions", [])
		if perm["role"] in roles and not perm.get("permlevel")
	]
	return "".join(
		letter for letter in pm.columns(doctype) if any(row.get(PERM_FIELDS[letter]) for row in rows)
	)


def in_columns(doctype: str, cell: str) -> str:
	return "".join(letter for letter in pm.columns(doctype) if letter in cell)


def test_every_doctype_has_a_row_and_every_row_a_doctype():
	assert sorted(pm.MATRIX) == PARENT_DOCTYPES


def test_singles_and_submittables_are_those_of_the_jsons():
	assert sorted(pm.SINGLE_DOCTYPES) == sorted(n for n in PARENT_DOCTYPES if DOCTYPES[n].get("issingle"))
	assert sorted(pm.SUBMITTABLE_DOCTYPES) == sorted(
		n for n in PARENT_DOCTYPES if DOCTYPES[n].get("is_submittable")
	)


def test_every_row_has_a_cell_per_principal_with_known_letters():
	for doctype, row in pm.MATRIX.items():
		assert len(row) == len(pm.PRINCIPALS), doctype
		for cell in row:
			assert set(cell) <= set(pm.ACTIONS), (doctype, cell)
			assert cell == in_columns(doctype, cell), f"{doctype}: {cell!r} names a column it has not"


@pytest.mark.parametrize("doctype", PARENT_DOCTYPES)
def test_shipped_docperms_are_the_policy(doctype):
	differing = {
		principal: {"policy": pm.allowed(principal, doctype), "json": shipped(principal, doctype)}
		for principal in pm.PRINCIPALS
		if shipped(principal, doctype) != pm.allowed(principal, doctype)
	}
	assert differing == {}


@pytest.mark.parametrize("doctype", PARENT_DOCTYPES)
def test_no_docperm_depends_on_ownership_or_a_level_the_policy_does_not_name(doctype):
	perms = DOCTYPES[doctype].get("permissions", [])
	assert [perm["role"] for perm in perms if perm.get("if_owner")] == []
	# one row per role and level: a second row would hide what the first one gives
	keys = [(perm["role"], perm.get("permlevel") or 0) for perm in perms]
	assert sorted(keys) == sorted(set(keys))


@pytest.mark.parametrize("doctype", sorted(pm.SUBMITTABLE_DOCTYPES))
def test_amend_goes_to_those_who_create_and_cancel(doctype):
	for perm in DOCTYPES[doctype]["permissions"]:
		if perm.get("permlevel"):
			continue
		assert bool(perm.get("amend")) == bool(perm.get("create") and perm.get("cancel")), perm["role"]


def test_the_rows_keep_the_policys_rules():
	broken = []
	desk_roles = (pm.SALES_USER, pm.SALES_MANAGER, pm.MASTER_MANAGER, pm.ACCOUNTS_USER, pm.STOCK_USER)
	for doctype, row in pm.MATRIX.items():
		for principal, cell in zip(pm.PRINCIPALS, row, strict=True):
			where = f"{principal} on {doctype} ({cell!r})"
			if cell and "r" not in cell:
				broken.append(f"{where}: rights without read")
			if "x" in cell and "s" not in cell:
				broken.append(f"{where}: cancels what it cannot submit")
			if doctype in pm.SUBMITTABLE_DOCTYPES and "d" in cell and "x" not in cell:
				broken.append(f"{where}: deletes what it cannot cancel")
			if doctype in pm.SINGLE_DOCTYPES:
				continue
			if principal in desk_roles and "r" in cell and not {"R", "p"} <= set(cell):
				broken.append(f"{where}: reads without report and print")
			ledger = doctype in ("Bin", "Stock Ledger Entry") and principal == pm.STOCK_USER
			if ("e" in cell) != ("c" in cell or ledger):
				broken.append(f"{where}: export does not go with create")
	for principal in (pm.DESK_USER, pm.GUEST):
		broken += [f"{principal} on {dt}" for dt in pm.MATRIX if pm.allowed(principal, dt)]
	for doctype in pm.MATRIX:
		cell = pm.allowed(pm.PORTAL_USER, doctype)
		if cell != ("rp" if doctype in pm.PORTAL_DOCTYPES else ""):
			broken.append(f"portal user on {doctype}: {cell!r}")
	assert broken == []


def test_report_roles_are_the_policy():
	shipped_roles = {
		name: sorted(role["role"] for role in doc.get("roles", []) if role["role"] != "System Manager")
		for name, doc in REPORTS.items()
	}
	assert shipped_roles == {name: sorted(roles) for name, roles in pm.REPORT_ROLES.items()}


def test_every_role_of_a_report_may_report_on_its_doctype():
	# frappe.desk.query_report.run refuses a role of the report without report permission on ref_doctype
	dead = [
		(name, role)
		for name, roles in pm.REPORT_ROLES.items()
		for role in roles
		if not pm.may(role, REPORTS[name]["ref_doctype"], "R")
	]
	assert dead == []


FIGURE_TYPES = {"Currency", "Float", "Int", "Percent"}


def submittable_tables() -> list[str]:
	"""The submittable DocTypes and the child tables of their documents."""
	names = set(pm.SUBMITTABLE_DOCTYPES)
	for doctype in pm.SUBMITTABLE_DOCTYPES:
		names |= {
			field["options"]
			for field in DOCTYPES[doctype]["fields"]
			if field["fieldtype"] in ("Table", "Table MultiSelect")
		}
	return sorted(names)


@pytest.mark.parametrize("doctype", submittable_tables())
def test_no_figure_changes_after_submit(doctype):
	# frappe.client.set_value and the bulk edits change allow_on_submit fields only: figures have none
	changeable = [
		field["fieldname"]
		for field in DOCTYPES[doctype]["fields"]
		if field.get("allow_on_submit") and field["fieldtype"] in FIGURE_TYPES
	]
	assert changeable == []
