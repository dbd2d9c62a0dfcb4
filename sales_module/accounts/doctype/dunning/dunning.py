# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Count
from frappe.utils import add_days, flt, getdate, nowdate

from sales_module.accounts.dunnings import get_default_dunning_type, refresh_dunning_status
from sales_module.controllers.document_io import LeanDocumentIO
from sales_module.controllers.locking import SharedRowLocks
from sales_module.engine.dunning import compute_dunning
from sales_module.exceptions import DocumentStateError, InvalidReferenceError, NothingToMapError
from sales_module.utils.currency import currency_precision
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.permissions import ensure_permitted


class Dunning(SharedRowLocks, LeanDocumentIO, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.accounts.doctype.overdue_payment.overdue_payment import OverduePayment

		amended_from: DF.Link | None
		body_text: DF.TextEditor | None
		closing_text: DF.TextEditor | None
		contact_email: DF.Data | None
		currency: DF.Link | None
		customer: DF.Link
		customer_name: DF.Data | None
		dunning_amount: DF.Currency
		dunning_fee: DF.Currency
		dunning_type: DF.Link
		grand_total: DF.Currency
		max_dunning_level: DF.Int
		naming_series: DF.Literal["DUNN-.MM.-.YY.-"]
		overdue_payments: DF.Table[OverduePayment]
		posting_date: DF.Date
		rate_of_interest: DF.Percent
		status: DF.Literal["Draft", "Unresolved", "Resolved", "Cancelled"]
		total_interest: DF.Currency
		total_outstanding: DF.Currency

	# end: auto-generated types
	def validate(self):
		self.set_customer_details()
		self.load_schedule_rows()
		self.calculate()
		self.set_levels()
		self.status = "Draft" if self.docstatus == 0 else self.status

	def shared_rows(self) -> dict[str, set[str]]:
		return {"Sales Invoice": {row.sales_invoice for row in self.overdue_payments}}

	def set_customer_details(self):
		customer = frappe.db.get_value(
			"Customer", self.customer, ["customer_name", "email_id", "dunning_type"], as_dict=True
		)
		if not customer:
			frappe.throw(
				_("Customer {0} does not exist").format(frappe.bold(self.customer)),
				frappe.LinkValidationError,
			)
		self.customer_name = customer.customer_name
		self.contact_email = self.contact_email or customer.email_id
		self.dunning_type = self.dunning_type or customer.dunning_type or get_default_dunning_type()
		if not self.dunning_type:
			frappe.throw(_("Create a Dunning Type (or mark one as default) first"), frappe.MandatoryError)
		terms = frappe.get_cached_doc("Dunning Type", self.dunning_type)
		self.rate_of_interest, self.dunning_fee = terms.rate_of_interest, terms.dunning_fee
		self.body_text = self.body_text or terms.body_text
		self.closing_text = self.closing_text or terms.closing_text

	def load_schedule_rows(self):
		"""Every row must be a still unpaid schedule row of a submitted invoice of this customer."""
		invoices = {row.sales_invoice for row in self.overdue_payments}
		headers = {
			row.name: row
			for row in frappe.get_all(
				"Sales Invoice",
				filters={"name": ("in", list(invoices))},
				fields=["name", "customer", "docstatus", "currency", "is_return"],
			)
		}
		schedule = {
			row.name: row
			for row in frappe.get_all(
				"Payment Schedule",
				filters={"parent": ("in", list(invoices)), "parenttype": "Sales Invoice"},
				fields=["name", "parent", "due_date", "outstanding", "payment_term"],
			)
		}
		currencies = set()
		for row in self.overdue_payments:
			invoice = headers.get(row.sales_invoice)
			if (
				not invoice
				or invoice.docstatus != 1
				or invoice.customer != self.customer
				or invoice.is_return
			):
				frappe.throw(
					_("Row {0}: {1} is not a submitted invoice of Customer {2}").format(
						row.idx, row.sales_invoice, self.customer
					),
					InvalidReferenceError,
					title=_("Dunning"),
				)
			currencies.add(invoice.currency)
			if not row.payment_schedule:
				row.payment_schedule = first_unpaid_schedule_row(schedule, row.sales_invoice)
			term = schedule.get(row.payment_schedule)
			if not term or term.parent != row.sales_invoice:
				frappe.throw(
					_("Row {0}: the payment schedule row does not belong to {1}").format(
						row.idx, row.sales_invoice
					),
					InvalidReferenceError,
				)
			row.due_date, row.outstanding, row.payment_term = (
				term.due_date,
				term.outstanding,
				term.payment_term,
			)
			if self.docstatus == 0 and flt(row.outstanding) <= 0:
				frappe.throw(
					_("Row {0}: {1} is already paid").format(row.idx, row.sales_invoice),
					DocumentStateError,
					title=_("Dunning"),
				)
		if len(currencies) > 1:
			frappe.throw(
				_("All invoices of a dunning must be in one currency"),
				InvalidReferenceError,
				title=_("Dunning"),
			)
		self.currency = currencies.pop() if currencies else None

	def calculate(self):
		with engine_errors(_("Dunning")):
			figures = compute_dunning(
				[
					{"key": row.payment_schedule, "due_date": row.due_date, "outstanding": row.outstanding}
					for row in self.overdue_payments
				],
				self.posting_date,
				rate_of_interest=self.rate_of_interest,
				dunning_fee=self.dunning_fee,
				precision=currency_precision(self.currency),
			)
		for row, computed in zip(self.overdue_payments, figures.rows, strict=True):
			row.overdue_days, row.interest = computed.overdue_days, flt(computed.interest)
		for fieldname in ("total_outstanding", "total_interest", "dunning_amount", "grand_total"):
			self.set(fieldname, flt(getattr(figures, fieldname)))

	def set_levels(self):
		"""Level = earlier submitted dunnings of the same schedule row + 1."""
		earlier = earlier_reminders(
			[row.payment_schedule for row in self.overdue_payments], exclude=self.name
		)
		for row in self.overdue_payments:
			row.dunning_level = earlier.get(row.payment_schedule, 0) + 1
		self.max_dunning_level = max((row.dunning_level for row in self.overdue_payments), default=0)

	def on_submit(self):
		self.db_set("status", "Unresolved")
		refresh_dunning_status([self.name])

	def on_cancel(self):
		self.db_set("status", "Cancelled")


def first_unpaid_schedule_row(schedule: dict, invoice: str) -> str | None:
	rows = sorted(
		(row for row in schedule.values() if row.parent == invoice and flt(row.outstanding) > 0),
		key=lambda row: row.due_date,
	)
	return rows[0].name if rows else None


def earlier_reminders(schedule_rows: list[str], exclude: str | None = None) -> dict[str, int]:
	row, dunning = frappe.qb.DocType("Overdue Payment"), frappe.qb.DocType("Dunning")
	counts = (
		frappe.qb.from_(row)
		.join(dunning)
		.on(dunning.name == row.parent)
		.select(row.payment_schedule, Count("*"))
		.where(
			row.payment_schedule.isin(schedule_rows or [""])
			& (dunning.docstatus == 1)
			& (dunning.name != (exclude or ""))
		)
		.groupby(row.payment_schedule)
		.run()
	)
	return dict(counts)


@frappe.whitelist()
def create_dunning(source_name: str):
	"""A draft dunning for the invoice's overdue, unpaid schedule rows."""
	invoice = frappe.get_doc("Sales Invoice", source_name)
	ensure_permitted("Sales Invoice", "read", invoice)
	dunning = frappe.new_doc("Dunning")
	dunning.customer = invoice.customer
	dunning.posting_date = nowdate()
	for row in overdue_schedule_rows(invoice, getdate(nowdate())):
		dunning.append("overdue_payments", {"sales_invoice": invoice.name, "payment_schedule": row.name})
	if not dunning.overdue_payments:
		frappe.throw(
			_("Sales Invoice {0} has nothing overdue").format(source_name),
			NothingToMapError,
			title=_("Nothing Overdue"),
		)
	dunning.run_method("validate")
	return dunning


def overdue_schedule_rows(invoice, today) -> list:
	return [
		row for row in invoice.payment_schedule if flt(row.outstanding) > 0 and getdate(row.due_date) < today
	]


def create_dunnings_for_overdue_invoices():
	"""Daily: one reminder per customer with overdue schedule rows, at most once per the type's waiting days;
	emailed when an outgoing email account exists."""
	today = getdate(nowdate())
	schedule, invoice = frappe.qb.DocType("Payment Schedule"), frappe.qb.DocType("Sales Invoice")
	rows = (
		frappe.qb.from_(schedule)
		.join(invoice)
		.on(invoice.name == schedule.parent)
		.select(
			invoice.customer,
			invoice.currency,
			invoice.name.as_("sales_invoice"),
			schedule.name.as_("payment_schedule"),
		)
		.where(
			(invoice.docstatus == 1)
			& (schedule.outstanding > 0)
			& (schedule.due_date < today)
			& (schedule.parenttype == "Sales Invoice")
		)
		.orderby(invoice.customer)
		.orderby(schedule.due_date)
		.run(as_dict=True)
	)
	by_customer: dict[tuple[str, str], list] = {}
	for row in rows:
		by_customer.setdefault((row.customer, row.currency), []).append(row)
	for (customer, _currency), overdue in by_customer.items():
		if reminded_recently(customer, today):
			continue
		# one customer's failure must not undo the others' reminders; the job commits at its end
		frappe.db.savepoint("dunning")
		try:
			dunning = frappe.get_doc(
				{
					"doctype": "Dunning",
					"customer": customer,
					"posting_date": today,
					"docstatus": 1,
					"overdue_payments": [
						{"sales_invoice": row.sales_invoice, "payment_schedule": row.payment_schedule}
						for row in overdue
					],
				}
			)
			dunning.insert(ignore_permissions=True)
			email_dunning(dunning)
		except frappe.ValidationError:
			frappe.db.rollback(save_point="dunning")
			frappe.log_error(title=_("Automatic dunning failed for {0}").format(customer))


def reminded_recently(customer: str, today) -> bool:
	dunning_type = frappe.db.get_value("Customer", customer, "dunning_type") or get_default_dunning_type()
	if not dunning_type:
		return True
	waiting = int(frappe.db.get_value("Dunning Type", dunning_type, "waiting_days") or 0)
	return bool(
		frappe.db.exists(
			"Dunning",
			{"customer": customer, "docstatus": 1, "posting_date": (">", add_days(today, -waiting))},
		)
	)


def email_dunning(dunning):
	if not dunning.contact_email or not frappe.db.exists("Email Account", {"enable_outgoing": 1}):
		return
	message = frappe.render_template(dunning.body_text or "", {"doc": dunning}) + frappe.render_template(
		dunning.closing_text or "", {"doc": dunning}
	)
	frappe.sendmail(
		recipients=[dunning.contact_email],
		subject=_("Payment reminder {0}").format(dunning.name),
		message=message or _("Please pay the overdue amount of {0}.").format(dunning.grand_total),
		reference_doctype="Dunning",
		reference_name=dunning.name,
	)
