"""REST calls as real users with API keys, made through Frappe's WSGI application as an integrator's client
makes them: each request runs in its own thread with its own database connection and transaction (so what
a test reads through them must be committed first, and what they write is committed)."""

import json
from unittest.mock import patch
from urllib.parse import quote

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from sales_module.tests.test_rest_api import api_token_header


def api_token(user: str) -> str:
	"""An integrator's `token key:secret` for the user (keys are made on first use)."""
	return api_token_header(user).removeprefix("token ")


class Response:
	"""What came back: the HTTP status, the JSON body (or {} for a file), the raw body."""

	def __init__(self, raw):
		self.status = raw.status_code
		self.content_type = raw.headers.get("Content-Type", "")
		self.data = raw.get_data()
		try:
			self.json = json.loads(self.data) if "json" in self.content_type else {}
		except ValueError:
			self.json = {}

	@property
	def ok(self) -> bool:
		return 200 <= self.status < 300

	@property
	def message(self):
		return self.json.get("message")

	@property
	def text(self) -> str:
		return frappe.safe_decode(self.data)

	def why(self) -> str:
		"""A short account of a refusal for a failure message."""
		if self.ok:
			return f"HTTP {self.status}"
		reason = self.json.get("exc_type") or ""
		messages = self.json.get("_server_messages")
		if messages:
			try:
				first = json.loads(json.loads(messages)[0]).get("message", "")
			except (ValueError, TypeError, IndexError, AttributeError):
				first = str(messages)
			reason = f"{reason} {first}".strip()
		return f"HTTP {self.status} {reason[:160]}".strip()


class RestClient:
	"""One user's REST session by API key; no user: Guest (no cookies are kept either way)."""

	def __init__(self, user: str | None = None):
		self.user = user or "Guest"
		# as integrators ask: errors come back as JSON (and Frappe prints no traceback for them)
		self.headers = {"Accept": "application/json"}
		if user:
			self.headers["Authorization"] = api_token_header(user)
		self.client = get_test_client(use_cookies=False)

	def request(self, verb: str, path: str, payload=None, **kwargs) -> Response:
		target = getattr(self.client, verb)
		url = f"{frappe.utils.get_url()}{path}"
		kwargs = {"headers": self.headers, **kwargs}
		if payload is not None:
			# Frappe's encoder: documents carry dates and decimals
			kwargs.update(data=frappe.as_json(payload, indent=None), content_type="application/json")
		return Response(make_request(target=target, args=(url,), kwargs=kwargs))

	@staticmethod
	def resource(doctype: str, name: str | None = None) -> str:
		path = f"/api/resource/{quote(doctype)}"
		return f"{path}/{quote(name, safe='')}" if name is not None else path

	def get_doc(self, doctype: str, name: str) -> Response:
		return self.request("get", self.resource(doctype, name))

	def insert(self, doctype: str, values: dict) -> Response:
		return self.request("post", self.resource(doctype), values)

	def update(self, doctype: str, name: str, values: dict) -> Response:
		return self.request("put", self.resource(doctype, name), values)

	def delete(self, doctype: str, name: str) -> Response:
		return self.request("delete", self.resource(doctype, name))

	def call(self, cmd: str, verb: str = "post", **args) -> Response:
		"""A whitelisted method: arguments as a JSON body (POST) or the query string (GET)."""
		if verb == "get":
			return self.request("get", f"/api/method/{cmd}", query_string=encode_args(args))
		return self.request(verb, f"/api/method/{cmd}", args)


def encode_args(args: dict) -> dict:
	return {key: value if isinstance(value, str) else json.dumps(value) for key, value in args.items()}


def remove_documents(created: list[tuple[str, str]]):
	"""Cancel (where submitted) and delete what a test made, the last made first, with the versions and
	comments its requests left (Frappe keeps them; a naming series moved back by the deletions would give
	their names to other tests' documents), and commit."""
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for doctype, name in reversed(created):
		if frappe.db.exists(doctype, name):
			doc = frappe.get_doc(doctype, name)
			if doc.meta.is_submittable and doc.docstatus == 1:
				doc.cancel()
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
		frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": name})
		frappe.db.delete("Notification Log", {"document_type": doctype, "document_name": name})
	created.clear()
	frappe.db.commit()


class RestTestCase(FrappeTestCase):
	"""A test case whose requests are refused on purpose: a developer-mode site prints the traceback of
	every refusal, which says nothing here."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.quiet = patch("frappe.errprint", lambda *args, **kwargs: None)
		cls.quiet.start()

	@classmethod
	def tearDownClass(cls):
		cls.quiet.stop()
		super().tearDownClass()
