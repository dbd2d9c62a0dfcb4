from datetime import date
from decimal import Decimal

import pytest

from sales_module.engine import EngineValidationError, PriceIndex, convert_price_list_rate

PRICES = [
	{"name": "P1", "item_code": "A", "price_list": "Std", "uom": "Nos", "price_list_rate": 10},
	{
		"name": "P2",
		"item_code": "A",
		"price_list": "Std",
		"uom": "Nos",
		"price_list_rate": 12,
		"valid_from": "2024-06-01",
	},
	{
		"name": "P3",
		"item_code": "A",
		"price_list": "Std",
		"uom": "Nos",
		"price_list_rate": 11,
		"valid_from": "2024-03-01",
		"valid_upto": "2024-12-31",
	},
	{
		"name": "P4",
		"item_code": "A",
		"price_list": "Std",
		"uom": "Nos",
		"price_list_rate": 9,
		"customer": "C1",
	},
	{"name": "P5", "item_code": "A", "price_list": "Std", "uom": "Box", "price_list_rate": 100},
	{"name": "P6", "item_code": "B", "price_list": "Std", "uom": "Nos", "price_list_rate": "2.50"},
	{
		"name": "P7",
		"item_code": "B",
		"price_list": "Std",
		"uom": "Nos",
		"price_list_rate": 2,
		"customer": "C1",
		"valid_upto": "2023-12-31",
	},
	{"name": "P8", "item_code": "C", "price_list": "Std", "uom": "", "price_list_rate": 4},
	{"name": "P9", "item_code": "A", "price_list": "Other", "uom": "Nos", "price_list_rate": 50},
]


@pytest.mark.parametrize(
	("case", "kwargs", "expected_rate", "expected_name"),
	[
		("open price before any dated one", {"on": "2024-01-15"}, "10.00", "P1"),
		("latest valid_from wins", {"on": "2024-07-01"}, "12.00", "P2"),
		("dated price in its window", {"on": "2024-04-01"}, "11.00", "P3"),
		("after valid_upto falls back", {"on": "2025-02-01"}, "12.00", "P2"),
		("customer price first", {"on": "2024-07-01", "customer": "C1"}, "9.00", "P4"),
		("other customer gets general", {"on": "2024-07-01", "customer": "C2"}, "12.00", "P2"),
		("expired customer price -> general", {"item": "B", "customer": "C1"}, "2.50", "P6"),
		("uom price exists", {"uom": "Box", "cf": 12}, "100.00", "P5"),
		("stock uom price x factor", {"item": "B", "uom": "Box", "cf": 6}, "15.00", "P6"),
		("blank-uom price is per stock unit", {"item": "C", "uom": "Box", "cf": 10}, "40.00", "P8"),
		("blank-uom price in stock uom", {"item": "C"}, "4.00", "P8"),
		("price list currency converted", {"item": "B", "plc": "1.2", "cr": "1.5"}, "2.00", "P6"),
		("other price list", {"price_list": "Other"}, "50.00", "P9"),
	],
)
def test_resolve(case, kwargs, expected_rate, expected_name):
	index = PriceIndex(PRICES)
	match = index.resolve(
		kwargs.get("item", "A"),
		kwargs.get("price_list", "Std"),
		kwargs.get("on", "2024-01-15"),
		uom=kwargs.get("uom", "Nos"),
		stock_uom="Nos",
		conversion_factor=kwargs.get("cf", 1),
		customer=kwargs.get("customer", ""),
		plc_conversion_rate=kwargs.get("plc", 1),
		conversion_rate=kwargs.get("cr", 1),
	)
	assert match is not None, case
	assert (match.price_list_rate, match.item_price.name) == (Decimal(expected_rate), expected_name), case


@pytest.mark.parametrize(
	("item", "price_list", "on"),
	[("Z", "Std", "2024-01-01"), ("A", "Missing", "2024-01-01"), ("B", "Std", date(2024, 1, 1))],
)
def test_no_price(item, price_list, on):
	index = PriceIndex([p for p in PRICES if p["name"] != "P6"])
	assert index.resolve(item, price_list, on, uom="Nos", stock_uom="Nos") is None


def test_customer_flag_and_zero_decimal_currency():
	index = PriceIndex(PRICES)
	match = index.resolve(
		"A",
		"Std",
		"2024-01-15",
		uom="Nos",
		stock_uom="Nos",
		customer="C1",
		conversion_rate="0.0067",
		precision=0,
	)
	assert match is not None and match.customer_specific and match.price_list_rate == Decimal(1343)


def test_conversion_rate_must_be_positive():
	with pytest.raises(EngineValidationError) as err:
		convert_price_list_rate(10, 1, 0)
	assert err.value.code == "invalid_conversion_rate"
