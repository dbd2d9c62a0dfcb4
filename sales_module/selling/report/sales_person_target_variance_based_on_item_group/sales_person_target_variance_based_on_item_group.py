# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

"""Sales Person Target Variance Based On Item Group (ERPNext's report, its filters and columns): sales person targets per item group against
what was achieved in each period of the fiscal year (`sales_module.selling.target_variance`)."""

from frappe import _

from sales_module.selling import target_variance


def execute(filters=None):
	return target_variance.execute(
		filters, "Sales Person", _("Sales Person Target Variance Based On Item Group")
	)
