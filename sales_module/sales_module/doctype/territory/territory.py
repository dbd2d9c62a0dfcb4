# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from sales_module.utils.tree import SalesTreeNode, add_tree_index


class Territory(SalesTreeNode):
	pass


def on_doctype_update():
	add_tree_index("Territory")
