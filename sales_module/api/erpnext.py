"""ERPNext's whitelisted methods that take other arguments than ours, with ERPNext's argument names.

An unchanged ERPNext client calls `erpnext.<module>...` paths; `override_whitelisted_methods` in
hooks.py (the one list of every shared path) sends each to the method of our package with the same
name, or to one of these when ERPNext's signature differs (an `args` JSON object where ERPNext takes
one, `dt` / `dn` pairs, status words of its own).
"""

import json

import frappe
from frappe import _

from sales_module.accounts.doctype.sales_invoice.sales_invoice import make_payment_entry as for_invoice
from sales_module.api.pricing import get_items_details
from sales_module.exceptions import DocumentStateError, InvalidValueError
from sales_module.selling.doctype.blanket_order.blanket_order import make_sales_order as blanket_sales_order
from sales_module.selling.doctype.sales_order.sales_order import make_payment_entry as for_order
from sales_module.stock.utils import get_bins
from sales_module.utils.permissions import ensure_permitted

# ERPNext's names of our header fields, where its `args` use another one
ARG_ALIASES = {
	"price_list": ("selling_price_list", "price_list"),
	"transaction_date": ("transaction_date", "posting_date"),
}
CONTEXT_FIELDS = (
	"customer", "currency", "conversion_rate", "plc_conversion_rate", "coupon_code", "sales_partner", "campaign",
	"customer_group", "territory", "ignore_pricing_rule",
)  # fmt: skip


def parse_args(args: dict | str | None) -> frappe._dict:
	if isinstance(args, str):
		try:
			args = json.loads(args)
		except ValueError:
			frappe.throw(_("args must be a JSON object"), InvalidValueError, title=_("Invalid Arguments"))
	if not isinstance(args, dict):
		frappe.throw(_("args must be a JSON object"), InvalidValueError, title=_("Invalid Arguments"))
	return frappe._dict(args)


def pricing_context(args: frappe._dict) -> dict:
	context = {field: args.get(field) for field in CONTEXT_FIELDS if args.get(field) is not None}
	for ours, theirs in ARG_ALIASES.items():
		context[ours] = next((args.get(name) for name in theirs if args.get(name)), None)
	return context


@frappe.whitelist()
def get_item_details(
	args: dict | str,
	doc: dict | str | None = None,
	for_validate: bool = False,
	overwrite_warehouse: bool = True,
) -> dict:
	"""`erpnext.stock.get_item_details.get_item_details`: one line's price, rules, discount and stock."""
	args = parse_args(args)
	if not args.get("item_code"):
		frappe.throw(_("args.item_code is required"), frappe.MandatoryError, title=_("Invalid Arguments"))
	line = {
		"item_code": args.item_code,
		"qty": args.get("qty") or 1,
		"uom": args.get("uom"),
		"name": args.get("child_docname"),
	}
	result = get_items_details([line], **pricing_context(args))
	details = {**result["items"][0], "free_items": result["free_items"]}
	details["pricing_rules"] = ",".join(details.get("pricing_rules") or [])
	warehouse = args.get("warehouse") or args.get("set_warehouse")
	if warehouse:
		ensure_permitted("Warehouse", "read", warehouse)
		stock = get_bins([(args.item_code, warehouse)])[(args.item_code, warehouse)]
		details.update(warehouse=warehouse, **stock)
	return details


@frappe.whitelist()
def apply_pricing_rule(args: dict | str, doc: dict | str | None = None) -> list[dict]:
	"""`erpnext.accounts.doctype.pricing_rule.pricing_rule.apply_pricing_rule`: every line of `args.items`
	priced together; each result names its line as ERPNext does (`child_docname`, `doctype`)."""
	args = parse_args(args)
	items = args.get("items") or []
	if not isinstance(items, list) or not items:
		frappe.throw(
			_("args.items must be a non-empty list"), InvalidValueError, title=_("Invalid Arguments")
		)
	lines = [
		{
			"item_code": item.get("item_code"),
			"qty": item.get("qty") or 1,
			"uom": item.get("uom"),
			"name": item.get("name") or item.get("child_docname"),
		}
		for item in items
	]
	result = get_items_details(lines, **pricing_context(args))
	answers = []
	for item, priced in zip(items, result["items"], strict=True):
		answers.append(
			{
				**priced,
				"doctype": item.get("doctype"),
				"child_docname": item.get("name") or item.get("child_docname"),
				"parenttype": args.get("doctype"),
				"parent": args.get("name"),
				"pricing_rules": ",".join(priced.get("pricing_rules") or []),
			}
		)
	return answers


@frappe.whitelist()
def get_payment_entry(
	dt: str,
	dn: str,
	party_amount: float | None = None,
	bank_account: str | None = None,
	bank_amount: float | None = None,
	party_type: str | None = None,
	payment_type: str | None = None,
	reference_date: str | None = None,
) -> dict:
	"""`erpnext.accounts.doctype.payment_entry.payment_entry.get_payment_entry`: a draft receipt for an
	invoice's outstanding amount or an order's unpaid total (`party_amount` takes a part of it)."""
	makers = {"Sales Invoice": for_invoice, "Sales Order": for_order}
	if dt not in makers:
		frappe.throw(
			_("A payment can be made here for a Sales Invoice or a Sales Order, not for {0}").format(_(dt)),
			DocumentStateError,
			title=_("Payment Entry"),
		)
	ensure_permitted(dt, "read", dn)
	entry = makers[dt](dn)
	if party_amount:
		entry.paid_amount = abs(frappe.utils.flt(party_amount))
		reference = entry.references[0]
		# a refund's allocation is negative: the part paid is taken off what is owed the customer
		share = min(entry.paid_amount, abs(reference.allocated_amount))
		reference.allocated_amount = -share if reference.allocated_amount < 0 else share
		entry.run_method("set_totals")
	if reference_date:
		entry.reference_date = reference_date
	return entry


@frappe.whitelist()
def update_sales_order_status(status: str, name: str) -> str:
	"""`erpnext.selling.doctype.sales_order.sales_order.update_status`: ERPNext's "Draft" re-opens a closed
	order or resumes one on hold."""
	order = frappe.get_doc("Sales Order", name)
	order.check_permission("write")
	if status == "Draft":
		status = "Re-open" if order.status == "Closed" else "Resume"
	return order.update_status(status)


@frappe.whitelist()
def close_or_unclose_sales_orders(names: list | str, status: str) -> None:
	"""`erpnext.selling.doctype.sales_order.sales_order.close_or_unclose_sales_orders`."""
	if isinstance(names, str):
		names = json.loads(names)
	for name in names:
		order = frappe.get_doc("Sales Order", name)
		order.check_permission("write")
		if status == "Closed" and order.status not in ("Closed", "Cancelled", "Completed"):
			order.update_status("Closed")
		elif status != "Closed" and order.status == "Closed":
			order.update_status("Re-open")


@frappe.whitelist()
def make_order_from_blanket_order(source_name: str) -> object:
	"""`erpnext.manufacturing.doctype.blanket_order.blanket_order.make_order`: the Sales Order of a
	(selling) blanket order."""
	return blanket_sales_order(source_name)
