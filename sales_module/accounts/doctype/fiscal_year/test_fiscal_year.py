# Copyright (c) 2026, sales_module developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from sales_module.exceptions import DuplicateError, InvalidDatesError, PlanningError
from sales_module.utils.fiscal_year import ensure_fiscal_years, fiscal_year_of


def make_fiscal_year(name: str, start: str, end: str, **fields):
	return frappe.get_doc(
		{"doctype": "Fiscal Year", "year": name, "year_start_date": start, "year_end_date": end, **fields}
	).insert()


class TestFiscalYear(FrappeTestCase):
	def setUp(self):
		# each test works on a calendar of its own, far from the site's real years
		frappe.db.delete("Fiscal Year", {"year_start_date": (">=", "2090-01-01")})

	def test_twelve_months_unless_short(self):
		with self.assertRaises(InvalidDatesError):
			make_fiscal_year("2090", "2090-01-01", "2090-11-30")
		short = make_fiscal_year("2090", "2090-01-01", "2090-11-30", is_short_year=1)
		self.assertEqual(short.name, "2090")
		with self.assertRaises(InvalidDatesError):
			make_fiscal_year("2091", "2091-12-31", "2091-01-01", is_short_year=1)

	def test_years_do_not_overlap(self):
		make_fiscal_year("2090-2091", "2090-04-01", "2091-03-31")
		with self.assertRaises(DuplicateError):
			make_fiscal_year("2091", "2091-01-01", "2091-12-31")
		# a disabled year may overlap
		self.assertTrue(make_fiscal_year("2091", "2091-01-01", "2091-12-31", disabled=1).disabled)

	def test_year_of_a_date(self):
		make_fiscal_year("2090-2091", "2090-04-01", "2091-03-31")
		self.assertEqual(fiscal_year_of("2091-03-31").name, "2090-2091")
		self.assertIsNone(fiscal_year_of("2089-12-31", throw=False))
		with self.assertRaises(PlanningError):
			fiscal_year_of("2092-06-01")

	def test_next_year_made_ahead_once(self):
		make_fiscal_year("2090-2091", "2090-04-01", "2091-03-31")
		# two months before the year ends the next one is made, starting on the same day of the year
		self.assertEqual(ensure_fiscal_years("2091-01-15"), [])
		self.assertEqual(ensure_fiscal_years("2091-02-15"), ["2091-2092"])
		self.assertEqual(ensure_fiscal_years("2091-02-16"), [])
		following = frappe.get_doc("Fiscal Year", "2091-2092")
		self.assertEqual(
			(str(following.year_start_date), str(following.year_end_date)), ("2091-04-01", "2092-03-31")
		)

	def test_install_covers_today(self):
		self.assertTrue(fiscal_year_of(frappe.utils.nowdate(), throw=False))
