"""How the app's documents share the database with concurrent users.

- Requests and background jobs run their transactions at READ COMMITTED (`use_read_committed`, the
  `before_request` and `before_job` hooks): every statement sees what other transactions committed, and
  locking reads and deletes lock only the rows they find, never the gaps between index entries that
  other transactions insert into. A decision (a sum checked against a limit, a figure recomputed) is
  serialised by locking its unique rows first (bins, the customer, the source document ...); the sums
  those locks protect are then plain reads (`read_protected`).
- A connection that was not switched (a console, a test runner) keeps REPEATABLE READ, where a plain
  read would see the snapshot taken when its transaction began: there `read_protected` turns the sum
  into a locking read, which always reads the latest committed rows.
- A save writes only the child rows that changed and deletes only the rows removed, by name
  (`ChangedChildRowsOnly`): Frappe's own save rewrites every row and deletes by a range on the parent,
  whose next-key locks block other documents' inserts into the same table.
- A save that still meets a deadlock or a lock wait timeout is run again from the start, a bounded number
  of times, when nothing else was written in its transaction (`RetryOnLockConflict`); otherwise, or when
  the attempts run out, it is refused with `ConcurrentUpdateError`, a validation error (HTTP 417) with a
  message saying to try again. Either way the transaction is rolled back whole: nothing is half-written.
"""

import random
import time
from contextlib import contextmanager

import frappe
from frappe import _

from sales_module.exceptions import ConcurrentUpdateError

READ_COMMITTED_FLAG = "sales_module_read_committed"
SNAPSHOT_READS_FLAG = "sales_module_snapshot_reads"
RETRY_SCOPE_FLAG = "sales_module_in_retry_scope"
ATTEMPTS = 4
LOCK_CONFLICTS = (frappe.QueryDeadlockError, frappe.QueryTimeoutError)


def use_read_committed():
	"""Hook: switch this connection to READ COMMITTED before the request or job writes anything."""
	if frappe.flags.get(READ_COMMITTED_FLAG) or not frappe.db or frappe.db.db_type != "mariadb":
		return
	if frappe.db.transaction_writes:
		return  # a transaction that already wrote cannot be restarted: it stays as it began
	# the session level applies from the next transaction, so the current (read-only) one is ended now
	# and the next begins with the next statement; neither statement has a query builder form
	frappe.db.sql("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
	frappe.db.sql("COMMIT")
	frappe.flags[READ_COMMITTED_FLAG] = True


def reads_latest_commits() -> bool:
	"""Whether a plain read in this transaction sees what others committed (READ COMMITTED)."""
	return bool(frappe.flags.get(READ_COMMITTED_FLAG))


def read_protected(query):
	"""A read of rows whose writers all take a lock the caller already holds.

	Plain under READ COMMITTED; under REPEATABLE READ a locking read, the only one that sees rows
	committed after this transaction's snapshot.
	"""
	if reads_latest_commits() or frappe.flags.get(SNAPSHOT_READS_FLAG):
		return query
	return query.for_update()


@contextmanager
def snapshot_reads():
	"""Within the block `read_protected` reads plainly, never locking: a checker that only reads (the
	invariants) sees one consistent snapshot at REPEATABLE READ and holds up no writer."""
	previous = frappe.flags.get(SNAPSHOT_READS_FLAG)
	frappe.flags[SNAPSHOT_READS_FLAG] = True
	try:
		yield
	finally:
		frappe.flags[SNAPSHOT_READS_FLAG] = previous


class RetryOnLockConflict:
	"""Document mixin: `insert` and `save` (hence submit and cancel) survive a lost lock conflict."""

	def insert(self, *args, **kwargs):
		return run_retrying(self, super().insert, args, kwargs)

	def save(self, *args, **kwargs):
		return run_retrying(self, super().save, args, kwargs)


def run_retrying(doc, operation, args: tuple, kwargs: dict):
	"""Run the outermost save of a request; after a deadlock, roll back and run it again from its start."""
	if frappe.flags.get(RETRY_SCOPE_FLAG):
		return operation(*args, **kwargs)  # part of an outer save, which retries as a whole
	retry_allowed = not frappe.db.transaction_writes  # a rollback would lose the earlier writes
	start = SavedState(doc)
	frappe.flags[RETRY_SCOPE_FLAG] = True
	try:
		for attempt in range(1, ATTEMPTS + 1):
			try:
				return operation(*args, **kwargs)
			except LOCK_CONFLICTS as error:
				frappe.db.rollback()
				if not retry_allowed or attempt == ATTEMPTS:
					raise_conflict(doc, error)
				start.restore(doc)
				# waiting a random moment lets the winner commit before this attempt takes its locks again
				time.sleep(random.uniform(0.005, 0.05) * attempt)
	finally:
		frappe.flags[RETRY_SCOPE_FLAG] = False


def run_retrying_from_start(operation, doctype: str, name: str):
	"""Run `operation()`, a request's whole work on document `name` that reads what it needs behind its
	own locks, again from its start after a lost lock conflict (the saves inside it do not retry alone)."""
	if frappe.flags.get(RETRY_SCOPE_FLAG):
		return operation()
	retry_allowed = not frappe.db.transaction_writes
	message_count = len(frappe.local.message_log or [])
	frappe.flags[RETRY_SCOPE_FLAG] = True
	try:
		for attempt in range(1, ATTEMPTS + 1):
			try:
				return operation()
			except LOCK_CONFLICTS as error:
				frappe.db.rollback()
				if not retry_allowed or attempt == ATTEMPTS:
					raise_conflict(frappe._dict(doctype=doctype, name=name), error)
				del frappe.local.message_log[message_count:]
				time.sleep(random.uniform(0.005, 0.05) * attempt)
	finally:
		frappe.flags[RETRY_SCOPE_FLAG] = False


class SavedState:
	"""The document and its rows as a save began (every attribute, unset fields included, and their
	flags), and how many messages the request had shown."""

	def __init__(self, doc):
		self.doc = attributes_of(doc)
		self.rows = {
			fieldname: [(row, attributes_of(row)) for row in doc.get(fieldname) or []]
			for fieldname in doc._table_fieldnames
		}
		self.message_count = len(frappe.local.message_log or [])

	def restore(self, doc):
		restore_attributes(doc, self.doc)
		for fieldname, rows in self.rows.items():
			for row, attributes in rows:
				restore_attributes(row, attributes)
			doc.__dict__[fieldname] = [row for row, _attributes in rows]
		del frappe.local.message_log[self.message_count :]


def attributes_of(obj) -> dict:
	attributes = dict(obj.__dict__)
	attributes["flags"] = frappe._dict(obj.flags)
	return attributes


def restore_attributes(obj, attributes: dict):
	obj.__dict__.clear()
	obj.__dict__.update(attributes)
	obj.flags = frappe._dict(attributes["flags"])


def raise_conflict(doc, error: Exception):
	frappe.throw(
		_(
			"{0} {1} could not be saved because other users changed the same records at the same "
			"moment. Nothing was saved; please try again."
		).format(_(doc.doctype), doc.name or ""),
		ConcurrentUpdateError,
		title=_("Changed at the Same Time"),
	)


class ChangedChildRowsOnly:
	"""Document mixin: on save, child rows are written only when they differ from the stored ones."""

	def update_child_table(self, fieldname: str, df=None):
		df = df or self.meta.get_field(fieldname)
		stored_doc = self.get_doc_before_save()
		if (
			stored_doc is None
			or df.options in (self.flags.ignore_children_type or ())
			or frappe.get_meta(df.options).is_virtual
		):
			return super().update_child_table(fieldname, df)
		stored = {row.name: row for row in stored_doc.get(df.fieldname) or []}
		rows = self.get(df.fieldname)
		kept = {row.name for row in rows if row.name in stored and not row.is_new()}
		if removed := sorted(set(stored) - kept):
			table = frappe.qb.DocType(df.options)
			frappe.qb.from_(table).delete().where(
				table.name.isin(removed) & (table.parent == self.name) & (table.parenttype == self.doctype)
			).run()
		docstatus_only = []
		for row in rows:
			if row.name not in kept:
				# a new row, or a named row this document did not have: never overwrite another's row
				row.db_insert()
				continue
			changed = changed_fields(row, stored[row.name])
			if changed == {"docstatus"}:
				docstatus_only.append(row.name)
			elif changed:
				row.db_update()
		if docstatus_only:
			# a submit or cancel that changed nothing else: one statement for the table
			table = frappe.qb.DocType(df.options)
			frappe.qb.update(table).set(table.docstatus, self.docstatus).set(
				table.modified, self.modified
			).set(table.modified_by, self.modified_by).where(table.name.isin(docstatus_only)).run()


# written on every save whatever changed; not a change of the row
TIMESTAMP_FIELDS = ("modified", "modified_by")


def changed_fields(row, stored) -> set[str]:
	new = row.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True)
	old = stored.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True)
	return {
		fieldname
		for fieldname in new
		if fieldname not in TIMESTAMP_FIELDS and new.get(fieldname) != old.get(fieldname)
	}
