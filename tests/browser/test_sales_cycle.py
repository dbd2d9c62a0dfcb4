"""Quote to cash in the desk, as a sales user and an accountant do it: typing, picking from link
dropdowns, the form's buttons; prices and totals come from the server."""

import datetime
import time

import pytest

from tests.browser.conftest import ADMIN_PASSWORD
from tests.browser.desk import Api

PASSWORD = "Browser-Test-Pass-7"
SALES_USER = "bt-sales-user@example.com"
ACCOUNTANT = "bt-accountant@example.com"
ITEM = "BT-WIDGET"
PRICE = 100
STOCK = 50


@pytest.fixture(scope="module")
def masters(api: Api):
	"""An item with a price and stock, and the two users, made over REST as Administrator."""
	api.ensure(
		{
			"doctype": "Item",
			"item_code": ITEM,
			"item_name": "Browser Test Widget",
			"item_group": "Products",
			"stock_uom": "Nos",
			"is_stock_item": 1,
			"is_sales_item": 1,
		}
	)
	if not api.get_list("Item Price", {"item_code": ITEM, "price_list": "Standard Selling"}):
		api.insert(
			{
				"doctype": "Item Price",
				"item_code": ITEM,
				"price_list": "Standard Selling",
				"price_list_rate": PRICE,
			}
		)
	api.insert(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"docstatus": 1,
			"items": [{"item_code": ITEM, "qty": STOCK, "t_warehouse": "Stores", "basic_rate": 40}],
		}
	)
	api.ensure_user(SALES_USER, "Sally", PASSWORD, ["Sales User"])
	api.ensure_user(ACCOUNTANT, "Andrew", PASSWORD, ["Accounts User"])
	return {"customer": f"BT Customer {int(time.time())}"}


def test_quote_to_cash(open_desk, api: Api, masters):
	customer = masters["customer"]
	sales = open_desk(SALES_USER, PASSWORD)

	# a customer, typed: group and territory come from Selling Settings
	sales.new_form("Customer")
	sales.set_text("customer_name", customer)
	assert sales.value("customer_group") == "Commercial"
	assert sales.value("territory") == "Rest Of The World"
	sales.save()
	# the credit fields are for sales managers and accountants: shown, not editable, here
	assert sales.page.evaluate("() => cur_frm.fields_dict.credit_limit.disp_status") == "Read"
	customer_id = sales.value("name")

	# a quotation: the customer and the item picked from the link dropdowns
	sales.new_form("Quotation")
	today = datetime.date.today()
	assert sales.value("valid_till") == (today + datetime.timedelta(days=30)).isoformat()
	sales.set_link("party_name", customer, choose=customer_id)
	if not sales.page.evaluate("() => cur_frm.doc.items.length"):
		sales.add_row("items")
	sales.set_row_link("items", 1, "item_code", ITEM)
	line = sales.row("items", 1)
	assert line["qty"] == 1
	assert line["rate"] == PRICE
	assert line["amount"] == PRICE
	assert sales.value("total") == PRICE
	sales.assert_no_dialog()

	sales.set_row_value("items", 1, "qty", 3)
	assert sales.row("items", 1)["amount"] == 3 * PRICE
	# a rate typed by hand: the amount and total follow it, and Tab out of Rate adds a blank row that
	# raises nothing
	sales.set_row_value("items", 1, "rate", 90, leave_with="Tab")
	sales.click_away()
	assert sales.row("items", 1)["amount"] == 270
	assert sales.value("total") == 270
	sales.assert_no_dialog()

	# a tax row: the description comes from the account head, in the grid
	idx = sales.add_row("taxes")
	sales.set_row_select("taxes", idx, "charge_type", "On Net Total")
	sales.set_row_value("taxes", idx, "account_head", "VAT 20%")
	sales.set_row_value("taxes", idx, "rate", 20)
	sales.click_away()
	assert sales.row("taxes", idx)["description"] == "VAT 20%"
	assert sales.grid_text("taxes", idx, "description") == "VAT 20%"
	assert sales.value("grand_total") == 324
	sales.assert_no_dialog()

	sales.save()
	sales.assert_no_dialog()
	doc = sales.doc()
	assert [row["item_code"] for row in doc["items"]] == [ITEM]
	assert doc["grand_total"] == 324
	sales.submit()
	assert sales.indicator() == "Open"

	# the order: delivery date defaulted, Create > Payment is not offered to a sales user
	sales.make_from("Sales Order", "Sales Order")
	# the quotation's validity is the order's delivery date; the field is marked required
	assert sales.value("delivery_date") == (today + datetime.timedelta(days=30)).isoformat()
	assert sales.page.evaluate("() => cur_frm.get_docfield('delivery_date').reqd") == 1
	sales.save()
	sales.submit()
	assert sales.indicator() == "To Deliver and Bill"
	assert not sales.has_button("Payment", "Create")
	# the line's stock badge: the warehouse holds enough for it
	assert sales.grid_row("items", 1).locator(".indicator.green").count() == 1
	order = sales.value("name")

	# the delivery from the order's button
	sales.make_from("Delivery Note", "Delivery Note")
	sales.save()
	sales.submit()
	assert sales.indicator() == "To Bill"
	assert api.get("Sales Order", order)["status"] == "To Bill"

	# the invoice: drafted by the sales user, no "Set Source Warehouse" for an invoice that moves no stock
	sales.make_from("Sales Invoice", "Sales Invoice")
	assert not sales.field("set_warehouse").count()
	sales.save()
	invoice = sales.value("name")
	assert sales.indicator() == "Draft"

	# the accountant submits it and records the payment with the invoice's button
	accounts = open_desk(ACCOUNTANT, PASSWORD)
	accounts.open_form("Sales Invoice", invoice)
	accounts.submit()
	assert accounts.indicator() == "Unpaid"
	accounts.make_from("Payment", "Payment Entry")
	assert accounts.value("paid_amount") == 324
	accounts.save()
	accounts.submit()
	accounts.open_form("Sales Invoice", invoice)
	assert accounts.indicator() == "Paid"
	assert api.get("Sales Order", order)["status"] == "Completed"

	# the invoice list shows the status, not "Submitted"
	accounts.goto("sales-invoice")
	row = accounts.page.locator(".list-row-container", has_text=invoice).first
	assert row.locator(".indicator-pill").first.inner_text().strip() == "Paid"

	# a report and the workspace
	sales.goto("query-report/Sales Analytics")
	sales.page.locator(".dt-row-filter, .dt-scrollable .dt-row").first.wait_for()
	sales.settle()
	assert "Sales Analytics" in sales.page.title()
	sales.goto("selling")
	sales.page.locator(".workspace-title, .ce-header", has_text="Selling").first.wait_for()
	sales.settle()


def test_the_stock_ledger_opens_for_administrator(open_desk, api: Api, masters):
	admin = open_desk("Administrator", ADMIN_PASSWORD)
	admin.goto("stock-ledger-entry")
	admin.page.locator(".page-container:visible .list-row-container").first.wait_for()
	assert admin.page.locator(
		".page-container:visible .page-title .title-text"
	).first.inner_text().strip() == ("Stock Ledger Entry")


GADGET = "BT-GADGET"
RULE = "BT Gadget Launch Discount"


def test_the_line_tells_why_its_price(open_desk, api: Api, masters):
	api.ensure(
		{
			"doctype": "Item",
			"item_code": GADGET,
			"item_name": "Browser Test Gadget",
			"item_group": "Products",
			"stock_uom": "Nos",
			"is_stock_item": 0,
			"is_sales_item": 1,
		}
	)
	if not api.get_list("Item Price", {"item_code": GADGET, "price_list": "Standard Selling"}):
		api.insert(
			{
				"doctype": "Item Price",
				"item_code": GADGET,
				"price_list": "Standard Selling",
				"price_list_rate": 200,
			}
		)
	if not api.get_list("Pricing Rule", {"title": RULE}):
		api.insert(
			{
				"doctype": "Pricing Rule",
				"title": RULE,
				"apply_on": "Item Code",
				"items": [{"item_code": GADGET}],
				"selling": 1,
				"rate_or_discount": "Discount Percentage",
				"discount_percentage": 10,
				"valid_from": "2020-01-01",
			}
		)
	rule = api.get_list("Pricing Rule", {"title": RULE})[0]["name"]
	sales = open_desk(SALES_USER, PASSWORD)
	sales.new_form("Quotation")
	if not sales.page.evaluate("() => cur_frm.doc.items.length"):
		sales.add_row("items")
	sales.set_row_link("items", 1, "item_code", GADGET)
	sales.click_away()
	line = sales.row("items", 1)
	assert (line["price_list_rate"], line["discount_percentage"], line["rate"]) == (200, 10, 180)
	explanation = sales.grid_row("items", 1).locator("[data-pricing-explanation]").first
	# the rate's tooltip is the server's explanation, naming the rule that set the price
	assert explanation.get_attribute("title") == line["pricing_rule_explanation"]
	assert line["pricing_rule_explanation"].startswith(f"{rule}: ")
