# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from sales_module.setup.targets import validate_targets
from sales_module.utils.tree import SalesTreeNode, add_tree_index


class Territory(SalesTreeNode):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.setup.doctype.target_detail.target_detail import TargetDetail

		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_territory: DF.Link | None
		rgt: DF.Int
		targets: DF.Table[TargetDetail]
		territory_manager: DF.Link | None
		territory_name: DF.Data

	# end: auto-generated types
	def validate(self):
		super().validate()
		validate_targets(self, require_figure=True)


def on_doctype_update():
	add_tree_index("Territory")
