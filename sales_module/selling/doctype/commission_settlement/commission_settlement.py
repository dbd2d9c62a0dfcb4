# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from sales_module.controllers.locking import SharedRowLocks, lock_rows
from sales_module.engine import settlement_figures
from sales_module.exceptions import (
	CommissionAlreadySettledError,
	DocumentStateError,
	DuplicateError,
	InactiveRecordError,
	InvalidReferenceError,
	InvalidValueError,
	NothingToSettleError,
)
from sales_module.selling.commission import (
	PARTY_TYPES,
	REFERENCE_DOCTYPES,
	company_precision,
	eligible_rows,
	mark_settled,
	party_tiers,
	settled_before,
	settled_by,
)
from sales_module.utils.currency import company_currency
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.validation import validate_date_order

# what each row takes from the invoice row it settles
ROW_FIELDS = (
	"sales_invoice",
	"posting_date",
	"customer",
	"is_return",
	"item_code",
	"reference_doctype",
	"reference_row",
	"eligible_amount",
	"commission_rate",
	"commission_amount",
)


class CommissionSettlement(SharedRowLocks, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.selling.doctype.commission_settlement_detail.commission_settlement_detail import (
			CommissionSettlementDetail,
		)

		amended_from: DF.Link | None
		currency: DF.Link | None
		details: DF.Table[CommissionSettlementDetail]
		from_date: DF.Date
		naming_series: DF.Literal["COM-SET-.YYYY.-"]
		only_paid_invoices: DF.Check
		party: DF.DynamicLink
		party_type: DF.Link
		posting_date: DF.Date
		settled_before: DF.Currency
		status: DF.Literal["Draft", "Submitted", "Cancelled"]
		to_date: DF.Date
		total_commission: DF.Currency
		total_eligible_amount: DF.Currency
	# end: auto-generated types

	def _set_defaults(self):
		# a settlement sent without the flag follows Selling Settings (before Frappe fills a Check with 0)
		if self.is_new() and self.get("only_paid_invoices") is None:
			self.only_paid_invoices = cint(
				frappe.db.get_single_value("Selling Settings", "settle_commission_only_on_paid_invoices")
			)
		super()._set_defaults()

	def validate(self):
		self.validate_party()
		validate_date_order(self, "from_date", "to_date")
		self.currency = company_currency()
		self.load_rows()
		self.calculate()
		self.status = {0: "Draft", 1: "Submitted"}.get(self.docstatus, self.status)

	@property
	def reference_doctype(self) -> str:
		return REFERENCE_DOCTYPES[self.party_type]

	# ---------------------------------------------------------------- locks

	def lock_shared_rows(self):
		# the party's row first: it serialises every settlement of the party, then the invoices
		if not self.flags.shared_rows_locked and self.party_type in PARTY_TYPES and self.party:
			lock_rows(self.party_type, [self.party])
		super().lock_shared_rows()

	def shared_rows(self) -> dict[str, set[str]]:
		return {"Sales Invoice": {row.sales_invoice for row in self.details}}

	# ---------------------------------------------------------------- checks

	def validate_party(self):
		if self.party_type not in PARTY_TYPES:
			frappe.throw(
				_("Party Type must be Sales Partner or Sales Person, not {0}").format(
					frappe.bold(self.party_type)
				),
				InvalidValueError,
				title=_("Invalid Party Type"),
			)
		if self.party_type == "Sales Partner":
			disabled = cint(frappe.db.get_value("Sales Partner", self.party, "disabled"))
		else:
			disabled = not cint(frappe.db.get_value("Sales Person", self.party, "enabled"))
		if disabled:
			frappe.throw(
				_("{0} {1} is disabled: its commission cannot be settled").format(
					_(self.party_type), frappe.bold(self.party)
				),
				InactiveRecordError,
				title=_("Disabled {0}").format(_(self.party_type)),
			)

	# ---------------------------------------------------------------- rows and figures

	def eligible(self, unsettled: bool) -> list[frappe._dict]:
		return eligible_rows(
			self.party_type,
			self.from_date,
			self.to_date,
			party=self.party,
			only_paid=bool(self.only_paid_invoices),
			unsettled=unsettled,
		)

	def load_rows(self):
		"""Every eligible row when none are given; otherwise each given row refreshed from the invoice row
		it settles (a row naming only its invoice stands for all of that invoice's unsettled rows). A row
		of another party, period or state, given twice, or settled by a submitted settlement is
		refused."""
		if not self.details:
			self.set("details", [self.row_values(row) for row in self.eligible(unsettled=True)])
		else:
			self.refresh_given_rows()
		if not self.details:
			message = (
				_("{0} {1} has no unsettled commission on invoices paid in full from {2} to {3}")
				if self.only_paid_invoices
				else _("{0} {1} has no unsettled commission from {2} to {3}")
			)
			frappe.throw(
				message.format(
					_(self.party_type),
					frappe.bold(self.party),
					frappe.format(self.from_date, "Date"),
					frappe.format(self.to_date, "Date"),
				),
				NothingToSettleError,
				title=_("Nothing to Settle"),
			)
		self.check_not_settled()

	def refresh_given_rows(self):
		eligible = self.eligible(unsettled=False)
		by_reference = {row.reference_row: row for row in eligible}
		rows = []
		for detail in self.details:
			if not detail.reference_row:
				rows.extend(
					row
					for row in eligible
					if row.sales_invoice == detail.sales_invoice and not row.commission_settlement
				)
				continue
			row = by_reference.get(detail.reference_row)
			if not row or row.reference_doctype != (detail.reference_doctype or row.reference_doctype):
				frappe.throw(
					_("Row {0}: {1} {2} of {3} pays {4} {5} no commission from {6} to {7}").format(
						detail.idx,
						_(detail.reference_doctype or self.reference_doctype),
						detail.reference_row,
						detail.sales_invoice,
						_(self.party_type),
						frappe.bold(self.party),
						frappe.format(self.from_date, "Date"),
						frappe.format(self.to_date, "Date"),
					),
					InvalidReferenceError,
					title=_("Not Eligible"),
				)
			rows.append(row)
		seen: set[str] = set()
		for row in rows:
			if row.reference_row in seen:
				frappe.throw(
					_("{0} {1} of {2} is listed twice").format(
						_(row.reference_doctype), row.reference_row, row.sales_invoice
					),
					DuplicateError,
					title=_("Listed Twice"),
				)
			seen.add(row.reference_row)
		self.set("details", [self.row_values(row) for row in rows])

	def check_not_settled(self):
		settled = settled_by(self.reference_doctype, [row.reference_row for row in self.details], self.name)
		if not settled:
			return
		invoices = sorted({row.sales_invoice for row in settled.values()})
		settlements = sorted({row.settlement for row in settled.values()})
		frappe.throw(
			_("The commission of {0} is already settled by {1}").format(
				", ".join(invoices), ", ".join(settlements)
			),
			CommissionAlreadySettledError,
			title=_("Already Settled"),
		)

	@staticmethod
	def row_values(row) -> dict:
		values = {fieldname: row.get(fieldname) for fieldname in ROW_FIELDS}
		values["commission_amount"] = flt(values["commission_amount"])
		return values

	def calculate(self):
		precision = company_precision()
		tiers = party_tiers(self.party_type, self.party)
		self.settled_before = flt(
			settled_before(self.party_type, self.party, self.from_date, self.to_date, self.name), precision
		)
		with engine_errors(_("Commission Settlement")):
			figures = settlement_figures(self.details, self.settled_before, tiers, precision=precision)
		for row, commission, rate in zip(
			self.details, figures.commissions, figures.commission_rates, strict=True
		):
			row.commission_amount, row.commission_rate = flt(commission, precision), flt(rate)
		self.total_eligible_amount = flt(figures.total_eligible_amount, precision)
		self.total_commission = flt(figures.total_commission, precision)

	# ---------------------------------------------------------------- lifecycle

	def before_submit(self):
		super().before_submit()
		# behind the locks: the rows, their state and the period's earlier settlements as they are now
		lock_rows("Sales Invoice", {row.sales_invoice for row in self.details})
		self.load_rows()
		self.calculate()

	def on_submit(self):
		mark_settled(self.reference_doctype, [row.reference_row for row in self.details])

	def on_cancel(self):
		mark_settled(self.reference_doctype, [row.reference_row for row in self.details])
		self.db_set("status", "Cancelled")

	@frappe.whitelist()
	def get_eligible_documents(self):
		"""Replace the rows by every row of the period that is not yet settled."""
		self.check_permission("create" if self.is_new() else "write")
		if self.docstatus != 0:
			frappe.throw(
				_("Only a draft Commission Settlement can take further documents"),
				DocumentStateError,
				title=_("Not a Draft"),
			)
		self.validate_party()
		validate_date_order(self, "from_date", "to_date")
		self.currency = company_currency()
		self.set("details", [])
		self.load_rows()
		self.calculate()
