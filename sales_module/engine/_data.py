"""Read fields from dicts, dataclasses or Frappe documents alike, coercing loose values."""

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from .errors import EngineValidationError
from .money import to_decimal
from .text import N_


def get(obj: object, name: str, default: object = None) -> object:
	"""``obj[name]`` for mappings, ``obj.name`` otherwise; None counts as missing."""
	if isinstance(obj, dict) or isinstance(obj, Mapping):  # plain dict first: the ABC check is slow
		value = obj.get(name, default)
	else:
		value = getattr(obj, name, default)
	return default if value is None else value


def text(obj: object, name: str, default: str = "") -> str:
	value = get(obj, name, default)
	return value if isinstance(value, str) else str(value)


def number(obj: object, name: str, default: object = 0) -> Decimal:
	return to_decimal(get(obj, name, default))


def optional_number(obj: object, name: str) -> Decimal | None:
	value = get(obj, name)
	return None if value is None or value == "" else to_decimal(value)


def flag(obj: object, name: str, default: bool = False) -> bool:
	return to_bool(get(obj, name, default))


def to_bool(value: object) -> bool:
	if isinstance(value, str):
		return value.strip().lower() not in ("", "0", "false", "no")
	return bool(value)


def to_int(value: object) -> int:
	if value is None or value == "":
		return 0
	try:
		return int(str(value).strip()) if not isinstance(value, int) else value
	except ValueError:
		raise EngineValidationError(N_("Invalid whole number: {0}"), value, code="invalid_number")


def to_date(value: object) -> date | None:
	"""Accept date, datetime or an ISO string ("2024-02-29" or with a time part); blank is None."""
	if value is None or value == "":
		return None
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if isinstance(value, str):
		try:
			return date.fromisoformat(value.strip()[:10])
		except ValueError:
			pass
	raise EngineValidationError(N_("Invalid date: {0}"), value, code="invalid_date")


def day(obj: object, name: str) -> date | None:
	return to_date(get(obj, name))


def required_date(value: object, label: str) -> date:
	result = to_date(value)
	if result is None:
		raise EngineValidationError(N_("{0} is required"), label, code="missing_date")
	return result


def name_list(value: object) -> tuple[str, ...]:
	"""A list of names from a list, a JSON list string or a comma separated string."""
	if value is None or value == "":
		return ()
	if isinstance(value, str):
		stripped = value.strip()
		if stripped.startswith("["):
			return tuple(str(item) for item in json.loads(stripped) if item)
		return tuple(part.strip() for part in stripped.split(",") if part.strip())
	return tuple(str(item) for item in value if item)  # type: ignore[union-attr]
