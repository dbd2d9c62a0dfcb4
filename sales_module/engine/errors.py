"""The single exception type raised by the engine for invalid input."""


class EngineValidationError(Exception):
	"""A validation failure with an untranslated English message template.

	The engine never translates: controllers call ``frappe.throw(_(err.template).format(*err.params))``.
	``code`` is a stable machine-readable identifier for tests and API clients.
	"""

	def __init__(self, template: str, *params: object, code: str = "invalid") -> None:
		self.template = template
		self.params = params
		self.code = code
		super().__init__(self.message)

	@property
	def message(self) -> str:
		"""The English message with its parameters filled in."""
		return self.template.format(*params_as_text(self.params))


def params_as_text(params: tuple[object, ...]) -> list[str]:
	return [str(param) for param in params]
