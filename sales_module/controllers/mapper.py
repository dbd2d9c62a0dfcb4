"""Helpers for the document mappers (Quotation -> Sales Order -> Delivery Note -> Sales Invoice ...)."""

import frappe
from frappe import _
from frappe.model.mapper import get_mapped_doc
from frappe.utils import flt

from sales_module.controllers.recompute import billed_qty_by_line
from sales_module.engine.quantities import qty_left_to_bill
from sales_module.exceptions import DocumentStateError, NothingToMapError


def ensure_submitted(doc, action: str):
	if doc.docstatus != 1:
		frappe.throw(
			_("{0} {1} must be submitted before you can {2}").format(_(doc.doctype), doc.name, action),
			DocumentStateError,
			title=_("Not Submitted"),
		)


def ensure_open(doc, action: str):
	if doc.get("status") in ("Closed", "On Hold"):
		frappe.throw(
			_("{0} {1} is {2}; you cannot {3}").format(_(doc.doctype), doc.name, _(doc.status), action),
			DocumentStateError,
			title=_("Not Allowed"),
		)


def finish_mapped_document(target):
	"""The mapped document is priced and totalled by its own validate; run it once now so the form
	opens with real figures, and refuse to return a document with nothing left to map."""
	if not target.items:
		frappe.throw(
			_("Nothing is left to map: every line is already fully processed"),
			NothingToMapError,
			title=_("Nothing to Map"),
		)
	target.run_method("set_missing_values")
	target.run_method("load_items")
	target.run_method("set_item_details")
	target.run_method("apply_pricing")
	target.run_method("calculate_taxes_and_totals")
	# an invoice made from orders takes the advances paid for them
	target.run_method("set_order_advances")
	return target


def map_document(
	source_doctype: str,
	source_name: str,
	target_doctype: str,
	item_map: dict,
	target_doc=None,
	postprocess=None,
	header_no_map: tuple[str, ...] = ("status",),
	with_sales_team: bool = True,
):
	"""`get_mapped_doc` with what every selling mapper shares: a submitted source, its lines mapped by
	`item_map` ("<source> Item" -> "<target> Item"), tax rows recomputed, the sales team carried."""
	mapping = {
		source_doctype: {
			"doctype": target_doctype,
			"validation": {"docstatus": ["=", 1]},
			"field_no_map": list(header_no_map),
		},
		f"{source_doctype} Item": {"doctype": f"{target_doctype} Item", **item_map},
		"Sales Taxes and Charges": {"doctype": "Sales Taxes and Charges", "reset_value": True},
	}
	if with_sales_team:
		mapping["Sales Team"] = {"doctype": "Sales Team", "add_if_empty": True}
	return finish_mapped_document(
		get_mapped_doc(source_doctype, source_name, mapping, target_doc, postprocess)
	)


def unbilled_lines_map(source, detail_field: str, field_map: dict, field_no_map: list[str]) -> dict:
	"""The item map of an invoice made from an order or a delivery (`detail_field` so_detail / dn_detail):
	each line with something left to bill, at the quantity left; lines at zero amount count by qty."""
	zero_amount_lines = [row.name for row in source.items if not flt(row.amount)]
	billed_stock_qty = billed_qty_by_line(detail_field, zero_amount_lines)

	def left_to_bill(row) -> float:
		return qty_left_to_bill(
			flt(row.amount),
			flt(row.billed_amt),
			flt(row.rate),
			flt(row.stock_qty),
			billed_stock_qty.get(row.name, 0),
			flt(row.conversion_factor),
		)

	def set_qty(source_row, target_row, _source_parent):
		target_row.qty = left_to_bill(source_row)

	return {
		"field_map": {**field_map, "name": detail_field},
		"field_no_map": field_no_map,
		"postprocess": set_qty,
		"condition": lambda row: left_to_bill(row) > 0,
	}
