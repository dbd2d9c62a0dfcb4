from datetime import date

import pytest

from sales_module.engine import Coupon, EngineValidationError, check_coupon, validate_coupon_definition

BASE = {"coupon_code": "SAVE10", "pricing_rule": "R1", "valid_from": "2024-01-01", "valid_upto": "2024-12-31"}


# (case, coupon overrides, posting date, customer, customer uses, expected reason)
COUPON_CASES = [
	("valid", {}, "2024-06-01", "C1", 0, ""),
	("disabled", {"disabled": 1}, "2024-06-01", "C1", 0, "disabled"),
	("not started", {}, "2023-12-31", "C1", 0, "not_started"),
	("expired", {}, "2025-01-01", "C1", 0, "expired"),
	("first and last day valid", {}, "2024-12-31", "C1", 0, ""),
	("open dates", {"valid_from": "", "valid_upto": None}, "2030-01-01", "C1", 0, ""),
	("unlimited uses", {"maximum_use": 0, "used": 500}, "2024-06-01", "C1", 0, ""),
	("exhausted", {"maximum_use": 5, "used": 5}, "2024-06-01", "C1", 0, "exhausted"),
	("one use left", {"maximum_use": 5, "used": 4}, "2024-06-01", "C1", 0, ""),
	("per customer limit reached", {"maximum_use_per_customer": 2}, "2024-06-01", "C1", 2, "customer_limit"),
	("per customer limit left", {"maximum_use_per_customer": 2}, "2024-06-01", "C1", 1, ""),
	(
		"gift card owner",
		{"coupon_type": "Gift Card", "customer": "C1", "maximum_use": 1},
		"2024-06-01",
		"C1",
		0,
		"",
	),
	(
		"gift card other customer",
		{"coupon_type": "Gift Card", "customer": "C1", "maximum_use": 1},
		"2024-06-01",
		"C2",
		0,
		"gift_card_customer",
	),
	(
		"gift card no customer on doc",
		{"coupon_type": "Gift Card", "customer": "C1", "maximum_use": 1},
		"2024-06-01",
		"",
		0,
		"gift_card_customer",
	),
	(
		"gift card used",
		{"coupon_type": "Gift Card", "customer": "C1", "maximum_use": 1, "used": 1},
		"2024-06-01",
		"C1",
		0,
		"exhausted",
	),
	(
		"gift card misconfigured",
		{"coupon_type": "Gift Card", "customer": "C1", "maximum_use": 3},
		"2024-06-01",
		"C1",
		0,
		"gift_card_setup",
	),
	("expiry checked before usage", {"maximum_use": 1, "used": 1}, "2025-06-01", "C1", 0, "expired"),
]


@pytest.mark.parametrize(
	("case", "fields", "on", "customer", "uses", "reason"), COUPON_CASES, ids=[c[0] for c in COUPON_CASES]
)
def test_check_coupon(case, fields, on, customer, uses, reason):
	result = check_coupon({**BASE, **fields}, on, customer, uses)
	assert (result.ok, result.reason) == (reason == "", reason)
	assert bool(result.message) == (reason != "")


def test_message_template_and_raise():
	result = check_coupon(BASE, date(2025, 1, 1), "C1")
	assert (result.message, result.args) == ("Coupon code {0} expired on {1}", ("SAVE10", date(2024, 12, 31)))
	assert result.text == "Coupon code SAVE10 expired on 2024-12-31"
	with pytest.raises(EngineValidationError) as err:
		result.raise_if_invalid()
	assert err.value.code == "expired"
	check_coupon(BASE, "2024-06-01").raise_if_invalid()
	assert Coupon.from_obj(BASE).pricing_rule == "R1"


@pytest.mark.parametrize(
	("fields", "code"),
	[
		({"coupon_type": "Gift Card", "maximum_use": 1}, "gift_card_setup"),
		({"coupon_type": "Gift Card", "customer": "C1", "maximum_use": 0}, "gift_card_setup"),
		({"coupon_type": "Voucher"}, "invalid_type"),
		({"maximum_use": -1}, "negative"),
		({"valid_from": "2025-01-01"}, "dates"),
	],
)
def test_coupon_definition_errors(fields, code):
	with pytest.raises(EngineValidationError) as err:
		validate_coupon_definition({**BASE, **fields})
	assert err.value.code == code


def test_valid_gift_card_definition():
	coupon = validate_coupon_definition(
		{**BASE, "coupon_type": "Gift Card", "customer": "C1", "maximum_use": 1}
	)
	assert coupon.customer == "C1"
