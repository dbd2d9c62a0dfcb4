# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from sales_module.utils.tree import SalesTreeNode, add_tree_index
from sales_module.utils.validation import validate_percentage


class SalesPerson(SalesTreeNode):
	def validate(self):
		super().validate()
		validate_percentage(self, "commission_rate")


def on_doctype_update():
	add_tree_index("Sales Person")
