import frappe
from frappe import _

from sales_module.utils.currency import get_default_currency
from sales_module.utils.fiscal_year import ensure_fiscal_years

SALES_ROLES = ("Sales User", "Sales Manager", "Sales Master Manager", "Accounts User", "Stock User")
# website users (no desk access): a customer's contacts on the portal (sales_module/controllers/portal.py)
PORTAL_ROLES = ("Customer",)

# (doctype, name field, name, parent field, is_group, parent); parents come first
DEFAULT_TREE_RECORDS = (
	("Customer Group", "customer_group_name", "All Customer Groups", "parent_customer_group", 1, None),
	(
		"Customer Group",
		"customer_group_name",
		"Commercial",
		"parent_customer_group",
		0,
		"All Customer Groups",
	),
	(
		"Customer Group",
		"customer_group_name",
		"Individual",
		"parent_customer_group",
		0,
		"All Customer Groups",
	),
	("Territory", "territory_name", "All Territories", "parent_territory", 1, None),
	("Territory", "territory_name", "Rest Of The World", "parent_territory", 0, "All Territories"),
	("Item Group", "item_group_name", "All Item Groups", "parent_item_group", 1, None),
	("Item Group", "item_group_name", "Products", "parent_item_group", 0, "All Item Groups"),
	("Item Group", "item_group_name", "Services", "parent_item_group", 0, "All Item Groups"),
	("Sales Person", "sales_person_name", "Sales Team", "parent_sales_person", 1, None),
	("Warehouse", "warehouse_name", "All Warehouses", "parent_warehouse", 1, None),
	("Warehouse", "warehouse_name", "Stores", "parent_warehouse", 0, "All Warehouses"),
)

# (uom_name, must_be_whole_number)
DEFAULT_UOMS = (
	("Nos", 1),
	("Unit", 1),
	("Box", 1),
	("Pair", 1),
	("Set", 1),
	("Kg", 0),
	("Gram", 0),
	("Litre", 0),
	("Meter", 0),
	("Hour", 0),
)

DEFAULT_SELLING_PRICE_LIST = "Standard Selling"

# (mode_of_payment, type), as ERPNext ships them
DEFAULT_MODES_OF_PAYMENT = (("Cash", "Cash"), ("Bank Transfer", "Bank"), ("Card", "Bank"))


def before_install():
	refuse_site_with_erpnext()
	create_roles()


def after_install():
	create_default_records()


def after_migrate():
	# Roles are referenced by DocPerms; recreate any an administrator deleted so permissions keep working
	create_roles()


def refuse_site_with_erpnext():
	if "erpnext" in frappe.get_installed_apps():
		frappe.throw(
			_(
				"Sales Module replaces ERPNext's selling module and uses the same DocType names "
				"(Customer, Item, Sales Order ...). It cannot be installed on a site that has ERPNext. "
				"Use a separate site."
			),
			frappe.IncompatibleApp,
			title=_("ERPNext is installed"),
		)


def create_roles():
	for roles, desk_access in ((SALES_ROLES, 1), (PORTAL_ROLES, 0)):
		for role in roles:
			if not frappe.db.exists("Role", role):
				frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": desk_access}).insert(
					ignore_permissions=True
				)


def create_default_records():
	"""Create the default masters; safe to run any number of times."""
	create_roles()
	create_default_uoms()
	create_default_trees()
	create_default_price_list()
	create_modes_of_payment()
	create_default_address_template()
	set_default_selling_settings()
	ensure_fiscal_years()
	grant_currency_read()
	create_quotation_lost_reasons()


def create_default_uoms():
	for uom_name, whole in DEFAULT_UOMS:
		if not frappe.db.exists("UOM", uom_name):
			frappe.get_doc({"doctype": "UOM", "uom_name": uom_name, "must_be_whole_number": whole}).insert(
				ignore_permissions=True
			)


def create_default_trees():
	for doctype, name_field, name, parent_field, is_group, parent in DEFAULT_TREE_RECORDS:
		if frappe.db.exists(doctype, name):
			continue
		frappe.get_doc(
			{
				"doctype": doctype,
				name_field: name,
				parent_field: parent or "",
				"is_group": is_group,
			}
		).insert(ignore_permissions=True)


def create_default_price_list():
	if frappe.db.exists("Price List", DEFAULT_SELLING_PRICE_LIST):
		return
	frappe.get_doc(
		{
			"doctype": "Price List",
			"price_list_name": DEFAULT_SELLING_PRICE_LIST,
			"currency": get_default_currency(),
			"selling": 1,
			"enabled": 1,
		}
	).insert(ignore_permissions=True)


def create_modes_of_payment(extra: tuple[str, ...] = ()):
	"""The default modes, and `extra` ones (values a site already uses) as General."""
	for name, kind in (*DEFAULT_MODES_OF_PAYMENT, *((mode, "General") for mode in extra)):
		if not frappe.db.exists("Mode of Payment", name):
			frappe.get_doc(
				{"doctype": "Mode of Payment", "mode_of_payment": name, "type": kind, "enabled": 1}
			).insert(ignore_permissions=True)


DEFAULT_ADDRESS_TEMPLATE = """{{ address_line1 }}<br>
{% if address_line2 %}{{ address_line2 }}<br>{% endif -%}
{% if pincode %}{{ pincode }} {% endif %}{{ city }}<br>
{% if state %}{{ state }}<br>{% endif -%}
{{ country }}<br>
{% if phone %}{{ _("Phone") }}: {{ phone }}<br>{% endif -%}
{% if email_id %}{{ _("Email") }}: {{ email_id }}<br>{% endif -%}
"""


def create_default_address_template():
	# Customer forms render linked addresses; a fresh Frappe site has no template to render them with
	if frappe.db.exists("Address Template", {"is_default": 1}):
		return
	country = frappe.db.get_default("country") or "United States"
	if frappe.db.exists("Address Template", country) or not frappe.db.exists("Country", country):
		return
	frappe.get_doc(
		{
			"doctype": "Address Template",
			"country": country,
			"is_default": 1,
			"template": DEFAULT_ADDRESS_TEMPLATE,
		}
	).insert(ignore_permissions=True)


# who may give a discount above an item's Max Discount unless the settings say otherwise
MAX_DISCOUNT_OVERRIDE_ROLE = "Sales Manager"


def set_default_selling_settings():
	settings = frappe.get_single("Selling Settings")
	defaults = {
		"default_currency": get_default_currency(),
		"customer_group": "Commercial",
		"territory": "Rest Of The World",
		"selling_price_list": DEFAULT_SELLING_PRICE_LIST,
		"default_warehouse": "Stores",
		"item_group": "Products",
		"cust_master_name": "Customer Name",
		"default_valid_till": DEFAULT_QUOTATION_VALIDITY_DAYS,
		"role_allowed_to_override_max_discount": MAX_DISCOUNT_OVERRIDE_ROLE,
	}
	changed = False
	for fieldname, value in defaults.items():
		if not settings.get(fieldname):
			settings.set(fieldname, value)
			changed = True
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()


# ERPNext's default: a quotation is valid for a month unless the settings say otherwise
DEFAULT_QUOTATION_VALIDITY_DAYS = 30

# the reasons a sales team gives most often, so that "Set as Lost" has some to choose from
QUOTATION_LOST_REASONS = (
	"Price too high",
	"Lost to a competitor",
	"No budget",
	"Delivery time too long",
	"Requirements changed",
	"No answer from the customer",
)


def create_quotation_lost_reasons():
	for reason in QUOTATION_LOST_REASONS:
		if not frappe.db.exists("Quotation Lost Reason", reason):
			frappe.get_doc({"doctype": "Quotation Lost Reason", "order_lost_reason": reason}).insert(
				ignore_permissions=True
			)


# Frappe lets only some roles read Currency (Sales User and Accounts User among them): the app's other
# roles pick currencies on price lists, settings and documents too
CURRENCY_READERS = ("Sales Manager", "Sales Master Manager", "Stock User")


def grant_currency_read():
	from frappe.permissions import add_permission

	for role in CURRENCY_READERS:
		if not frappe.db.exists("Custom DocPerm", {"parent": "Currency", "role": role, "permlevel": 0}):
			add_permission("Currency", role, 0, "read")
