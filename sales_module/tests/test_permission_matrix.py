"""The permission matrix (`sales_module/tests/permission_matrix.py`) walked over REST with real users and
API keys: every cell of every DocType for every principal, and every report of the app. A cell the policy
allows must answer 2xx (and do what it says); a cell it refuses must answer 403 and change nothing. The
test fails once, listing every cell that differs."""

from unittest.mock import patch

import frappe

from sales_module.tests import permission_matrix as pm
from sales_module.tests.matrix_world import WRITE_VALUES, World
from sales_module.tests.rest import RestTestCase


def report_filters(world: World) -> dict:
	"""Filters every report of the app accepts: the ones each requires, for the last quarter (the
	reports ignore the filters they have no use for)."""
	return {
		"from_date": frappe.utils.add_months(frappe.utils.nowdate(), -3),
		"to_date": frappe.utils.nowdate(),
		"report_date": frappe.utils.nowdate(),
		"doc_type": "Sales Order",
		"doctype": "Sales Order",
		"tree_type": "Customer",
		"value_quantity": "Value",
		"range": "Monthly",
		"view": "Funnel",
		"view_type": "Monthly",
		"timespan": "Last Year",
		"group_by": "Customer",
		"period": "Monthly",
		"target_on": "Amount",
		"fiscal_year": world.fiscal_year,
		"sales_plan": world.shared["Sales Plan"]["submitted"],
	}


# where a report reads a filter of the same name otherwise
REPORT_FILTERS = {
	"Accounts Receivable": {"range": "30, 60, 90, 120"},
	"Accounts Receivable Summary": {"range": "30, 60, 90, 120"},
	"Lost Quotations": {"group_by": "Lost Reason"},
}


def modified(doctype: str, name: str):
	frappe.db.commit()  # a fresh snapshot: the requests commit in their own connections
	return frappe.db.get_value(doctype, name, "modified")


def docstatus(doctype: str, name: str):
	frappe.db.commit()
	return frappe.db.get_value(doctype, name, "docstatus")


def listed_names(response) -> list[str]:
	"""The names in a (compressed) frappe.desk.reportview.get answer."""
	message = response.message or {}
	keys = message.get("keys") or []
	if "name" not in keys:
		return []
	index = keys.index("name")
	return [row[index] for row in message.get("values") or []]


class Walk:
	"""One principal's walk over the matrix; `differing` collects a line per cell that is not the policy."""

	def __init__(self, world: World, principal: str):
		self.world = world
		self.principal = principal
		self.client = world.clients[principal]
		self.differing: list[str] = []
		self.cells = 0

	def check(
		self,
		doctype: str,
		letter: str,
		response,
		done: bool = True,
		unchanged: bool = True,
		detail: str = "",
		refusals: tuple[int, ...] = (403,),
	) -> bool:
		"""An allowed cell answers 2xx and `done` holds (it did what it says); a refused one answers one of
		`refusals` and `unchanged` holds (it changed nothing)."""
		self.cells += 1
		expected = pm.may(self.principal, doctype, letter)
		good = (response.ok and done) if expected else (response.status in refusals and unchanged)
		if not good:
			verdict = "allows" if expected else "refuses"
			self.differing.append(
				f"{self.principal} | {doctype} | {pm.ACTIONS[letter]}: the policy {verdict}, REST answered "
				f"{response.why()}{'; ' + detail if detail else ''}"
			)
		return response.ok

	def walk(self) -> list[str]:
		for doctype in pm.MATRIX:
			self.walk_reads(doctype)
			if doctype in pm.SINGLE_DOCTYPES:
				self.walk_single_write(doctype)
			else:
				self.walk_changes(doctype)
		return self.differing

	# ------------------------------------------------------------ reading

	def walk_reads(self, doctype: str):
		name = self.world.readable(doctype)
		got = self.client.get_doc(doctype, name)
		got_name = got.json.get("data", {}).get("name") if got.ok else None
		self.check(doctype, "r", got, got_name == name, detail="GET /api/resource")
		if doctype in pm.SINGLE_DOCTYPES:
			return
		listed = self.client.call(
			"frappe.desk.reportview.get", doctype=doctype, fields=["name"], filters={"name": name}
		)
		self.check(doctype, "r", listed, listed_names(listed) == [name], detail="frappe.desk.reportview.get")

		report = self.client.call("frappe.desk.query_report.run", report_name=self.world.reports[doctype])
		self.check(doctype, "R", report, "result" in (report.message or {}))

		exported = self.client.call(
			"frappe.desk.reportview.export_query",
			doctype=doctype,
			file_format_type="CSV",
			fields=[f"`tab{doctype}`.`name`"],
			filters={"name": name},
		)
		self.check(doctype, "e", exported, name in exported.text)

		printed = self.client.call(
			"frappe.www.printview.get_html_and_style",
			doc=doctype,
			name=name,
			print_format=self.world.print_formats[doctype],
		)
		html = str((printed.message or {}).get("html"))
		self.check(doctype, "p", printed, name in html, detail="print view")
		pdf = self.client.call(
			"frappe.utils.print_format.download_pdf",
			verb="get",
			doctype=doctype,
			name=name,
			format=self.world.print_formats[doctype],
		)
		# Frappe answers a PDF nobody may print as a document that does not exist
		self.check(doctype, "p", pdf, pdf.data.startswith(b"%PDF"), detail="PDF", refusals=(403, 404))

	# ------------------------------------------------------------ changing

	def walk_single_write(self, doctype: str):
		before = modified(doctype, doctype)
		written = self.client.update(doctype, doctype, WRITE_VALUES.get(doctype, {}))
		after = modified(doctype, doctype)
		self.check(doctype, "w", written, done=after != before, unchanged=after == before)

	def fresh(self, doctype: str, **states) -> str:
		"""A document of Administrator's for an allowed action whose own document is missing (the
		principal's create was refused: that cell is already reported)."""
		return self.world.make(doctype, f"{self.principal} fresh {self.cells}", **states).name

	def walk_changes(self, doctype: str):
		shared = self.world.shared[doctype]
		submittable = doctype in pm.SUBMITTABLE_DOCTYPES
		untouchable = shared.get("draft") or shared["doc"]  # where refusals are tried

		# create
		payload = self.world.payloads(doctype, f"{self.principal} {self.world.run}")
		created = self.client.insert(doctype, payload)
		own = created.json["data"]["name"] if created.ok else None
		if own:
			self.world.record(doctype, own)
		self.check(doctype, "c", created)
		allowed = lambda letter: pm.may(self.principal, doctype, letter)  # noqa: E731

		# write
		target = (own or self.fresh(doctype)) if allowed("w") else untouchable
		before = modified(doctype, target)
		written = self.client.update(doctype, target, WRITE_VALUES.get(doctype, {}))
		after = modified(doctype, target)
		self.check(doctype, "w", written, done=after != before, unchanged=after == before)

		# submit and cancel
		cancelled = None
		if submittable:
			target = (own or self.fresh(doctype)) if allowed("s") else untouchable
			doc = frappe.get_doc(doctype, target).as_dict()
			submitted = self.client.call("frappe.client.submit", doc=doc)
			state = docstatus(doctype, target)
			self.check(doctype, "s", submitted, done=state == 1, unchanged=state == 0)
			done_submit = target if submitted.ok and allowed("s") else None

			target = (
				(done_submit or self.fresh(doctype, submit=True)) if allowed("x") else shared["submitted"]
			)
			cancel = self.client.call("frappe.client.cancel", doctype=doctype, name=target)
			state = docstatus(doctype, target)
			self.check(doctype, "x", cancel, done=state == 2, unchanged=state == 1)
			cancelled = target if cancel.ok and allowed("x") else None

		# delete: a cancelled document of a submittable DocType, else the principal's own
		if allowed("d"):
			target = (
				(cancelled or self.fresh(doctype, cancel=True))
				if submittable
				else (own or self.fresh(doctype))
			)
		else:
			target = untouchable
		deleted = self.client.delete(doctype, target)
		frappe.db.commit()
		exists = bool(frappe.db.exists(doctype, target))
		self.check(doctype, "d", deleted, done=not exists, unchanged=exists)


class TestPermissionMatrix(RestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = World.build()
		# a developer-mode site prints the traceback of every refusal: thousands of expected ones here

	@classmethod
	def tearDownClass(cls):
		cls.world.clean()
		super().tearDownClass()

	@patch("frappe.utils.pdf.get_pdf", lambda html, *args, **kwargs: b"%PDF-" + frappe.safe_encode(html))
	def test_every_cell_over_rest(self):
		differing, cells = [], 0
		for principal in pm.PRINCIPALS:
			walk = Walk(self.world, principal)
			differing += walk.walk()
			cells += walk.cells
		self.assertEqual(differing, [], "\n" + "\n".join(differing))
		# every DocType was tried for every principal
		self.assertGreater(cells, len(pm.PRINCIPALS) * len(pm.MATRIX) * 4)

	def test_every_report_of_the_app_answers_its_roles_only(self):
		differing = []
		reports = frappe.get_all(
			"Report", filters={"module": ("in", ["Selling", "Stock", "Accounts", "Setup"]), "is_standard": "Yes"},
			fields=["name", "ref_doctype"],
		)  # fmt: skip
		self.assertEqual(sorted(report.name for report in reports), sorted(pm.REPORT_ROLES))
		filters = report_filters(self.world)
		for principal in pm.PRINCIPALS:
			client = self.world.clients[principal]
			for report in reports:
				response = client.call(
					"frappe.desk.query_report.run",
					report_name=report.name,
					filters={**filters, **REPORT_FILTERS.get(report.name, {})},
					ignore_prepared_report=1,
				)
				expected = pm.may_run_report(principal, report.name, report.ref_doctype)
				good = response.ok and "result" in response.message if expected else response.status == 403
				if not good:
					differing.append(
						f"{principal} | report {report.name}: the policy "
						f"{'allows' if expected else 'refuses'}, REST answered {response.why()}"
					)
		self.assertEqual(differing, [], "\n" + "\n".join(differing))
