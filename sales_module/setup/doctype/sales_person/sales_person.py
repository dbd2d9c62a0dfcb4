# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

from sales_module.setup.targets import validate_targets
from sales_module.utils.tree import SalesTreeNode, add_tree_index
from sales_module.utils.validation import validate_commission_tiers, validate_percentage


class SalesPerson(SalesTreeNode):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_module.setup.doctype.commission_tier.commission_tier import CommissionTier
		from sales_module.setup.doctype.target_detail.target_detail import TargetDetail

		commission_rate: DF.Percent
		commission_tiers: DF.Table[CommissionTier]
		enabled: DF.Check
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_sales_person: DF.Link | None
		rgt: DF.Int
		sales_person_name: DF.Data
		targets: DF.Table[TargetDetail]
		user: DF.Link | None

	# end: auto-generated types
	def validate(self):
		super().validate()
		validate_percentage(self, "commission_rate")
		validate_commission_tiers(self)
		validate_targets(self, require_figure=True)


def on_doctype_update():
	add_tree_index("Sales Person")
