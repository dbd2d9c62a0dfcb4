"""What customers owe as of a date: each invoice's invoiced, paid and credited amounts counting only the
payments, refunds and credit notes posted by then, in the company currency. The receivable reports,
the customer dashboard and the number cards read it.

Two paths give the same figures. An invoice nothing touched after the date (no payment, refund or
credit note posted later) owes what its stored outstanding_amount says: that figure is recomputed from
the submitted documents under the invoice's lock whenever one of them changes, so it is read as it
is and only the credit notes are looked up to split what was settled into paid and credited. Invoices
touched after the date, and credit notes of their own, are recomputed from their payments, refunds and
credit notes posted by then. Reading the stored figure keeps the report linear in open invoices with
one query for them, rather than one lookup per invoice in the payment tables."""

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import flt, getdate

from sales_module.engine import payable_total
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.reports import permitted

INVOICE_FIELDS = (
	"name", "posting_date", "due_date", "customer", "sales_partner", "po_no", "conversion_rate",
	"grand_total", "rounded_total", "disable_rounded_total", "is_return", "return_against",
	"update_outstanding_for_self", "outstanding_amount",
)  # fmt: skip
# what the stored path reads of invoices (not credit notes): every field it reads is decoded per row
STORED_FIELDS = (*INVOICE_FIELDS[:10], "outstanding_amount")


def open_invoices(report_date, filters: dict | None = None) -> list[frappe._dict]:
	"""Invoices with something open on `report_date` (owed by the customer, or owed to it), oldest
	first, each with invoiced, paid, credit_note and outstanding in the company currency and the
	customer's name, territory and group (from the Customer, as ERPNext's receivables show them).
	Restricted as the list view is: User Permissions (a territory, a customer) narrow the rows."""
	report_date = getdate(report_date)
	invoice = frappe.qb.DocType("Sales Invoice")
	query = invoice_query(invoice, report_date, filters or {})
	touched_later = settled_after(report_date)
	stored = [
		frappe._dict(zip(STORED_FIELDS, values, strict=True))
		for values in stored_figures_query(query, invoice).run()
		if values[0] not in touched_later
	]
	recomputed = {
		values[0]: frappe._dict(zip(INVOICE_FIELDS, values, strict=True))
		for part in (
			# credit notes of their own that are open, and what was touched after the date
			query.where((invoice.is_return == 1) & (invoice.outstanding_amount != 0)),
			query.where(invoice.name.isin(sorted(touched_later))) if touched_later else None,
		)
		if part is not None
		for values in part.select(*(invoice[field] for field in INVOICE_FIELDS)).run()
	}
	rows = from_stored_outstanding(stored, report_date) + with_figures(list(recomputed.values()), report_date)
	rows.sort(key=lambda row: (row.posting_date, row.name))
	return with_customer_details(rows)


def stored_figures_query(query, invoice):
	"""Open invoices (not credit notes) with their stored figures, read through `receivables_index`."""
	return query.select(*(invoice[field] for field in STORED_FIELDS)).where(
		(invoice.is_return == 0) & (invoice.outstanding_amount != 0)
	)


def with_customer_details(rows: list[frappe._dict]) -> list[frappe._dict]:
	customers = {row.customer for row in rows}
	details = {
		name: {"customer_name": customer_name, "territory": territory, "customer_group": group}
		for name, customer_name, territory, group in frappe.get_all(
			"Customer",
			filters={"name": ("in", sorted(customers) or [""])},
			fields=["name", "customer_name", "territory", "customer_group"],
			as_list=True,
		)
	}
	blank = {"customer_name": None, "territory": None, "customer_group": None}
	for row in rows:
		row.update(details.get(row.customer, blank))
	return rows


def invoice_query(invoice, report_date, filters: dict):
	"""Submitted invoices posted by the date, narrowed by the report's filters and the user's rights."""
	query = frappe.qb.from_(invoice).where((invoice.docstatus == 1) & (invoice.posting_date <= report_date))
	for fieldname in ("customer", "customer_group", "territory", "sales_partner"):
		if value := filters.get(fieldname):
			query = query.where(invoice[fieldname].isin(tree_values(fieldname, value)))
	if filters.get("sales_person"):
		team = frappe.qb.DocType("Sales Team")
		query = query.where(
			invoice.name.isin(
				frappe.qb.from_(team)
				.select(team.parent)
				.where(
					(team.parenttype == "Sales Invoice")
					& team.sales_person.isin(tree_values("sales_person", filters["sales_person"]))
				)
			)
		)
	return permitted(query, "Sales Invoice")


def tree_values(fieldname: str, value) -> list[str]:
	"""A tree filter takes the node and all below it; a customer filter may be one name or several."""
	doctype = {
		"customer_group": "Customer Group",
		"territory": "Territory",
		"sales_person": "Sales Person",
	}.get(fieldname)
	values = list(value) if isinstance(value, list | tuple) else [value]
	if not doctype:
		return values
	nodes = set()
	for node in values:
		bounds = frappe.db.get_value(doctype, node, ["lft", "rgt"])
		if bounds:
			nodes |= set(
				frappe.get_all(
					doctype, filters={"lft": (">=", bounds[0]), "rgt": ("<=", bounds[1])}, pluck="name"
				)
			)
	return sorted(nodes) or [""]


def from_stored_outstanding(invoices: list[frappe._dict], report_date) -> list[frappe._dict]:
	"""Invoices untouched since the date: what they owe is their stored outstanding; what was settled
	besides their credit notes was paid (payments and advances)."""
	credited = credit_notes_against(report_date)
	precision = currency_precision(company_currency())
	rounding = frappe.get_system_settings("rounding_method")  # read once, not per figure
	for row in invoices:
		rate = flt(row.conversion_rate) or 1
		invoiced = flt(payable_total(row.grand_total, row.rounded_total, row.disable_rounded_total))
		credit = -flt(credited[row.name], precision, rounding) if row.name in credited else 0.0
		outstanding = flt(row.outstanding_amount)
		paid = flt(invoiced - credit - outstanding, precision, rounding)
		row.invoice_grand_total = invoiced
		if rate == 1:  # in the company currency already, at its precision
			row.invoiced, row.paid, row.credit_note, row.outstanding = invoiced, paid, credit, outstanding
			continue
		row.update(
			invoiced=flt(invoiced * rate, precision, rounding),
			paid=flt(paid * rate, precision, rounding),
			credit_note=flt(credit * rate, precision, rounding),
			outstanding=flt(outstanding * rate, precision, rounding),
		)
	return invoices


def credit_notes_against(report_date, names: list[str] | None = None) -> dict[str, float]:
	"""What the credit notes posted by the date took off the invoices they return (negative); of the
	invoices `names` only when given."""
	invoice = frappe.qb.DocType("Sales Invoice")
	returned = invoice.return_against.isin(names) if names is not None else invoice.return_against.isnotnull()
	credited: dict[str, float] = {}
	for original, grand, rounded, disabled in (
		frappe.qb.from_(invoice)
		.select(
			invoice.return_against, invoice.grand_total, invoice.rounded_total, invoice.disable_rounded_total
		)
		.where(
			(invoice.docstatus == 1)
			& (invoice.is_return == 1)
			& (invoice.update_outstanding_for_self == 0)
			& (invoice.posting_date <= report_date)
			& returned
		)
		.run()
	):
		credited[original] = credited.get(original, 0) + flt(payable_total(grand, rounded, disabled))
	return credited


def settled_after(report_date) -> set[str]:
	"""Invoices whose figures changed after the date: paid, refunded or credited later."""
	reference, entry = frappe.qb.DocType("Payment Entry Reference"), frappe.qb.DocType("Payment Entry")
	paid_later = (
		frappe.qb.from_(reference)
		.join(entry)
		.on(entry.name == reference.parent)
		.select(reference.reference_name)
		.distinct()
		.where(
			(entry.docstatus == 1)
			& (entry.posting_date > report_date)
			& (reference.reference_doctype == "Sales Invoice")
		)
		.run(pluck=True)
	)
	invoice = frappe.qb.DocType("Sales Invoice")
	credited_later = (
		frappe.qb.from_(invoice)
		.select(invoice.return_against)
		.distinct()
		.where((invoice.docstatus == 1) & (invoice.is_return == 1) & (invoice.posting_date > report_date))
		.run(pluck=True)
	)
	return {name for name in (*paid_later, *credited_later) if name}


def with_figures(invoices: list[frappe._dict], report_date) -> list[frappe._dict]:
	names = [row.name for row in invoices]
	received, refunded = allocations_by(names, report_date)
	advanced = advances_by(names)
	credited = credit_notes_by(names, report_date)
	precision = currency_precision(company_currency())
	rows = []
	for row in invoices:
		rate = flt(row.conversion_rate) or 1
		counted_on_original = row.is_return and row.return_against and not row.update_outstanding_for_self
		if counted_on_original:
			continue
		invoiced = flt(payable_total(row.grand_total, row.rounded_total, row.disable_rounded_total))
		if row.is_return:
			# a credit note of its own: what it owes the customer is a credit; refunds and the credit
			# other invoices took from it in reconciliation pay it out
			invoiced, credit = 0, -invoiced
			paid = refunded.get(row.name, 0) - credited.get(row.name, 0)
		else:
			paid = received.get(row.name, 0) + refunded.get(row.name, 0) + advanced.get(row.name, 0)
			credit = -credited.get(row.name, 0)  # shown positive, as ERPNext does
		outstanding = flt((invoiced - paid - credit) * rate, precision)
		if not outstanding:
			continue
		row.update(
			invoiced=flt(invoiced * rate, precision),
			paid=flt(paid * rate, precision),
			credit_note=flt(credit * rate, precision),
			outstanding=outstanding,
			invoice_grand_total=flt(invoiced, precision),
		)
		rows.append(row)
	return rows


def allocations_by(names: list[str], report_date) -> tuple[dict, dict]:
	if not names:
		return {}, {}
	reference, entry = frappe.qb.DocType("Payment Entry Reference"), frappe.qb.DocType("Payment Entry")
	received, refunded = {}, {}
	for name, amount in (
		frappe.qb.from_(reference)
		.join(entry)
		.on(entry.name == reference.parent)
		.select(reference.reference_name, reference.allocated_amount)
		.where(
			(entry.docstatus == 1)
			& (entry.posting_date <= report_date)
			& (reference.reference_doctype == "Sales Invoice")
			& reference.reference_name.isin(names)
		)
		.run()
	):
		target = received if flt(amount) > 0 else refunded
		target[name] = target.get(name, 0) + flt(amount)
	return received, refunded


def advances_by(names: list[str]) -> dict[str, float]:
	if not names:
		return {}
	advance = frappe.qb.DocType("Sales Invoice Advance")
	return {
		name: flt(total)
		for name, total in frappe.qb.from_(advance)
		.select(advance.parent, Sum(advance.allocated_amount))
		.where((advance.parenttype == "Sales Invoice") & advance.parent.isin(names))
		.groupby(advance.parent)
		.run()
	}


def credit_notes_by(names: list[str], report_date) -> dict[str, float]:
	"""What credit notes posted by the date took off each invoice (negative), and what credit other
	invoices took from each credit note in reconciliation (positive: it no longer owes that)."""
	if not names:
		return {}
	invoice = frappe.qb.DocType("Sales Invoice")
	credited = credit_notes_against(report_date, names)
	advance = frappe.qb.DocType("Sales Invoice Advance")
	for credit_note, applied in (
		frappe.qb.from_(advance)
		.join(invoice)
		.on(invoice.name == advance.parent)
		.select(advance.reference_name, Sum(advance.allocated_amount))
		.where(
			(advance.reference_type == "Sales Invoice")
			& advance.reference_name.isin(names)
			& (invoice.docstatus == 1)
		)
		.groupby(advance.reference_name)
		.run()
	):
		credited[credit_note] = credited.get(credit_note, 0) + flt(applied)
	return credited
