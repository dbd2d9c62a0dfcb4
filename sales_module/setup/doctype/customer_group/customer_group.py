# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from sales_module.utils.tree import SalesTreeNode, add_tree_index
from sales_module.utils.validation import validate_not_negative


class CustomerGroup(SalesTreeNode):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		credit_limit: DF.Currency
		customer_group_name: DF.Data
		default_price_list: DF.Link | None
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_customer_group: DF.Link | None
		payment_terms: DF.Link | None
		rgt: DF.Int

	# end: auto-generated types
	def validate(self):
		super().validate()
		self.validate_name_not_a_customer()
		validate_not_negative(self, "credit_limit")

	def validate_name_not_a_customer(self):
		# Both appear in the same link fields of reports and filters; one name must mean one thing
		if frappe.db.exists("Customer", self.name):
			frappe.throw(
				_("A Customer named {0} exists. Rename the Customer or choose another group name.").format(
					frappe.bold(self.name)
				),
				frappe.NameError,
			)


def on_doctype_update():
	add_tree_index("Customer Group")
