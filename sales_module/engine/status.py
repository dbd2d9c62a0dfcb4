"""A tiny evaluator for ordered status maps (as ERPNext's status_updater), with sticky statuses."""

from collections.abc import Callable, Collection, Sequence

Predicate = Callable[[object], bool]
StatusMap = Sequence[tuple[str, Predicate | None]]

DEFAULT_STICKY = ("On Hold", "Closed", "Lost")
DEFAULT_OVERRIDES = ("Cancelled",)


def evaluate_status(
	status_map: StatusMap,
	doc: object,
	current: str = "",
	*,
	sticky: Collection[str] = DEFAULT_STICKY,
	overrides_sticky: Collection[str] = DEFAULT_OVERRIDES,
) -> str:
	"""Evaluate ``status_map`` from its last entry to its first; the first entry whose predicate is None
	or returns true wins. A ``current`` status in ``sticky`` (set by an explicit user action) is kept
	unless the winner is in ``overrides_sticky`` (e.g. Cancelled). No match keeps ``current``."""
	found = _first_match(status_map, doc)
	if current in sticky and found not in overrides_sticky:
		return current
	return current if found is None else found


def _first_match(status_map: StatusMap, doc: object) -> str | None:
	for status, predicate in reversed(status_map):
		if predicate is None or predicate(doc):
			return status
	return None
