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
		"route": "/app/sales-module",
	}
]

# Controllers carry the typed field block, regenerated when a DocType is saved in developer mode
export_python_type_annotations = True

# Includes in <head>
# ------------------

# app_include_js = "/assets/sales_module/js/sales_module.js"
# app_include_css = "/assets/sales_module/css/sales_module.css"

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
APP_MODULES = ["Selling", "Stock", "Accounts", "Setup"]
# Roles are also created in code before install (DocPerms refer to them); the fixture lets an
# administrator ship role changes (desk access, two-factor) with the app.

fixtures = [
	{
		"dt": "Role",
		"filters": [
			[
				"name",
				"in",
				["Sales User", "Sales Manager", "Sales Master Manager", "Accounts User", "Stock User"],
			]
		],
	},
	{"dt": "Custom Field", "filters": [["module", "in", APP_MODULES]]},
	{"dt": "Property Setter", "filters": [["module", "in", APP_MODULES]]},
]

# Requests and jobs
# -----------------
# READ COMMITTED from the first statement: sums see what others committed, no gap locks (see
# sales_module/utils/transactions.py)

before_request = ["sales_module.utils.transactions.use_read_committed"]
before_job = ["sales_module.utils.transactions.use_read_committed"]

# a full cache clear (migrate, `bench clear-cache`) drops the app's shared caches too
clear_cache = ["sales_module.utils.cache.reference_data_changed"]

# Document Events
# ---------------

doc_events = {
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
}

# Scheduled Tasks
# ---------------

scheduler_events = {
	"daily": [
		"sales_module.selling.doctype.quotation.quotation.set_expired_status",
		"sales_module.accounts.doctype.sales_invoice.sales_invoice.refresh_overdue_status",
		"sales_module.selling.doctype.blanket_order.blanket_order.set_expired_status",
		"sales_module.accounts.doctype.dunning.dunning.create_dunnings_for_overdue_invoices",
	],
}

# Permissions
# -----------

# has_permission = {}

# Global search
# -------------

global_search_doctypes = {
	"Default": [
		{"doctype": "Customer", "index": 0},
		{"doctype": "Item", "index": 1},
		{"doctype": "Sales Partner", "index": 2},
	]
}
