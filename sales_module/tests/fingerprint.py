"""What the database holds, as a comparable value: per table, its row count and a checksum of every
column of every row. Two fingerprints are equal exactly when (but for CRC collisions) the tables hold the
same rows, so a refused request, a killed worker or a restore can be shown to have changed nothing, or
everything back.

Read through the current connection: what another connection has not committed is not seen."""

from functools import reduce

import frappe
from frappe.query_builder.functions import Count, IfNull, Sum
from pypika.functions import Function
from pypika.terms import ValueWrapper

MODULES = ("Selling", "Stock", "Accounts", "Setup")
# core tables the app's documents write beside their own
CORE_DOCTYPES = ("Version", "Address", "Contact", "Dynamic Link", "Contact Email", "Contact Phone")


class Crc32(Function):
	def __init__(self, term):
		super().__init__("CRC32", term)


class ConcatWs(Function):
	def __init__(self, separator, *terms):
		super().__init__("CONCAT_WS", separator, *terms)


def app_doctypes() -> list[str]:
	"""The app's stored DocTypes (child tables included), then the core ones its documents write."""
	own = frappe.get_all(
		"DocType",
		filters={"module": ("in", MODULES), "issingle": 0, "is_virtual": 0},
		pluck="name",
		order_by="name",
	)
	return [*own, *(name for name in CORE_DOCTYPES if frappe.db.table_exists(name))]


def table_query(doctype: str):
	"""(DocType, rows, sum of the CRC32 of each row's columns); a NULL is told apart from an empty string."""
	table = frappe.qb.DocType(doctype)
	columns = frappe.db.get_table_columns(doctype)
	row_text = ConcatWs("\x1f", *(IfNull(table[column], "\x00") for column in columns))
	return frappe.qb.from_(table).select(ValueWrapper(doctype), Count("*"), Sum(Crc32(row_text)))


def table_fingerprint(doctype: str) -> tuple[int, int]:
	_doctype, count, checksum = table_query(doctype).run()[0]
	return int(count), int(checksum or 0)


def singles_fingerprint() -> tuple[int, int]:
	"""The app's settings (single DocTypes) are rows of tabSingles."""
	singles = frappe.get_all("DocType", filters={"module": ("in", MODULES), "issingle": 1}, pluck="name")
	if not singles:
		return 0, 0
	table = frappe.qb.Table("tabSingles")
	row_text = ConcatWs("\x1f", table.doctype, table.field, IfNull(table.value, "\x00"))
	count, checksum = (
		frappe.qb.from_(table)
		.select(Count("*"), Sum(Crc32(row_text)))
		.where(table.doctype.isin(singles))
		.run()[0]
	)
	return int(count), int(checksum or 0)


def database_fingerprint(doctypes: list[str] | None = None) -> dict[str, tuple[int, int]]:
	"""{DocType: (rows, checksum)} for the given DocTypes, by default every table of the app plus the
	core tables its documents write and its settings (under "Singles")."""
	queries = [table_query(doctype) for doctype in doctypes or app_doctypes()]
	# one round trip for all the tables (a fuzzer takes two fingerprints per request)
	union = reduce(lambda query, other: query.union_all(other), queries)
	fingerprint = {doctype: (int(count), int(checksum or 0)) for doctype, count, checksum in union.run()}
	if doctypes is None:
		fingerprint["Singles"] = singles_fingerprint()
	return fingerprint


def fingerprint_changes(before: dict, after: dict) -> dict[str, tuple]:
	"""{DocType: (before, after)} for every table that differs."""
	return {
		name: (before.get(name), after.get(name))
		for name in sorted(set(before) | set(after))
		if before.get(name) != after.get(name)
	}
