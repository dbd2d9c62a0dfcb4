"""The desk in Russian: a sales user switches their own language to Russian (My Settings) and then
sees the app's lists, forms, workspace and refusals in Russian, from the app's catalogue
(sales_module/locale/ru.po, compiled by `.ci/run`)."""

import pytest

from tests.browser.desk import Api
from tests.browser.test_sales_cycle import PASSWORD

RU_USER = "bt-ru-sales-user@example.com"


@pytest.fixture(scope="module")
def ru_user(api: Api) -> str:
	api.ensure_user(RU_USER, "Светлана", PASSWORD, ["Sales User"])  # starts in English
	return RU_USER


def page_title(desk) -> str:
	return desk.page.locator(".page-container:visible .page-head .title-text").first.inner_text().strip()


def test_the_user_switches_to_russian(open_desk, ru_user, api: Api):
	desk = open_desk(ru_user, PASSWORD)
	desk.goto("quotation")
	assert page_title(desk) == "Quotation"

	# My Settings: the user's own form, Language picked from the link field's dropdown
	desk.open_form("User", ru_user)
	desk.set_link("language", "ru", choose="русский")
	desk.save()
	assert api.get("User", ru_user)["language"] == "ru"
	desk.page.reload()
	desk.wait_ready()

	desk.goto("quotation")
	assert page_title(desk) == "Коммерческое предложение"

	desk.new_form("Quotation")
	labels = {
		fieldname: desk.field(fieldname).locator(".control-label").first.inner_text().strip()
		for fieldname in ("party_name", "transaction_date", "valid_till")
	}
	assert labels == {
		"party_name": "Контрагент",
		"transaction_date": "Дата",
		"valid_till": "Действительно до",
	}

	desk.goto("selling")
	assert page_title(desk) == "Продажи"

	# a refusal from the server, in the user's language: only selling documents are recalculated
	with desk.guard.expect_refusal("DocumentStateError"):
		desk.page.evaluate(
			"""() => frappe.call({
				method: "sales_module.api.transaction.recalculate",
				args: {doc: {doctype: "Customer"}},
			}).catch(() => null)"""
		)
		desk.page.locator(".modal.show .msgprint").first.wait_for()
	message = desk.page.locator(".modal.show .msgprint").first.inner_text().strip()
	assert message == "Пересчитать можно только документы продаж"
