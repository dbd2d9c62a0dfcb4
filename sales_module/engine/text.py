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
