"""Amounts in words, written as Frappe's money_in_words writes them, from cached currency details."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import money_in_words

from sales_module.utils.currency import amount_in_words


class TestAmountInWords(FrappeTestCase):
	def test_same_words_as_frappe_for_every_number_format(self):
		currencies = frappe.get_all(
			"Currency", filters={"name": ("in", ["USD", "INR", "EUR", "JPY", "KWD", "RUB"])}, pluck="name"
		)
		self.assertGreaterEqual(len(currencies), 4)
		for currency in currencies:
			for amount in (0, 0.05, 0.5, 1, 12.34, 100, 1999.99, 100000.01, 1234567.891):
				with self.subTest(currency=currency, amount=amount):
					self.assertEqual(amount_in_words(amount, currency), money_in_words(amount, currency))

	def test_negative_amounts_have_no_words(self):
		self.assertEqual(amount_in_words(-5, "USD"), "")
