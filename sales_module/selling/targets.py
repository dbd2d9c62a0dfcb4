"""What targets are measured against: the sales of a member (sales person, territory, sales partner,
customer group) per item group and day, read from submitted orders, deliveries or invoices, and the
open orders still to be delivered or billed. Shared by the target variance reports, the Sales Plan and
its number cards; the roll-up up the trees is the engine's (`achievements`).

Figures are in the company currency (base net amounts) or stock quantities; returns and credit notes
count negative; cancelled documents never count; a sales person gets their allocated share of each
document (ERPNext counts the whole line for every member of the team)."""

from datetime import date

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import getdate

from sales_module.engine import TargetPeriod, achievements
from sales_module.utils.reports import permitted
from sales_module.utils.tree import get_tree_parents

DIMENSIONS = ("Sales Person", "Territory", "Sales Partner", "Customer Group")
BASED_ON = ("Sales Order", "Delivery Note", "Sales Invoice")
# the dimension's field on the document header (Sales Person: the Sales Team table)
DIMENSION_FIELD = {
	"Sales Person": "sales_person",
	"Territory": "territory",
	"Sales Partner": "sales_partner",
	"Customer Group": "customer_group",
}
TREE_DIMENSIONS = ("Sales Person", "Territory", "Customer Group")
LINE_DOCTYPE = {
	"Sales Order": "Sales Order Item",
	"Delivery Note": "Delivery Note Item",
	"Sales Invoice": "Sales Invoice Item",
}


def date_field_of(doctype: str) -> str:
	return "transaction_date" if doctype == "Sales Order" else "posting_date"


def sold_rows(
	dimension: str,
	based_on: str,
	from_date,
	to_date,
	on_quantity: bool = False,
	members: list[str] | None = None,
	check_permission: bool = True,
) -> list[tuple[str, str | None, date, float]]:
	"""(member, item group, day, amount or stock qty) summed per member, item group and day of the
	submitted documents of the period; `members` narrows to those members (not their subtrees)."""
	header = frappe.qb.DocType(based_on)
	line = frappe.qb.DocType(LINE_DOCTYPE[based_on])
	day = header[date_field_of(based_on)]
	figure = line.stock_qty if on_quantity else line.base_net_amount
	query = (
		frappe.qb.from_(header).join(line).on((line.parent == header.name) & (line.parenttype == based_on))
	)
	if dimension == "Sales Person":
		team = frappe.qb.DocType("Sales Team")
		query = query.join(team).on((team.parent == header.name) & (team.parenttype == based_on))
		member, figure = team.sales_person, figure * team.allocated_percentage / 100
	else:
		member = header[DIMENSION_FIELD[dimension]]
	query = (
		query.select(member, line.item_group, day, Sum(figure))
		.where(
			(header.docstatus == 1)
			& (day >= getdate(from_date))
			& (day <= getdate(to_date))
			& member.isnotnull()
			& (member != "")
		)
		.groupby(member, line.item_group, day)
	)
	if members is not None:
		if not members:
			return []
		query = query.where(member.isin(members))
	if check_permission:
		query = permitted(query, based_on)
	return [(name, group or None, getdate(when), amount) for name, group, when, amount in query.run()]


def open_order_rows(
	dimension: str,
	based_on: str,
	until,
	on_quantity: bool = False,
	members: list[str] | None = None,
	check_permission: bool = True,
) -> list[tuple[str, str | None, date, float]]:
	"""(member, item group, delivery date, what is still to come) of the open order lines due by
	`until`: for targets on deliveries what is not delivered yet, on invoices what is not billed yet
	(on orders nothing: an order counts when it is taken). Held, closed and completed orders are left
	out."""
	if based_on == "Sales Order":
		return []
	order = frappe.qb.DocType("Sales Order")
	line = frappe.qb.DocType("Sales Order Item")
	if based_on == "Delivery Note":
		pending_share = (line.qty - line.delivered_qty) / line.qty
		still_open = line.delivered_qty < line.qty
	else:
		pending_share = (line.amount - line.billed_amt) / line.amount
		still_open = line.billed_amt < line.amount
	figure = (line.stock_qty if on_quantity else line.base_net_amount) * pending_share
	query = (
		frappe.qb.from_(order).join(line).on((line.parent == order.name) & (line.parenttype == "Sales Order"))
	)
	if dimension == "Sales Person":
		team = frappe.qb.DocType("Sales Team")
		query = query.join(team).on((team.parent == order.name) & (team.parenttype == "Sales Order"))
		member, figure = team.sales_person, figure * team.allocated_percentage / 100
	else:
		member = order[DIMENSION_FIELD[dimension]]
	query = (
		query.select(member, line.item_group, line.delivery_date, Sum(figure))
		.where(
			(order.docstatus == 1)
			& order.status.notin(["On Hold", "Closed", "Completed"])
			& (line.qty > 0)
			& (line.amount != 0)
			& still_open
			& (line.delivery_date <= getdate(until))
			& member.isnotnull()
			& (member != "")
		)
		.groupby(member, line.item_group, line.delivery_date)
	)
	if members is not None:
		if not members:
			return []
		query = query.where(member.isin(members))
	if check_permission:
		query = permitted(query, "Sales Order")
	return [(name, group or None, getdate(when), amount) for name, group, when, amount in query.run()]


def member_parents(dimension: str) -> dict[str, str | None]:
	return get_tree_parents(dimension) if dimension in TREE_DIMENSIONS else {}


def member_subtree(dimension: str, members) -> list[str]:
	"""The members and everything below them in their tree (whose sales count for them)."""
	wanted = set(members)
	if dimension not in TREE_DIMENSIONS:
		return sorted(wanted)
	parents = get_tree_parents(dimension)
	found = set(wanted)
	for node in parents:
		chain, current = [], node
		while current and current not in found and current not in chain:
			chain.append(current)
			current = parents.get(current)
		if current in found:
			found.update(chain)
	return sorted(found)


def achieved(
	dimension: str,
	based_on: str,
	targets: list[tuple[str, str | None]],
	periods: list[TargetPeriod],
	on_quantity: bool = False,
	precision: int = 2,
	check_permission: bool = True,
) -> dict[tuple[str, str | None], list]:
	"""What each (member, item group) target achieved per period, rolled up both trees."""
	if not targets or not periods:
		return {target: [] for target in targets}
	rows = sold_rows(
		dimension,
		based_on,
		periods[0].start,
		periods[-1].end,
		on_quantity,
		members=member_subtree(dimension, {member for member, _group in targets}),
		check_permission=check_permission,
	)
	return achievements(
		rows, targets, periods, member_parents(dimension), get_tree_parents("Item Group"), precision
	)
