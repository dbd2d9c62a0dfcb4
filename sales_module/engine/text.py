"""English texts the engine hands over for translation: message templates and the labels filled into them.

The engine never translates. ``N_("...")`` (gettext's no-op marker, which ``bench generate-pot-file``
collects like ``_()``) marks a literal for the app's catalogue and returns it as a ``Text``; ``term(value)``
makes a ``Text`` of a value that is one of the app's own words (a Select option, a DocType name). The
bridge (``sales_module.utils.engine_bridge.engine_message``) translates the template and every ``Text``
parameter, and fills in the other parameters as they are.
"""


class Text(str):
	"""An English word or template that the desk shows translated."""

	__slots__ = ()


def N_(text: str) -> Text:
	"""Mark a literal English text for the catalogue; its value is unchanged."""
	return Text(text)


def term(value: object) -> object:
	"""A value that is one of the app's translated words (e.g. an Apply On option), marked as such."""
	return Text(value) if isinstance(value, str) and value else value


class Phrase(str):
	"""An English text made of a template (marked with ``N_``) and its parts: its value is the English text,
	so it reads and compares as one; ``render(translate)`` gives it in the user's language (the template,
	its ``Text`` parts and its inner phrases translated, the other parts as they are)."""

	def __new__(cls, template: str, *parts: object) -> "Phrase":
		phrase = super().__new__(cls, template.format(*parts))
		phrase.template = template
		phrase.parts = parts
		return phrase

	def __reduce__(self):
		# cached rule indexes are pickled: rebuilt from the template and parts, not from the English text
		return (type(self), (self.template, *self.parts))

	def render(self, translate) -> str:
		template = translate(self.template) if isinstance(self.template, Text) else self.template
		return template.format(*(render(part, translate) for part in self.parts))


def render(value: object, translate) -> object:
	"""A text in the language of ``translate`` (a ``Phrase`` or a ``Text``); other values unchanged."""
	if isinstance(value, Phrase):
		return value.render(translate)
	if isinstance(value, Text):
		return translate(value)
	return value


def joined(parts, separator: str = ", ") -> Phrase:
	"""The parts as one phrase, each rendered on its own."""
	parts = tuple(parts)
	return Phrase(separator.join(f"{{{position}}}" for position in range(len(parts))), *parts)
