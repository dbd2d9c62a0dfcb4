"""Russian at run time: the compiled catalogue is what Frappe serves to a user whose language is ru,
refusals over REST come back in Russian (session or API token), report columns and DocType labels are
Russian; a user whose language is English keeps English."""

import json
import re
from pathlib import Path

import frappe
from babel.messages.pofile import read_po
from frappe.desk.query_report import run
from frappe.tests.test_api import FrappeAPITestCase, get_test_client, make_request
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_all_translations
from frappe.utils import add_days, nowdate

from sales_module.tests.test_rest_api import api_token_header
from sales_module.tests.utils import make_item, make_selling_masters, make_tree_node, make_user

RU_USER = "_test_ru_sales@example.com"
EN_USER = "_test_en_sales@example.com"
PASSWORD = "Russian-Desk-2026!"
ROLES = ["Sales User", "Sales Manager", "Sales Master Manager"]
CYRILLIC = re.compile("[А-Яа-яЁё]")
PLAN_YEAR = "2025"
CATALOGUE = Path(frappe.get_app_path("sales_module", "locale", "ru.po"))


def catalogue() -> dict[str, str]:
	"""{msgid: translation} as Frappe serves them: an entry with a context (print headings) under
	"msgid:context"."""
	with CATALOGUE.open("rb") as handle:
		return {
			f"{message.id}:{message.context}" if message.context else message.id: message.string
			for message in read_po(handle)
			if message.id
		}


def language_user(email: str, language: str) -> str:
	user = make_user(email, ROLES)
	user.language = language
	user.new_password = PASSWORD
	user.save(ignore_permissions=True)
	return email


def messages(response) -> list[str]:
	"""The texts of a refusal's `_server_messages`, without Frappe's bold tags."""
	raw = json.loads(response.json.get("_server_messages") or "[]")
	return [re.sub(r"</?strong>", "", json.loads(item)["message"]) for item in raw]


def titles(response) -> list[str]:
	raw = json.loads(response.json.get("_server_messages") or "[]")
	return [json.loads(item).get("title") for item in raw]


def russian(text: str) -> bool:
	"""Cyrillic, or nothing to translate (a number, a year, a code like "OTIF, %")."""
	return bool(CYRILLIC.search(text) or not re.search(r"[a-z]{3,}", text))


class TestRuntimeCatalogue(FrappeTestCase):
	def test_frappe_serves_every_entry_of_the_catalogue(self):
		"""The .mo compiled from ru.po is the one Frappe reads: each translation comes back unchanged."""
		served = get_all_translations("ru")
		expected = catalogue()
		self.assertGreater(len(expected), 1000)
		different = {
			msgid: (served.get(msgid), text) for msgid, text in expected.items() if served.get(msgid) != text
		}
		self.assertEqual(different, {})

	def test_every_doctype_of_the_app_has_russian_labels(self):
		frappe.local.lang = "ru"
		try:
			untranslated = []
			for doctype in frappe.get_all(
				"DocType", filters={"module": ("in", ["Selling", "Accounts", "Stock", "Setup"])}, pluck="name"
			):
				meta = frappe.get_meta(doctype)
				texts = [doctype] + [field.label for field in meta.fields if field.label]
				texts += [
					option
					for field in meta.fields
					if field.fieldtype == "Select" and field.fieldname != "naming_series"
					for option in (field.options or "").split("\n")
					if option and not option.isdigit()
				]
				untranslated += [f"{doctype}: {text}" for text in texts if not russian(frappe._(text))]
		finally:
			frappe.local.lang = "en"
		self.assertEqual(untranslated, [])
		self.assertEqual(
			[
				frappe._(text, lang="ru")
				for text in ("Sales Invoice", "Delivery Note", "Commission Settlement")
			],
			["Счёт на оплату", "Отгрузка", "Расчёт комиссии"],
		)


class TestRussianRefusalsOverREST(FrappeAPITestCase):
	"""A refusal comes back in the language of the user who asked."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		make_item("_Test RU Item")
		if not frappe.db.exists("Fiscal Year", PLAN_YEAR):
			frappe.get_doc(
				{
					"doctype": "Fiscal Year",
					"year": PLAN_YEAR,
					"year_start_date": f"{PLAN_YEAR}-01-01",
					"year_end_date": f"{PLAN_YEAR}-12-31",
				}
			).insert()
		make_tree_node("Territory", "_Test RU Territory", "All Territories")
		language_user(RU_USER, "ru")
		language_user(EN_USER, "en")
		frappe.db.commit()
		cls.ru = {"Authorization": api_token_header(RU_USER)}
		cls.en = {"Authorization": api_token_header(EN_USER)}

	def tearDown(self):
		for name in frappe.get_all("Pricing Rule", {"title": ("like", "_Test RU%")}, pluck="name"):
			frappe.delete_doc("Pricing Rule", name, force=True)
		frappe.db.commit()

	def order_without_items(self, headers: dict):
		return self.post(
			self.resource("Sales Order"),
			{"customer": "_Test Flow Customer", "delivery_date": add_days(nowdate(), 7), "items": []},
			headers=headers,
		)

	def test_order_without_items_refused_in_the_users_language(self):
		count = frappe.db.count("Sales Order")
		refused = self.order_without_items(self.ru)
		self.assertEqual(refused.status_code, 417, refused.json)
		self.assertEqual(refused.json["exc_type"], "MandatoryError")
		self.assertEqual(messages(refused), ["Добавьте хотя бы один товар"])
		self.assertEqual(titles(refused), ["Товары"])

		english = self.order_without_items(self.en)
		self.assertEqual(english.status_code, 417)
		self.assertEqual(messages(english), ["Add at least one item"])
		self.assertEqual(frappe.db.count("Sales Order"), count)

	def test_the_same_refusal_to_a_desk_session(self):
		client = get_test_client()  # a client of its own: its session cookie stays here

		def send(method, path: str, **kwargs):
			return make_request(target=method, args=(path,), kwargs=kwargs)

		login = send(client.post, "/api/method/login", json={"usr": RU_USER, "pwd": PASSWORD})
		self.assertEqual(login.status_code, 200, login.json)
		refused = send(
			client.post,
			"/api/resource/Sales Order",
			json={"customer": "_Test Flow Customer", "delivery_date": add_days(nowdate(), 7), "items": []},
		)
		self.assertEqual(refused.status_code, 417)
		self.assertEqual(messages(refused), ["Добавьте хотя бы один товар"])
		send(client.get, "/api/method/logout")

	def test_a_request_may_ask_for_another_language(self):
		recalculate = self.method("sales_module.api.transaction.recalculate")
		russian_refusal = self.post(recalculate, {"doc": {"doctype": "Customer"}}, headers=self.ru)
		self.assertEqual(russian_refusal.status_code, 417, russian_refusal.json)
		self.assertEqual(messages(russian_refusal), ["Пересчитать можно только документы продаж"])
		english = self.post(recalculate, {"doc": {"doctype": "Customer"}, "_lang": "en"}, headers=self.ru)
		self.assertEqual(messages(english), ["Only selling documents can be recalculated"])

	def test_plan_outside_its_fiscal_year(self):
		refused = self.post(
			self.resource("Sales Plan"),
			{
				"title": "_Test RU plan",
				"dimension": "Territory",
				"fiscal_year": PLAN_YEAR,
				"from_date": f"{PLAN_YEAR}-06-01",
				"to_date": f"{int(PLAN_YEAR) + 1}-03-31",
				"targets": [{"member": "_Test RU Territory", "target_amount": 1000}],
			},
			headers=self.ru,
		)
		self.assertEqual(refused.status_code, 417, refused.json)
		self.assertEqual(refused.json["exc_type"], "PlanningError")
		self.assertEqual(titles(refused), ["План вне своего финансового года"])
		start, end = (
			frappe.format(f"{PLAN_YEAR}-06-01", "Date"),
			frappe.format(f"{int(PLAN_YEAR) + 1}-03-31", "Date"),
		)
		year_start, year_end = (
			frappe.format(f"{PLAN_YEAR}-01-01", "Date"),
			frappe.format(f"{PLAN_YEAR}-12-31", "Date"),
		)
		self.assertEqual(
			messages(refused),
			[
				f"Период плана с {start} по {end} выходит за пределы финансового года {PLAN_YEAR} "
				f"(с {year_start} по {year_end})"
			],
		)
		self.assertFalse(frappe.db.exists("Sales Plan", {"title": "_Test RU plan"}))

	def test_an_engine_refusal_and_the_label_it_names(self):
		"""The engine's English template and the option it names (Applicable For: Customer) are both
		translated on the way out."""
		refused = self.post(
			self.resource("Pricing Rule"),
			{
				"title": "_Test RU rule",
				"apply_on": "Item Code",
				"items": [{"item_code": "_Test RU Item"}],
				"selling": 1,
				"applicable_for": "Customer",
				"valid_from": "2020-01-01",
			},
			headers=self.ru,
		)
		self.assertEqual(refused.status_code, 417, refused.json)
		self.assertEqual(refused.json["exc_type"], "InvalidPricingRuleError")
		self.assertEqual(titles(refused), ["Правило ценообразования"])
		self.assertEqual(len(messages(refused)), 1)
		self.assertRegex(messages(refused)[0], r"^Правило ценообразования \S+: нужно указать «Клиент»$")
		self.assertFalse(frappe.db.exists("Pricing Rule", {"title": "_Test RU rule"}))


class TestRussianDeskData(FrappeAPITestCase):
	"""What the desk loads for a Russian user: the translations and a DocType's meta."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		language_user(RU_USER, "ru")
		frappe.db.commit()
		cls.ru = {"Authorization": api_token_header(RU_USER)}

	def test_translations_and_meta_of_a_form(self):
		translations = self.get(self.method("frappe.translate.get_app_translations"), headers=self.ru)
		self.assertEqual(translations.status_code, 200)
		words = translations.json["message"]
		self.assertEqual(
			[words.get(text) for text in ("Sales Invoice", "Outstanding Amount", "Overdue", "Selling")],
			["Счёт на оплату", "Остаток к оплате", "Просрочено", "Продажи"],
		)

		meta = self.get(
			self.method("frappe.desk.form.load.getdoctype"), {"doctype": "Sales Invoice"}, headers=self.ru
		)
		self.assertEqual(meta.status_code, 200, meta.json)
		docs = meta.json["docs"]
		labels = {field["label"] for doc in docs for field in doc["fields"] if field.get("label")}
		self.assertGreater(len(labels), 100)
		self.assertEqual(sorted(label for label in labels if not russian(words.get(label, label))), [])


# report -> filters it needs besides the common ones
REPORT_FILTERS = {
	"Accounts Receivable": {"range": "30, 60, 90, 120"},
	"Accounts Receivable Summary": {"range": "30, 60, 90, 120"},
	"Lost Quotations": {"group_by": "Lost Reason"},
}


class TestRussianReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from sales_module.utils.fiscal_year import fiscal_year_of

		make_tree_node("Territory", "_Test RU Report Territory", "All Territories")
		year = fiscal_year_of(nowdate())
		plan = frappe.get_doc(
			{
				"doctype": "Sales Plan",
				"title": "_Test RU report plan",
				"dimension": "Territory",
				"fiscal_year": year.name,
				"targets": [{"member": "_Test RU Report Territory", "target_amount": 1200}],
			}
		).insert()
		plan.submit()
		cls.common = {
			"company": "_Test Company",
			"from_date": add_days(nowdate(), -365),
			"to_date": nowdate(),
			"report_date": nowdate(),
			"fiscal_year": year.name,
			"sales_plan": plan.name,
			"range": "Monthly",
			"doc_type": "Sales Invoice",
			"doctype": "Sales Invoice",
		}

	def test_every_report_has_russian_columns(self):
		reports = frappe.get_all(
			"Report",
			# the app's own reports (other tests leave Report Builder reports in these modules)
			filters={
				"module": ("in", ["Selling", "Accounts", "Stock", "Setup"]),
				"is_standard": "Yes",
				"report_type": "Script Report",
			},
			pluck="name",
		)
		self.assertGreaterEqual(len(reports), 25)
		tax_heads = set(frappe.get_all("Sales Taxes and Charges", distinct=True, pluck="account_head"))
		frappe.local.lang = "ru"
		try:
			english = {}
			for name in reports:
				# the report's own columns (run() would only queue the ones that are Prepared Reports)
				columns = frappe.get_doc("Report", name).execute_script_report(
					frappe._dict({**self.common, **REPORT_FILTERS.get(name, {})})
				)[0]
				labels = [
					column["label"] if isinstance(column, dict) else column.split(":")[0]
					for column in columns
				]
				self.assertTrue(labels, name)
				wrong = [label for label in labels if label not in tax_heads and not russian(label)]
				if wrong or not russian(frappe._(name)):
					english[name] = wrong
		finally:
			frappe.local.lang = "en"
		self.assertEqual(english, {})

	def test_period_columns_name_russian_months(self):
		frappe.local.lang = "ru"
		try:
			result = run(
				"Sales Analytics",
				filters={
					**self.common,
					"from_date": "2025-01-01",
					"to_date": "2025-03-31",
					"tree_type": "Customer",
				},
			)
		finally:
			frappe.local.lang = "en"
		labels = [column["label"] for column in result["columns"]]
		self.assertEqual(labels[:2], ["Клиент", "Наименование клиента"])
		self.assertEqual(labels[2:5], ["Янв 2025", "Фев 2025", "Мар 2025"])
		self.assertEqual(labels[-1], "Всего")
