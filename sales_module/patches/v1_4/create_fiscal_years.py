from sales_module.utils.fiscal_year import ensure_fiscal_years


def execute():
	"""Sites made before planning get the fiscal year of today (and the next, near its end)."""
	ensure_fiscal_years()
