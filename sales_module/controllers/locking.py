"""Row locks that serialise the decisions of documents saved at the same moment.

Every submit, cancel or status change locks what it shares with other documents BEFORE Frappe locks the
document's own row: stock bins first, then the shared documents in `LOCK_ORDER`, each set sorted by name,
so concurrent transactions queue instead of deadlocking. The sums behind those locks are then read with
plain reads (sales_module/utils/transactions.py).
"""

import frappe

from sales_module.stock.utils import lock_bins
from sales_module.utils.transactions import ChangedChildRowsOnly, RetryOnLockConflict

# Every submit / cancel / status change locks what it shares with other documents BEFORE writing its own
# row, bins first and documents in this order, so concurrent transactions queue instead of deadlocking.
LOCK_ORDER = (
	"Customer",
	"Coupon Code",
	"Blanket Order",
	"Quotation",
	"Sales Order",
	"Delivery Note",
	"Sales Invoice",
	"Payment Entry",
)


class SharedRowLocks(RetryOnLockConflict, ChangedChildRowsOnly):
	"""Mixin: `shared_rows()` names the rows, `bins_to_lock()` the (item, warehouse) stock bins.

	Documents that share rows also retry a save that lost a deadlock and write only changed child rows.
	"""

	def shared_rows(self) -> dict[str, set[str]]:
		return {}

	def bins_to_lock(self) -> set[tuple[str, str]]:
		return set()

	def lock_shared_rows(self):
		# once per save: before Frappe's own-row lock, or in before_submit for a new document
		if self.flags.shared_rows_locked:
			return
		self.flags.shared_rows_locked = True
		if bins := self.bins_to_lock():
			# their names serve the reservation update of this save (sales_module/stock/reservation.py)
			self.flags.locked_bins = lock_bins(bins)
		rows = self.shared_rows()
		for doctype in LOCK_ORDER:
			lock_rows(doctype, rows.get(doctype, ()))

	def load_doc_before_save(self, *args, **kwargs):
		# Frappe locks the document's own row (and child rows) here; shared rows must be locked first
		self.forget_locks()
		if self.is_changing_docstatus():
			self.lock_shared_rows()
			self.flags.locked_before_own_row = True
		return super().load_doc_before_save(*args, **kwargs)

	def before_validate(self):
		# locks taken by an earlier, failed save of this object do not carry over
		if not self.flags.locked_before_own_row:
			self.forget_locks()
		self.flags.locked_before_own_row = False

	def forget_locks(self):
		self.flags.shared_rows_locked = False
		self.flags.stock_pairs = None
		self.flags.locked_bins = None

	def _submit(self):
		return self.changing_docstatus(super()._submit)

	def _cancel(self):
		return self.changing_docstatus(super()._cancel)

	def changing_docstatus(self, operation):
		self.flags.submitting_or_cancelling = True
		try:
			return operation()
		finally:
			self.flags.submitting_or_cancelling = False

	def is_changing_docstatus(self) -> bool:
		if self.is_new():
			return False
		if self.flags.submitting_or_cancelling:
			return True  # submit() and cancel() change it; a plain save may too (docstatus in a PUT)
		table = frappe.qb.DocType(self.doctype)
		stored = frappe.qb.from_(table).select(table.docstatus).where(table.name == self.name).run()
		return bool(stored) and int(stored[0][0]) != int(self.docstatus or 0)

	def before_submit(self):
		# a document inserted and submitted at once has no row of its own yet
		self.lock_shared_rows()

	def before_cancel(self):
		self.lock_shared_rows()


def lock_rows(doctype: str, names) -> list[str]:
	"""Lock the rows in a fixed order (so concurrent transactions cannot deadlock on them)."""
	names = sorted({name for name in names if name})
	if not names:
		return []
	table = frappe.qb.DocType(doctype)
	return (
		frappe.qb.from_(table).select(table.name).where(table.name.isin(names)).for_update().run(pluck=True)
	)
