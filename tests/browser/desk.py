"""What the browser tests drive: the site over REST (as Administrator, to prepare), and the desk as a
person uses it (typing, picking from link dropdowns, clicking the form's buttons)."""

import contextlib
import json
import re
from urllib.parse import quote

import requests

TRACEBACK = "Traceback (most recent call last)"
# Frappe's microtemplates name their loop variables at random (three letters): now and then the name is a
# JavaScript keyword ("for (var i=0, try=...") and the template fails to compile, which stops the desk
# from booting. A framework flake, told apart by the template's own source in the log: the page is
# loaded again.
LOOP = re.compile(r"for \(var (\w+)=0, (\w+)=")
KEYWORDS = {"for", "let", "new", "try", "var"}  # the three-letter ones


def has_keyword_loop(text: str) -> bool:
	return any(KEYWORDS.intersection(names) for names in LOOP.findall(text))


TEMPLATE_FAILED = "frappe.template.compile(...) is not a function"
# frappe-charts redraws a chart on every resize of its box; when two redraws overlap while the workspace
# lays itself out, the second removes an SVG the first already replaced. A framework race in the chart
# library (the chart is drawn all the same), told apart by its stack.
CHART_REDRAW_RACE = ("Failed to execute 'removeChild' on 'Node'", "ResizeObserver.boundDrawFn")


class ApiError(AssertionError):
	pass


class Api:
	"""A REST client logged in with a password, as an integrator would be."""

	def __init__(self, base_url: str, user: str, password: str):
		self.base_url = base_url
		self.session = requests.Session()
		response = self.session.post(f"{base_url}/api/method/login", data={"usr": user, "pwd": password})
		self.check(response, f"login as {user}")

	def check(self, response, what: str) -> dict:
		if response.status_code != 200:
			raise ApiError(f"{what}: HTTP {response.status_code}: {response.text[:2000]}")
		return response.json()

	def insert(self, doc: dict) -> dict:
		response = self.session.post(f"{self.base_url}/api/resource/{quote(doc['doctype'])}", json=doc)
		return self.check(response, f"insert {doc['doctype']}")["data"]

	def update(self, doctype: str, name: str, values: dict) -> dict:
		response = self.session.put(
			f"{self.base_url}/api/resource/{quote(doctype)}/{quote(name)}", json=values
		)
		return self.check(response, f"update {doctype} {name}")["data"]

	def get(self, doctype: str, name: str) -> dict:
		response = self.session.get(f"{self.base_url}/api/resource/{quote(doctype)}/{quote(name)}")
		return self.check(response, f"read {doctype} {name}")["data"]

	def exists(self, doctype: str, name: str) -> bool:
		response = self.session.get(f"{self.base_url}/api/resource/{quote(doctype)}/{quote(name)}")
		return response.status_code == 200

	def get_list(self, doctype: str, filters: dict | None = None, fields: list | None = None) -> list[dict]:
		response = self.session.get(
			f"{self.base_url}/api/resource/{quote(doctype)}",
			params={
				"filters": json.dumps(filters or {}),
				"fields": json.dumps(fields or ["name"]),
				"limit_page_length": 0,
			},
		)
		return self.check(response, f"list {doctype}")["data"]

	def call(self, method: str, **kwargs) -> object:
		response = self.session.post(f"{self.base_url}/api/method/{method}", json=kwargs)
		return self.check(response, method).get("message")

	def ensure(self, doc: dict) -> dict:
		"""The record named in `doc`, made once: a second run of the tests on one site reuses it."""
		name = doc.get("name") or doc.get("item_code") or doc.get("email")
		if name and self.exists(doc["doctype"], name):
			return self.get(doc["doctype"], name)
		return self.insert(doc)

	def ensure_user(self, email: str, first_name: str, password: str, roles: list[str]) -> str:
		values = {
			"first_name": first_name,
			"new_password": password,
			"send_welcome_email": 0,
			"user_type": "System User",
			"language": "en",
			"roles": [{"role": role} for role in roles],
		}
		if self.exists("User", email):
			self.update("User", email, values)
		else:
			self.insert({"doctype": "User", "email": email, **values})
		return email


class PageGuard:
	"""Collects what must never happen in the desk: a page error, a console error, a server error
	(HTTP 5xx), a traceback in a dialog. Refusals a test provokes on purpose are named with
	`expect_refusal`."""

	def __init__(self, page):
		self.page = page
		self.problems: list[str] = []
		self.log: list[str] = []
		self.refusals_expected = 0
		self.keyword_loop_seen = False
		self.template_flakes = 0
		page.on("pageerror", self.on_page_error)
		page.on("console", self.on_console)
		page.on("response", self.on_response)

	def on_page_error(self, error):
		self.log.append(f"pageerror: {error}\n{getattr(error, 'stack', '')}")
		stack = getattr(error, "stack", "") or ""
		if CHART_REDRAW_RACE[0] in str(error) and CHART_REDRAW_RACE[1] in stack:
			self.log.append("(frappe-charts' overlapping redraw: not counted)")
			return
		if TEMPLATE_FAILED in str(error) and self.keyword_loop_seen:
			self.template_flakes += 1
			self.log.append(
				"(a microtemplate's random loop variable was a keyword: the page is loaded again)"
			)
			return
		self.problems.append(f"page error on {self.page.url}: {error}")

	def on_console(self, message):
		text = message.text
		url = (message.location or {}).get("url", "")
		self.log.append(f"console.{message.type}: {text} ({url})")
		if has_keyword_loop(text):
			self.keyword_loop_seen = True
		if message.type != "error":
			return
		if "/socket.io/" in url or "/socket.io/" in text or "Error connecting to socket.io" in text:
			return  # no realtime server runs beside the test site: the desk's reconnects are expected
		if self.refusals_expected and re.search(r"status of 4\d\d", text):
			return
		self.problems.append(f"console error on {self.page.url}: {text}")

	def on_response(self, response):
		if response.status >= 400:
			self.log.append(f"HTTP {response.status} {response.request.method} {response.url}")
		if response.status >= 500:
			body = ""
			with contextlib.suppress(Exception):
				body = response.text()[:3000]
			self.problems.append(f"HTTP {response.status} from {response.url}: {body}")

	@contextlib.contextmanager
	def expect_refusal(self):
		"""A 4xx answer the test provokes (a refusal it then reads) is not a console error."""
		self.refusals_expected += 1
		try:
			yield
		finally:
			self.refusals_expected -= 1

	def check_dialogs(self):
		for text in self.page.locator(".modal.show").all_inner_texts():
			if TRACEBACK in text:
				self.problems.append(f"a server traceback shown on {self.page.url}: {text[:3000]}")

	def assert_clean(self):
		self.check_dialogs()
		assert not self.problems, "The browser met errors:\n" + "\n".join(self.problems)


class Desk:
	"""One user's desk in one Chromium."""

	def __init__(self, page, base_url: str, guard: PageGuard):
		self.page = page
		self.base_url = base_url
		self.guard = guard

	# ---------------------------------------------------------------- navigation

	def login(self, user: str, password: str):
		self.page.goto(f"{self.base_url}/login")
		self.page.fill("#login_email", user)
		self.page.fill("#login_password", password)
		self.page.locator(".btn-login").first.click()
		self.page.wait_for_url(re.compile(r".*/app(/.*)?$"))
		self.wait_ready()

	def goto(self, route: str):
		self.page.goto(f"{self.base_url}/app/{route}")
		self.wait_ready()

	def wait_ready(self):
		"""The desk has booted and no request is pending (the form's recalculation included)."""
		for _attempt in range(3):
			self.page.wait_for_function(
				"() => window.frappe && frappe.boot && frappe.router && frappe.request"
			)
			self.page.wait_for_timeout(300)
			if not self.guard.template_flakes:
				break
			self.guard.template_flakes = 0
			self.guard.keyword_loop_seen = False
			self.page.reload()
		self.settle()

	def settle(self):
		# a field's change reaches the server after the form's debounce (300 ms)
		self.page.wait_for_timeout(450)
		self.page.wait_for_function("() => !frappe.request.ajax_count && !frappe.dom.freeze_count")
		self.guard.check_dialogs()

	def new_form(self, doctype: str):
		self.goto(f"{slug(doctype)}/new")
		self.wait_form(doctype)

	def wait_form(self, doctype: str, name: str | None = None):
		self.page.wait_for_function(
			"([doctype, name]) => window.cur_frm && cur_frm.doctype === doctype && cur_frm.doc"
			" && (!name || cur_frm.doc.name === name) && cur_frm.page.wrapper.is(':visible')",
			arg=[doctype, name],
		)
		self.settle()

	def open_form(self, doctype: str, name: str):
		self.goto(f"{slug(doctype)}/{quote(name)}")
		self.wait_form(doctype, name)

	# ---------------------------------------------------------------- reading the form

	def doc(self) -> dict:
		return self.page.evaluate("() => JSON.parse(JSON.stringify(cur_frm.doc))")

	def value(self, fieldname: str):
		return self.page.evaluate("(f) => cur_frm.doc[f]", fieldname)

	def indicator(self) -> str:
		return (
			self.page.locator(".page-container:visible .page-head .indicator-pill:visible")
			.first.inner_text()
			.strip()
		)

	def field(self, fieldname: str):
		return self.page.locator(f'.form-layout .frappe-control[data-fieldname="{fieldname}"]:visible').first

	def visible_dialogs(self) -> list[str]:
		return [text.strip() for text in self.page.locator(".modal.show").all_inner_texts() if text.strip()]

	def assert_no_dialog(self):
		dialogs = self.visible_dialogs()
		assert not dialogs, f"no dialog expected while editing, found: {dialogs}"

	# ---------------------------------------------------------------- typing

	def type_into(self, locator, text: str):
		locator.click()
		locator.fill("")
		locator.press_sequentially(str(text), delay=30)

	def set_text(self, fieldname: str, text: str):
		control = self.field(fieldname).locator("input, textarea").first
		self.type_into(control, text)
		control.press("Tab")
		self.settle()

	def pick_link(self, input_locator, text: str, choose: str | None = None):
		"""Type into a link field and pick the dropdown entry showing `choose` (default: `text`)."""
		self.type_into(input_locator, text)
		option = self.page.locator(
			".awesomplete > ul[role=listbox] > [role=option]:visible", has_text=choose or text
		).first
		option.wait_for()
		option.click()
		self.settle()

	def set_link(self, fieldname: str, text: str, choose: str | None = None):
		self.pick_link(self.field(fieldname).locator("input").first, text, choose)

	# ---------------------------------------------------------------- child tables

	def grid_row(self, table: str, idx: int):
		return self.page.locator(
			f'.page-container:visible .frappe-control[data-fieldname="{table}"] .grid-body .grid-row[data-idx="{idx}"]'
		).first

	def grid_input(self, table: str, idx: int, fieldname: str):
		row = self.grid_row(table, idx)
		static = row.locator(f'.grid-static-col[data-fieldname="{fieldname}"]').first
		static.click()
		control = row.locator(f'.frappe-control[data-fieldname="{fieldname}"] input').first
		control.wait_for()
		return control

	def add_row(self, table: str) -> int:
		self.page.locator(
			f'.page-container:visible .frappe-control[data-fieldname="{table}"] .grid-add-row'
		).first.click()
		self.settle()
		return self.page.evaluate("(t) => cur_frm.doc[t].length", table)

	def set_row_link(self, table: str, idx: int, fieldname: str, text: str, choose: str | None = None):
		self.pick_link(self.grid_input(table, idx, fieldname), text, choose)

	def set_row_select(self, table: str, idx: int, fieldname: str, option: str):
		row = self.grid_row(table, idx)
		row.locator(f'.grid-static-col[data-fieldname="{fieldname}"]').first.click()
		select = row.locator(f'.frappe-control[data-fieldname="{fieldname}"] select').first
		select.select_option(option)
		self.settle()

	def set_row_value(self, table: str, idx: int, fieldname: str, value, leave_with: str = "Escape"):
		control = self.grid_input(table, idx, fieldname)
		self.type_into(control, str(value))
		if leave_with:
			control.press(leave_with)
		self.settle()

	def row(self, table: str, idx: int) -> dict:
		return self.page.evaluate(
			"([t, i]) => JSON.parse(JSON.stringify(cur_frm.doc[t][i - 1]))", [table, idx]
		)

	def grid_text(self, table: str, idx: int, fieldname: str) -> str:
		# the static area holds the shown value, also while the row's editors are open
		cell = self.grid_row(table, idx).locator(
			f'.grid-static-col[data-fieldname="{fieldname}"] .static-area'
		)
		return (cell.first.text_content() or "").strip()

	def click_away(self):
		"""Leave the grid as a person does: a click on the empty margin beside the form."""
		self.page.mouse.click(4, 450)
		self.settle()

	# ---------------------------------------------------------------- actions

	def save(self):
		self.page.locator(
			".page-container:visible .page-head .primary-action:visible", has_text="Save"
		).first.click()
		self.page.wait_for_function("() => cur_frm && !cur_frm.is_dirty() && !cur_frm.is_new()")
		self.settle()

	def submit(self):
		self.page.locator(
			".page-container:visible .page-head .primary-action:visible", has_text="Submit"
		).first.click()
		self.confirm()
		self.page.wait_for_function("() => cur_frm && cur_frm.doc.docstatus === 1")
		self.settle()

	def confirm(self):
		self.page.locator(".modal.show .btn-primary:visible", has_text="Yes").first.click()
		self.settle()

	def has_button(self, label: str, group: str | None = None) -> bool:
		return self.page.evaluate(
			'([label, group]) => !!(cur_frm.custom_buttons[label] || (group && cur_frm.page.get_inner_group_button(group).find(`[data-label="${encodeURIComponent(label)}"]`).length))',
			[label, group],
		)

	def click_button(self, label: str, group: str | None = None):
		if group:
			self.page.locator(
				f'.page-container:visible .page-head .inner-group-button[data-label="{quote(group)}"] button:visible'
			).first.click()
			self.page.locator(
				f'.page-container:visible .page-head .inner-group-button[data-label="{quote(group)}"] .dropdown-item[data-label="{quote(label)}"]'
			).first.click()
		else:
			self.page.locator(
				f'.page-container:visible .page-head button[data-label="{quote(label)}"]:visible'
			).first.click()
		self.settle()

	def make_from(self, label: str, doctype: str, group: str = "Create"):
		"""A mapper button: the new document opens unsaved."""
		self.click_button(label, group)
		self.page.wait_for_function(
			"(d) => cur_frm && cur_frm.doctype === d && cur_frm.is_new()", arg=doctype
		)
		self.settle()


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")
