# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from sales_module.utils.tree import SalesTreeNode, add_tree_index
from sales_module.utils.validation import validate_not_negative


class CustomerGroup(SalesTreeNode):
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
