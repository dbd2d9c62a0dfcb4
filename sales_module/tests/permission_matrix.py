"""Who may do what: the app's permission policy, as data.

This module imports nothing (the static checks in `tests/static/test_permission_policy.py` read it without
Frappe; `sales_module/tests/test_permission_matrix.py` walks it over REST with real users and API keys).

The principals
--------------
Sales User
	Takes orders. Quotations, Sales Orders, Delivery Notes and Blanket Orders from draft to cancel and
	amend (ERPNext's Sales User); customers (create and edit, never delete); draft Sales Invoices for the
	accounts to check (no submit, no cancel, no delete). Reads the masters, prices, pricing, payments,
	dunnings, sales plans and commission settlements. No stock ledger, no stock entries.
Sales Manager
	Everything the Sales User does, and submits, cancels and deletes invoices. Owns the commercial terms
	(Pricing Rule, Coupon Code, Shipping Rule, Sales Taxes and Charges Template, Monthly Distribution:
	delete included), Selling Settings, Sales Plans and Commission Settlements; edits the commercial
	masters (Customer, Item Price, Sales Partner, Sales Person, Campaign, Product Bundle, Quotation Lost
	Reason) but deletes no master. Reads payments and dunnings, records none.
Sales Master Manager
	Owns the masters: create, edit and delete customers, items, price lists and item prices, the trees,
	brands, units, partners, persons, campaigns, bundles, lost reasons and warehouses; the commercial
	terms; the payment setup (Mode of Payment, Payment Terms Template, Dunning Type); Sales Plans. Makes
	fiscal years (deleting one is the Accounts User's). Reads every transaction, exports none.
Accounts User
	Invoices from draft to cancel, payments, dunnings, payment reconciliation, commission settlements; the
	payment setup, fiscal years and monthly distributions; a customer's credit terms (writes customers,
	the credit fields at permlevel 1, creates none). Reads what was sold (quotations, orders, deliveries,
	blanket orders), the masters and the pricing.
Stock User
	Items and warehouses (create and edit; deleting them is the Sales Master Manager's), Stock Entries,
	Delivery Notes from draft to cancel, the stock ledger (Bin and Stock Ledger Entry: read and export,
	the system writes them). Reads customers, quotations, orders, blanket orders and the masters; nothing
	of invoices, payments, pricing rules, coupons, tax templates, plans or settlements.
desk user
	A System User without any of these roles: nothing of the app.
portal user
	A website user whose Contact links a customer (role Customer): reads and prints the submitted
	quotations, orders, invoices and deliveries of their customers, and nothing else (their drafts and
	other customers' documents are refused by the hooks of `sales_module/controllers/portal.py`).
Guest
	Nothing.

Nobody but System Manager (the administrator, not part of the matrix) creates, edits or deletes a Bin
or a Stock Ledger Entry: documents write them.

Fields and rows
---------------
- A discount above an item's Max Discount is given by a Sales Manager (or System Manager) only
  (Selling Settings' Role Allowed to Override Max Discount; ERPNext refuses it to everyone); once given it stays
  when a Sales User saves the document or makes documents from it, never higher. Pricing rules stay
  within Max Discount whoever writes them.
- A submitted document's figures change through its own actions only (Update Items, returns, payments):
  no figure field may be changed after submit (`allow_on_submit`), so frappe.client.set_value,
  frappe.client.bulk_update and the list's bulk edit are refused on them.
- User Permissions on Territory, Customer (and Customer Group) narrow every document of a customer, those
  naming the customer by a Dynamic Link (Payment Entry) or carrying no territory (Dunning, Blanket Order)
  included, with their child rows; a User Permission on Sales Person (or Sales Partner) narrows the
  persons (partners), their commission settlements and the rows of reports by person, not the documents
  of a sales team (Territory and Customer do that). Sales Plans and targets are the company's: no User
  Permission hides them.

The columns
-----------
r read (GET /api/resource, frappe.desk.reportview.get), w write (PUT), c create (POST), s submit
(frappe.client.submit), x cancel (frappe.client.cancel), d delete (DELETE), R report (the Report Builder
and every report of the DocType, frappe.desk.query_report.run), e export
(frappe.desk.reportview.export_query), p print (frappe.www.printview.get_html_and_style and the PDF).

Rules every row keeps (checked in `tests/static/test_permission_policy.py`):
- w, c, s, x, d, R, e and p each need r; s and x only on submittable DocTypes; x needs s; amend is given
  to exactly those who create and cancel;
- a submittable DocType is deleted only by who cancels it (a cancelled document is deleted, never a
  submitted one);
- report and print go with read for every desk role; export goes with create (a role that keeps the
  records may take them out), and with read on the stock ledger for the Stock User;
- the desk user and Guest hold nothing; the portal user holds r and p on the portal's four DocTypes only;
- Single DocTypes (settings and tools) are read and written only: their other columns say nothing.

Reports: each report of the app opens for the roles listed in `REPORT_ROLES` (and System Manager) who
also hold R on its ref DocType (`frappe.desk.query_report.run` checks both).
"""

SALES_USER = "Sales User"
SALES_MANAGER = "Sales Manager"
MASTER_MANAGER = "Sales Master Manager"
ACCOUNTS_USER = "Accounts User"
STOCK_USER = "Stock User"
DESK_USER = "desk user"
PORTAL_USER = "portal user"
GUEST = "Guest"

PRINCIPALS = (
	SALES_USER,
	SALES_MANAGER,
	MASTER_MANAGER,
	ACCOUNTS_USER,
	STOCK_USER,
	DESK_USER,
	PORTAL_USER,
	GUEST,
)
# the roles each principal's user holds
ROLES = {
	SALES_USER: (SALES_USER,),
	SALES_MANAGER: (SALES_MANAGER,),
	MASTER_MANAGER: (MASTER_MANAGER,),
	ACCOUNTS_USER: (ACCOUNTS_USER,),
	STOCK_USER: (STOCK_USER,),
	DESK_USER: (),
	PORTAL_USER: ("Customer",),
	GUEST: (),
}

ACTIONS = {
	"r": "read",
	"w": "write",
	"c": "create",
	"s": "submit",
	"x": "cancel",
	"d": "delete",
	"R": "report",
	"e": "export",
	"p": "print",
}
# the columns a Single DocType's row speaks for
SINGLE_ACTIONS = "rw"

PORTAL_DOCTYPES = ("Quotation", "Sales Order", "Sales Invoice", "Delivery Note")

# fmt: off
# one row per DocType of the app (child tables follow their parent); cells in PRINCIPALS' order:
#                                       Sales User   Sales Mgr    Master Mgr   Accounts     Stock        desk portal guest
MATRIX = {
	# transactions
	"Quotation":                        ("rwcsxdRep", "rwcsxdRep", "rRp",       "rRp",       "rRp",       "", "rp", ""),
	"Sales Order":                      ("rwcsxdRep", "rwcsxdRep", "rRp",       "rRp",       "rRp",       "", "rp", ""),
	"Delivery Note":                    ("rwcsxdRep", "rwcsxdRep", "rRp",       "rRp",       "rwcsxdRep", "", "rp", ""),
	"Sales Invoice":                    ("rwcRep",    "rwcsxdRep", "rRp",       "rwcsxdRep", "",          "", "rp", ""),
	"Blanket Order":                    ("rwcsxdRep", "rwcsxdRep", "rRp",       "rRp",       "rRp",       "", "",   ""),
	"Payment Entry":                    ("rRp",       "rRp",       "",          "rwcsxdRep", "",          "", "",   ""),
	"Dunning":                          ("rRp",       "rRp",       "",          "rwcsxdRep", "",          "", "",   ""),
	"Commission Settlement":            ("rRp",       "rwcsxdRep", "",          "rwcsxdRep", "",          "", "",   ""),
	"Sales Plan":                       ("rRp",       "rwcsxdRep", "rwcsxdRep", "rRp",       "",          "", "",   ""),
	"Stock Entry":                      ("",          "",          "",          "",          "rwcsxdRep", "", "",   ""),
	# the stock ledger: written by documents only
	"Bin":                              ("",          "",          "",          "",          "rRep",      "", "",   ""),
	"Stock Ledger Entry":               ("",          "",          "",          "",          "rRep",      "", "",   ""),
	# commercial terms
	"Pricing Rule":                     ("rRp",       "rwcdRep",   "rwcdRep",   "rRp",       "",          "", "",   ""),
	"Coupon Code":                      ("rRp",       "rwcdRep",   "rwcdRep",   "rRp",       "",          "", "",   ""),
	"Shipping Rule":                    ("rRp",       "rwcdRep",   "rwcdRep",   "rRp",       "",          "", "",   ""),
	"Sales Taxes and Charges Template": ("rRp",       "rwcdRep",   "rwcdRep",   "rRp",       "",          "", "",   ""),
	"Monthly Distribution":             ("rRp",       "rwcdRep",   "rwcdRep",   "rwcdRep",   "",          "", "",   ""),
	# masters
	"Customer":                         ("rwcRep",    "rwcRep",    "rwcdRep",   "rwRp",      "rRp",       "", "",   ""),
	"Item":                             ("rRp",       "rRp",       "rwcdRep",   "rRp",       "rwcRep",    "", "",   ""),
	"Warehouse":                        ("rRp",       "rRp",       "rwcdRep",   "rRp",       "rwcRep",    "", "",   ""),
	"Price List":                       ("rRp",       "rRp",       "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"Item Price":                       ("rRp",       "rwcRep",    "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"Product Bundle":                   ("rRp",       "rwcRep",    "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"Campaign":                         ("rRp",       "rwcRep",    "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"Sales Partner":                    ("rRp",       "rwcRep",    "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"Sales Person":                     ("rRp",       "rwcRep",    "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"Quotation Lost Reason":            ("rRp",       "rwcRep",    "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"Territory":                        ("rRp",       "rRp",       "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"Customer Group":                   ("rRp",       "rRp",       "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"Item Group":                       ("rRp",       "rRp",       "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"Brand":                            ("rRp",       "rRp",       "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	"UOM":                              ("rRp",       "rRp",       "rwcdRep",   "rRp",       "rRp",       "", "",   ""),
	# payment setup and the calendar
	"Mode of Payment":                  ("rRp",       "rRp",       "rwcdRep",   "rwcdRep",   "",          "", "",   ""),
	"Payment Terms Template":           ("rRp",       "rRp",       "rwcdRep",   "rwcdRep",   "",          "", "",   ""),
	"Dunning Type":                     ("rRp",       "rRp",       "rwcdRep",   "rwcdRep",   "",          "", "",   ""),
	"Fiscal Year":                      ("rRp",       "rRp",       "rwcRep",    "rwcdRep",   "rRp",       "", "",   ""),
	# settings and tools (Single DocTypes: read and write only)
	"Selling Settings":                 ("r",         "rw",        "",          "r",         "r",         "", "",   ""),
	"Payment Reconciliation":           ("",          "",          "",          "rw",        "",          "", "",   ""),
}
# fmt: on

SINGLE_DOCTYPES = ("Selling Settings", "Payment Reconciliation")
SUBMITTABLE_DOCTYPES = (
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

# the reports of the app -> the roles that open them (besides System Manager)
REPORT_ROLES = {
	"Accounts Receivable": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Accounts Receivable Summary": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Sales Register": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Item-wise Sales Register": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Campaign Efficiency": (SALES_USER, SALES_MANAGER),
	"Customer Acquisition and Loyalty": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Customer Credit Balance": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER, STOCK_USER),
	"Inactive Customers": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER, STOCK_USER),
	"Lost Quotations": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER, STOCK_USER),
	"On-Time In-Full": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER, STOCK_USER),
	"Sales Analytics": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER, STOCK_USER),
	"Sales Funnel": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Sales Order Analysis": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER, STOCK_USER),
	"Sales Partner Commission Summary": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Sales Partner Target Variance based on Item Group": (
		SALES_USER,
		SALES_MANAGER,
		ACCOUNTS_USER,
		STOCK_USER,
	),
	"Sales Partner Transaction Summary": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Sales Person Commission Summary": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Sales Person Target Variance Based On Item Group": (
		SALES_USER,
		SALES_MANAGER,
		ACCOUNTS_USER,
		STOCK_USER,
	),
	"Sales Person-wise Transaction Summary": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Sales Plan vs Actual": (SALES_USER, SALES_MANAGER, MASTER_MANAGER, ACCOUNTS_USER),
	"Territory Target Variance Based On Item Group": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER, STOCK_USER),
	"Territory-wise Sales": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Unsettled Commission": (SALES_USER, SALES_MANAGER, ACCOUNTS_USER),
	"Stock Balance": (STOCK_USER,),
	"Stock Shortage for Open Orders": (SALES_USER, SALES_MANAGER, STOCK_USER),
}


def allowed(principal: str, doctype: str) -> str:
	"""The letters of what `principal` may do on `doctype`."""
	return MATRIX[doctype][PRINCIPALS.index(principal)]


def may(principal: str, doctype: str, action: str) -> bool:
	"""Whether `principal` may do `action` (a letter of ACTIONS) on `doctype`."""
	return action in allowed(principal, doctype)


def may_run_report(principal: str, report: str, ref_doctype: str) -> bool:
	"""`frappe.desk.query_report.run` answers: a role of the report that holds report on its DocType."""
	return principal in REPORT_ROLES[report] and may(principal, ref_doctype, "R")


def columns(doctype: str) -> str:
	"""The actions the matrix speaks for on `doctype`."""
	if doctype in SINGLE_DOCTYPES:
		return SINGLE_ACTIONS
	if doctype in SUBMITTABLE_DOCTYPES:
		return "".join(ACTIONS)
	return "".join(letter for letter in ACTIONS if letter not in "sx")
