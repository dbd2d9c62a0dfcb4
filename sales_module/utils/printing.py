"""What the app's print formats show beside the document: the seller's details from Selling Settings
(ERPNext keeps them on Company, which this app does not have), the amount payable and its words in the
print language, and the lines and taxes as printed. Jinja methods (hooks.py `jinja`)."""

import base64
import mimetypes
from decimal import Decimal

import frappe
from frappe.utils import cint, flt, fmt_money

from sales_module.engine import payable_total
from sales_module.utils.currency import amount_in_words

SELLER_FIELDS = (
	"company_name", "legal_name", "tax_id", "secondary_tax_id", "company_address_display", "phone_no",
	"email", "website", "bank_name", "bank_account_no", "bank_correspondent_account", "bank_bic",
	"director_name", "chief_accountant_name",
)  # fmt: skip


def seller_details() -> frappe._dict:
	"""The seller as the prints show it: the legal name (else the company name), tax ids, address
	lines, contacts, bank details, signatories and the logo as an image source."""
	settings = frappe.get_cached_doc("Selling Settings")
	seller = frappe._dict({fieldname: settings.get(fieldname) or "" for fieldname in SELLER_FIELDS})
	seller.name = seller.legal_name or seller.company_name
	seller.address_lines = address_lines(seller.company_address_display)
	seller.logo = logo_source(settings.company_logo)
	seller.has_bank_details = bool(seller.bank_name or seller.bank_account_no)
	return seller


def address_lines(text: str | None) -> list[str]:
	"""An address as rendered by the Address Template (lines ending in <br>) or typed, line by line."""
	text = (text or "").replace("<br>", "\n").replace("<br/>", "\n").replace("<br />", "\n")
	return [line.strip() for line in text.splitlines() if line.strip()]


def logo_source(file_url: str | None) -> str:
	"""The logo inlined as a data URI when the site stores the file, so the PDF generator (which cannot
	log in, and may not reach the site at all) prints it too; else the URL as given."""
	if not file_url:
		return ""
	mime_type = mimetypes.guess_type(file_url)[0]
	file_name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not (file_name and mime_type and mime_type.startswith("image/")):
		return file_url
	try:
		content = frappe.get_doc("File", file_name).get_content()
	except OSError:
		return file_url
	if isinstance(content, str):
		content = content.encode()
	return f"data:{mime_type};base64,{base64.b64encode(content).decode()}"


def document_payable(doc) -> float:
	"""What the customer pays for a selling document: the rounded total unless rounding is disabled."""
	return flt(payable_total(doc.grand_total, doc.rounded_total, doc.disable_rounded_total))


def document_in_words(doc, amount: float | None = None) -> str:
	"""The payable amount (or `amount`) in words in the print language, in the document's currency."""
	return amount_in_words(
		document_payable(doc) if amount is None else flt(amount), doc.currency, frappe.local.lang
	)


def printed_taxes(doc) -> list:
	"""The tax and charge rows that change the total (rows of zero are left out)."""
	return [
		row for row in doc.get("taxes") or [] if flt(row.tax_amount_after_discount_amount or row.tax_amount)
	]


def print_qty(value: float | None) -> str:
	"""A quantity or percentage in the system's number format with only the decimals it has (2, 2.5,
	0.125), at most the system's float precision."""
	limit = cint(frappe.db.get_default("float_precision")) or 3
	value = flt(value, limit)
	exponent = Decimal(str(value)).normalize().as_tuple().exponent
	return fmt_money(value, precision=max(0, -int(exponent)))
