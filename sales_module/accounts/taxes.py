"""What the tax rows of templates and documents share."""


def fill_tax_descriptions(rows) -> None:
	"""A tax row without a description is described by its account head, as the desk fills it: the
	description a user never typed never fails a save."""
	for row in rows:
		if not (row.get("description") or "").strip() and row.get("account_head"):
			row.description = row.account_head
