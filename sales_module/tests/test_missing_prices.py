"""Lines at zero: refused when no price exists, kept when the zero was agreed or meant."""

import frappe
from frappe.tests.test_api import FrappeAPITestCase
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from sales_module.exceptions import MissingPriceError, NothingToMapError
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
from sales_module.stock.doctype.delivery_note.delivery_note import make_sales_invoice
from sales_module.tests.test_rest_api import api_token_header
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_item,
	make_item_price,
	make_pricing_rule,
	make_selling_masters,
	receive_stock,
	selling_doc,
)

UNPRICED = "_Test Unpriced Gadget"


def order_with(rows: list[dict], **fields):
	return selling_doc("Sales Order", rows, **fields)


def messages() -> str:
	return " ".join(str(message) for message in frappe.message_log)


class TestMissingPrices(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()
		make_item(UNPRICED, is_stock_item=1)
		frappe.db.delete("Item Price", {"item_code": UNPRICED})
		frappe.clear_messages()

	def test_a_line_without_price_is_flagged_on_save_and_refused_on_submit(self):
		order = order_with([{"item_code": UNPRICED, "qty": 2}, {"item_code": "_Test Widget", "qty": 1}])
		order.insert()
		self.assertEqual(order.items[0].rate, 0)
		self.assertIn(UNPRICED, messages())
		self.assertIn("Standard Selling", messages())
		self.assertIn(frappe.format(nowdate(), "Date"), messages())

		with self.assertRaisesRegex(MissingPriceError, f"{UNPRICED}.*Standard Selling"):
			order.submit()
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "docstatus"), 0)

	def test_the_date_decides_whether_a_price_exists(self):
		make_item_price(UNPRICED, 30, valid_from=add_days(nowdate(), 1))
		order = order_with([{"item_code": UNPRICED, "qty": 1}]).insert()
		with self.assertRaisesRegex(MissingPriceError, frappe.format(nowdate(), "Date")):
			order.submit()
		later = order_with(
			[{"item_code": UNPRICED, "qty": 1}],
			transaction_date=add_days(nowdate(), 1),
			delivery_date=add_days(nowdate(), 8),
		).insert()
		later.submit()
		self.assertEqual(later.items[0].rate, 30)

	def test_zeros_that_were_meant_are_accepted(self):
		typed = order_with([{"item_code": UNPRICED, "qty": 1, "rate": 45}]).insert()
		typed.submit()
		self.assertEqual(typed.grand_total, 45)

		free = order_with([{"item_code": UNPRICED, "qty": 1, "is_free_item": 1}]).insert()
		free.submit()
		self.assertEqual(free.grand_total, 0)

		make_pricing_rule("_Test giveaway", items=[UNPRICED], discount_percentage=100)
		given_away = order_with([{"item_code": UNPRICED, "qty": 1}]).insert()
		given_away.submit()
		self.assertEqual((given_away.items[0].rate, given_away.docstatus), (0, 1))

	def test_a_zero_agreed_on_the_order_is_kept_by_its_delivery_and_invoice(self):
		receive_stock(UNPRICED, 5)
		order = order_with([{"item_code": UNPRICED, "qty": 2, "is_free_item": 1}]).insert()
		order.submit()
		# the list price that appears later must not replace the rate agreed on the order
		make_item_price(UNPRICED, 80)
		note = make_delivery_note(order.name).insert()
		self.assertEqual((note.items[0].rate, note.items[0].price_list_rate), (0, 0))
		note.submit()
		invoice = make_sales_invoice(note.name).insert()
		invoice.submit()
		self.assertEqual((invoice.items[0].qty, invoice.items[0].rate, invoice.grand_total), (2, 0, 0))
		# lines at zero are billed by quantity: the order and its delivery count as billed
		self.assertEqual(frappe.db.get_value("Delivery Note", note.name, "per_billed"), 100)
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "status"), "Completed")
		with self.assertRaisesRegex(NothingToMapError, "Nothing is left to map"):
			make_sales_invoice(note.name)

	def test_a_line_sent_without_rate_takes_the_rate_of_its_source_line(self):
		receive_stock("_Test Widget", 5)
		order = order_with([{"item_code": "_Test Widget", "qty": 2, "rate": 70}]).insert()
		order.submit()
		mapped = make_delivery_note(order.name).as_dict()
		for row in mapped["items"]:
			row.pop("rate")
			row.pop("price_list_rate")
		note = frappe.get_doc(mapped).insert()
		self.assertEqual((note.items[0].rate, note.items[0].price_list_rate), (70, 100))


class TestMissingPricesREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_selling_masters()
		clear_pricing_rules()
		make_item(UNPRICED, is_stock_item=1)
		frappe.db.delete("Item Price", {"item_code": UNPRICED})
		frappe.db.commit()
		cls.headers = {"Authorization": api_token_header("Administrator")}

	def tearDown(self):
		frappe.db.rollback()
		for name in frappe.get_all("Sales Order", filters={"customer": "_Test Flow Customer"}, pluck="name"):
			frappe.delete_doc("Sales Order", name, force=True)
		frappe.db.commit()

	def test_two_request_flow_warns_then_refuses_with_417(self):
		payload = {
			"customer": "_Test Flow Customer",
			"delivery_date": add_days(nowdate(), 5),
			"items": [{"item_code": UNPRICED, "qty": 1, "warehouse": "Stores"}],
		}
		created = self.post(self.resource("Sales Order"), payload, headers=self.headers)
		self.assertEqual(created.status_code, 200, created.json)
		self.assertIn(UNPRICED, created.json.get("_server_messages", ""))

		submitted = self.post(
			self.method("frappe.client.submit"), {"doc": created.json["data"]}, headers=self.headers
		)
		self.assertEqual(submitted.status_code, 417)
		self.assertEqual(submitted.json["exc_type"], "MissingPriceError")
		self.assertIn(UNPRICED, submitted.json.get("_server_messages", ""))
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Sales Order", created.json["data"]["name"], "docstatus"), 0)
