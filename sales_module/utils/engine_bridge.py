"""Glue between the framework-free engine and Frappe: translated errors and cached lookups."""

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe import _

from sales_module.engine import EngineValidationError


@contextmanager
def engine_errors(title: str | None = None) -> Iterator[None]:
	"""Turn the engine's untranslated validation errors into translated frappe.ValidationError."""
	try:
		yield
	except EngineValidationError as error:
		frappe.throw(_(error.template).format(*error.params), title=title or _("Validation Error"))
