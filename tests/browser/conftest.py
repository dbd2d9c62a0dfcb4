"""Layer 3: the desk as a person uses it, in Debian's Chromium driven by Playwright.

Runs against a served site (`.ci/run` serves the fresh CI site after layer 2):

	SALES_MODULE_BROWSER_URL=http://127.0.0.1:8000 python -m pytest tests/browser

Environment: SALES_MODULE_BROWSER_URL (required), SALES_MODULE_ADMIN_PASSWORD (default "admin"),
SALES_MODULE_CHROMIUM (default /usr/bin/chromium), SALES_MODULE_ARTIFACTS (where screenshots and page
logs of failed tests go, default .ci/artifacts).
"""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.browser.desk import Api, Desk, PageGuard

BASE_URL = (os.environ.get("SALES_MODULE_BROWSER_URL") or "").rstrip("/")
ADMIN_PASSWORD = os.environ.get("SALES_MODULE_ADMIN_PASSWORD", "admin")
CHROMIUM = os.environ.get("SALES_MODULE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("SALES_MODULE_ARTIFACTS", ".ci/artifacts"))
# what the machine is known to run Chromium with: no GPU, no sandbox (root), and no connection of its
# own to anything but the site under test (the network is closed)
CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


def pytest_configure(config):
	if not BASE_URL:
		raise pytest.UsageError(
			"Browser tests need a served site: set SALES_MODULE_BROWSER_URL (see README, Tests)"
		)
	if not Path(CHROMIUM).exists():
		raise pytest.UsageError(
			f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
		)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
	report = yield
	if report.when == "call":
		item.failed_call = report.failed
	return report


@pytest.fixture(scope="session")
def api():
	"""Administrator over REST: masters, users and stock the scenarios start from."""
	admin = Api(BASE_URL, "Administrator", ADMIN_PASSWORD)
	# a site made by `new-site` for tests has not been through Frappe's setup wizard, which the desk
	# would otherwise open for every user
	if not admin.get("System Settings", "System Settings").get("setup_complete"):
		admin.call(
			"frappe.client.set_value",
			doctype="System Settings",
			name="System Settings",
			fieldname={"setup_complete": 1, "language": "en", "time_zone": "Etc/UTC"},
		)
	return admin


@pytest.fixture(scope="session")
def playwright_driver():
	from playwright.sync_api import sync_playwright

	with sync_playwright() as driver:
		yield driver


@pytest.fixture
def open_desk(playwright_driver, request):
	"""open_desk(user, password) -> a Desk logged in as that user, in its own Chromium with a new, empty
	profile; every page error, console error and server error it meets fails the test."""
	opened: list[tuple[Desk, object, str]] = []

	def open_(user: str, password: str) -> Desk:
		profile = tempfile.mkdtemp(prefix="sales-module-chromium-")
		context = playwright_driver.chromium.launch_persistent_context(
			profile,
			executable_path=CHROMIUM,
			args=CHROMIUM_ARGS,
			headless=True,
			viewport={"width": 1440, "height": 900},
			locale="en-US",
		)
		context.set_default_timeout(20_000)
		page = context.pages[0] if context.pages else context.new_page()
		desk = Desk(page, BASE_URL, PageGuard(page))
		opened.append((desk, context, profile))
		desk.login(user, password)
		return desk

	yield open_

	failed = getattr(request.node, "failed_call", False)
	problems = [problem for desk, _context, _profile in opened for problem in desk.guard.problems]
	name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
	for index, (desk, context, profile) in enumerate(opened):
		if failed or problems:
			ARTIFACTS.mkdir(parents=True, exist_ok=True)
			stem = ARTIFACTS / f"{name}-{index}"
			try:
				desk.page.screenshot(path=f"{stem}.png", full_page=True)
			except Exception as error:  # the page may be gone with the failure
				print(f"no screenshot for {stem}: {error}")
			Path(f"{stem}.log").write_text("\n".join(desk.guard.log), encoding="utf-8")
		context.close()
		shutil.rmtree(profile, ignore_errors=True)
	if problems and not failed:
		pytest.fail("The browser met errors:\n" + "\n".join(problems))
