app_name = "sales_module"
app_title = "Sales Module"
app_publisher = "sales_module developers"
app_description = "The whole sales cycle (quotation to cash) for the Frappe desk, without ERPNext"
app_email = "dev@sales-module.invalid"
app_license = "mit"

# Apps
# ------------------

# "org/repo" form: a bare name makes install-app look the app up on GitHub
required_apps = ["frappe/frappe"]

# Each item in the list will be shown as an app in the apps page
add_to_apps_screen = [
	{
		"name": "sales_module",
		"logo": "/assets/frappe/images/frappe-framework-logo.svg",
		"title": "Sales",
		"route": "/app/selling",
	}
]

# Controllers carry the typed field block, regenerated when a DocType is saved in developer mode
export_python_type_annotations = True

# Whitelisted methods declare the types of their arguments, and Frappe checks them on every call
require_type_annotated_api_methods = True

# Includes in <head>
# ------------------

# app_include_js = "/assets/sales_module/js/sales_module.js"
# app_include_css = "/assets/sales_module/css/sales_module.css"

# the desk's forms: the company currency (sales_module/api/desk.py)
extend_bootinfo = ["sales_module.api.desk.extend_bootinfo"]

# Installation
# ------------

before_install = "sales_module.install.before_install"
after_install = "sales_module.install.after_install"
after_migrate = "sales_module.install.after_migrate"

# Testing
# -------

before_tests = "sales_module.tests.before_tests"

# Fixtures
# --------
# the app's Frappe modules (modules.txt), by business area as ERPNext places the same DocTypes
_APP_MODULES = ["Selling", "Stock", "Accounts", "Setup"]
# Roles are also created in code before install (DocPerms refer to them); the fixture lets an
# administrator ship role changes (desk access, two-factor) with the app.

fixtures = [
	{
		"dt": "Role",
		"filters": [
			[
				"name",
				"in",
				[
					"Sales User",
					"Sales Manager",
					"Sales Master Manager",
					"Accounts User",
					"Stock User",
					"Customer",
				],
			]
		],
	},
	{"dt": "Custom Field", "filters": [["module", "in", _APP_MODULES]]},
	{"dt": "Property Setter", "filters": [["module", "in", _APP_MODULES]]},
]

# Requests and jobs
# -----------------
# READ COMMITTED from the first statement: sums see what others committed, no gap locks (see
# sales_module/utils/transactions.py)

before_request = [
	"sales_module.utils.transactions.use_read_committed",
]
before_job = ["sales_module.utils.transactions.use_read_committed"]
# a request signed with an API key or token speaks its user's language, as a desk session does
auth_hooks = [
	"sales_module.utils.language.use_token_user_language",
	# a missing argument, a table that is not a list of rows, NaN or Infinity: a bad request, not a server
	# error (here, not before_request: an API key's user and language are known only now)
	"sales_module.utils.request_guard.refuse_malformed_requests",
	# a field name of Frappe's list methods with SQL syntax in it is a bad request, not a server error
	"sales_module.utils.request_guard.refuse_sql_in_list_arguments",
]

# a full cache clear (migrate, `bench clear-cache`) drops the app's shared caches too
clear_cache = ["sales_module.utils.cache.reference_data_changed"]

# Document Events
# ---------------

_SUBMITTABLE_DOCTYPES = (
	"Quotation",
	"Sales Order",
	"Delivery Note",
	"Sales Invoice",
	"Blanket Order",
	"Payment Entry",
	"Dunning",
	"Commission Settlement",
	"Sales Plan",
	"Stock Entry",
)

doc_events = {
	# numbers not finite or too large for their column, dates not dates: refused before the controller
	# sees them, and again before the write (computed figures)
	"*": {
		event: "sales_module.utils.validation.validate_values"
		for event in ("before_validate", "before_save", "before_submit", "before_update_after_submit")
	},
	# reference data the app keeps per process (sales_module/utils/cache.py)
	**{
		doctype: {
			event: "sales_module.utils.cache.reference_data_changed"
			for event in ("on_update", "on_trash", "after_rename")
		}
		for doctype in ("DocType", "Currency")
	},
	"Communication": {
		"after_insert": "sales_module.selling.doctype.quotation.quotation.set_replied_status",
	},
	# a website user whose contact links a customer gets the portal's Customer role
	"Contact": {"on_update": "sales_module.controllers.portal.give_portal_role"},
	# text submitted in the request that submits is sanitized as a draft's (sales_module/utils/sanitize.py)
	**{
		doctype: {"before_validate": "sales_module.utils.sanitize.sanitize_on_submit"}
		for doctype in _SUBMITTABLE_DOCTYPES
	},
}

# Scheduled Tasks
# ---------------

scheduler_events = {
	"daily": [
		"sales_module.selling.doctype.quotation.quotation.set_expired_status",
		"sales_module.accounts.doctype.sales_invoice.sales_invoice.refresh_overdue_status",
		"sales_module.selling.doctype.blanket_order.blanket_order.set_expired_status",
		"sales_module.accounts.doctype.dunning.dunning.create_dunnings_for_overdue_invoices",
		"sales_module.selling.late_orders.flag_late_orders",
		"sales_module.accounts.doctype.fiscal_year.fiscal_year.create_next_fiscal_year",
		"sales_module.selling.doctype.sales_plan.sales_plan.mark_completed_plans",
	],
}

# ERPNext's paths
# ---------------
# An unchanged ERPNext client works: every whitelisted method we share answers at ERPNext's own path
# (and at the ERPNext-shaped path of our package where ours has another name); methods whose ERPNext
# signature differs go through sales_module/api/erpnext.py. The one list, tested over REST.

_COMPAT = "sales_module.api.erpnext"
# ERPNext's path (without "erpnext.") -> ours: None where our package has the same path (same name and
# arguments), else (our ERPNext-shaped path, the method answering there)
_SHARED_METHODS = {
	# mappers
	"selling.doctype.quotation.quotation.make_sales_order": None,
	"selling.doctype.quotation.quotation.make_sales_invoice": None,
	"selling.doctype.sales_order.sales_order.make_delivery_note": None,
	"selling.doctype.sales_order.sales_order.make_sales_invoice": None,
	"stock.doctype.delivery_note.delivery_note.make_sales_invoice": None,
	"stock.doctype.delivery_note.delivery_note.make_sales_return": None,
	"accounts.doctype.sales_invoice.sales_invoice.make_sales_return": None,
	"accounts.doctype.sales_invoice.sales_invoice.create_dunning": (
		"accounts.doctype.sales_invoice.sales_invoice.create_dunning",
		"sales_module.accounts.doctype.dunning.dunning.create_dunning",
	),
	# Blanket Order lives in Selling here (ERPNext keeps it in Manufacturing)
	"manufacturing.doctype.blanket_order.blanket_order.make_order": (
		"selling.doctype.blanket_order.blanket_order.make_order",
		f"{_COMPAT}.make_order_from_blanket_order",
	),
	# status actions
	"selling.doctype.sales_order.sales_order.update_status": (
		"selling.doctype.sales_order.sales_order.update_status",
		f"{_COMPAT}.update_sales_order_status",
	),
	"stock.doctype.delivery_note.delivery_note.update_delivery_note_status": None,
	"selling.doctype.sales_order.sales_order.close_or_unclose_sales_orders": (
		"selling.doctype.sales_order.sales_order.close_or_unclose_sales_orders",
		f"{_COMPAT}.close_or_unclose_sales_orders",
	),
	# Update Items on a submitted Sales Order
	"controllers.accounts_controller.update_child_qty_rate": (
		"controllers.accounts_controller.update_child_qty_rate",
		"sales_module.selling.order_changes.update_child_qty_rate",
	),
	# pricing and payments, with ERPNext's arguments
	"stock.get_item_details.get_item_details": (
		"stock.get_item_details.get_item_details",
		f"{_COMPAT}.get_item_details",
	),
	"accounts.doctype.pricing_rule.pricing_rule.apply_pricing_rule": (
		"accounts.doctype.pricing_rule.pricing_rule.apply_pricing_rule",
		f"{_COMPAT}.apply_pricing_rule",
	),
	"accounts.doctype.payment_entry.payment_entry.get_outstanding_reference_documents": None,
	"accounts.doctype.payment_entry.payment_entry.get_payment_entry": (
		"accounts.doctype.payment_entry.payment_entry.get_payment_entry",
		f"{_COMPAT}.get_payment_entry",
	),
}

override_whitelisted_methods = {
	**{
		f"erpnext.{path}": f"sales_module.{path}" if ours is None else ours[1]
		for path, ours in _SHARED_METHODS.items()
	},
	**{f"sales_module.{ours[0]}": ours[1] for ours in _SHARED_METHODS.values() if ours is not None},
	# Frappe's link search drops every permission condition when asked to ignore User Permissions (a
	# portal user's on the portal's DocTypes keep them), and frappe.client.get_count checks no permission
	# at all (ours counts the permission-aware list): sales_module/api/portal.py
	"frappe.desk.search.search_link": "sales_module.api.portal.search_link",
	"frappe.desk.search.search_widget": "sales_module.api.portal.search_widget",
	"frappe.client.get_count": "sales_module.api.portal.get_count",
}

# Customer portal
# ---------------
# Website users linked to customers through their Contact see those customers' documents, as in
# ERPNext (sales_module/controllers/portal.py); desk users keep their role permissions.

_PORTAL = "sales_module.controllers.portal"
_PORTAL_DOCTYPES = ("Quotation", "Sales Order", "Sales Invoice", "Delivery Note")

website_route_rules = [
	{"from_route": "/quotations", "to_route": "Quotation"},
	{"from_route": "/quotations/<path:name>", "to_route": "order", "defaults": {"doctype": "Quotation"}},
	{"from_route": "/orders", "to_route": "Sales Order"},
	{"from_route": "/orders/<path:name>", "to_route": "order", "defaults": {"doctype": "Sales Order"}},
	{"from_route": "/invoices", "to_route": "Sales Invoice"},
	{"from_route": "/invoices/<path:name>", "to_route": "order", "defaults": {"doctype": "Sales Invoice"}},
	{"from_route": "/deliveries", "to_route": "Delivery Note"},
	{"from_route": "/deliveries/<path:name>", "to_route": "order", "defaults": {"doctype": "Delivery Note"}},
]

portal_menu_items = [
	{"title": "Quotations", "route": "/quotations", "reference_doctype": "Quotation", "role": "Customer"},
	{"title": "Orders", "route": "/orders", "reference_doctype": "Sales Order", "role": "Customer"},
	{"title": "Invoices", "route": "/invoices", "reference_doctype": "Sales Invoice", "role": "Customer"},
	{"title": "Deliveries", "route": "/deliveries", "reference_doctype": "Delivery Note", "role": "Customer"},
]

# Permissions
# -----------
# Beyond Frappe's User Permissions (sales_module/controllers/row_scope.py): documents naming their
# customer, partner or person by a Dynamic Link or carrying no territory follow that party; child rows
# follow their parent document (in lists here, one by one through their controllers' ParentPermission)

_ROW_SCOPE = "sales_module.controllers.row_scope"
_PARTY_DOCTYPES = ("Payment Entry", "Commission Settlement", "Dunning", "Blanket Order")
# every child table of the app (tests/static/test_row_scope.py keeps the list complete)
_CHILD_DOCTYPES = (
	"Blanket Order Item",
	"Commission Settlement Detail",
	"Commission Tier",
	"Delivery Note Item",
	"Item Barcode",
	"Monthly Distribution Percentage",
	"Overdue Payment",
	"Packed Item",
	"Payment Entry Reference",
	"Payment Reconciliation Allocation",
	"Payment Reconciliation Invoice",
	"Payment Reconciliation Payment",
	"Payment Schedule",
	"Payment Terms Template Detail",
	"Pricing Rule Brand",
	"Pricing Rule Item Code",
	"Pricing Rule Item Group",
	"Product Bundle Item",
	"Quotation Item",
	"Quotation Lost Reason Detail",
	"Sales Invoice Advance",
	"Sales Invoice Item",
	"Sales Invoice Payment",
	"Sales Order Item",
	"Sales Plan Target",
	"Sales Taxes and Charges",
	"Sales Team",
	"Shipping Rule Condition",
	"Shipping Rule Country",
	"Stock Entry Detail",
	"Target Detail",
	"UOM Conversion Detail",
)

has_permission = {
	**{doctype: f"{_PORTAL}.has_permission" for doctype in _PORTAL_DOCTYPES},
	**{doctype: f"{_ROW_SCOPE}.has_permission" for doctype in _PARTY_DOCTYPES},
}

has_website_permission = {doctype: f"{_PORTAL}.has_website_permission" for doctype in _PORTAL_DOCTYPES}

permission_query_conditions = {
	**{doctype: f"{_PORTAL}.get_permission_query_conditions" for doctype in _PORTAL_DOCTYPES},
	**{doctype: f"{_ROW_SCOPE}.get_permission_query_conditions" for doctype in _PARTY_DOCTYPES},
	**{doctype: f"{_ROW_SCOPE}.get_child_permission_query_conditions" for doctype in _CHILD_DOCTYPES},
}

# Global search
# -------------

global_search_doctypes = {
	"Default": [
		{"doctype": "Customer", "index": 0},
		{"doctype": "Item", "index": 1},
		{"doctype": "Sales Partner", "index": 2},
	]
}

# Jinja methods for print formats: the Customer print format "Statement of Account"; the seller's
# details, amounts payable and in words in the print language, taxes and quantities as the app's print
# formats show them (sales_module/templates/prints/)
jinja = {
	"methods": [
		"sales_module.accounts.statement.statement_of_account",
		"sales_module.utils.currency.amount_in_words",
		"sales_module.utils.printing.seller_details",
		"sales_module.utils.printing.document_payable",
		"sales_module.utils.printing.document_in_words",
		"sales_module.utils.printing.printed_taxes",
		"sales_module.utils.printing.print_qty",
	]
}
