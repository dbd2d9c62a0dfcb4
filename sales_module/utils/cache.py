import frappe


def drop_cached_value(key: str):
	"""Drop a shared cache entry now, and again when the transaction commits or rolls back: another
	process may refill it from the data committed before, this one from data that is rolled back."""

	def drop():
		frappe.cache.delete_value(key)

	drop()
	frappe.db.after_commit.add(drop)
	frappe.db.after_rollback.add(drop)
