"""Orders late for delivery: the daily job flags the order lines past their delivery date and not fully
delivered (and clears lines no longer late), and tells each late order's owner and its sales persons'
users once a day, by a Notification Log entry (mailed by Frappe where an outgoing account is set)."""

import frappe
from frappe import _
from frappe.utils import escape_html, getdate, nowdate

OPEN_FOR_DELIVERY = ("To Deliver and Bill", "To Deliver")


def flag_late_orders():
	today = getdate(nowdate())
	late_lines = late_order_lines(today)
	set_flags(late_lines)
	for order in sorted({line.parent for line in late_lines}):
		notify_late_order(order, today)


def late_order_lines(today) -> list[frappe._dict]:
	order, line = frappe.qb.DocType("Sales Order"), frappe.qb.DocType("Sales Order Item")
	return (
		frappe.qb.from_(line)
		.join(order)
		.on(order.name == line.parent)
		.select(line.name, line.parent)
		.where(
			(order.docstatus == 1)
			& order.status.isin(OPEN_FOR_DELIVERY)
			& (line.delivery_date < today)
			& (line.delivered_qty < line.qty)
		)
		.run(as_dict=True)
	)


def set_flags(late_lines: list[frappe._dict]):
	"""Flag what is late now and clear what no longer is; rows already right are not written."""
	line = frappe.qb.DocType("Sales Order Item")
	late = [row.name for row in late_lines]
	if late:
		frappe.qb.update(line).set(line.delivery_overdue, 1).where(
			line.name.isin(late) & (line.delivery_overdue == 0)
		).run()
	cleared = frappe.qb.update(line).set(line.delivery_overdue, 0).where(line.delivery_overdue == 1)
	if late:
		cleared = cleared.where(line.name.notin(late))
	cleared.run()


def notify_late_order(order: str, today):
	values = frappe.db.get_value(
		"Sales Order", order, ["owner", "customer_name", "delivery_date"], as_dict=True
	)
	team_users = frappe.get_all(
		"Sales Person",
		filters={
			"name": (
				"in",
				frappe.get_all(
					"Sales Team", filters={"parenttype": "Sales Order", "parent": order}, pluck="sales_person"
				),
			),
			"user": ("is", "set"),
		},
		pluck="user",
	)
	for user in sorted({values.owner, *team_users} - {"Administrator", "Guest", None}) or [values.owner]:
		if already_told(order, user, today):
			continue
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"from_user": "Administrator",
				"type": "Alert",
				"document_type": "Sales Order",
				"document_name": order,
				"subject": _("Sales Order {0} for {1} is late for delivery (due {2})").format(
					frappe.bold(escape_html(order)),
					escape_html(values.customer_name),
					frappe.format(values.delivery_date, "Date"),
				),
			}
		).insert(ignore_permissions=True)


def already_told(order: str, user: str, today) -> bool:
	return bool(
		frappe.db.exists(
			"Notification Log",
			{
				"document_type": "Sales Order",
				"document_name": order,
				"for_user": user,
				"creation": (">=", today),
			},
		)
	)
