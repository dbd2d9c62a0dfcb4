import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet, NestedSetRecursionError, get_root_of

from sales_module.exceptions import TreeNodeError
from sales_module.utils.cache import reference_data, reference_data_changed


class SalesTreeNode(NestedSet):
	"""A node of one of the app's trees: one root, new nodes default under it, parents must be groups."""

	# A tree without its root has nowhere to put new nodes
	allow_root_deletion = False

	def validate(self):
		self.set_default_parent()
		self.validate_parent_is_group()

	def on_update(self):
		super().on_update()
		self.validate_one_root()
		invalidate_tree_parents(self.doctype)

	def on_trash(self):
		super().on_trash()
		invalidate_tree_parents(self.doctype)

	def after_rename(self, olddn, newdn, merge=False):
		super().after_rename(olddn, newdn, merge)
		invalidate_tree_parents(self.doctype)

	def set_default_parent(self):
		parent_field = self.nsm_parent_field
		if self.get(parent_field) or self.is_root_being_created():
			return
		self.set(parent_field, get_root_of(self.doctype))

	def is_root_being_created(self) -> bool:
		root = get_root_of(self.doctype)
		return not root or root == self.name

	def validate_parent_is_group(self):
		parent = self.get(self.nsm_parent_field)
		if not parent:
			return
		if parent == self.name:
			frappe.throw(
				_("{0} {1} cannot be its own parent").format(_(self.doctype), self.name),
				NestedSetRecursionError,
			)
		if not frappe.db.get_value(self.doctype, parent, "is_group"):
			frappe.throw(
				_("Parent {0} {1} is not a group. Only group nodes can have children.").format(
					_(self.doctype), frappe.bold(parent)
				),
				TreeNodeError,
				title=_("Invalid Parent"),
			)


def add_tree_index(doctype: str):
	frappe.db.add_index(doctype, ["lft", "rgt"])


def get_ancestors_and_self(doctype: str, name: str | None) -> list[str]:
	"""The node followed by its ancestors up to the root, nearest first (from the cached parent map)."""
	if not name:
		return []
	parents = get_tree_parents(doctype)
	chain, node = [], name
	while node and node not in chain:
		chain.append(node)
		node = parents.get(node)
	return chain


def get_tree_parents(doctype: str) -> dict[str, str | None]:
	"""{node: parent} of a whole tree, kept until a reference record changes."""
	return reference_data(
		f"tree_parents:{doctype}",
		lambda: dict(
			frappe.get_all(doctype, fields=["name", frappe.get_meta(doctype).nsm_parent_field], as_list=True)
		),
	)


def invalidate_tree_parents(doctype: str):
	reference_data_changed()
