from decimal import Decimal

import pytest

from sales_module.engine import (
	EngineValidationError,
	apply_shipping_rule,
	band_problems,
	shipping_amount,
	shipping_tax_row,
	validate_shipping_rule,
)

BANDS = [
	{"from_value": 0, "to_value": 100, "shipping_amount": 10},
	{"from_value": 100, "to_value": 500, "shipping_amount": 5},
	{"from_value": 500, "to_value": 0, "shipping_amount": 0},
]
BY_TOTAL = {
	"name": "SR1",
	"label": "Courier",
	"calculate_based_on": "Net Total",
	"conditions": BANDS,
	"account": "Freight",
}


@pytest.mark.parametrize(
	("case", "rule", "kwargs", "expected"),
	[
		("fixed", {"name": "F", "calculate_based_on": "Fixed", "shipping_amount": 7}, {}, "7"),
		("first band", BY_TOTAL, {"base_net_total": 50}, "10"),
		("boundary goes to lower band", BY_TOTAL, {"base_net_total": 100}, "10"),
		("middle band", BY_TOTAL, {"base_net_total": "100.01"}, "5"),
		("open-ended band", BY_TOTAL, {"base_net_total": 10**6}, "0"),
		(
			"by weight",
			{**BY_TOTAL, "calculate_based_on": "Net Weight"},
			{"base_net_total": 1000, "total_net_weight": 20},
			"10",
		),
		("no band matches", {**BY_TOTAL, "conditions": BANDS[1:2]}, {"base_net_total": 50}, "0"),
		("unsorted bands", {**BY_TOTAL, "conditions": BANDS[::-1]}, {"base_net_total": 250}, "5"),
	],
)
def test_shipping_amount(case, rule, kwargs, expected):
	assert shipping_amount(rule, **kwargs) == Decimal(expected)


def test_tax_row_in_document_currency():
	row = shipping_tax_row(
		{**BY_TOTAL, "cost_center": "Main", "tax_fields": {"category": "Total"}},
		base_net_total=50,
		conversion_rate=3,
	)
	assert row == {
		"category": "Total",
		"charge_type": "Actual",
		"account_head": "Freight",
		"description": "Courier",
		"tax_amount": Decimal("3.33"),
		"included_in_print_rate": 0,
		"shipping_rule": "SR1",
		"cost_center": "Main",
	}
	jpy = shipping_tax_row(BY_TOTAL, base_net_total=50, conversion_rate="0.0067", precision=0)
	assert jpy is not None and jpy["tax_amount"] == Decimal(1493)


@pytest.mark.parametrize(
	("countries", "country", "applies"),
	[([], "DE", True), (["DE", "AT"], "AT", True), ([{"country": "DE"}], "FR", False), (["DE"], "", False)],
)
def test_country_restriction(countries, country, applies):
	row = shipping_tax_row({**BY_TOTAL, "countries": countries}, base_net_total=50, country=country)
	assert (row is not None) == applies


def test_disabled_rule_does_not_apply():
	assert shipping_tax_row({**BY_TOTAL, "disabled": 1}, base_net_total=50) is None


def test_apply_shipping_rule_is_deterministic():
	vat = {"charge_type": "On Net Total", "rate": 19, "account_head": "VAT"}
	first = shipping_tax_row(BY_TOTAL, base_net_total=50)
	taxes = apply_shipping_rule([vat], first, "SR1")
	assert [t["account_head"] for t in taxes] == ["VAT", "Freight"]
	second = shipping_tax_row(BY_TOTAL, base_net_total=200)
	updated = apply_shipping_rule(taxes, second, "SR1")
	assert [(t["account_head"], t.get("tax_amount")) for t in updated] == [
		("VAT", None),
		("Freight", Decimal(5)),
	]
	assert apply_shipping_rule(updated, second, "SR1") == updated
	assert apply_shipping_rule(updated, None, "SR1") == [vat]
	legacy = {"charge_type": "Actual", "account_head": "Freight", "description": "Courier", "tax_amount": 9}
	assert apply_shipping_rule([legacy, vat], second, "SR1") == [second, vat]


@pytest.mark.parametrize(
	("bands", "codes"),
	[
		(BANDS, []),
		([{"from_value": 0, "to_value": 100}, {"from_value": 50, "to_value": 150}], ["overlap"]),
		(
			[{"from_value": 0, "to_value": 0}, {"from_value": 10, "to_value": 0}],
			["several_open_ended", "overlap"],
		),
		([{"from_value": 10, "to_value": 5}], ["from_not_below_to"]),
		([{"from_value": 10, "to_value": 10}], ["from_not_below_to"]),
		([{"from_value": -1, "to_value": 5}], ["negative"]),
		([{"from_value": 0, "to_value": 5, "shipping_amount": -3}], ["negative"]),
		([{"from_value": 0, "to_value": 0}, {"from_value": 100, "to_value": 200}], ["overlap"]),
		([{"from_value": 0, "to_value": 100}, {"from_value": 100, "to_value": 200}], []),
	],
)
def test_band_problems(bands, codes):
	assert [problem.code for problem in band_problems(bands)] == codes


def test_validate_shipping_rule():
	assert validate_shipping_rule(BY_TOTAL).label == "Courier"
	with pytest.raises(EngineValidationError) as err:
		validate_shipping_rule({**BY_TOTAL, "conditions": [*BANDS, {"from_value": 20, "to_value": 30}]})
	assert err.value.code == "overlap"
	with pytest.raises(EngineValidationError) as err:
		validate_shipping_rule({**BY_TOTAL, "calculate_based_on": "Volume"})
	assert err.value.code == "invalid_basis"
