# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.contacts.address_and_contact import delete_contact_and_address, load_address_and_contact
from frappe.model.document import Document
from frappe.model.naming import set_name_by_naming_series
from frappe.utils import cint, flt

from sales_module.exceptions import CommissionError, TreeNodeError
from sales_module.selling.dashboard import customer_summary
from sales_module.utils.validation import validate_not_negative, validate_percentage

NAME_BY_SERIES = "Naming Series"


class Customer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.selling.doctype.sales_team.sales_team import SalesTeam

		bypass_credit_limit_check: DF.Check
		credit_limit: DF.Currency
		customer_details: DF.Text | None
		customer_group: DF.Link | None
		customer_name: DF.Data
		customer_primary_address: DF.Link | None
		customer_primary_contact: DF.Link | None
		customer_type: DF.Literal["Company", "Individual", "Partnership"]
		default_commission_rate: DF.Percent
		default_currency: DF.Link | None
		default_price_list: DF.Link | None
		default_sales_partner: DF.Link | None
		disabled: DF.Check
		dunning_type: DF.Link | None
		email_id: DF.Data | None
		is_frozen: DF.Check
		mobile_no: DF.Data | None
		naming_series: DF.Literal["CUST-.YYYY.-"]
		payment_terms: DF.Link | None
		primary_address: DF.Text | None
		sales_team: DF.Table[SalesTeam]
		tax_id: DF.Data | None
		territory: DF.Link | None

	# end: auto-generated types
	def onload(self):
		load_address_and_contact(self)
		if not self.is_new():
			self.set_onload("dashboard_info", customer_summary(self.name))

	def autoname(self):
		if frappe.db.get_single_value("Selling Settings", "cust_master_name") == NAME_BY_SERIES:
			set_name_by_naming_series(self)
		else:
			self.name = get_unique_customer_name(self.customer_name)

	def validate(self):
		self.clean_customer_name()
		self.set_defaults_from_settings()
		self.set_defaults_from_customer_group()
		self.validate_name_not_a_customer_group()
		self.validate_credit_limit()
		self.validate_sales_team()
		self.set_primary_address_text()

	def on_trash(self):
		delete_contact_and_address("Customer", self.name)

	def after_rename(self, olddn, newdn, merge=False):
		if frappe.db.get_single_value("Selling Settings", "cust_master_name") != NAME_BY_SERIES:
			self.db_set("customer_name", newdn)

	def clean_customer_name(self):
		self.customer_name = " ".join((self.customer_name or "").split())
		if not self.customer_name:
			frappe.throw(_("Customer Name is required"), frappe.MandatoryError)

	def set_defaults_from_settings(self):
		settings = frappe.get_cached_doc("Selling Settings")
		self.customer_group = self.customer_group or settings.customer_group
		self.territory = self.territory or settings.territory

	def set_defaults_from_customer_group(self):
		if not self.customer_group or not self.is_new():
			return
		group = frappe.get_cached_value(
			"Customer Group", self.customer_group, ["default_price_list", "payment_terms"], as_dict=True
		)
		if group:
			self.default_price_list = self.default_price_list or group.default_price_list
			self.payment_terms = self.payment_terms or group.payment_terms

	def validate_name_not_a_customer_group(self):
		if frappe.db.exists("Customer Group", self.name):
			frappe.throw(
				_(
					"A Customer Group named {0} exists. Choose another customer name or rename the group."
				).format(frappe.bold(self.name)),
				frappe.NameError,
			)

	def validate_credit_limit(self):
		validate_not_negative(self, "credit_limit")

	def validate_sales_team(self):
		if not self.sales_team:
			return
		for member in self.sales_team:
			validate_percentage(member, "allocated_percentage")
		total = flt(sum(flt(member.allocated_percentage) for member in self.sales_team), 6)
		if total != 100:
			frappe.throw(
				_("The sales team's contributions must add up to 100%, they add up to {0}%").format(total),
				CommissionError,
				title=_("Sales Team"),
			)

	def set_primary_address_text(self):
		if not self.customer_primary_address:
			self.primary_address = ""
			return
		from frappe.contacts.doctype.address.address import get_address_display

		self.primary_address = get_address_display(self.customer_primary_address)


def get_unique_customer_name(customer_name: str) -> str:
	"""The customer name itself, or "<name> - N" with the next free N when the name is taken."""
	name = " ".join((customer_name or "").split())
	if not name or not frappe.db.exists("Customer", name):
		return name
	table = frappe.qb.DocType("Customer")
	taken = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(table.name.like(f"{escape_like(name)} - %"))
		.run(pluck=True)
	)
	suffixes = {
		int(existing.rsplit(" - ", 1)[1]) for existing in taken if existing.rsplit(" - ", 1)[1].isdigit()
	}
	return f"{name} - {max(suffixes, default=0) + 1}"


def escape_like(value: str) -> str:
	return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
