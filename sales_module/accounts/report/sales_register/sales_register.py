# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Register (ERPNext's report, filters and columns): one row per submitted invoice in the period,
a column per tax account, net, tax, grand total and outstanding, in the company currency; credit notes
negative."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_module.utils.currency import company_currency, currency_precision
from sales_module.utils.reports import (
	column,
	currency_column,
	invoice_conditions,
	tax_column,
	validate_period,
)

INVOICE_FIELDS = [
	"name", "posting_date", "customer", "customer_name", "customer_group", "territory", "owner", "po_no",
	"conversion_rate", "base_net_total", "base_total_taxes_and_charges", "base_grand_total", "base_rounded_total",
	"outstanding_amount", "is_return", "currency", "terms",
]  # fmt: skip


def execute(filters=None):
	filters = validate_period(filters)
	invoices = frappe.get_list(
		"Sales Invoice",
		filters=invoice_conditions(filters),
		fields=[f"`tabSales Invoice`.{field}" for field in INVOICE_FIELDS],
		order_by="`tabSales Invoice`.posting_date asc, `tabSales Invoice`.name asc",
		distinct=True,
	)
	names = [row.name for row in invoices]
	taxes, heads = taxes_by_invoice(names)
	orders, notes = sources_by_invoice(names)
	tax_ids = dict(
		frappe.get_all(
			"Customer",
			filters={"name": ("in", list({row.customer for row in invoices}))},
			fields=["name", "tax_id"],
			as_list=True,
		)
	)
	modes = modes_by_invoice(names)
	precision = currency_precision(company_currency())
	data = []
	for row in invoices:
		values = {
			"voucher_type": "Sales Invoice", "voucher_no": row.name, "posting_date": row.posting_date,
			"customer": row.customer, "customer_name": row.customer_name, "customer_group": row.customer_group,
			"territory": row.territory, "tax_id": tax_ids.get(row.customer), "owner": row.owner,
			"remarks": row.po_no, "mode_of_payment": ", ".join(modes.get(row.name, [])),
			"sales_order": ", ".join(orders.get(row.name, [])), "delivery_note": ", ".join(notes.get(row.name, [])),
			"net_total": flt(row.base_net_total), "tax_total": flt(row.base_total_taxes_and_charges),
			"grand_total": flt(row.base_grand_total), "rounded_total": flt(row.base_rounded_total),
			"outstanding_amount": flt(flt(row.outstanding_amount) * flt(row.conversion_rate or 1), precision),
			"currency": company_currency(),
		}  # fmt: skip
		for head in heads:
			values[frappe.scrub(head)] = flt(taxes.get((row.name, head), 0), precision)
		data.append(values)
	return get_columns(heads), data


def taxes_by_invoice(names: list[str]) -> tuple[dict, list[str]]:
	if not names:
		return {}, []
	rows = frappe.get_all(
		"Sales Taxes and Charges",
		filters={"parenttype": "Sales Invoice", "parent": ("in", names)},
		fields=["parent", "account_head", "base_tax_amount_after_discount_amount"],
	)
	taxes: dict[tuple, float] = {}
	for row in rows:
		key = (row.parent, row.account_head)
		taxes[key] = taxes.get(key, 0) + flt(row.base_tax_amount_after_discount_amount)
	return taxes, sorted({row.account_head for row in rows if row.account_head})


def sources_by_invoice(names: list[str]) -> tuple[dict, dict]:
	orders: dict[str, list] = {}
	notes: dict[str, list] = {}
	if names:
		for row in frappe.get_all(
			"Sales Invoice Item",
			filters={"parent": ("in", names)},
			fields=["parent", "sales_order", "delivery_note"],
			distinct=True,
		):
			if row.sales_order and row.sales_order not in orders.setdefault(row.parent, []):
				orders[row.parent].append(row.sales_order)
			if row.delivery_note and row.delivery_note not in notes.setdefault(row.parent, []):
				notes[row.parent].append(row.delivery_note)
	return orders, notes


def modes_by_invoice(names: list[str]) -> dict[str, list[str]]:
	modes: dict[str, list] = {}
	if names:
		for row in frappe.get_all(
			"Sales Invoice Payment",
			filters={"parent": ("in", names)},
			fields=["parent", "mode_of_payment"],
			distinct=True,
		):
			modes.setdefault(row.parent, []).append(row.mode_of_payment)
	return modes


def get_columns(heads: list[str]) -> list[dict]:
	money = {"fieldtype": "Currency", "options": "currency"}
	return [
		column(_("Voucher Type"), "voucher_type", width=100),
		column(_("Invoice"), "voucher_no", "Link", "Sales Invoice", 150),
		column(_("Posting Date"), "posting_date", "Date", width=100),
		column(_("Customer"), "customer", "Link", "Customer", 140),
		column(_("Customer Name"), "customer_name", width=140),
		column(_("Customer Group"), "customer_group", "Link", "Customer Group"),
		column(_("Territory"), "territory", "Link", "Territory"),
		column(_("Tax Id"), "tax_id"),
		column(_("Mode Of Payment"), "mode_of_payment"),
		column(_("Sales Order"), "sales_order", "Small Text"),
		column(_("Delivery Note"), "delivery_note", "Small Text"),
		column(_("Owner"), "owner", "Link", "User"),
		column(_("Remarks"), "remarks"),
		{**column(_("Net Total"), "net_total"), **money},
		*(tax_column(head) for head in heads),
		{**column(_("Tax Total"), "tax_total"), **money},
		{**column(_("Grand Total"), "grand_total"), **money},
		{**column(_("Rounded Total"), "rounded_total"), **money},
		{**column(_("Outstanding Amount"), "outstanding_amount"), **money},
		currency_column(),
	]
