"""The customer's addresses and contact reach every selling document: defaults, rendered text, mappers,
another customer's address refused, a draft moved to another customer taking that customer's own."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from sales_module.exceptions import InvalidReferenceError
from sales_module.selling.doctype.quotation.quotation import make_sales_order
from sales_module.selling.doctype.sales_order.sales_order import make_delivery_note
from sales_module.stock.doctype.delivery_note.delivery_note import make_sales_invoice
from sales_module.tests.utils import (
	clear_pricing_rules,
	make_customer,
	make_selling_masters,
	receive_stock,
	refused,
	selling_doc,
	submit_mapped,
)

LINES = [{"item_code": "_Test Widget", "qty": 1}]


def make_address(customer: str, title: str, city: str, **flags):
	return frappe.get_doc(
		{
			"doctype": "Address",
			"address_title": title,
			"address_type": "Shipping" if flags.get("is_shipping_address") else "Billing",
			"address_line1": f"1 {title} Street",
			"city": city,
			"country": "Russia" if frappe.db.exists("Country", "Russia") else None,
			"links": [{"link_doctype": "Customer", "link_name": customer}],
			**flags,
		}
	).insert()


def make_contact(customer: str, first_name: str, **fields):
	return frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": first_name,
			"links": [{"link_doctype": "Customer", "link_name": customer}],
			**fields,
		}
	).insert()


class TestAddresses(FrappeTestCase):
	def setUp(self):
		make_selling_masters()
		clear_pricing_rules()
		receive_stock("_Test Widget", 20)
		self.customer = make_customer(f"_Test Address {frappe.generate_hash(length=6)}").name
		self.billing = make_address(self.customer, f"{self.customer} HQ", "Kazan", is_primary_address=1)
		self.shipping = make_address(self.customer, f"{self.customer} Depot", "Samara", is_shipping_address=1)
		self.contact = make_contact(
			self.customer, "Irina", email_ids=[{"email_id": "irina@example.com", "is_primary": 1}],
			is_primary_contact=1,
		)  # fmt: skip

	def test_defaults_and_rendered_text_on_a_new_order(self):
		order = selling_doc("Sales Order", LINES, customer=self.customer).insert()
		self.assertEqual(order.customer_address, self.billing.name)
		self.assertEqual(order.shipping_address_name, self.shipping.name)
		self.assertEqual(order.contact_person, self.contact.name)
		self.assertIn("Kazan", order.address_display)
		self.assertIn("Samara", order.shipping_address)
		self.assertEqual(order.contact_display, "Irina")
		self.assertEqual(order.contact_email, "irina@example.com")

	def test_the_customers_primary_choice_wins_and_shipping_falls_back_to_billing(self):
		other = make_address(self.customer, f"{self.customer} Branch", "Omsk")
		frappe.db.set_value("Customer", self.customer, "customer_primary_address", other.name)
		frappe.db.set_value("Address", self.shipping.name, "is_shipping_address", 0)
		invoice = selling_doc("Sales Invoice", LINES, customer=self.customer).insert()
		self.assertEqual(invoice.customer_address, other.name)
		self.assertIn("Omsk", invoice.address_display)
		# no shipping address flagged: the primary (billing) one
		self.assertEqual(invoice.shipping_address_name, self.billing.name)

	def test_every_mapper_carries_the_addresses_and_a_changed_link_is_rendered_again(self):
		quotation = selling_doc("Quotation", LINES, customer=self.customer).insert()
		quotation.submit()
		order = submit_mapped(make_sales_order(quotation.name), delivery_date=add_days(today(), 7))
		self.assertEqual(order.shipping_address_name, self.shipping.name)
		self.assertIn("Samara", order.shipping_address)
		note = submit_mapped(make_delivery_note(order.name))
		invoice = make_sales_invoice(note.name)
		self.assertEqual(invoice.customer_address, self.billing.name)
		self.assertIn("Kazan", invoice.address_display)
		self.assertEqual(invoice.contact_person, self.contact.name)
		invoice.insert()
		invoice.shipping_address_name = self.billing.name
		invoice.save()
		self.assertIn("Kazan", invoice.shipping_address)
		self.assertNotIn("Samara", invoice.shipping_address)

	def test_another_customers_billing_address_or_contact_is_refused(self):
		stranger = make_customer(f"_Test Stranger {frappe.generate_hash(length=6)}").name
		foreign = make_address(stranger, f"{stranger} HQ", "Tver", is_primary_address=1)
		foreign_contact = make_contact(stranger, "Oleg")
		with refused(self, InvalidReferenceError, regex="does not belong"):
			selling_doc("Sales Order", LINES, customer=self.customer, customer_address=foreign.name).insert()
		with refused(self, InvalidReferenceError, regex="does not belong"):
			selling_doc(
				"Sales Order", LINES, customer=self.customer, contact_person=foreign_contact.name
			).insert()
		# delivering to a third party's address is allowed
		order = selling_doc(
			"Sales Order", LINES, customer=self.customer, shipping_address_name=foreign.name
		).insert()
		self.assertIn("Tver", order.shipping_address)

	def test_a_draft_moved_to_another_customer_takes_that_customers_address(self):
		order = selling_doc("Sales Order", LINES, customer=self.customer).insert()
		other = make_customer(f"_Test Moved {frappe.generate_hash(length=6)}").name
		their_address = make_address(other, f"{other} HQ", "Perm", is_primary_address=1)
		order.customer = other
		order.customer_name = None
		order.save()
		self.assertEqual(order.customer_address, their_address.name)
		self.assertEqual(order.shipping_address_name, their_address.name)
		self.assertIsNone(order.contact_person)
		self.assertIn("Perm", order.address_display)
		self.assertIsNone(order.contact_display)

	def test_a_customer_without_addresses_leaves_the_fields_empty(self):
		bare = make_customer(f"_Test Bare {frappe.generate_hash(length=6)}").name
		order = selling_doc("Sales Order", LINES, customer=bare).insert()
		self.assertIsNone(order.customer_address)
		self.assertIsNone(order.address_display)
		self.assertIsNone(order.contact_person)
