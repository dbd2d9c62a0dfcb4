"""Property-based fuzzing of the REST surface (hypothesis): bad input, everywhere.

Targets: every submittable DocType of the app through `/api/resource` (POST as a draft and with docstatus 1,
PUT on an existing draft) and `frappe.client.insert / save / submit`; every whitelisted function of the
app and every path `override_whitelisted_methods` sends to one, through `/api/method`; every whitelisted
method of the app's controllers through `run_doc_method`.

Each example starts from a valid payload (or plausible arguments) and mutates it: wrong types, missing
and unknown fields, huge, negative and non-finite numbers (NaN and Infinity literals and strings), dates
in wrong formats, unknown links, child rows of another table, duplicate or foreign row names, mismatched
parents, tables that are not lists, JSON that is not JSON.

Per request: the status is 2xx or 4xx, never 5xx; a 4xx says why (exc_type and/or a message); and a
refused request leaves the database exactly as it was (`fingerprint.py`, compared after the request's
own transaction has ended).

CI runs 6 examples per target (derandomized, so every run tries the same ones: about 1,200 requests, a
minute and a half here); a longer run (examples per target; 25 is about 4,700 requests, 6 minutes here):
`SALES_MODULE_FUZZ_EXAMPLES=25 bench --site <site> run-tests --module sales_module.tests.test_rest_fuzz`;
`SALES_MODULE_FUZZ_TARGETS=<text>[|<text>...]` keeps the targets whose name holds one of the texts.
"""

import importlib
import inspect
import json
import math
import os
import time
from pathlib import Path

import frappe
from frappe.model.base_document import get_controller
from frappe.utils import add_days, nowdate
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sales_module.tests import permission_matrix as pm
from sales_module.tests.fingerprint import app_doctypes, database_fingerprint, fingerprint_changes
from sales_module.tests.matrix_world import CUSTOMER, ITEM, SERVICE, WAREHOUSE, WIDGET, World
from sales_module.tests.rest import RestClient, RestTestCase, encode_args
from sales_module.tests.utils import make_user

EXAMPLES = int(os.environ.get("SALES_MODULE_FUZZ_EXAMPLES") or 6)
# "a|b": the targets whose name holds a or b
ONLY = [text for text in os.environ.get("SALES_MODULE_FUZZ_TARGETS", "").split("|") if text]
MANAGER = "fuzz.manager@sales-module.test"  # Sales Manager + Accounts User + Stock User
SALES_USER = "fuzz.sales.user@sales-module.test"
UNKNOWN = "_Test Fuzz Unknown"
# a valid payload of these is taken once: a period's commission is settled once, a member has one active
# plan for a period (a second is refused, rightly)
SINGLE_USE = ("Commission Settlement", "Sales Plan")

# ------------------------------------------------------------------ values

NON_FINITE = [math.nan, math.inf, -math.inf, "NaN", "nan", "Infinity", "-Infinity", "inf", "1e400"]
HUGE = [1e300, -1e300, 10**30, -(10**30), 2**63, -(2**63), 2**31, 1e15, -1e15, 1e-300]
NUMBERS = [*NON_FINITE, *HUGE, -1, -0.5, 0, 0.0001, "12abc", "1,5", "", " ", True]
DATES = ["31/12/2025", "2025-13-45", "", "0000-00-00", "2025-02-30", "9999-99-99", "yesterday",
	"2025-12-31 25:61:00", 20251231, "1-1-1", "10000-01-01", "2025-12-31T10:00:00Z"]  # fmt: skip
LINKS = [UNKNOWN, "", " ", "%", "*", "a/b", "x" * 200, "Stores\x00", "Sales Invoice Item"]
WRONG_TYPES = [None, [], {}, [1, 2], {"a": 1}, [{"name": UNKNOWN}], 12345, 1.5, True, "x" * 300, "\x00",
	"' OR 1=1 --", "<script>alert(1)</script>"]  # fmt: skip
NOT_JSON = ["{", "[1,", "{'a': 1}", '{"a":', "not json", "[[[[", '"', "NaN", "{}}", "null"]
DOCSTATUS = [2, -1, "1", 1.5, "abc", None, [1], 3, "2"]


def bad_values(kind: str) -> st.SearchStrategy:
	"""What an integrator's buggy client sends where a value of `kind` belongs."""
	own = {
		"number": st.one_of(
			st.sampled_from(NUMBERS), st.floats(), st.integers(min_value=-(10**40), max_value=10**40)
		),
		"date": st.one_of(st.sampled_from(DATES), st.text(max_size=12)),
		"link": st.one_of(st.sampled_from(LINKS), st.integers(), st.floats()),
		"text": st.one_of(st.text(max_size=40), st.sampled_from(NOT_JSON)),
	}[kind]
	return st.one_of(own, own, st.sampled_from(WRONG_TYPES + NOT_JSON))


def kind_of(field) -> str | None:
	if field.fieldtype in ("Int", "Float", "Currency", "Percent", "Check", "Rating", "Duration"):
		return "number"
	if field.fieldtype in ("Date", "Datetime", "Time"):
		return "date"
	if field.fieldtype in ("Link", "Dynamic Link"):
		return "link"
	if field.fieldtype in ("Data", "Select", "Small Text", "Text", "Long Text", "Text Editor", "Code"):
		return "text"
	return None


def fields_by_kind(doctype: str) -> list[tuple[str, str]]:
	return [
		(field.fieldname, kind)
		for field in frappe.get_meta(doctype).fields
		if (kind := kind_of(field)) is not None
	]


# ------------------------------------------------------------------ mutations of a document's payload


class Mutations:
	"""Strategies that change a valid payload of one DocType into a bad one; each mutation is a tuple
	applied by `apply`."""

	def __init__(self, doctype: str, foreign_rows: list[dict], existing_names: list[str]):
		meta = frappe.get_meta(doctype)
		self.fields = fields_by_kind(doctype)
		self.tables = {field.fieldname: field.options for field in meta.get_table_fields()}
		self.child_fields = {table: fields_by_kind(child) for table, child in self.tables.items()}
		children = frappe.get_all(
			"DocType", {"istable": 1, "module": ("in", frappe.get_module_list("sales_module"))}, pluck="name"
		)
		self.other_children = sorted(set(children) - set(self.tables.values()))
		self.foreign_rows = foreign_rows
		self.existing_names = existing_names

	def strategy(self) -> st.SearchStrategy:
		field = st.sampled_from(self.fields).flatmap(
			lambda pair: st.tuples(st.just("set"), st.just(pair[0]), bad_values(pair[1]))
		)
		table = st.sampled_from(sorted(self.tables))
		row_field = table.flatmap(
			lambda name: st.sampled_from(self.child_fields[name] or [("idx", "number")]).flatmap(
				lambda pair: st.tuples(
					st.just("set row"), st.just(name), st.just(pair[0]), bad_values(pair[1])
				)
			)
		)
		options = [
			field,
			field,
			row_field,
			row_field,
			st.tuples(st.just("drop"), st.sampled_from([name for name, _kind in self.fields])),
			st.tuples(
				st.just("drop row field"),
				table,
				st.sampled_from(["item_code", "qty", "rate", "warehouse", "uom", "member", "reference_name"]),
			),
			st.tuples(st.just("unknown field"), st.text(min_size=1, max_size=20), bad_values("text")),
			st.tuples(st.just("docstatus"), st.sampled_from(DOCSTATUS)),
			st.tuples(
				st.just("name"), st.sampled_from([*self.existing_names, UNKNOWN, "", "a/b", "x" * 300, 1])
			),
			st.tuples(
				st.just("table shape"),
				table,
				st.sampled_from([{}, "rows", 7, None, [1, "x", None, []], [[]], {"0": {}}]),
			),
			st.tuples(st.just("row doctype"), table, st.sampled_from(self.other_children or [UNKNOWN])),
			st.tuples(st.just("foreign row"), table, st.sampled_from(self.foreign_rows or [{}])),
			st.tuples(st.just("duplicate row names"), table),
			st.tuples(
				st.just("row parent"),
				table,
				st.sampled_from(["parent", "parenttype", "parentfield"]),
				st.sampled_from([*self.existing_names, UNKNOWN, "Sales Invoice", "taxes", "items", "", 5]),
			),
		]
		return st.lists(st.one_of(options), min_size=1, max_size=3)

	@staticmethod
	def apply(payload: dict, mutations: list[tuple]) -> dict:
		payload = json.loads(json.dumps(payload, default=str))
		for mutation in mutations:
			kind, args = mutation[0], mutation[1:]
			rows = payload.get(args[0]) if args and isinstance(args[0], str) else None
			if kind == "set":
				payload[args[0]] = args[1]
			elif kind == "drop":
				payload.pop(args[0], None)
			elif kind == "unknown field":
				payload[f"fuzz_{args[0]}"] = args[1]
			elif kind == "docstatus":
				payload["docstatus"] = args[0]
			elif kind == "name":
				payload["name"] = args[0]
			elif kind == "table shape":
				payload[args[0]] = args[1]
			elif not isinstance(rows, list) or not rows or not all(isinstance(row, dict) for row in rows):
				# the table is not there (or no longer a list of rows): a row of its own
				payload[args[0]] = rows = [{}]
			if kind == "set row":
				rows[0][args[1]] = args[2]
			elif kind == "drop row field":
				rows[0].pop(args[1], None)
			elif kind == "row doctype":
				rows.append({**rows[0], "doctype": args[1]})
			elif kind == "foreign row":
				rows.append(dict(args[1]))
			elif kind == "duplicate row names":
				rows.append(dict(rows[0]))
				for row in rows[-2:]:
					row["name"] = "fuzz-duplicate-row"
			elif kind == "row parent":
				rows[0][args[1]] = args[2]
		return payload


# ------------------------------------------------------------------ methods


def app_methods() -> dict[str, object]:
	"""{path: function} for every whitelisted function of the app (module level: the ones a path names)
	and every path hooks.py sends to one (ERPNext's paths among them)."""
	root = Path(frappe.get_app_path("sales_module"))
	for path in sorted(root.rglob("*.py")):
		relative = path.relative_to(root.parent).with_suffix("")
		if "tests" in relative.parts or "@frappe.whitelist" not in path.read_text():
			continue
		importlib.import_module(".".join(relative.parts))
	methods = {
		f"{function.__module__}.{function.__name__}": function
		for function in frappe.whitelisted
		if function.__module__.startswith("sales_module.") and "." not in function.__qualname__
	}
	for path, targets in frappe.get_hooks("override_whitelisted_methods", app_name="sales_module").items():
		methods[path] = frappe.get_attr(targets[-1])
	return dict(sorted(methods.items()))


def document_methods() -> list[tuple[str, str, object]]:
	"""(DocType, method, function) for every whitelisted method of the app's controllers."""
	found = []
	doctypes = frappe.get_all(
		"DocType",
		filters={"module": ("in", frappe.get_module_list("sales_module")), "istable": 0, "is_virtual": 0},
		pluck="name",
		order_by="name",
	)
	for doctype in doctypes:
		for name, function in inspect.getmembers(get_controller(doctype), inspect.isfunction):
			if function in frappe.whitelisted and function.__module__.startswith("sales_module."):
				found.append((doctype, name, function))
	return found


def call(client: RestClient, path: str, verb: str, args: dict):
	"""A method call whose arguments may be named anything (`cmd` included)."""
	if verb == "get":
		return client.request("get", f"/api/method/{path}", query_string=encode_args(args))
	return client.request(verb, f"/api/method/{path}", args)


def parameters(function) -> list[tuple[str, object]]:
	return [
		(name, parameter.annotation)
		for name, parameter in inspect.signature(function).parameters.items()
		if parameter.kind not in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL)
	]


# ------------------------------------------------------------------ the test


def fuzz_settings(**overrides):
	values = {
		"max_examples": EXAMPLES,
		"derandomize": True,
		"deadline": None,
		"database": None,
		# a failure prints its request: no shrinking round trips
		"phases": [Phase.explicit, Phase.generate],
		"suppress_health_check": list(HealthCheck),
	}
	return settings(**{**values, **overrides})


class TestRestFuzz(RestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.started = time.monotonic()
		cls.since = frappe.utils.now()
		frappe.set_user("Administrator")
		cls.world = world = World()
		world.sweep()
		world.make_masters()
		make_user(MANAGER, [pm.SALES_MANAGER, pm.ACCOUNTS_USER, pm.STOCK_USER])
		make_user(SALES_USER, [pm.SALES_USER])
		frappe.db.commit()
		cls.payloads: dict[str, dict] = {}
		cls.drafts: dict[str, str] = {}
		cls.submitted: dict[str, str] = {}
		for doctype in pm.SUBMITTABLE_DOCTYPES:
			cls.payloads[doctype] = world.payloads(doctype, f"fuzz {world.run}")
			cls.submitted[doctype] = world.make(doctype, f"fuzz submitted {world.run}", submit=True).name
		frappe.db.commit()
		cls.foreign = cls.other_documents_rows()
		cls.clients = {MANAGER: RestClient(MANAGER), SALES_USER: RestClient(SALES_USER)}
		cls.tables = app_doctypes()
		cls.timing = {"requests": 0, "seconds in requests": 0.0, "setup": time.monotonic() - cls.started}
		# the database as the last refused request left it, while nothing else has written since
		cls.known: dict | None = None

	@classmethod
	def tearDownClass(cls):
		print(
			f"REST fuzz: {cls.timing['requests']} requests ({cls.timing['seconds in requests']:.0f} s in them) "
			f"in {time.monotonic() - cls.started:.0f} s, {cls.timing['setup']:.0f} s of it the fixtures"
		)
		frappe.db.rollback()
		# what accepted method calls made (accept_quotation answers a name only): removed first
		recorded = set(cls.world.created)
		for doctype in pm.SUBMITTABLE_DOCTYPES:
			for name in frappe.get_all(
				doctype, {"creation": (">=", cls.since)}, pluck="name", order_by="creation"
			):
				if (doctype, name) not in recorded:
					cls.world.record(doctype, name)
		cls.world.clean()
		super().tearDownClass()

	def tearDown(self):
		frappe.db.rollback()

	# ------------------------------------------------------------ fixtures used by the mutations

	def draft(self, doctype: str) -> str:
		"""A draft of `doctype` to write to: a new one when a fuzzed request submitted or removed it."""
		name = self.drafts.get(doctype)
		if not name or frappe.db.get_value(doctype, name, "docstatus") != 0:
			frappe.set_user("Administrator")
			name = self.world.make(doctype, f"fuzz draft {frappe.generate_hash(length=6)}").name
			self.drafts[doctype] = name
			self.known = None
		return name

	@classmethod
	def other_documents_rows(cls) -> dict[tuple[str, str], dict]:
		"""Real rows of the submitted documents, as stored: rows a request must not take over or change."""
		rows = {}
		for doctype, name in cls.submitted.items():
			doc = frappe.get_doc(doctype, name)
			for table in doc.meta.get_table_fields():
				for row in doc.get(table.fieldname)[:1]:
					rows[(row.doctype, row.name)] = frappe.db.get_value(
						row.doctype, row.name, "*", as_dict=True
					)
		return rows

	def foreign_rows(self) -> list[dict]:
		return [json.loads(frappe.as_json(row)) for row in self.foreign.values()]

	def existing_names(self) -> list[str]:
		return [*self.submitted.values(), *(name for name in self.drafts.values() if name)]

	# ------------------------------------------------------------ the invariant

	def expect_sound(self, target: str, request: object, send):
		"""Send one request; never a 5xx, a 4xx says why, a refusal changes nothing."""
		frappe.db.rollback()
		before = self.known or database_fingerprint(self.tables)
		self.known = None
		foreign = self.named_foreign_rows(request)
		started = time.monotonic()
		response = send()
		self.timing["requests"] += 1
		self.timing["seconds in requests"] += time.monotonic() - started
		described = f"{target} {frappe.as_json(request, indent=None)[:3000]}"
		if response.status >= 500:
			trace = str(response.json.get("exc") or response.text)[-2500:]
			self.fail(f"HTTP {response.status} for {described}\n{trace}")
		self.assert_foreign_rows_kept(foreign, described)
		if response.ok:
			self.record(response)
			return response
		json_body = response.json
		self.assertTrue(
			json_body.get("exc_type") or json_body.get("_server_messages") or json_body.get("message"),
			f"a refusal without a reason: HTTP {response.status} {response.text[:500]} for {described}",
		)
		frappe.db.rollback()
		after = database_fingerprint(self.tables)
		changes = fingerprint_changes(before, after)
		self.known = after
		self.assertEqual(changes, {}, f"refused ({response.why()}) yet the database changed: {described}")
		return response

	def named_foreign_rows(self, request) -> dict[tuple[str, str], dict]:
		"""The rows of other documents a request names, as stored just before it."""
		text = frappe.as_json(request, indent=None)
		return {
			(doctype, name): frappe.db.get_value(doctype, name, "*", as_dict=True)
			for doctype, name in self.foreign
			if name in text
		}

	def assert_foreign_rows_kept(self, rows: dict, described: str):
		"""A row of another document named in a request (accepted or not) is neither taken over nor changed."""
		frappe.db.rollback()
		for (doctype, name), stored in rows.items():
			now = frappe.db.get_value(doctype, name, "*", as_dict=True)
			self.assertEqual(now, stored, f"{doctype} row {name} of another document changed: {described}")

	def record(self, response):
		"""What a request made is removed at the end."""
		data = response.json.get("data") or response.json.get("message")
		if isinstance(data, dict) and data.get("doctype") in pm.SUBMITTABLE_DOCTYPES and data.get("name"):
			frappe.db.rollback()
			if frappe.db.exists(data["doctype"], data["name"]):
				self.world.record(data["doctype"], data["name"])

	def run_target(self, target: str, strategy: st.SearchStrategy, send, prepare=None, **overrides):
		"""`prepare` makes what the request needs (a draft) before the database is fingerprinted."""
		if ONLY and not any(text in target for text in ONLY):
			return

		@fuzz_settings(**overrides)
		@given(strategy)
		def check(example):
			if prepare:
				prepare()
			self.expect_sound(target, example[1], lambda: send(*example))

		with self.subTest(target=target):
			check()

	# ------------------------------------------------------------ documents

	def test_documents(self):
		for doctype in pm.SUBMITTABLE_DOCTYPES:
			base = self.payloads[doctype]
			mutations = Mutations(doctype, self.foreign_rows(), self.existing_names()).strategy()
			client = self.clients[MANAGER]
			self.document_targets(doctype, base, mutations, client, MANAGER)
		for doctype in ("Quotation", "Sales Order", "Sales Invoice", "Delivery Note"):
			mutations = Mutations(doctype, self.foreign_rows(), self.existing_names()).strategy()
			client = self.clients[SALES_USER]
			self.document_targets(doctype, self.payloads[doctype], mutations, client, SALES_USER, few=True)

	def document_targets(self, doctype, base, mutations, client, user, few=False):
		def payload(changes):
			return Mutations.apply(base, changes)

		def stored(changes):
			"""The draft as GET answers it, mutated (what frappe.client.save and submit take)."""
			frappe.db.rollback()
			frappe.set_user("Administrator")
			doc = json.loads(frappe.as_json(frappe.get_doc(doctype, self.draft(doctype)).as_dict()))
			return Mutations.apply(doc, changes)

		def submitted(changes):
			return {**payload(changes), "docstatus": 1}

		# action: (the body for a list of mutations, how it is sent)
		targets = {
			"POST": (payload, lambda body: client.insert(doctype, body)),
			"POST docstatus 1": (submitted, lambda body: client.insert(doctype, body)),
			"PUT draft": (payload, lambda body: client.update(doctype, self.draft(doctype), body)),
			"frappe.client.insert": (
				payload,
				lambda body: client.call("frappe.client.insert", doc={**body, "doctype": doctype}),
			),
			"frappe.client.save": (stored, lambda body: client.call("frappe.client.save", doc=body)),
			"frappe.client.submit": (stored, lambda body: client.call("frappe.client.submit", doc=body)),
		}
		if few:
			targets = {key: targets[key] for key in ("POST", "POST docstatus 1")}
		for action, (body, send) in targets.items():
			target = f"{doctype} {action} as {user}"
			if ONLY and not any(text in target for text in ONLY):
				continue
			if user == MANAGER and doctype not in SINGLE_USE:
				# the valid payload itself is taken: the refusals below are the mutations' doing
				request = body([])
				with self.subTest(target=target, example="unchanged"):
					answer = self.expect_sound(
						target, request, lambda send=send, request=request: send(request)
					)
					self.assertTrue(answer.ok, f"{target}: the valid payload is refused: {answer.why()}")
			prepare = (lambda: self.draft(doctype)) if action.startswith(("PUT", "frappe.client.s")) else None
			self.run_target(
				target,
				mutations.map(lambda changes, body=body: (changes, body(changes))),
				lambda _changes, request, send=send: send(request),
				prepare=prepare,
			)

	# ------------------------------------------------------------ methods

	def plausible(self) -> list:
		"""Values an argument may well take: existing names of every kind, dates, statuses, JSON."""
		return [
			*self.submitted.values(),
			*self.drafts.values(),
			CUSTOMER,
			ITEM,
			SERVICE,
			WIDGET,
			WAREHOUSE,
			*pm.SUBMITTABLE_DOCTYPES,
			nowdate(),
			add_days(nowdate(), -30),
			"Closed",
			"Draft",
			"On Hold",
			"Completed",
			json.dumps({"customer": CUSTOMER, "item_code": SERVICE, "qty": 1}),
			json.dumps([{"item_code": SERVICE, "qty": 1}]),
			{"party_type": "Customer", "party": CUSTOMER},
			[self.submitted["Sales Order"]],
		]

	def arguments(self) -> st.SearchStrategy:
		"""What a method argument may be sent as: plausible values or bad ones."""
		plausible = st.sampled_from(self.plausible())
		return st.one_of(
			plausible,
			plausible,
			bad_values("number"),
			bad_values("date"),
			bad_values("link"),
			bad_values("text"),
			st.dictionaries(st.text(max_size=8), bad_values("text"), max_size=3),
		)

	def test_document_methods(self):
		"""The controllers' whitelisted methods, through Frappe's run_doc_method."""
		anything = self.arguments()
		for doctype, method, function in document_methods():
			names = [UNKNOWN, "", doctype, *self.submitted.values()]
			if doctype in pm.SUBMITTABLE_DOCTYPES:
				names += [self.submitted[doctype], self.draft(doctype)]
			elif not frappe.get_meta(doctype).issingle:
				names.append(self.world.make(doctype, f"fuzz {frappe.generate_hash(length=6)}").name)
				self.known = None
			kwargs = st.fixed_dictionaries(
				{}, optional={name: anything for name, _annotation in parameters(function)[1:]}
			)
			calls = st.tuples(
				st.sampled_from(names),
				st.one_of(kwargs.map(json.dumps), kwargs, st.sampled_from(NOT_JSON)),
			).map(lambda call, method=method, doctype=doctype: (call, {"method": method, "dt": doctype,
				"dn": call[0], "args": call[1]}))  # fmt: skip
			client = self.clients[MANAGER]
			self.run_target(
				f"{doctype}.{method} (run_doc_method) as {MANAGER}",
				calls,
				lambda _call, body, client=client: client.call("run_doc_method", **body),
			)

	def test_methods(self):
		anything = self.arguments()
		for path, function in app_methods().items():
			arguments = st.fixed_dictionaries(
				{}, optional={name: anything for name, _annotation in parameters(function)}
			)
			extra = st.dictionaries(
				st.sampled_from(["fuzz", "cmd", "doctype", "name", "filters"]), anything, max_size=1
			)
			calls = st.tuples(st.sampled_from(["post", "get"]), arguments, extra).map(
				lambda call: (call[0], {**call[2], **call[1]})
			)
			for user in (MANAGER, SALES_USER):
				client = self.clients[user]
				count = EXAMPLES if user == MANAGER else max(1, EXAMPLES // 2)
				self.run_target(
					f"{path} as {user}",
					calls,
					lambda verb, args, client=client, path=path: call(client, path, verb, args),
					max_examples=count,
				)
