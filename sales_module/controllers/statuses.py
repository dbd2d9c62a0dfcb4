"""The status rules of the selling documents, in one place for their controllers and for recompute.

Each rule is an ordered status map (evaluated last to first by the engine's `evaluate_status`), the
statuses a user's action makes sticky, and those that replace a sticky one when their condition holds.
A map reads only the document's fields and lines, so `recompute` evaluates it on the stored header and
lines without loading whole documents.
"""

from dataclasses import dataclass
from types import SimpleNamespace

import frappe
from frappe.utils import flt, getdate, nowdate

from sales_module.engine import evaluate_status, payable_total


@dataclass(frozen=True)
class StatusRule:
	status_map: tuple
	sticky: tuple[str, ...] = ("On Hold", "Closed", "Lost")
	overriding: tuple[str, ...] = ("Cancelled",)


def fulfilment_status(percent: float, keyword: str) -> str:
	"""Not / Partly / Fully Delivered (or Billed) by the percentage done."""
	if percent <= 0:
		return f"Not {keyword}"
	return f"Fully {keyword}" if percent >= 100 else f"Partly {keyword}"


# ---------------------------------------------------------------- sales order


def order_delivered(doc) -> bool:
	return flt(doc.per_delivered) >= 100 or bool(doc.skip_delivery_note)


def order_billed(doc) -> bool:
	return flt(doc.per_billed) >= 100


SALES_ORDER = StatusRule(
	status_map=(
		("Draft", None),
		(
			"To Deliver and Bill",
			lambda doc: doc.docstatus == 1 and not order_delivered(doc) and not order_billed(doc),
		),
		("To Bill", lambda doc: doc.docstatus == 1 and order_delivered(doc) and not order_billed(doc)),
		("To Deliver", lambda doc: doc.docstatus == 1 and not order_delivered(doc) and order_billed(doc)),
		("Completed", lambda doc: doc.docstatus == 1 and order_delivered(doc) and order_billed(doc)),
		("Cancelled", lambda doc: doc.docstatus == 2),
	)
)

# ---------------------------------------------------------------- delivery note

DELIVERY_NOTE = StatusRule(
	status_map=(
		("Draft", None),
		("To Bill", lambda doc: doc.docstatus == 1 and not doc.is_return and flt(doc.per_billed) < 100),
		("Completed", lambda doc: doc.docstatus == 1 and (doc.is_return or flt(doc.per_billed) >= 100)),
		("Return Issued", lambda doc: doc.docstatus == 1 and flt(doc.per_returned) >= 100),
		("Cancelled", lambda doc: doc.docstatus == 2),
	),
	sticky=("Closed",),
)

# ---------------------------------------------------------------- quotation


def quotation_ordered(doc) -> bool:
	return doc.docstatus == 1 and all(flt(row.ordered_qty) >= flt(row.stock_qty) for row in doc.items)


def quotation_partly_ordered(doc) -> bool:
	return doc.docstatus == 1 and any(flt(row.ordered_qty) > 0 for row in doc.items)


def quotation_expired(doc) -> bool:
	return doc.docstatus == 1 and bool(doc.valid_till) and getdate(doc.valid_till) < getdate(nowdate())


QUOTATION = StatusRule(
	status_map=(
		("Draft", None),
		("Open", lambda doc: doc.docstatus == 1),
		# a lost quotation stays Lost when its validity passes (as in ERPNext: Lost outranks Expired)
		(
			"Expired",
			lambda doc: quotation_expired(doc) and not quotation_partly_ordered(doc) and doc.status != "Lost",
		),
		("Partially Ordered", quotation_partly_ordered),
		("Ordered", quotation_ordered),
		("Cancelled", lambda doc: doc.docstatus == 2),
	),
	# Replied (an email was sent from it) holds until the quotation is ordered, expires or is cancelled
	sticky=("Lost", "Replied"),
	overriding=("Cancelled", "Partially Ordered", "Ordered", "Expired"),
)

# ---------------------------------------------------------------- sales invoice


def invoice_payable(doc):
	return flt(payable_total(doc.grand_total, doc.rounded_total, doc.disable_rounded_total))


def invoice_overdue(doc) -> bool:
	"""Unpaid money whose due date (any schedule row, or the invoice's) has passed."""
	if flt(doc.outstanding_amount) <= 0:
		return False
	today = getdate(nowdate())
	due_rows = [row for row in doc.payment_schedule if flt(row.outstanding) > 0]
	if due_rows:
		return any(getdate(row.due_date) < today for row in due_rows)
	return bool(doc.due_date) and getdate(doc.due_date) < today


def has_credit_notes(doc) -> bool:
	return bool(frappe.db.exists("Sales Invoice", {"return_against": doc.name, "docstatus": 1}))


SALES_INVOICE = StatusRule(
	status_map=(
		("Draft", None),
		("Unpaid", lambda doc: doc.docstatus == 1 and flt(doc.outstanding_amount) > 0),
		(
			"Partly Paid",
			lambda doc: doc.docstatus == 1 and 0 < flt(doc.outstanding_amount) < invoice_payable(doc),
		),
		("Overdue", lambda doc: doc.docstatus == 1 and invoice_overdue(doc)),
		("Paid", lambda doc: doc.docstatus == 1 and flt(doc.outstanding_amount) <= 0 and not doc.is_return),
		(
			"Credit Note Issued",
			lambda doc: doc.docstatus == 1 and flt(doc.outstanding_amount) <= 0 and has_credit_notes(doc),
		),
		("Return", lambda doc: doc.docstatus == 1 and doc.is_return),
		("Cancelled", lambda doc: doc.docstatus == 2),
	),
	sticky=(),
)

STATUS_RULES = {
	"Sales Order": SALES_ORDER,
	"Delivery Note": DELIVERY_NOTE,
	"Quotation": QUOTATION,
	"Sales Invoice": SALES_INVOICE,
}


def status_called_for(doc) -> str:
	"""The status a document's figures call for under its DocType's rule (its current one when nothing
	matches)."""
	rule = STATUS_RULES[doc.doctype]
	return evaluate_status(
		rule.status_map, doc, doc.status or "", sticky=rule.sticky, overrides_sticky=rule.overriding
	)


def document_status(doctype: str, header: dict, lines: list) -> str:
	"""The status a stored header and its lines call for (the current one when nothing matches)."""
	# a dict's own `items` would hide the lines
	return status_called_for(SimpleNamespace(**{**header, "doctype": doctype}, items=lines))
