"""The app's print formats (Quotation, Sales Order, Delivery Note, Sales Invoice, Dunning, and the
Customer's Statement of Account): each rendered through Frappe's print path in English and in Russian
for documents with known figures, checked for the seller's details, the lines (item code and item name
apart), the taxes, the totals and the amount in words; and rendered to PDF by the bench's generator."""

import base64
import re
import unittest
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.translate import print_language
from frappe.utils import add_days, nowdate
from frappe.utils.pdf import get_pdf

from sales_module.accounts.doctype.dunning.dunning import create_dunning
from sales_module.accounts.doctype.dunning_type.test_dunning_type import make_dunning_type
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from sales_module.tests.utils import (
	VAT_ROW,
	clear_pricing_rules,
	make_customer_once,
	make_item,
	make_item_price,
	selling_doc,
	submit_mapped,
)

PRICE_LIST = "_Test Print Roubles"
CUSTOMER = "_Test Print Buyer"
# item code -> (item name, rate in roubles)
ITEMS = {"_Test Print Chair": ("Office chair", 1500), "_Test Print Lamp": ("Desk lamp", 850)}
LINES = [{"item_code": "_Test Print Chair", "qty": 2}, {"item_code": "_Test Print Lamp", "qty": 1}]
# 2 x 1,500 + 1 x 850 = 3,850; VAT 20 % = 770; 4,620.00 payable
SELLER = {
	"legal_name": "ООО «Ромашка»",
	"tax_id": "7701234567",
	"secondary_tax_id": "770101001",
	"company_address": None,
	"company_address_display": "Москва, ул. Тверская, д. 1",
	"phone_no": "+7 495 123-45-67",
	"email": "sales@romashka.example.com",
	"bank_name": "ПАО «Надёжный банк»",
	"bank_account_no": "40702810900000000001",
	"bank_correspondent_account": "30101810400000000225",
	"bank_bic": "044525225",
	"director_name": "Иванов И. И.",
	"chief_accountant_name": "Петрова А. С.",
}
# a 1x1 transparent PNG
LOGO = base64.b64decode(
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)

# print format -> its Russian heading, to assert once the app's Russian catalogue
# (sales_module/locale/ru.po) lands; until then the headings print in English
RUSSIAN_LABELS_PENDING_CATALOGUE = {
	"Quotation Standard": ["Коммерческое предложение", "Покупатель"],
	"Sales Order Standard": ["Заказ покупателя", "Покупатель"],
	"Delivery Note Standard": ["Расходная накладная", "Покупатель"],
	"Sales Invoice Standard": ["Счёт на оплату", "Покупатель", "Банк получателя", "БИК", "ИНН", "КПП"],
	"Dunning Letter": ["Напоминание о задолженности", "Покупатель"],
	"Statement of Account": ["Дебет", "Кредит"],
}
RUSSIAN_CATALOGUE = Path(frappe.get_app_path("sales_module", "locale", "ru.po"))


def print_html(doctype: str, name: str, print_format: str, language: str) -> str:
	"""The whole print page, as the desk's print view and the PDF download get it."""
	with print_language(language):
		return frappe.get_print(doctype, name, print_format)


STYLESHEET_LINK = re.compile(r'<link[^>]*href="/assets/[^"]+\.css"[^>]*>')


def without_site_stylesheets(html: str) -> str:
	"""The print page links Frappe's print stylesheet by the site's URL, which the PDF generator fetches
	from the site's web server; a test site has none (nor a name that resolves), so the PDF is made
	without that stylesheet: the app's print formats carry their own styles."""
	return STYLESHEET_LINK.sub("", html)


def print_pdf(doctype: str, name: str, print_format: str, language: str) -> bytes:
	"""The print page (frappe.get_print) turned into a PDF by the bench's generator (get_pdf)."""
	html = without_site_stylesheets(print_html(doctype, name, print_format, language))
	with print_language(language):
		return get_pdf(html)


def body(html: str) -> str:
	"""The print format's own part of the page (the page title repeats the document's title)."""
	return html[html.index('<div class="sm-print') :]


def make_print_masters():
	frappe.db.set_value("Currency", "RUB", "enabled", 1)
	if not frappe.db.exists("Price List", PRICE_LIST):
		frappe.get_doc(
			{"doctype": "Price List", "price_list_name": PRICE_LIST, "currency": "RUB", "selling": 1}
		).insert()
	for code, (item_name, rate) in ITEMS.items():
		make_item(code, item_name=item_name, is_stock_item=0)
		if not frappe.db.exists("Item Price", {"item_code": code, "price_list": PRICE_LIST}):
			make_item_price(code, rate, price_list=PRICE_LIST)
	dunning_type = make_dunning_type(
		"_Test Print Reminder", dunning_fee=100, rate_of_interest=36.5, waiting_days=7
	).name
	make_customer_once(CUSTOMER, tax_id="7709876543", dunning_type=dunning_type)


def rouble_doc(doctype: str, **fields):
	return selling_doc(
		doctype,
		[dict(line) for line in LINES],
		customer=CUSTOMER,
		currency="RUB",
		selling_price_list=PRICE_LIST,
		conversion_rate=0.011,
		plc_conversion_rate=0.011,
		taxes=[dict(VAT_ROW)],
		**fields,
	)


def submitted(doc):
	doc.insert()
	doc.submit()
	return doc


class TestPrintFormats(FrappeTestCase):
	def setUp(self):
		clear_pricing_rules()
		make_print_masters()
		logo = frappe.get_doc(
			{"doctype": "File", "file_name": "_test_print_logo.png", "content": LOGO, "is_private": 0}
		).insert()
		settings = change_settings("Selling Settings", {**SELLER, "company_logo": logo.file_url})
		settings.__enter__()
		self.addCleanup(settings.__exit__, None, None, None)

	def make_documents(self) -> dict[str, object]:
		quotation = submitted(rouble_doc("Quotation", valid_till=add_days(nowdate(), 30)))
		order = submitted(rouble_doc("Sales Order"))
		delivery = submit_mapped(make_delivery_note(order.name))
		invoice = submit_mapped(make_sales_invoice(order.name))
		return {
			"Quotation": quotation,
			"Sales Order": order,
			"Delivery Note": delivery,
			"Sales Invoice": invoice,
		}

	def assert_document_print(self, html: str, doc, words: str, labels: list[str], language: str):
		page = body(html)
		self.assertIn("ООО «Ромашка»", page)
		self.assertIn("7701234567", page)
		self.assertIn("770101001", page)
		self.assertIn("Москва, ул. Тверская, д. 1", page)
		self.assertIn("data:image/png;base64,", page)  # the logo, inlined for the PDF generator
		# the buyer once, with their tax id; item code and item name in their own cells
		self.assertEqual(page.count(CUSTOMER), 1)
		self.assertIn("7709876543", page)
		self.assertNotIn("Customer Name", page)
		for code, (item_name, _rate) in ITEMS.items():
			self.assertIn(f"<td>{code}</td>", page)
			self.assertIn(f"<td>{item_name}</td>", page)
		# quantities with their unit, rates, amounts, the tax, the totals and the words
		self.assertEqual(page.count(f"<td>{frappe._('Nos', lang=language)}</td>"), 2)
		for figure in ("1,500.00", "3,000.00", "850.00", "3,850.00", "770.00", "4,620.00"):
			self.assertIn(figure, page)
		self.assertIn("VAT 20%", page)
		self.assertIn(doc.name, page)
		self.assertIn(words, page)
		for label in labels:
			self.assertIn(label, page)

	def test_document_prints_in_english_and_russian(self):
		docs = self.make_documents()
		headings = {
			"Quotation": "Quotation No.",
			"Sales Order": "Sales Order No.",
			"Delivery Note": "Delivery Note No.",
			"Sales Invoice": "Sales Invoice No.",
		}
		english = ["Item Code", "Item Name", "Qty", "Unit", "Rate", "Amount", "Grand Total", "In Words"]
		for doctype, doc in docs.items():
			print_format = frappe.get_meta(doctype).default_print_format
			self.assertEqual(print_format, f"{doctype} Standard")
			with self.subTest(doctype=doctype, language="en"):
				html = print_html(doctype, doc.name, print_format, "en")
				self.assert_document_print(
					html,
					doc,
					"Four thousand six hundred twenty roubles and 00 kopecks",
					[headings[doctype], *english],
					"en",
				)
				self.assertNotIn("Четыре тысячи", html)
			with self.subTest(doctype=doctype, language="ru"):
				html = print_html(doctype, doc.name, print_format, "ru")
				# the figures and the words in Russian; "Amount" and "Phone" Frappe already translates
				self.assert_document_print(
					html, doc, "Четыре тысячи шестьсот двадцать рублей 00 копеек", ["Сумма", "Телефон"], "ru"
				)
				self.assertNotIn("roubles", html)

	def test_sales_invoice_has_bank_details_tax_breakdown_and_signatories(self):
		invoice = self.make_documents()["Sales Invoice"]
		page = body(print_html("Sales Invoice", invoice.name, "Sales Invoice Standard", "en"))
		for value in (
			"ПАО «Надёжный банк»", "40702810900000000001", "30101810400000000225", "044525225",
			"Иванов И. И.", "Петрова А. С.",
		):  # fmt: skip
			self.assertIn(value, page)
		for label in ("BIC / SWIFT", "Correspondent Account", "Bank Account No", "Payee", "Tax Rate"):
			self.assertIn(label, page)
		self.assertIn("Total items: 2, amount RUB 4,620.00", page)
		# the breakdown: the VAT row with its rate and amount
		self.assertIn('<td class="sm-number">20%</td>', page)

	def test_dunning_letter_lists_overdue_invoices_interest_and_fee(self):
		invoice = submitted(rouble_doc("Sales Invoice", posting_date=add_days(nowdate(), -40)))
		dunning = create_dunning(invoice.name)
		submitted(dunning)
		# 4,620.00 overdue 40 days at 36.5 % a year = 184.80 interest, fee 100.00: 4,904.80 due
		self.assertEqual((dunning.total_interest, dunning.grand_total), (184.8, 4904.8))
		self.assertEqual(frappe.get_meta("Dunning").default_print_format, "Dunning Letter")
		english = body(print_html("Dunning", dunning.name, "Dunning Letter", "en"))
		for text in (
			"Payment Reminder No.", invoice.name, "4,620.00", "184.80", "100.00", "4,904.80", "40",
			"Interest at 36.5% a year", "Dunning Fee", "Overdue Days",
			"Four thousand nine hundred four roubles and 80 kopecks", "ООО «Ромашка»", "044525225",
		):  # fmt: skip
			self.assertIn(text, english)
		self.assertEqual(english.count(CUSTOMER), 1)
		russian = body(print_html("Dunning", dunning.name, "Dunning Letter", "ru"))
		for text in (invoice.name, "4,904.80", "Четыре тысячи девятьсот четыре рубля 80 копеек"):
			self.assertIn(text, russian)

	def test_statement_of_account_in_both_languages(self):
		invoice = submitted(rouble_doc("Sales Invoice"))
		base_total = invoice.base_grand_total  # the statement is in the company currency
		self.assertEqual(base_total, 50.82)  # 4,620.00 at 0.011
		for language, labels in (("en", ["Statement of Account", "Opening Balance", "Closing Balance"]),
								 ("ru", ["Дата", "Документ"])):  # fmt: skip
			with self.subTest(language=language):
				html = print_html("Customer", CUSTOMER, "Statement of Account", language)
				page = body(html)
				self.assertIn(invoice.name, page)
				self.assertIn("50.82", page)
				self.assertIn("ООО «Ромашка»", page)
				for label in labels:
					self.assertIn(label, page)

	def test_every_print_format_renders_to_pdf(self):
		docs = self.make_documents()
		overdue = submitted(rouble_doc("Sales Invoice", posting_date=add_days(nowdate(), -40)))
		docs["Dunning"] = submitted(create_dunning(overdue.name))
		docs["Customer"] = frappe.get_doc("Customer", CUSTOMER)
		formats = {doctype: frappe.get_meta(doctype).default_print_format for doctype in docs}
		formats["Customer"] = "Statement of Account"
		for doctype, doc in docs.items():
			for language in ("en", "ru"):
				with self.subTest(doctype=doctype, language=language):
					pdf = print_pdf(doctype, doc.name, formats[doctype], language)
					self.assertEqual(pdf[:5], b"%PDF-")
					self.assertGreater(len(pdf), 5000)

	@unittest.skipUnless(RUSSIAN_CATALOGUE.exists(), "the app's Russian catalogue has not landed yet")
	def test_russian_labels_once_the_catalogue_lands(self):
		docs = self.make_documents()
		overdue = submitted(rouble_doc("Sales Invoice", posting_date=add_days(nowdate(), -40)))
		docs["Dunning"] = submitted(create_dunning(overdue.name))
		docs["Customer"] = frappe.get_doc("Customer", CUSTOMER)
		for doctype, doc in docs.items():
			print_format = (
				"Statement of Account"
				if doctype == "Customer"
				else frappe.get_meta(doctype).default_print_format
			)
			page = body(print_html(doctype, doc.name, print_format, "ru"))
			for label in RUSSIAN_LABELS_PENDING_CATALOGUE[print_format]:
				with self.subTest(print_format=print_format, label=label):
					self.assertIn(label, page)
