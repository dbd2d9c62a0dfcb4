from sales_module.install import grant_currency_read


def execute():
	"""Sites made before: Sales Manager, Sales Master Manager and Stock User may read currencies."""
	grant_currency_read()
