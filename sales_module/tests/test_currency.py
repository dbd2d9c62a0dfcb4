"""Amounts in words on documents: the app's words (number agreement in Russian, the currency's names)
in the user's language, where Frappe's money_in_words writes "RUB Четыре Тысячи ... только."."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module.tests.utils import make_selling_masters, selling_doc
from sales_module.utils.currency import amount_in_words


class TestAmountInWords(FrappeTestCase):
	def test_words_in_the_language_asked(self):
		self.assertEqual(
			amount_in_words(4620, "RUB", "ru"), "Четыре тысячи шестьсот двадцать рублей 00 копеек"
		)
		self.assertEqual(amount_in_words(400, "USD", "en"), "Four hundred US dollars and 00 cents")

	def test_user_language_by_default(self):
		frappe.local.lang = "ru"
		try:
			self.assertEqual(amount_in_words(21, "RUB"), "Двадцать один рубль 00 копеек")
		finally:
			frappe.local.lang = "en"
		self.assertEqual(amount_in_words("1.01", "EUR"), "One euro and 01 cent")

	def test_documents_store_the_words(self):
		make_selling_masters()
		frappe.local.lang = "ru"
		try:
			quotation = selling_doc("Quotation", [{"item_code": "_Test Service", "qty": 3}]).insert()
		finally:
			frappe.local.lang = "en"
		currency = quotation.currency
		self.assertEqual(quotation.in_words, amount_in_words(quotation.grand_total, currency, "ru"))
		self.assertEqual(quotation.grand_total, 150)
		self.assertTrue(quotation.in_words.startswith("Сто пятьдесят "), quotation.in_words)
