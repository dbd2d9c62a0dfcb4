"""Product bundles as the documents use them: which items are bundles, and their components."""

import frappe

from sales_module.utils.cache import reference_data


def get_bundle_items() -> frozenset[str]:
	return reference_data("bundle_items", lambda: frozenset(frappe.get_all("Product Bundle", pluck="name")))


def get_bundle_components(item_codes: list[str]) -> dict[str, list[dict]]:
	"""Components of the enabled bundles among the items, in one query."""
	item_codes = [code for code in item_codes if code in get_bundle_items()]
	if not item_codes:
		return {}
	bundle, component = frappe.qb.DocType("Product Bundle"), frappe.qb.DocType("Product Bundle Item")
	rows = (
		frappe.qb.from_(component)
		.join(bundle)
		.on(bundle.name == component.parent)
		.select(
			bundle.new_item_code, component.item_code, component.qty, component.uom, component.description
		)
		.where(bundle.new_item_code.isin(item_codes) & (bundle.disabled == 0))
		.orderby(component.idx)
		.run(as_dict=True)
	)
	components: dict[str, list[dict]] = {}
	for row in rows:
		components.setdefault(row.pop("new_item_code"), []).append(row)
	return components
