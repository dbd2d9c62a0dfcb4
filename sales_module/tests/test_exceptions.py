"""Every refusal has its class: the engine's codes map to the app's exception classes."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_module import exceptions
from sales_module.engine import ERROR_CODES, EngineValidationError
from sales_module.utils.engine_bridge import ENGINE_CODES, engine_errors


class TestExceptions(FrappeTestCase):
	def test_every_engine_code_has_a_class(self):
		self.assertEqual(set(ENGINE_CODES), set(ERROR_CODES))
		for code, exception in ENGINE_CODES.items():
			with self.subTest(code=code):
				self.assertTrue(issubclass(exception, exceptions.SalesModuleError))

	def test_an_engine_error_is_raised_as_its_class_translated(self):
		with self.assertRaises(exceptions.InvalidPaymentTermsError) as raised:
			with engine_errors("Payment Terms"):
				raise EngineValidationError(
					"Total of invoice portions must be 100, not {0}", 99, code="portion_total"
				)
		self.assertIn("99", str(raised.exception))

	def test_every_class_is_a_validation_error(self):
		classes = [
			value
			for value in vars(exceptions).values()
			if isinstance(value, type)
			and issubclass(value, Exception)
			and value.__module__ == exceptions.__name__
		]
		self.assertGreater(len(classes), 20)
		for exception in classes:
			with self.subTest(exception=exception.__name__):
				self.assertTrue(issubclass(exception, frappe.ValidationError))
