from sales_module.install import create_default_records


def execute():
	"""Bring sites installed before a default record existed up to the current set of defaults."""
	create_default_records()
