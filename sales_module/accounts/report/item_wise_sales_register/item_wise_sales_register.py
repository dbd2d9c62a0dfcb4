# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Item-wise Sales Register (ERPNext's report, filters and columns): one row per invoice line in the
period with its share of each tax, in the company currency; credit-note lines negative."""

import json

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.accounts.report.sales_register.sales_register import modes_by_invoice
from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.reports import (
	column,
	currency_column,
	invoice_conditions,
	tax_column,
	validate_period,
)

LINE = "`tabSales Invoice Item`"


def execute(filters=None):
	filters = validate_period(filters)
	lines = frappe.get_list(
		"Sales Invoice",
		filters=invoice_conditions(filters),
		fields=[
			"`tabSales Invoice`.name as invoice", "`tabSales Invoice`.posting_date", "`tabSales Invoice`.customer",
			"`tabSales Invoice`.customer_name", "`tabSales Invoice`.customer_group", "`tabSales Invoice`.territory",
			"`tabSales Invoice`.conversion_rate", f"{LINE}.name as line", f"{LINE}.item_code", f"{LINE}.item_name",
			f"{LINE}.item_group", f"{LINE}.description", f"{LINE}.sales_order", f"{LINE}.delivery_note",
			f"{LINE}.stock_qty", f"{LINE}.stock_uom", f"{LINE}.base_net_rate", f"{LINE}.base_net_amount",
			f"{LINE}.warehouse",
		],
		order_by=f"`tabSales Invoice`.posting_date asc, `tabSales Invoice`.name asc, {LINE}.idx asc",
	)  # fmt: skip
	invoices = sorted({line.invoice for line in lines})
	shares, heads = line_tax_shares(invoices)
	modes = modes_by_invoice(invoices)
	precision = currency_precision(company_currency())
	data = []
	for line in lines:
		rate = flt(line.conversion_rate) or 1
		row = {
			"item_code": line.item_code, "item_name": line.item_name, "item_group": line.item_group,
			"description": line.description, "invoice": line.invoice, "posting_date": line.posting_date,
			"customer": line.customer, "customer_name": line.customer_name, "customer_group": line.customer_group,
			"territory": line.territory, "mode_of_payment": ", ".join(modes.get(line.invoice, [])),
			"sales_order": line.sales_order, "delivery_note": line.delivery_note, "warehouse": line.warehouse,
			"stock_qty": flt(line.stock_qty), "stock_uom": line.stock_uom, "rate": flt(line.base_net_rate),
			"amount": flt(line.base_net_amount), "currency": company_currency(),
		}  # fmt: skip
		total_tax = 0.0
		for head in heads:
			share = flt(shares.get((line.line, head), 0) * rate, precision)
			row[frappe.scrub(head)] = share
			total_tax += share
		row["total_tax"] = flt(total_tax, precision)
		row["total_other_charges"] = 0.0
		row["total"] = flt(row["amount"] + total_tax, precision)
		data.append(row)
	return get_columns(heads), data


def line_tax_shares(invoices: list[str]) -> tuple[dict, list[str]]:
	"""{(line, tax account): amount in the invoice's currency} from each tax row's item-wise detail."""
	if not invoices:
		return {}, []
	shares: dict[tuple, float] = {}
	heads = set()
	for tax in frappe.get_all(
		"Sales Taxes and Charges",
		filters={"parenttype": "Sales Invoice", "parent": ("in", invoices)},
		fields=["account_head", "item_wise_tax_detail"],
	):
		heads.add(tax.account_head)
		detail = json.loads(tax.item_wise_tax_detail or "{}")
		for line, amount in detail.items():
			amount = amount[1] if isinstance(amount, list) else amount  # ERPNext stores [rate, amount]
			key = (line, tax.account_head)
			shares[key] = shares.get(key, 0) + flt(amount)
	return shares, sorted(head for head in heads if head)


def get_columns(heads: list[str]) -> list[dict]:
	money = {"fieldtype": "Currency", "options": "currency"}
	return [
		column(_("Item Code"), "item_code", "Link", "Item"),
		column(_("Item Name"), "item_name"),
		column(_("Item Group"), "item_group", "Link", "Item Group"),
		column(_("Description"), "description", width=150),
		column(_("Invoice"), "invoice", "Link", "Sales Invoice", 150),
		column(_("Posting Date"), "posting_date", "Date", width=100),
		column(_("Customer"), "customer", "Link", "Customer"),
		column(_("Customer Name"), "customer_name"),
		column(_("Customer Group"), "customer_group", "Link", "Customer Group"),
		column(_("Territory"), "territory", "Link", "Territory"),
		column(_("Mode Of Payment"), "mode_of_payment"),
		column(_("Sales Order"), "sales_order", "Link", "Sales Order"),
		column(_("Delivery Note"), "delivery_note", "Link", "Delivery Note"),
		column(_("Warehouse"), "warehouse", "Link", "Warehouse"),
		column(_("Stock Qty"), "stock_qty", "Float", width=90),
		column(_("Stock UOM"), "stock_uom", "Link", "UOM", 80),
		{**column(_("Rate"), "rate"), **money},
		{**column(_("Amount"), "amount"), **money},
		*(tax_column(head) for head in heads),
		{**column(_("Total Tax"), "total_tax"), **money},
		{**column(_("Total Other Charges"), "total_other_charges"), **money},
		{**column(_("Total"), "total"), **money},
		currency_column(),
	]
