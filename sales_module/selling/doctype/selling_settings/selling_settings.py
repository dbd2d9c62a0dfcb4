# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.contacts.doctype.address.address import render_address
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.model.document import Document

from sales_module.exceptions import ConfigurationError, TreeNodeError
from sales_module.utils.validation import validate_not_negative

NAMING_SERIES = "Naming Series"


class SellingSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allow_against_multiple_purchase_orders: DF.Check
		allow_negative_stock: DF.Check
		bank_account_no: DF.Data | None
		bank_bic: DF.Data | None
		bank_correspondent_account: DF.Data | None
		bank_name: DF.Data | None
		blanket_order_allowance: DF.Percent
		chief_accountant_name: DF.Data | None
		company_address: DF.Link | None
		company_address_display: DF.SmallText | None
		company_logo: DF.AttachImage | None
		company_name: DF.Data | None
		cust_master_name: DF.Literal["Customer Name", "Naming Series"]
		customer_group: DF.Link | None
		default_currency: DF.Link | None
		default_valid_till: DF.Int
		default_warehouse: DF.Link | None
		director_name: DF.Data | None
		email: DF.Data | None
		item_group: DF.Link | None
		legal_name: DF.Data | None
		over_billing_allowance: DF.Percent
		over_delivery_allowance: DF.Percent
		phone_no: DF.Data | None
		role_allowed_to_override_max_discount: DF.Link | None
		secondary_tax_id: DF.Data | None
		selling_price_list: DF.Link | None
		settle_commission_only_on_paid_invoices: DF.Check
		tax_id: DF.Data | None
		territory: DF.Link | None
		website: DF.Data | None

	# end: auto-generated types
	def validate(self):
		for fieldname in ("over_delivery_allowance", "over_billing_allowance", "blanket_order_allowance"):
			validate_not_negative(self, fieldname)
		self.validate_default_price_list()
		self.validate_default_leaves()
		self.set_company_address_display()

	def on_update(self):
		self.toggle_customer_naming_series()

	def validate_default_price_list(self):
		if not self.selling_price_list:
			return
		price_list = frappe.db.get_value(
			"Price List", self.selling_price_list, ["selling", "enabled"], as_dict=True
		)
		if not (price_list and price_list.selling and price_list.enabled):
			frappe.throw(
				_("Default Price List {0} must be an enabled selling price list").format(
					frappe.bold(self.selling_price_list)
				),
				ConfigurationError,
				title=_("Selling Settings"),
			)

	def validate_default_leaves(self):
		# New documents copy these defaults. ERPNext's server takes group customer groups, territories
		# and item groups on masters and documents (reports roll the trees up), but stock lives only
		# in warehouses that are not groups.
		for fieldname, doctype in (("default_warehouse", "Warehouse"),):
			value = self.get(fieldname)
			if value and frappe.db.get_value(doctype, value, "is_group"):
				frappe.throw(
					_("{0}: {1} is a group; choose a node that is not a group").format(
						_(self.meta.get_label(fieldname)), frappe.bold(value)
					),
					TreeNodeError,
					title=_("Selling Settings"),
				)

	def set_company_address_display(self):
		# the prints show the chosen Address rendered by the Address Template, else what was typed
		if self.company_address:
			self.company_address_display = render_address(self.company_address, check_permissions=False)

	def toggle_customer_naming_series(self):
		by_series = self.cust_master_name == NAMING_SERIES
		for prop, value in (("hidden", 0 if by_series else 1), ("reqd", 1 if by_series else 0)):
			make_property_setter(
				"Customer", "naming_series", prop, value, "Check", validate_fields_for_doctype=False
			)
