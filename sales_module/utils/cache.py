"""Reference data every save reads (tree parent maps, whole-number units, bundles, DocType kinds,
currencies), kept by each process and checked against one version stamp per request.

Frappe's shared cache costs a Redis round trip and an unpickle per entry and request; here a request
reads only the site's reference version (once, then from the request's local cache) and uses the
process's own copies while it is unchanged. A change to any reference record calls
`reference_data_changed`, which sets a new version now (this transaction sees its own change), after
commit (another process may have rebuilt from the data committed before) and after rollback (this
process may have rebuilt from data that is rolled back). The copies are shared: callers do not mutate.
"""

from collections.abc import Callable

import frappe

REFERENCE_VERSION_KEY = "sales_module:reference_version"
# (site, name) -> (version, value)
_copies: dict[tuple[str, str], tuple[str, object]] = {}


def reference_data(name: str, generator: Callable[[], object]):
	"""The named reference data, rebuilt by `generator` when the site's reference version changed."""
	version = reference_version()
	key = (frappe.local.site, name)
	copy = _copies.get(key)
	if copy and copy[0] == version:
		return copy[1]
	value = generator()
	_copies[key] = (version, value)
	return value


def reference_version() -> str:
	version = frappe.cache.get_value(REFERENCE_VERSION_KEY)
	if not version:
		version = new_reference_version()
	return version


def new_reference_version() -> str:
	version = frappe.generate_hash(length=12)
	frappe.cache.set_value(REFERENCE_VERSION_KEY, version)
	return version


def reference_data_changed(*args, **kwargs):
	"""Hook and helper: a reference record changed (the arguments of doc events are ignored)."""
	new_reference_version()
	frappe.db.after_commit.add(new_reference_version)
	frappe.db.after_rollback.add(new_reference_version)
