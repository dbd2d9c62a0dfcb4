"""The spine shared by Quotation, Sales Order, Delivery Note and Sales Invoice.

Controllers only load data, call the engine and store its results: pricing, shipping, taxes and
totals, commission, packing lists and payment schedules are all computed in `sales_module.engine`.
"""

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, getdate

from sales_module.accounts.taxes import fill_tax_descriptions
from sales_module.controllers.client_reference import ClientReference
from sales_module.controllers.document_io import LeanDocumentIO
from sales_module.controllers.locking import SharedRowLocks
from sales_module.controllers.statuses import status_called_for
from sales_module.engine import (
	PricingLine,
	TaxRow,
	apply_shipping_rule,
	arbitrate_line_rate,
	build_payment_schedule,
	calculate_totals,
	exceeds_max_discount,
	expand_bundles,
	payable_total,
	reconcile_free_items,
	sales_partner_commission,
	sales_team_contribution,
	shipping_tax_row,
	validate_tax_rows,
)
from sales_module.engine.quantities import QTY_PRECISION
from sales_module.exceptions import (
	CommissionError,
	ExchangeRateError,
	InactiveRecordError,
	InvalidQuantityError,
	InvalidUOMError,
	MaxDiscountError,
	MissingPriceError,
)
from sales_module.selling.addresses import set_party_addresses
from sales_module.selling.bundles import get_bundle_components
from sales_module.stock.utils import get_bins
from sales_module.utils.cache import reference_data
from sales_module.utils.currency import amount_in_words, company_currency, currency_precision
from sales_module.utils.engine_bridge import engine_errors, translated
from sales_module.utils.items import get_conversion_factors, get_item_masters
from sales_module.utils.pricing_data import price_lines

# Line fields naming the document a line was made from: such a line keeps the rate agreed there
SOURCE_LINK_FIELDS = ("quotation_item", "so_detail", "dn_detail", "si_detail", "blanket_order")
# who may give a line a discount above its item's Max Discount (ERPNext refuses it to everyone): the
# permission policy, sales_module/tests/permission_matrix.py
# the source line a line sent without a rate takes its price from, nearest source first
SOURCE_LINES = (
	("si_detail", "Sales Invoice Item"),
	("dn_detail", "Delivery Note Item"),
	("so_detail", "Sales Order Item"),
	("quotation_item", "Quotation Item"),
)


class SellingController(SharedRowLocks, LeanDocumentIO, ClientReference, Document):
	"""Subclasses set `date_field` and may extend the validate steps; their status rule is the one
	`controllers/statuses.py` keeps for their DocType."""

	date_field = "transaction_date"

	def validate(self):
		# a repeated create is refused before any pricing work
		self.validate_client_reference()
		self.calculate()
		self.check_prices()
		self.set_status()

	def _set_defaults(self):
		# a line that arrives without a rate is told apart from one agreed at zero before defaults fill it
		for row in self.get("items") or []:
			if row.is_new():
				row.flags.rate_not_given = row.get("rate") is None
				row.flags.price_list_rate_not_given = row.get("price_list_rate") is None
		super()._set_defaults()

	def calculate(self):
		"""Every derived figure of the document; also what the desk form asks for while editing."""
		self.set_missing_values()
		self.validate_customer()
		self.load_items()
		self.set_item_details()
		self.apply_pricing()
		self.set_taxes_from_template()
		self.calculate_taxes_and_totals()
		self.set_commission()
		self.set_packed_items()
		self.set_payment_schedule()
		self.set_stock_availability()

	# ---------------------------------------------------------------- party, currency, defaults

	@property
	def posting_day(self):
		return getdate(self.get(self.date_field))

	def set_missing_values(self):
		customer = self.get_customer_details()
		for fieldname in ("customer_name", "territory", "customer_group"):
			if customer and not self.get(fieldname):
				self.set(fieldname, customer.get(fieldname))
		if customer and self.meta.has_field("payment_terms_template") and not self.payment_terms_template:
			self.payment_terms_template = customer.payment_terms
		if customer and not self.sales_partner and customer.default_sales_partner:
			self.sales_partner = customer.default_sales_partner
			self.commission_rate = self.commission_rate or customer.default_commission_rate
		settings = frappe.get_cached_doc("Selling Settings")
		self.selling_price_list = (
			self.selling_price_list
			or (customer and customer.default_price_list)
			or settings.selling_price_list
		)
		self.price_list_currency = frappe.get_cached_value("Price List", self.selling_price_list, "currency")
		self.currency = self.currency or (customer and customer.default_currency) or self.price_list_currency
		self.set_conversion_rates()
		set_party_addresses(self, customer)
		if not self.meta.has_field("set_warehouse"):
			return
		self.set_warehouse = self.set_warehouse or settings.default_warehouse

	def get_customer_details(self):
		customer = self.get("customer")
		if not customer:
			return None
		details = frappe.get_cached_value(
			"Customer",
			customer,
			["customer_name", "territory", "customer_group", "default_price_list", "default_currency",
			 "payment_terms", "default_sales_partner", "default_commission_rate", "disabled", "is_frozen",
			 "customer_primary_address", "customer_primary_contact"],
			as_dict=True,
		)  # fmt: skip
		if not details:
			frappe.throw(
				_("Customer {0} does not exist").format(frappe.bold(customer)), frappe.LinkValidationError
			)
		return details

	def set_conversion_rates(self):
		base = company_currency()
		if self.currency == base:
			self.conversion_rate = 1
		if self.price_list_currency == base:
			self.plc_conversion_rate = 1
		elif self.price_list_currency == self.currency and flt(self.conversion_rate):
			self.plc_conversion_rate = self.conversion_rate
		for fieldname in ("conversion_rate", "plc_conversion_rate"):
			if flt(self.get(fieldname)) <= 0:
				frappe.throw(
					_(
						"{0} is required and must be positive: the document is in {1}, the company in {2}"
					).format(_(self.meta.get_label(fieldname)), self.currency, base),
					ExchangeRateError,
					title=_("Exchange Rate"),
				)

	def validate_customer(self):
		customer = self.get_customer_details()
		if customer and (customer.disabled or customer.is_frozen) and not self.is_cancelled_or_submitted():
			frappe.throw(
				_("Customer {0} is disabled or frozen").format(frappe.bold(self.customer)),
				InactiveRecordError,
				title=_("Customer"),
			)

	def is_cancelled_or_submitted(self) -> bool:
		return self.docstatus > 0

	# ---------------------------------------------------------------- items

	def load_items(self, rows_to_check=None):
		"""Item masters of all lines in one query; refuses unknown, disabled and non-sales items among
		`rows_to_check` (every line by default)."""
		if not self.items:
			frappe.throw(_("Add at least one item"), frappe.MandatoryError, title=_("Items"))
		codes = {row.item_code for row in self.items if row.item_code}
		self._items = get_item_masters(codes)
		self._conversions = get_conversion_factors(codes)
		for row in self.items if rows_to_check is None else rows_to_check:
			if not row.item_code:
				frappe.throw(
					_("Row {0}: Item Code is missing: choose an item or remove the row").format(row.idx),
					frappe.MandatoryError,
					title=_("Items"),
				)
			item = self._items.get(row.item_code)
			if not item:
				frappe.throw(
					_("Row {0}: Item {1} does not exist").format(row.idx, frappe.bold(row.item_code)),
					frappe.LinkValidationError,
				)
			if (item.disabled or not item.is_sales_item) and not row.is_free_item:
				frappe.throw(
					_("Row {0}: Item {1} is disabled or not for sale").format(
						row.idx, frappe.bold(row.item_code)
					),
					InactiveRecordError,
					title=_("Items"),
				)

	def set_item_details(self, rows=None):
		"""Item details, unit and quantity checks of `rows` (every line by default)."""
		whole_units = get_whole_number_uoms()
		for row in self.items if rows is None else rows:
			item = self._items[row.item_code]
			self.validate_qty(row)
			row.item_name = row.item_name or item.item_name
			row.description = row.description or item.description
			row.item_group, row.brand, row.stock_uom = item.item_group, item.brand, item.stock_uom
			row.uom = row.uom or item.stock_uom
			row.conversion_factor = self.get_conversion_factor(row, item)
			row.stock_qty = flt(flt(row.qty) * row.conversion_factor, QTY_PRECISION)
			if row.uom in whole_units and flt(row.qty) != cint(row.qty):
				frappe.throw(
					_("Row {0}: quantity {1} must be a whole number of {2}").format(
						row.idx, row.qty, row.uom
					),
					InvalidQuantityError,
					title=_("Invalid Quantity"),
				)
			row.grant_commission = item.grant_commission
			row.weight_per_unit, row.weight_uom = item.weight_per_unit, item.weight_uom
			row.total_weight = flt(row.weight_per_unit) * row.stock_qty
			if row.meta.has_field("warehouse") and item.is_stock_item and not row.warehouse:
				row.warehouse = self.get("set_warehouse")
		self.total_net_weight = sum(flt(row.total_weight) for row in self.items)

	def validate_qty(self, row):
		if row.get("qty") is None and not (self.flags.editing_draft or self.get("is_return")):
			row.qty = 1  # a line sent without a quantity is for one unit, as ERPNext's server takes it
		qty = flt(row.qty)
		if not qty and self.flags.editing_draft:
			return  # still being typed: the save checks it
		if self.get("is_return"):
			if qty >= 0:
				frappe.throw(
					_("Row {0}: a return needs a negative quantity").format(row.idx),
					InvalidQuantityError,
					title=_("Return"),
				)
		elif qty <= 0:
			frappe.throw(
				_("Row {0}: quantity must be greater than zero, got {1}").format(row.idx, qty),
				InvalidQuantityError,
				title=_("Invalid Quantity"),
			)

	def get_conversion_factor(self, row, item) -> float:
		if row.uom == item.stock_uom:
			return 1.0
		factor = self._conversions.get((row.item_code, row.uom))
		if not factor:
			frappe.throw(
				_("Row {0}: UOM {1} is not one of the units of Item {2}").format(
					row.idx, frappe.bold(row.uom), frappe.bold(row.item_code)
				),
				InvalidUOMError,
				title=_("Invalid UOM"),
			)
		return factor

	# ---------------------------------------------------------------- pricing

	@property
	def precision_digits(self) -> int:
		return currency_precision(self.currency)

	def apply_pricing(self):
		"""Prices from price lists and pricing rules; agreed (mapped) rates and manual prices are kept."""
		self.take_agreed_prices()
		rules_apply = not (cint(self.ignore_pricing_rule) or self.get("is_return") or self.all_lines_agreed())
		result = self.price(self.items, rules_apply)
		self._unpriced = []
		for row, priced in zip(self.items, result.lines, strict=True):
			self.set_line_price(row, priced)
			if priced.is_unpriced and not flt(row.rate) and not row.is_free_item and not self.is_agreed(row):
				self._unpriced.append(row)
		if rules_apply:
			self.sync_free_items(result.free_items)
			self.apply_transaction_discount(result.transaction)

	def price(self, rows, rules_apply: bool):
		"""The pricing result of `rows` (lines of this document) in its context."""
		return price_lines(
			[self.pricing_line(row) for row in rows],
			price_list=self.selling_price_list,
			item_codes=list(self._items),
			posting_date=self.posting_day,
			customer=self.get("customer"),
			customer_group=self.customer_group,
			territory=self.territory,
			sales_partner=self.get("sales_partner"),
			campaign=self.get("campaign"),
			currency=self.currency,
			coupon_code=self.coupon_to_check(),
			coupon_counted=self.coupon_use_counted(),
			item_groups=list({item.item_group for item in self._items.values()}),
			conversion_rate=self.conversion_rate,
			plc_conversion_rate=self.plc_conversion_rate,
			precision=self.precision_digits,
			ignore_pricing_rule=not rules_apply,
		)

	def all_lines_agreed(self) -> bool:
		"""Every line carries a rate agreed on an earlier document: no rule can change anything."""
		return all(self.is_agreed(row) for row in self.items)

	@staticmethod
	def is_agreed(row) -> bool:
		return any(row.get(field) for field in SOURCE_LINK_FIELDS if row.meta.has_field(field))

	def coupon_to_check(self) -> str | None:
		"""A coupon is checked where it is used; documents made wholly from orders inherit the order's."""
		if not self.coupon_code or self.docstatus == 2:
			return None
		if all(row.get("so_detail") for row in self.items):
			return None
		return self.coupon_code

	def coupon_use_counted(self) -> bool:
		"""Whether this document is already one of its coupon's counted uses (recompute.py's Coupon Code
		relation: a submitted order, or a submitted invoice not made from orders)."""
		if self.docstatus != 1 or not self.get("coupon_code"):
			return False
		if self.doctype == "Sales Order":
			return True
		return (
			self.doctype == "Sales Invoice"
			and not self.get("is_return")
			and not any(row.get("sales_order") for row in self.items)
		)

	def pricing_line(self, row) -> PricingLine:
		item = self._items[row.item_code]
		return PricingLine(
			name=row.name or f"new-{row.idx}",
			item_code=row.item_code,
			qty=abs(flt(row.qty)),
			uom=row.uom,
			stock_uom=row.stock_uom,
			conversion_factor=row.conversion_factor,
			item_group=item.item_group,
			brand=item.brand or "",
			max_discount=flt(item.max_discount),
			is_free_item=row.is_free_item,
			rate=flt(row.rate) if row.is_free_item else None,
		)

	def take_agreed_prices(self):
		"""A line made from an earlier document's line but sent without a rate takes that line's price."""
		waiting = [row for row in self.items if row.flags.rate_not_given and self.is_agreed(row)]
		for fieldname, doctype in SOURCE_LINES:
			details = {row.get(fieldname) for row in waiting if row.get(fieldname)}
			if not details or not frappe.get_meta(self.items[0].doctype).has_field(fieldname):
				continue
			table = frappe.qb.DocType(doctype)
			prices = {
				name: (rate, price_list_rate)
				for name, rate, price_list_rate in frappe.qb.from_(table)
				.select(table.name, table.rate, table.price_list_rate)
				.where(table.name.isin(list(details)))
				.run()
			}
			for row in waiting:
				if row.flags.rate_not_given and row.get(fieldname) in prices:
					rate, price_list_rate = prices[row.get(fieldname)]
					row.rate = flt(rate)
					if row.flags.price_list_rate_not_given:
						row.price_list_rate = flt(price_list_rate)
					row.flags.rate_not_given = row.flags.price_list_rate_not_given = False

	def set_line_price(self, row, priced):
		"""The engine decides between the pricing result and the rate the row carries."""
		decision = arbitrate_line_rate(
			priced,
			row.rate,
			row.price_list_rate,
			agreed=self.is_agreed(row),
			is_free_item=row.is_free_item,
			ignore_pricing_rule=self.ignore_pricing_rule,
			is_return=self.get("is_return"),
			price_list_rate_given=not row.flags.price_list_rate_not_given,
			precision=self.precision_digits,
		)
		if not decision.use_pricing:
			row.update({fieldname: flt(value) for fieldname, value in decision.as_dict().items()})
			self.validate_max_discount(row)
			return
		for fieldname, value in priced.as_dict().items():
			if fieldname == "pricing_rules":
				value = json.dumps(list(value)) if value else ""
			if row.meta.has_field(fieldname):
				row.set(fieldname, flt(value) if not isinstance(value, str) else value)
		row.pricing_rule_explanation = "\n".join(translated(line) for line in priced.explanation_text)

	def check_prices(self):
		"""Lines at zero only because no price exists: a warning on save, refused on submit."""
		unpriced = getattr(self, "_unpriced", [])
		if not unpriced or self.get("is_return"):
			return
		lines = "<br>".join(
			_("Row {0}: Item {1} has no price in Price List {2} on {3}").format(
				row.idx,
				frappe.bold(row.item_code),
				frappe.bold(self.selling_price_list),
				frappe.format(self.posting_day, "Date"),
			)
			for row in unpriced
		)
		remedy = _("Add an Item Price, enter the rate, or mark the line as a free item.")
		if self.docstatus == 1:
			heading = (
				_("The items of {0} cannot be updated with lines that have no price:").format(_(self.doctype))
				if self.flags.updating_items
				else _("{0} cannot be submitted with lines that have no price:").format(_(self.doctype))
			)
			frappe.throw(
				heading + f"<br>{lines}<br>{remedy}",
				MissingPriceError,
				title=_("Missing Price"),
			)
		frappe.msgprint(
			_("These lines have no price and a rate of zero:") + f"<br>{lines}<br>{remedy}",
			title=_("Missing Price"),
			indicator="orange",
		)

	def validate_max_discount(self, row):
		"""A discount above the item's Max Discount is given only by the role Selling Settings allow (and
		System Manager); once given it stays when others save the document or make documents from it (not
		above it)."""
		limit = flt(self._items[row.item_code].max_discount)
		if not exceeds_max_discount(row.discount_percentage, limit, row.is_free_item):
			return
		roles = max_discount_roles()
		if roles & set(frappe.get_roles()) or self.discount_already_given(row):
			return
		frappe.throw(
			_("Row {0}: discount {1}% on Item {2} exceeds its maximum discount of {3}%").format(
				row.idx, flt(row.discount_percentage, 2), frappe.bold(row.item_code), limit
			)
			+ " "
			+ _("(only a {0} may give more)").format(" / ".join(_(role) for role in sorted(roles))),
			MaxDiscountError,
			title=_("Maximum Discount"),
		)

	def discount_already_given(self, row) -> bool:
		"""The row's discount is no more than the one stored for the same line and item (given when it was
		saved before) or the one of the line it was made from."""
		given = []
		if row.name:
			stored = frappe.db.get_value(row.doctype, row.name, ["item_code", "discount_percentage"])
			if stored and stored[0] == row.item_code:
				given.append(stored[1])
		for fieldname, doctype in SOURCE_LINES:
			if row.meta.has_field(fieldname) and row.get(fieldname):
				source = frappe.db.get_value(
					doctype, row.get(fieldname), ["item_code", "discount_percentage"]
				)
				if source and source[0] == row.item_code:
					given.append(source[1])
		precision = row.precision("discount_percentage") or 2
		return any(flt(row.discount_percentage, precision) <= flt(value, precision) for value in given)

	def sync_free_items(self, free_items):
		plan = reconcile_free_items(self.items, free_items)
		rows_by_name = {row.name: row for row in self.items}
		for row_name, free in plan.update:
			rows_by_name[row_name].update(self.free_row_values(free))
		if plan.remove:
			self.set("items", [row for row in self.items if row.name not in set(plan.remove)])
		for free in plan.add:
			self.append("items", self.free_row_values(free))
		if plan.add:
			self.load_items()
			self.set_item_details()
		for idx, row in enumerate(self.items, 1):
			row.idx = idx

	def free_row_values(self, free) -> dict:
		values = {key: value for key, value in free.as_row().items()}
		values["pricing_rules"] = json.dumps(list(free.as_row()["pricing_rules"]))
		values["pricing_rule_explanation"] = translated(free.reason)
		values["qty"] = flt(values["qty"])
		values["rate"] = values["price_list_rate"] = flt(values["rate"])
		if not values.get("uom"):
			values.pop("uom", None)
		return values

	def apply_transaction_discount(self, transaction):
		if not transaction or not transaction.pricing_rules:
			return
		self.apply_discount_on = transaction.apply_discount_on or self.apply_discount_on
		self.additional_discount_percentage = flt(transaction.additional_discount_percentage)
		self.discount_amount = flt(transaction.discount_amount)

	# ---------------------------------------------------------------- taxes and totals

	def set_taxes_from_template(self):
		if self.taxes_and_charges and not self.taxes:
			template = frappe.get_cached_doc("Sales Taxes and Charges Template", self.taxes_and_charges)
			for tax in template.taxes:
				self.append(
					"taxes",
					{field: tax.get(field) for field in ("charge_type", "row_id", "account_head", "description",
					 "rate", "tax_amount", "included_in_print_rate")},
				)  # fmt: skip

	def calculate_taxes_and_totals(self):
		fill_tax_descriptions(self.taxes)
		with engine_errors(_("Taxes and Totals")):
			validate_tax_rows([TaxRow.from_obj(tax) for tax in self.taxes])
			result = self.run_totals()
			if self.shipping_rule:
				self.apply_shipping(result)
				result = self.run_totals()
		self.store_totals(result)

	def run_totals(self):
		return calculate_totals(
			self.items,
			self.taxes,
			conversion_rate=self.conversion_rate,
			precision=self.precision_digits,
			base_precision=currency_precision(company_currency()),
			additional_discount_percentage=self.additional_discount_percentage,
			discount_amount=self.discount_amount,
			apply_discount_on=self.apply_discount_on or "Grand Total",
			disable_rounded_total=cint(self.disable_rounded_total),
		)

	def apply_shipping(self, totals):
		rule = frappe.get_cached_doc("Shipping Rule", self.shipping_rule)
		row = shipping_tax_row(
			rule,
			base_net_total=totals.base_net_total,
			total_net_weight=self.total_net_weight,
			country=self.get_shipping_country(),
			conversion_rate=self.conversion_rate,
			precision=self.precision_digits,
		)
		taxes = apply_shipping_rule(self.taxes, row, rule.name)
		self.set("taxes", [tax if isinstance(tax, dict) else tax.as_dict() for tax in taxes])

	def get_shipping_country(self) -> str:
		address = self.get("shipping_address_name") or self.get("customer_address")
		return frappe.get_cached_value("Address", address, "country") if address else ""

	def store_totals(self, result):
		for fieldname, value in result.as_dict().items():
			if self.meta.has_field(fieldname):
				self.set(fieldname, value if isinstance(value, str) else flt(value))
		for row, line in zip(self.items, result.lines, strict=True):
			for fieldname, value in line.as_dict().items():
				if row.meta.has_field(fieldname):
					row.set(fieldname, flt(value))
			row.base_price_list_rate = flt(row.price_list_rate) * flt(self.conversion_rate)
		for tax, figures in zip(self.taxes, result.taxes, strict=True):
			for fieldname, value in figures.as_dict().items():
				tax.set(fieldname, json.dumps(value) if isinstance(value, dict) else flt(value))
		self.in_words = amount_in_words(result.payable_total, self.currency)
		self.base_in_words = amount_in_words(result.base_payable_total, company_currency())

	def payable_total(self) -> float:
		return flt(payable_total(self.grand_total, self.rounded_total, self.disable_rounded_total))

	# ---------------------------------------------------------------- commission, bundles, schedule

	def set_commission(self):
		with engine_errors(_("Commission")):
			if self.meta.has_field("total_commission"):
				partner = sales_partner_commission(
					self.items,
					flt(self.commission_rate) if self.sales_partner else 0,
					precision=self.precision_digits,
				)
				self.amount_eligible_for_commission = flt(partner.amount_eligible_for_commission)
				self.total_commission = flt(partner.total_commission)
			if self.sales_team:
				shares = sales_team_contribution(self.sales_team, self.amount_eligible_for_commission)
				total = sum(flt(member.allocated_percentage) for member in self.sales_team)
				if flt(total, 6) != 100:
					frappe.throw(
						_("The sales team's contributions must add up to 100%, they add up to {0}%").format(
							total
						),
						CommissionError,
						title=_("Sales Team"),
					)
				for member, share in zip(self.sales_team, shares, strict=True):
					member.allocated_amount = flt(share.allocated_amount)
					member.incentives = flt(share.incentives)

	def set_packed_items(self):
		if not self.meta.has_field("packed_items"):
			return
		components = get_bundle_components([row.item_code for row in self.items])
		packed = expand_bundles(self.items, components, qty_precision=QTY_PRECISION) if components else []
		warehouses = {row.name: row.get("warehouse") for row in self.items}
		rows = []
		for entry in packed:
			values = {
				field: getattr(entry, field)
				for field in ("parent_item", "parent_detail_docname", "item_code", "uom", "description")
				if getattr(entry, field, None) is not None
			}
			values["qty"] = flt(entry.qty)
			values["warehouse"] = warehouses.get(entry.parent_detail_docname) or self.get("set_warehouse")
			rows.append(values)
		self.set_rows("packed_items", rows)

	def set_payment_schedule(self):
		if not self.meta.has_field("payment_schedule") or self.get("is_return"):
			return
		terms = []
		if self.payment_terms_template:
			terms = frappe.get_cached_doc("Payment Terms Template", self.payment_terms_template).terms
		with engine_errors(_("Payment Terms")):
			rows = build_payment_schedule(
				terms,
				self.posting_day,
				self.payable_total(),
				base_grand_total=flt(
					self.base_rounded_total if not cint(self.disable_rounded_total) else self.base_grand_total
				),
				conversion_rate=self.conversion_rate,
				precision=self.precision_digits,
			)
		self.set_rows(
			"payment_schedule",
			[
				{
					"payment_term": row.payment_term,
					"description": row.description,
					"due_date": row.due_date,
					"invoice_portion": flt(row.invoice_portion),
					"payment_amount": flt(row.payment_amount),
					"base_payment_amount": flt(row.base_payment_amount),
					"outstanding": flt(row.payment_amount),
				}
				for row in rows
			],
		)
		if self.meta.has_field("due_date"):
			self.due_date = max(row.due_date for row in self.payment_schedule)

	def set_rows(self, fieldname: str, values: list[dict]):
		"""Fill a derived child table, reusing its rows in order: rows whose values did not change keep
		their names and are not written again on save."""
		if self.get(fieldname) is None:
			self.set(fieldname, [])
		rows = self.get(fieldname)
		for row, row_values in zip(rows, values, strict=False):
			row.update(row_values)
		del rows[len(values) :]
		for row_values in values[len(rows) :]:
			self.append(fieldname, row_values)

	def set_stock_availability(self):
		"""Lines and packed items show what the warehouse holds and what is left after reservations."""
		rows = [
			row for row in [*self.items, *self.get("packed_items", [])] if row.meta.has_field("actual_qty")
		]
		bins = get_bins({(row.item_code, row.warehouse) for row in rows if row.get("warehouse")})
		for row in rows:
			qty = bins.get((row.item_code, row.get("warehouse")), {})
			row.actual_qty = qty.get("actual_qty", 0)
			row.projected_qty = qty.get("projected_qty", 0)

	# ---------------------------------------------------------------- status

	def set_status(self, update: bool = False):
		status = status_called_for(self)
		if status != self.status:
			self.status = status
			if update:
				self.db_set("status", status, update_modified=False)


def max_discount_roles() -> set[str]:
	"""The roles that may give a discount above an item's Max Discount (Selling Settings; System Manager
	always)."""
	role = frappe.db.get_single_value("Selling Settings", "role_allowed_to_override_max_discount")
	return {"System Manager", *([role] if role else [])}


def get_whole_number_uoms() -> frozenset[str]:
	return reference_data(
		"whole_number_uoms",
		lambda: frozenset(frappe.get_all("UOM", filters={"must_be_whole_number": 1}, pluck="name")),
	)
