"""What the desk asks of the server while a person types, and the desk defects found in the browser
(issue 12): each server behaviour behind a form is checked here; the browser layer (tests/browser)
checks the forms themselves."""

import json

import frappe
from frappe.desk.notifications import get_open_count
from frappe.tests.test_api import FrappeAPITestCase
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate
from frappe.utils.user import UserPermissions

from sales_module.accounts.report.accounts_receivable.accounts_receivable import get_chart
from sales_module.api.desk import extend_bootinfo, get_new_document_defaults
from sales_module.api.transaction import recalculate
from sales_module.exceptions import InvalidQuantityError
from sales_module.install import QUOTATION_LOST_REASONS, create_quotation_lost_reasons
from sales_module.patches.v1_6 import ship_desk_defaults
from sales_module.selling.dashboard import customer_summary
from sales_module.tests.test_rest_api import api_token_header
from sales_module.tests.utils import (
	make_customer_once,
	make_item_price,
	make_sales_order,
	make_selling_masters,
	make_tree_node,
	make_user,
	refused,
	selling_doc,
)
from sales_module.utils.fiscal_year import fiscal_year_of

SALES_USER = "_test_desk_sales_user@example.com"
SALES_MANAGER = "_test_desk_sales_manager@example.com"


def as_sent_by_the_form(doc) -> dict:
	"""The document as the desk form sends it: JSON, dates as strings."""
	return json.loads(frappe.as_json(doc.as_dict()))


class TestRecalculateWhileTyping(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()

	def draft(self, items: list[dict], **fields) -> dict:
		return as_sent_by_the_form(selling_doc("Quotation", items, **fields))

	def test_a_blank_line_is_left_alone_and_comes_back_last(self):
		values = self.draft([{"item_code": "_Test Widget", "qty": 2}, {"qty": 0}])
		result = recalculate(values)
		self.assertEqual([row.get("item_code") for row in result["items"]], ["_Test Widget", None])
		self.assertEqual([row["idx"] for row in result["items"]], [1, 2])
		self.assertEqual(result["items"][0]["amount"], 200)
		self.assertEqual(result["total"], 200)

	def test_a_line_whose_quantity_is_not_typed_yet_counts_as_zero(self):
		values = self.draft([{"item_code": "_Test Widget", "qty": 3}, {"item_code": "_Test Service"}])
		values["items"][1]["qty"] = None
		result = recalculate(values)
		self.assertEqual([row["amount"] for row in result["items"]], [300, 0])
		self.assertEqual(result["items"][1]["rate"], 50)
		self.assertEqual(result["total"], 300)

	def test_a_zero_quantity_while_typing_raises_nothing_but_the_save_refuses_it(self):
		values = self.draft([{"item_code": "_Test Widget", "qty": 0}])
		self.assertEqual(recalculate(values)["items"][0]["amount"], 0)
		with refused(self, InvalidQuantityError, "quantity must be greater than zero, got 0"):
			frappe.get_doc(values).insert()

	def test_a_line_saved_without_a_quantity_is_for_one_unit(self):
		doc = selling_doc("Quotation", [{"item_code": "_Test Widget"}])
		doc.items[0].qty = None
		doc.insert()
		self.assertEqual(doc.items[0].qty, 1)
		self.assertEqual(doc.grand_total, 100)

	def test_a_saved_line_without_item_names_the_row_not_none(self):
		doc = selling_doc("Quotation", [{"item_code": "_Test Widget", "qty": 1}, {"qty": 1}])
		with refused(self, frappe.MandatoryError, "Row 2: Item Code is missing"):
			doc.insert()

	def test_only_blank_lines_come_back_as_sent(self):
		values = self.draft([{"item_code": "_Test Widget", "qty": 1}])
		values["items"] = [{"doctype": "Quotation Item", "qty": 0}]
		result = recalculate(values)
		self.assertEqual(len(result["items"]), 1)
		self.assertIsNone(result["items"][0].get("item_code"))

	def test_the_tax_description_comes_from_the_account_head(self):
		values = self.draft(
			[{"item_code": "_Test Widget", "qty": 1}],
			taxes=[{"charge_type": "On Net Total", "account_head": "VAT 20%", "rate": 20}],
		)
		result = recalculate(values)
		self.assertEqual(result["taxes"][0]["description"], "VAT 20%")
		self.assertEqual(result["grand_total"], 120)
		doc = frappe.get_doc(values).insert()
		self.assertEqual(doc.taxes[0].description, "VAT 20%")

	def test_a_typed_description_is_kept(self):
		doc = selling_doc(
			"Quotation",
			[{"item_code": "_Test Widget", "qty": 1}],
			taxes=[
				{"charge_type": "On Net Total", "account_head": "VAT", "description": "Sales tax", "rate": 10}
			],
		).insert()
		self.assertEqual(doc.taxes[0].description, "Sales tax")

	def test_a_template_row_is_described_by_its_account_head(self):
		template = frappe.get_doc(
			{
				"doctype": "Sales Taxes and Charges Template",
				"title": "_Test Desk VAT",
				"taxes": [{"charge_type": "On Net Total", "account_head": "VAT 18%", "rate": 18}],
			}
		).insert()
		self.assertEqual(template.taxes[0].description, "VAT 18%")


class TestInvoiceSaveHistory(FrappeTestCase):
	def test_saving_an_unchanged_schedule_records_no_added_or_removed_rows(self):
		make_selling_masters()
		if not frappe.db.exists("Payment Terms Template", "_Test Desk 50-50"):
			frappe.get_doc(
				{
					"doctype": "Payment Terms Template",
					"template_name": "_Test Desk 50-50",
					"terms": [
						{
							"invoice_portion": 50,
							"credit_days": 0,
							"due_date_based_on": "Day(s) after invoice date",
						},
						{
							"invoice_portion": 50,
							"credit_days": 30,
							"due_date_based_on": "Day(s) after invoice date",
						},
					],
				}
			).insert()
		invoice = selling_doc(
			"Sales Invoice",
			[{"item_code": "_Test Service", "qty": 2}],
			payment_terms_template="_Test Desk 50-50",
		).insert()
		rows = [row.name for row in invoice.payment_schedule]
		# the desk: a change recalculated by the server, then the form's document saved
		values = as_sent_by_the_form(invoice)
		values["items"][0]["qty"] = 4
		saved = frappe.get_doc(json.loads(frappe.as_json(recalculate(values))))
		saved.save(ignore_version=False)  # tests keep no versions unless asked
		self.assertEqual([row.name for row in saved.payment_schedule], rows)
		self.assertEqual([row.payment_amount for row in saved.payment_schedule], [100, 100])
		version = json.loads(
			frappe.get_all(
				"Version",
				filters={"ref_doctype": "Sales Invoice", "docname": invoice.name},
				pluck="data",
				order_by="creation desc",
				limit=1,
			)[0]
		)
		self.assertEqual(version["added"], [])
		self.assertEqual(version["removed"], [])
		self.assertEqual(
			[(change[0], change[2]) for change in version["row_changed"] if change[0] == "payment_schedule"],
			[("payment_schedule", rows[0]), ("payment_schedule", rows[1])],
		)


class TestNewDocumentDefaults(FrappeTestCase):
	def test_a_new_customer_starts_in_the_settings_group_and_territory(self):
		self.assertEqual(
			get_new_document_defaults("Customer"),
			{"customer_group": "Commercial", "territory": "Rest Of The World"},
		)

	def test_a_quotation_is_valid_for_the_settings_days(self):
		self.assertEqual(frappe.db.get_single_value("Selling Settings", "default_valid_till"), 30)
		self.assertEqual(
			get_new_document_defaults("Quotation"), {"valid_till": str(add_days(getdate(nowdate()), 30))}
		)
		frappe.db.set_single_value("Selling Settings", "default_valid_till", 0)
		try:
			self.assertEqual(get_new_document_defaults("Quotation"), {})
		finally:
			frappe.db.set_single_value("Selling Settings", "default_valid_till", 30)

	def test_an_order_is_delivered_today_unless_typed(self):
		self.assertEqual(get_new_document_defaults("Sales Order"), {"delivery_date": nowdate()})

	def test_other_doctypes_have_none(self):
		self.assertEqual(get_new_document_defaults("Item"), {})

	def test_a_user_who_cannot_create_is_refused(self):
		make_user("_test_desk_stock_user@example.com", ["Stock User"])
		frappe.set_user("_test_desk_stock_user@example.com")
		try:
			with refused(self, frappe.PermissionError):
				get_new_document_defaults("Quotation")
		finally:
			frappe.set_user("Administrator")

	def test_the_desk_knows_the_company_currency_and_fiscal_year(self):
		bootinfo = frappe._dict()
		extend_bootinfo(bootinfo)
		self.assertEqual(
			bootinfo.sales_module,
			{
				"company_currency": frappe.db.get_single_value("Selling Settings", "default_currency"),
				"fiscal_year": fiscal_year_of(frappe.utils.nowdate()).name,
			},
		)


class TestCreditFieldsOverREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(SALES_USER, ["Sales User"])
		make_user(SALES_MANAGER, ["Sales Manager"])
		cls.customer = make_customer_once("_Test Desk Credit Customer", credit_limit=1000).name
		frappe.db.commit()

	def put_customer(self, user: str, values: dict):
		return self.put(
			self.resource("Customer", self.customer),
			values,
			headers={"Authorization": api_token_header(user)},
		)

	def test_a_sales_user_cannot_raise_the_limit_or_bypass_the_check(self):
		response = self.put_customer(
			SALES_USER, {"credit_limit": 999999, "bypass_credit_limit_check": 1, "tax_id": "77"}
		)
		self.assertEqual(response.status_code, 200, response.json)
		stored = frappe.db.get_value(
			"Customer", self.customer, ["credit_limit", "bypass_credit_limit_check", "tax_id"], as_dict=True
		)
		self.assertEqual(
			(stored.credit_limit, stored.bypass_credit_limit_check, stored.tax_id), (1000, 0, "77")
		)

	def test_a_sales_manager_sets_them(self):
		response = self.put_customer(SALES_MANAGER, {"credit_limit": 5000, "bypass_credit_limit_check": 1})
		self.assertEqual(response.status_code, 200, response.json)
		stored = frappe.db.get_value(
			"Customer", self.customer, ["credit_limit", "bypass_credit_limit_check"], as_dict=True
		)
		self.assertEqual((stored.credit_limit, stored.bypass_credit_limit_check), (5000, 1))
		self.put_customer(SALES_MANAGER, {"credit_limit": 1000, "bypass_credit_limit_check": 0})

	def test_the_credit_fields_are_on_level_one(self):
		meta = frappe.get_meta("Customer")
		self.assertEqual(
			[meta.get_field(name).permlevel for name in ("credit_limit", "bypass_credit_limit_check")], [1, 1]
		)
		writers = sorted(perm.role for perm in meta.permissions if perm.permlevel == 1 and perm.write)
		self.assertEqual(writers, ["Accounts User", "Sales Manager", "System Manager"])


class TestShippedRecordsAndPages(FrappeTestCase):
	def test_common_lost_reasons_ship_once(self):
		create_quotation_lost_reasons()
		ship_desk_defaults.execute()
		names = frappe.get_all(
			"Quotation Lost Reason", filters={"name": ("in", QUOTATION_LOST_REASONS)}, pluck="name"
		)
		self.assertEqual(sorted(names), sorted(QUOTATION_LOST_REASONS))
		self.assertEqual(frappe.db.get_single_value("Selling Settings", "default_valid_till"), 30)

	def test_the_stock_ledger_list_opens_for_administrator_and_stock_users(self):
		make_user("_test_desk_stock_user@example.com", ["Stock User"])
		make_user(SALES_USER, ["Sales User"])
		readers = {}
		for user in ("Administrator", "_test_desk_stock_user@example.com", SALES_USER):
			# what the desk's router reads: the boot's list of DocTypes the user may open as a list
			frappe.set_user(user)
			try:
				permissions = UserPermissions(user)
				permissions.build_permissions()
				readers[user] = "Stock Ledger Entry" in permissions.can_read
			finally:
				frappe.set_user("Administrator")
		self.assertEqual(
			readers,
			{"Administrator": True, "_test_desk_stock_user@example.com": True, SALES_USER: False},
		)

	def test_the_workspace_draws_the_ageing_as_bars(self):
		# frappe-charts draws a percentage chart of nothing outstanding with NaN widths (console errors)
		self.assertEqual(frappe.db.get_value("Dashboard Chart", "Receivables by Ageing", "type"), "Bar")

	def test_the_ageing_chart_draws_bars(self):
		# a percentage chart of empty buckets, buckets below zero or nothing at all draws widths of NaN
		# or below zero: bars, whatever is outstanding
		filters = frappe._dict(bounds=[30, 60, 90, 120])
		self.assertEqual(get_chart([], filters)["type"], "bar")
		row = {f"range{n}": 0 for n in range(1, 6)} | {"range2": 40}
		credit = {f"range{n}": 0 for n in range(1, 6)} | {"range1": -15}
		chart = get_chart([row, credit], filters)
		self.assertEqual(chart["type"], "bar")
		self.assertEqual(chart["data"]["datasets"][0]["values"], [-15, 40, 0, 0, 0])


class TestCustomerDashboardCredit(FrappeTestCase):
	def test_the_form_shows_the_credit_exposure_against_the_limit(self):
		make_selling_masters()
		customer = make_customer_once("_Test Desk Exposure", credit_limit=5000).name
		make_sales_order([{"item_code": "_Test Service", "qty": 3}], customer=customer)
		summary = customer_summary(customer)
		self.assertEqual(summary["credit_limit"], 5000)
		self.assertEqual(summary["credit_exposure"], 150)
		self.assertEqual(summary["outstanding"], 0)
		self.assertEqual(summary["open_orders"], 1)


class TestGetItemsFromBlanketOrder(FrappeTestCase):
	def test_the_blanket_order_lines_join_a_draft_order(self):
		make_selling_masters()
		blanket = frappe.get_doc(
			{
				"doctype": "Blanket Order",
				"blanket_order_type": "Selling",
				"customer": "_Test Flow Customer",
				"from_date": nowdate(),
				"to_date": add_days(nowdate(), 30),
				"items": [{"item_code": "_Test Service", "qty": 10, "rate": 45}],
			}
		).insert()
		blanket.submit()
		from sales_module.selling.doctype.blanket_order.blanket_order import make_sales_order as from_blanket

		draft = selling_doc("Sales Order", [{"item_code": "_Test Widget", "qty": 1}])
		draft.set_missing_values()
		order = from_blanket(blanket.name, frappe.as_json(draft.as_dict()))
		self.assertEqual(
			[(row.item_code, row.qty, row.rate) for row in order.items],
			[("_Test Widget", 1, 100), ("_Test Service", 10, 45)],
		)


class TestMasterConnections(FrappeTestCase):
	"""The Connections of every master count the documents that name it (through child tables too)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		make_tree_node("Sales Person", "_Test Desk Seller")
		make_tree_node("Territory", "_Test Desk Territory")
		if not frappe.db.exists("Sales Partner", "_Test Desk Partner"):
			frappe.get_doc(
				{
					"doctype": "Sales Partner",
					"partner_name": "_Test Desk Partner",
					"commission_rate": 5,
					"territory": "_Test Desk Territory",
				}
			).insert()
		if not frappe.db.exists("Campaign", "_Test Desk Campaign"):
			frappe.get_doc({"doctype": "Campaign", "campaign_name": "_Test Desk Campaign"}).insert()
		cls.customer = make_customer_once(
			"_Test Desk Connected",
			territory="_Test Desk Territory",
			default_sales_partner="_Test Desk Partner",
		).name
		make_sales_order(
			[{"item_code": "_Test Service", "qty": 1}],
			customer=cls.customer,
			sales_partner="_Test Desk Partner",
			campaign="_Test Desk Campaign",
			sales_team=[{"sales_person": "_Test Desk Seller", "allocated_percentage": 100}],
		)

	def counts(self, doctype: str, name: str) -> dict[str, int]:
		found = get_open_count(doctype, name)["count"]["external_links_found"]
		return {entry["doctype"]: entry["count"] for entry in found if entry["count"]}

	def test_each_master_counts_the_order(self):
		self.assertEqual(self.counts("Customer", self.customer), {"Sales Order": 1})
		self.assertEqual(
			self.counts("Territory", "_Test Desk Territory"),
			{"Customer": 1, "Sales Partner": 1, "Sales Order": 1},
		)
		self.assertEqual(
			self.counts("Sales Partner", "_Test Desk Partner"), {"Customer": 1, "Sales Order": 1}
		)
		self.assertEqual(self.counts("Sales Person", "_Test Desk Seller"), {"Sales Order": 1})
		self.assertEqual(self.counts("Campaign", "_Test Desk Campaign"), {"Sales Order": 1})
		self.assertEqual(self.counts("Item", "_Test Service")["Item Price"], 1)
		self.assertGreaterEqual(self.counts("Item", "_Test Service")["Sales Order"], 1)


class TestOnboarding(FrappeTestCase):
	def test_first_steps_ship_with_the_module_and_show_on_the_workspace(self):
		onboarding = frappe.get_doc("Module Onboarding", "Selling")
		self.assertEqual(
			[
				(row.step, frappe.db.get_value("Onboarding Step", row.step, "reference_document"))
				for row in onboarding.steps
			],
			[
				("Set Up Company Details", "Selling Settings"),
				("Create Your First Item", "Item"),
				("Set Its Price", "Item Price"),
				("Create Your First Customer", "Customer"),
				("Make Your First Quotation", "Quotation"),
			],
		)
		content = json.loads(frappe.db.get_value("Workspace", "Selling", "content"))
		self.assertIn({"type": "onboarding", "data": {"onboarding_name": "Selling", "col": 12}}, content)
