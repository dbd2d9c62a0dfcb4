"""What customers owe as of a date: each invoice's invoiced, paid and credited amounts counting only the
payments, refunds and credit notes posted by then, in the company currency. The receivable reports,
the customer dashboard and the number cards read it."""

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import flt, getdate

from sales_module.engine import payable_total
from sales_module.utils.currency import company_currency, currency_precision

INVOICE_FIELDS = [
	"name", "posting_date", "due_date", "customer", "customer_name", "territory", "customer_group",
	"sales_partner", "po_no", "currency", "conversion_rate", "grand_total", "rounded_total",
	"disable_rounded_total", "is_return", "return_against", "update_outstanding_for_self", "outstanding_amount",
]  # fmt: skip


def open_invoices(report_date, filters: dict | None = None) -> list[frappe._dict]:
	"""Invoices with something open on `report_date` (owed by the customer, or owed to it), each with
	invoiced, paid, credit_note and outstanding in the company currency. Through the permission-aware
	list query: User Permissions (a territory, a customer) restrict the rows."""
	report_date = getdate(report_date)
	filters = filters or {}
	conditions = [
		["Sales Invoice", "docstatus", "=", 1],
		["Sales Invoice", "posting_date", "<=", report_date],
	]
	for fieldname in ("customer", "customer_group", "territory", "sales_partner"):
		if value := filters.get(fieldname):
			conditions.append(["Sales Invoice", fieldname, *tree_condition(fieldname, value)])
	if filters.get("sales_person"):
		conditions.append(
			["Sales Team", "sales_person", *tree_condition("sales_person", filters["sales_person"])]
		)
	changed_since = settled_after(report_date)
	open_now = frappe.get_list(
		"Sales Invoice",
		filters=[*conditions, ["Sales Invoice", "outstanding_amount", "!=", 0]],
		fields=INVOICE_FIELDS,
		order_by="`tabSales Invoice`.posting_date asc, `tabSales Invoice`.name asc",
		distinct=True,
	)
	known = {row.name for row in open_now}
	later = [name for name in changed_since if name not in known]
	if later:
		open_now += frappe.get_list(
			"Sales Invoice",
			filters=[*conditions, ["Sales Invoice", "name", "in", later]],
			fields=INVOICE_FIELDS,
			distinct=True,
		)
	return with_figures(open_now, report_date)


def tree_condition(fieldname: str, value) -> list:
	"""A tree filter takes the node and all below it; a customer filter may be one name or several."""
	doctype = {
		"customer_group": "Customer Group",
		"territory": "Territory",
		"sales_person": "Sales Person",
	}.get(fieldname)
	values = value if isinstance(value, list | tuple) else [value]
	if doctype:
		nodes = set()
		for node in values:
			bounds = frappe.db.get_value(doctype, node, ["lft", "rgt"])
			if bounds:
				nodes |= set(
					frappe.get_all(
						doctype, filters={"lft": (">=", bounds[0]), "rgt": ("<=", bounds[1])}, pluck="name"
					)
				)
		return ["in", sorted(nodes) or [""]]
	return ["in", list(values)]


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
			& invoice.return_against.isin(names)
		)
		.run()
	):
		credited[original] = credited.get(original, 0) + flt(payable_total(grand, rounded, disabled))
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
