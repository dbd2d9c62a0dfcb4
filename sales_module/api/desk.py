"""What the desk's forms ask the server for besides the recalculation: defaults of a new document."""

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate, nowdate

from sales_module.utils.currency import company_currency
from sales_module.utils.fiscal_year import fiscal_year_of

# DocTypes whose new forms ask for their defaults here
DEFAULTS_FOR = ("Customer", "Quotation", "Sales Order")


@frappe.whitelist()
def get_new_document_defaults(doctype: str) -> dict:
	"""Values a new document of `doctype` starts with that depend on Selling Settings or today: the
	customer's group and territory, a quotation's validity, an order's delivery date."""
	if doctype not in DEFAULTS_FOR:
		return {}
	if not frappe.has_permission(doctype, "create"):
		frappe.throw(_("Not permitted to create {0}").format(_(doctype)), frappe.PermissionError)
	settings = frappe.get_cached_doc("Selling Settings")
	today = getdate(nowdate())
	if doctype == "Customer":
		return {"customer_group": settings.customer_group, "territory": settings.territory}
	if doctype == "Quotation":
		days = cint(settings.default_valid_till)
		return {"valid_till": str(add_days(today, days))} if days > 0 else {}
	return {"delivery_date": str(today)}


def extend_bootinfo(bootinfo):
	"""The desk's forms hide company-currency figures of documents in the company currency; the
	planning reports start on the fiscal year of today."""
	year = fiscal_year_of(nowdate(), throw=False)
	bootinfo.sales_module = {
		"company_currency": company_currency(),
		"fiscal_year": year.name if year else None,
	}
