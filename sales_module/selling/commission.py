"""Commission settlements: which rows of submitted Sales Invoices a sales partner or a sales person is
paid commission on, what each earns, and which submitted Commission Settlement settled it.

A sales partner is paid per invoice line that grants commission (`Sales Invoice Item`, its base net
amount), a sales person per share of an invoice (`Sales Team`, its allocated amount). Credit notes count
as negative rows. Without tiers a row earns what its invoice stores (the partner's share of the invoice's
total commission, the person's incentives), exactly what the commission reports show; with tiers on the
party a settlement earns the tiered increment over the same period's earlier settlements, computed and
spread by the engine.

A row's `commission_settlement` marker follows the submitted settlements: it is recomputed from them
(`mark_settled`) on submit and cancel, never set by hand. Settlements of one party are serialised by a
lock on the party's row, taken before the invoices' rows.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import getdate

from sales_module.engine import CommissionTier, commission_tiers, spread_commission, to_decimal
from sales_module.exceptions import InvalidDatesError, InvalidValueError
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.engine_bridge import engine_errors
from sales_module.utils.reports import column
from sales_module.utils.reports import currency_column as text_currency_column
from sales_module.utils.transactions import read_protected

PARTY_TYPES = ("Sales Partner", "Sales Person")
# the rows a settlement of each party type settles
REFERENCE_DOCTYPES = {"Sales Partner": "Sales Invoice Item", "Sales Person": "Sales Team"}
BATCH = 1000  # rows per lookup of their settlements


def company_precision() -> int:
	return currency_precision(company_currency())


def party_tiers(party_type: str, party: str) -> list[CommissionTier] | None:
	"""The party's commission tiers, checked and sorted by the engine; None when it has none."""
	tier = frappe.qb.DocType("Commission Tier")
	rows = (
		frappe.qb.from_(tier)
		.select(tier.from_amount, tier.commission_rate)
		.where(
			(tier.parenttype == party_type)
			& (tier.parent == party)
			& (tier.parentfield == "commission_tiers")
		)
		.run(as_dict=True)
	)
	if not rows:
		return None
	with engine_errors(_("Commission Tiers")):
		return commission_tiers(rows)


def eligible_rows(
	party_type: str,
	from_date,
	to_date,
	*,
	party: str | None = None,
	only_paid: bool = False,
	unsettled: bool = True,
	restrict: Callable | None = None,
) -> list[frappe._dict]:
	"""The rows of submitted Sales Invoices (credit notes included) posted in the period that pay the
	party (every party of the type when None) commission, oldest first, each with `party`,
	`sales_invoice`, `posting_date`, `is_return`, `customer`, `item_code`, `reference_doctype`,
	`reference_row`, `eligible_amount`, `commission_rate`, `commission_amount` (what its invoice stores)
	and `commission_settlement`. With `only_paid`, only invoices paid in full and credit notes; with
	`unsettled`, only rows no submitted settlement settled. `restrict(query)` narrows the invoices
	(the user's permissions in reports). Reads behind the caller's locks (`read_protected`)."""
	loader = partner_rows if party_type == "Sales Partner" else team_rows
	invoice = frappe.qb.DocType("Sales Invoice")
	conditions = (
		(invoice.docstatus == 1)
		& (invoice.posting_date >= getdate(from_date))
		& (invoice.posting_date <= getdate(to_date))
	)
	if only_paid:
		conditions &= (invoice.is_return == 1) | (invoice.outstanding_amount <= 0)
	rows = loader(invoice, conditions, party, restrict)
	if unsettled:
		rows = [row for row in rows if not row.commission_settlement]
	return rows


def partner_rows(invoice, conditions, party: str | None, restrict: Callable | None) -> list[frappe._dict]:
	line = frappe.qb.DocType("Sales Invoice Item")
	query = (
		frappe.qb.from_(invoice)
		.join(line)
		.on(
			(line.parent == invoice.name)
			& (line.parenttype == "Sales Invoice")
			& (line.parentfield == "items")
		)
		.select(
			invoice.sales_partner.as_("party"),
			invoice.name.as_("sales_invoice"),
			invoice.posting_date,
			invoice.is_return,
			invoice.customer,
			invoice.commission_rate,
			invoice.total_commission,
			line.item_code,
			line.name.as_("reference_row"),
			line.base_net_amount.as_("eligible_amount"),
			line.commission_settlement,
		)
		.where(conditions & (line.grant_commission == 1))
		.orderby(invoice.posting_date)
		.orderby(invoice.name)
		.orderby(line.idx)
	)
	query = query.where(invoice.sales_partner == party) if party else query.where(invoice.sales_partner != "")
	rows = read_protected(restrict(query) if restrict else query).run(as_dict=True)
	# every line of an invoice that grants commission is read (settled or not): the invoice's total
	# commission is spread over all of them, so each line's part is the same whichever are settled
	shares = line_shares(rows, company_precision())
	for row in rows:
		row.reference_doctype = "Sales Invoice Item"
		row.commission_amount = shares[row.reference_row]
	return rows


def team_rows(invoice, conditions, party: str | None, restrict: Callable | None) -> list[frappe._dict]:
	team = frappe.qb.DocType("Sales Team")
	query = (
		frappe.qb.from_(invoice)
		.join(team)
		.on(
			(team.parent == invoice.name)
			& (team.parenttype == "Sales Invoice")
			& (team.parentfield == "sales_team")
		)
		.select(
			team.sales_person.as_("party"),
			invoice.name.as_("sales_invoice"),
			invoice.posting_date,
			invoice.is_return,
			invoice.customer,
			team.name.as_("reference_row"),
			team.allocated_amount.as_("eligible_amount"),
			team.commission_rate,
			team.incentives.as_("commission_amount"),
			team.commission_settlement,
		)
		.where(conditions)
		.orderby(invoice.posting_date)
		.orderby(invoice.name)
		.orderby(team.idx)
	)
	if party:
		query = query.where(team.sales_person == party)
	rows = read_protected(restrict(query) if restrict else query).run(as_dict=True)
	for row in rows:
		row.reference_doctype = "Sales Team"
		row.item_code = None
	return rows


def line_shares(lines: Iterable, precision: int) -> dict[str, Decimal]:
	"""Each line's part of its document's total commission (`total_commission`), spread exactly over
	the document's lines that grant commission by their amounts; lines carry `sales_invoice` (their
	document), `reference_row`, `eligible_amount`, `total_commission`."""
	by_document: dict[str, list] = defaultdict(list)
	for line in lines:
		by_document[line.sales_invoice].append(line)
	shares: dict[str, Decimal] = {}
	for document_lines in by_document.values():
		parts = spread_commission(
			document_lines[0].total_commission, [line.eligible_amount for line in document_lines], precision
		)
		shares.update(zip((line.reference_row for line in document_lines), parts, strict=True))
	return shares


def document_line_commissions(doctype: str, documents: list[str], precision: int) -> dict[str, Decimal]:
	"""For the lines of `documents` (Sales Orders, Delivery Notes or Sales Invoices), each line's part
	of its document's total commission; lines that grant none are left out."""
	header, line = frappe.qb.DocType(doctype), frappe.qb.DocType(f"{doctype} Item")
	shares: dict[str, Decimal] = {}
	for start in range(0, len(documents), BATCH):
		lines = (
			frappe.qb.from_(line)
			.join(header)
			.on(header.name == line.parent)
			.select(
				line.parent.as_("sales_invoice"),
				line.name.as_("reference_row"),
				line.base_net_amount.as_("eligible_amount"),
				header.total_commission,
			)
			.where(
				line.parent.isin(documents[start : start + BATCH])
				& (line.parenttype == doctype)
				& (line.grant_commission == 1)
			)
			.orderby(line.parent)
			.orderby(line.idx)
			.run(as_dict=True)
		)
		shares.update(line_shares(lines, precision))
	return shares


def settled_before(party_type: str, party: str, from_date, to_date, exclude: str | None = None) -> Decimal:
	"""The eligible amount of the party's submitted settlements of the same period (behind the lock of
	the party's row), which the tiers of a further settlement continue from."""
	settlement = frappe.qb.DocType("Commission Settlement")
	query = (
		frappe.qb.from_(settlement)
		.select(Sum(settlement.total_eligible_amount))
		.where(
			(settlement.docstatus == 1)
			& (settlement.party_type == party_type)
			& (settlement.party == party)
			& (settlement.from_date == getdate(from_date))
			& (settlement.to_date == getdate(to_date))
			& (settlement.name != (exclude or ""))
		)
	)
	found = read_protected(query).run()
	return to_decimal(found[0][0] if found and found[0][0] is not None else 0)


def settled_by(
	reference_doctype: str, rows: Iterable[str], exclude: str | None = None
) -> dict[str, frappe._dict]:
	"""For each of the rows that a submitted settlement (other than `exclude`) settles: that settlement
	(`settlement`) and the row's invoice (`sales_invoice`)."""
	names = sorted({row for row in rows if row})
	detail, settlement = (
		frappe.qb.DocType("Commission Settlement Detail"),
		frappe.qb.DocType("Commission Settlement"),
	)
	found: dict[str, frappe._dict] = {}
	for start in range(0, len(names), BATCH):
		query = (
			frappe.qb.from_(detail)
			.join(settlement)
			.on(settlement.name == detail.parent)
			.select(detail.reference_row, settlement.name.as_("settlement"), detail.sales_invoice)
			.where(
				(settlement.docstatus == 1)
				& (detail.parenttype == "Commission Settlement")
				& (detail.reference_doctype == reference_doctype)
				& detail.reference_row.isin(names[start : start + BATCH])
				& (settlement.name != (exclude or ""))
			)
		)
		for row in read_protected(query).run(as_dict=True):
			found[row.reference_row] = row
	return found


def mark_settled(reference_doctype: str, rows: Iterable[str]):
	"""Set each row's `commission_settlement` to the submitted settlement that settles it, or clear it:
	one update per settlement (and one for the rows set free), the invoices themselves left as they
	are."""
	names = sorted({row for row in rows if row})
	if not names:
		return
	settled = settled_by(reference_doctype, names)
	by_settlement: dict[str | None, list[str]] = defaultdict(list)
	for name in names:
		by_settlement[settled[name].settlement if name in settled else None].append(name)
	table = frappe.qb.DocType(reference_doctype)
	for settlement, members in by_settlement.items():
		for start in range(0, len(members), BATCH):
			frappe.qb.update(table).set(table.commission_settlement, settlement).where(
				table.name.isin(members[start : start + BATCH])
			).run()


# ---------------------------------------------------------------- what the commission reports share

TRANSACTION_DOCTYPES = ("Sales Order", "Delivery Note", "Sales Invoice")


def report_document_type(filters, key: str) -> str:
	"""The document type a commission report reads (ERPNext's `doctype` or `doc_type` filter)."""
	doctype = filters.get(key)
	if not doctype:
		frappe.throw(_("Please select the document type first"), InvalidValueError, title=_("Document Type"))
	if doctype not in TRANSACTION_DOCTYPES:
		frappe.throw(
			_("Document Type must be one of {0}, not {1}").format(
				", ".join(_(name) for name in TRANSACTION_DOCTYPES), frappe.bold(doctype)
			),
			InvalidValueError,
			title=_("Document Type"),
		)
	return doctype


def document_date_field(doctype: str) -> str:
	return "transaction_date" if doctype == "Sales Order" else "posting_date"


def report_documents(doctype: str, filters):
	"""(the document table, a query of its submitted documents of the report's period) selecting the
	document, its customer, territory and date (as `posting_date`), narrowed by the report's customer
	and territory. Each period bound is optional, as in ERPNext; To Date before From Date is refused."""
	header = frappe.qb.DocType(doctype)
	date = header[document_date_field(doctype)]
	query = (
		frappe.qb.from_(header)
		.select(header.name, header.customer, header.territory, date.as_("posting_date"))
		.where(header.docstatus == 1)
	)
	for fieldname in ("customer", "territory"):
		if filters.get(fieldname):
			query = query.where(header[fieldname] == filters[fieldname])
	from_date, to_date = filters.get("from_date"), filters.get("to_date")
	if from_date and to_date and getdate(to_date) < getdate(from_date):
		frappe.throw(_("To Date cannot be before From Date"), InvalidDatesError, title=_("Invalid Dates"))
	if from_date:
		query = query.where(date >= getdate(from_date))
	if to_date:
		query = query.where(date <= getdate(to_date))
	return header, query


def with_partner(query, header, filters):
	"""Only documents with a sales partner (the report's, when it names one)."""
	query = query.where(header.sales_partner.notnull() & (header.sales_partner != ""))
	return (
		query.where(header.sales_partner == filters.sales_partner) if filters.get("sales_partner") else query
	)


def with_lines(query, header, doctype: str, filters):
	"""(the line table, the query joined to the documents' lines) narrowed by the report's item group
	(its subtree) and brand."""
	line = frappe.qb.DocType(f"{doctype} Item")
	query = query.join(line).on(
		(line.parent == header.name) & (line.parenttype == doctype) & (line.parentfield == "items")
	)
	if filters.get("item_group"):
		query = query.where(line.item_group.isin(subtree("Item Group", filters.item_group)))
	if filters.get("brand"):
		query = query.where(line.brand == filters.brand)
	return line, query


def with_team(query, header, doctype: str):
	"""(the Sales Team table, the query joined to the documents' sales team rows)."""
	team = frappe.qb.DocType("Sales Team")
	return team, query.join(team).on(
		(team.parent == header.name) & (team.parenttype == doctype) & (team.parentfield == "sales_team")
	)


def subtree(doctype: str, name: str):
	"""A query of the names of `name` and every node below it in its tree."""
	table = frappe.qb.DocType(doctype)
	bounds = frappe.db.get_value(doctype, name, ["lft", "rgt"])
	if not bounds:
		frappe.throw(
			_("{0} {1} does not exist").format(_(doctype), frappe.bold(name)), frappe.LinkValidationError
		)
	return (
		frappe.qb.from_(table).select(table.name).where((table.lft >= bounds[0]) & (table.rgt <= bounds[1]))
	)


def document_columns(doctype: str, name_field: str = "name") -> list[dict]:
	"""The columns every commission report opens with: the document, its customer and territory."""
	return [
		column(_(doctype), name_field, "Link", doctype, 140),
		column(_("Customer"), "customer", "Link", "Customer", 140),
		column(_("Territory"), "territory", "Link", "Territory", 100),
	]


def date_column(doctype: str) -> dict:
	label = _("Order Date") if doctype == "Sales Order" else _("Posting Date")
	return column(label, "posting_date", "Date", width=100)


def item_columns() -> list[dict]:
	return [
		column(_("Item Code"), "item_code", "Link", "Item", 100),
		column(_("Item Group"), "item_group", "Link", "Item Group", 100),
		column(_("Brand"), "brand", "Link", "Brand", 100),
	]


def money_column(label: str, fieldname: str, width: int = 120) -> dict:
	return column(label, fieldname, "Currency", "currency", width)


def currency_column() -> dict:
	return {**text_currency_column(), "hidden": 1}
