"""Every report, list and new form of the app opens in the desk without a page error, a console error
or a server error (the guard of `open_desk` fails the test on any), as a user browsing the menus would
meet them."""

import json
from pathlib import Path
from urllib.parse import quote

from tests.browser.conftest import ADMIN_PASSWORD
from tests.browser.desk import slug

APP = Path(__file__).resolve().parents[2] / "sales_module"


def records(kind: str) -> list[dict]:
	found = []
	for path in sorted(APP.glob(f"*/{kind}/*/*.json")):
		if path.stem == path.parent.name:
			found.append(json.loads(path.read_text()))
	return found


REPORTS = sorted(doc["name"] for doc in records("report") if doc.get("doctype") == "Report")
DOCTYPES = sorted(
	doc["name"]
	for doc in records("doctype")
	if doc.get("doctype") == "DocType" and not doc.get("istable") and not doc.get("issingle")
)


def test_the_app_has_pages_to_open():
	assert len(REPORTS) >= 20 and len(DOCTYPES) >= 30, (len(REPORTS), len(DOCTYPES))


def test_every_report_list_and_new_form_opens(open_desk, api):
	"""One desk walks them all (a login per page would cost minutes); the guard names the page of
	every error it meets."""
	desk = open_desk("Administrator", ADMIN_PASSWORD)
	for report in REPORTS:
		desk.goto(f"query-report/{quote(report)}")
		desk.page.wait_for_function(
			"(name) => window.frappe && frappe.query_report && frappe.query_report.report_name === name",
			arg=report,
		)
		desk.settle()
	for doctype in DOCTYPES:
		desk.goto(slug(doctype))
		desk.page.wait_for_function(
			"(doctype) => window.cur_list && cur_list.doctype === doctype", arg=doctype
		)
		desk.settle()
		desk.new_form(doctype)
	desk.guard.assert_clean()
