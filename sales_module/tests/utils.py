"""Factories shared by the integration tests; each accepts field overrides."""

from contextlib import contextmanager

import frappe
from frappe.utils.nestedset import NestedSetChildExistsError

from sales_module.exceptions import TreeNodeError


def make_customer(customer_name: str = "_Test Customer", **fields):
	doc = frappe.get_doc({"doctype": "Customer", "customer_name": customer_name, **fields})
	return doc.insert()


def make_item(item_code: str = "_Test Item", **fields):
	if frappe.db.exists("Item", item_code):
		return frappe.get_doc("Item", item_code)
	doc = frappe.get_doc({"doctype": "Item", "item_code": item_code, "item_group": "Products", **fields})
	return doc.insert()


def make_tree_node(doctype: str, name: str, parent: str | None = None, is_group: int = 0):
	meta = frappe.get_meta(doctype)
	name_field = meta.autoname.removeprefix("field:")
	if frappe.db.exists(doctype, name):
		return frappe.get_doc(doctype, name)
	return frappe.get_doc(
		{"doctype": doctype, name_field: name, meta.nsm_parent_field: parent, "is_group": is_group}
	).insert()


def make_user(email: str, roles: list[str]):
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	user.remove_roles(*[role.role for role in user.roles if role.role not in roles])
	user.add_roles(*roles)
	return user


class TreeBehaviour:
	"""Mixin for FrappeTestCase classes that check one of the app's trees; set `doctype`."""

	doctype: str

	def root(self) -> str:
		from frappe.utils.nestedset import get_root_of

		return get_root_of(self.doctype)

	def parent_field(self) -> str:
		return frappe.get_meta(self.doctype).nsm_parent_field

	def test_new_node_goes_under_the_root(self):
		node = make_tree_node(self.doctype, f"_Test {self.doctype} Leaf")
		self.assertEqual(node.get(self.parent_field()), self.root())
		root_bounds = frappe.db.get_value(self.doctype, self.root(), ["lft", "rgt"])
		self.assertTrue(root_bounds[0] < node.lft < node.rgt < root_bounds[1])

	def test_leaf_cannot_have_children(self):
		leaf = make_tree_node(self.doctype, f"_Test {self.doctype} Leaf")
		with self.assertRaises(TreeNodeError):
			make_tree_node(self.doctype, f"_Test {self.doctype} Child Of Leaf", parent=leaf.name)
		self.assertFalse(frappe.db.exists(self.doctype, f"_Test {self.doctype} Child Of Leaf"))

	def test_group_with_children_cannot_be_deleted_or_made_a_leaf(self):
		group = make_tree_node(self.doctype, f"_Test {self.doctype} Group", is_group=1)
		make_tree_node(self.doctype, f"_Test {self.doctype} Member", parent=group.name)
		with self.assertRaises(NestedSetChildExistsError):
			frappe.delete_doc(self.doctype, group.name)
		group.reload()
		group.is_group = 0
		# Frappe's NestedSet refuses this with a plain ValidationError: that is the exact class
		with self.assertRaises(frappe.ValidationError) as raised:
			group.save()
		self.assertIs(type(raised.exception), frappe.ValidationError)

	def test_root_cannot_be_deleted_and_stays_single(self):
		# Frappe's NestedSet refuses this with a plain ValidationError: that is the exact class
		with self.assertRaises(frappe.ValidationError) as raised:
			frappe.delete_doc(self.doctype, self.root())
		self.assertIs(type(raised.exception), frappe.ValidationError)
		roots = frappe.get_all(self.doctype, filters={self.parent_field(): ("is", "not set")}, pluck="name")
		self.assertEqual(roots, [self.root()])

	def test_moving_a_node_moves_its_subtree(self):
		source = make_tree_node(self.doctype, f"_Test {self.doctype} Source", is_group=1)
		target = make_tree_node(self.doctype, f"_Test {self.doctype} Target", is_group=1)
		member = make_tree_node(self.doctype, f"_Test {self.doctype} Moving", parent=source.name)
		member.set(self.parent_field(), target.name)
		member.save()
		target.reload()
		member.reload()
		self.assertTrue(target.lft < member.lft < member.rgt < target.rgt)
		descendants = frappe.get_all(
			self.doctype, filters={"name": ("descendants of", target.name)}, pluck="name"
		)
		self.assertIn(member.name, descendants)


def make_pricing_rule(title: str, **fields):
	"""A selling rule; `items` may be a list of item codes."""
	values = {"doctype": "Pricing Rule", "title": title, "apply_on": "Item Code", "valid_from": "2020-01-01"}
	values.update(fields)
	for table, fieldname in (("items", "item_code"), ("item_groups", "item_group"), ("brands", "brand")):
		if values.get(table) and isinstance(values[table][0], str):
			values[table] = [{fieldname: value} for value in values[table]]
	return frappe.get_doc(values).insert()


def make_coupon(name: str, rule: str, **fields):
	return frappe.get_doc(
		{"doctype": "Coupon Code", "coupon_name": name, "pricing_rule": rule, **fields}
	).insert()


def make_item_price(item_code: str, rate: float, price_list: str = "Standard Selling", **fields):
	return frappe.get_doc(
		{
			"doctype": "Item Price",
			"item_code": item_code,
			"price_list": price_list,
			"price_list_rate": rate,
			"valid_from": "2020-01-01",
			**fields,
		}
	).insert()


# ---------------------------------------------------------------- selling flow

WAREHOUSE = "Stores"
VAT_ROW = {"charge_type": "On Net Total", "account_head": "VAT", "description": "VAT 20%", "rate": 20}
FREIGHT_ROW = {"charge_type": "Actual", "account_head": "Freight", "description": "Freight", "tax_amount": 15}


def make_selling_masters():
	"""A customer, a stock item priced 100, a service priced 50, a bundle of two stock parts."""
	make_customer_once("_Test Flow Customer")
	for code, rate, stock in (
		("_Test Widget", 100, 1),
		("_Test Service", 50, 0),
		("_Test Part A", 10, 1),
		("_Test Part B", 5, 1),
	):
		make_item(
			code,
			is_stock_item=stock,
			uoms=[{"uom": "Box", "conversion_factor": 10}] if code == "_Test Widget" else [],
		)
		if not frappe.db.exists("Item Price", {"item_code": code, "price_list": "Standard Selling"}):
			make_item_price(code, rate)
	make_item("_Test Kit", is_stock_item=0)
	if not frappe.db.exists("Item Price", {"item_code": "_Test Kit", "price_list": "Standard Selling"}):
		make_item_price("_Test Kit", 40)
	if not frappe.db.exists("Product Bundle", "_Test Kit"):
		frappe.get_doc(
			{
				"doctype": "Product Bundle",
				"new_item_code": "_Test Kit",
				"items": [{"item_code": "_Test Part A", "qty": 2}, {"item_code": "_Test Part B", "qty": 1}],
			}
		).insert()


def make_customer_once(name: str, **fields):
	if frappe.db.exists("Customer", name):
		return frappe.get_doc("Customer", name)
	return make_customer(name, **fields)


def selling_doc(doctype: str, items: list[dict], customer: str = "_Test Flow Customer", **fields):
	values = {
		"doctype": doctype,
		"items": [{"warehouse": WAREHOUSE, **row} for row in items] if doctype != "Quotation" else items,
		**fields,
	}
	if doctype == "Quotation":
		values.update({"quotation_to": "Customer", "party_name": customer})
	else:
		values["customer"] = customer
	if doctype == "Sales Order":
		values.setdefault("delivery_date", frappe.utils.add_days(frappe.utils.nowdate(), 7))
	return frappe.get_doc(values)


def make_sales_order(items=None, submit: bool = True, **fields):
	doc = selling_doc("Sales Order", items or [{"item_code": "_Test Widget", "qty": 10}], **fields).insert()
	if submit:
		doc.submit()
	return doc


def receive_stock(item_code: str, qty: float, warehouse: str = WAREHOUSE):
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"items": [{"item_code": item_code, "qty": qty, "t_warehouse": warehouse, "basic_rate": 1}],
		}
	)
	entry.insert()
	entry.submit()
	return entry


def bin_qty(item_code: str, warehouse: str = WAREHOUSE) -> frappe._dict:
	values = frappe.db.get_value(
		"Bin",
		{"item_code": item_code, "warehouse": warehouse},
		["actual_qty", "reserved_qty", "projected_qty"],
		as_dict=True,
	)
	return values or frappe._dict(actual_qty=0, reserved_qty=0, projected_qty=0)


def submit_mapped(doc, **changes):
	doc.update(changes)
	doc.insert()
	doc.submit()
	return doc


def clear_pricing_rules():
	from sales_module.utils.pricing_data import invalidate_rule_index

	frappe.db.delete("Pricing Rule")
	invalidate_rule_index()


@contextmanager
def refused(testcase, exception: type[Exception], regex: str | None = None):
	"""Assert the block is refused with exactly `exception` (not a subclass of it) and undo what it wrote
	before failing, as a web request would."""
	frappe.db.savepoint("refused")
	try:
		if regex:
			with testcase.assertRaisesRegex(exception, regex) as raised:
				yield
		else:
			with testcase.assertRaises(exception) as raised:
				yield
		testcase.assertIs(type(raised.exception), exception)
	finally:
		frappe.db.rollback(save_point="refused")
