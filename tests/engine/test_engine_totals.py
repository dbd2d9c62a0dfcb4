from decimal import Decimal

import pytest
from engine_helpers import assert_invariants

from sales_module.engine import EngineValidationError, calculate_document_totals, calculate_totals

D = Decimal
LINES = [{"name": "A", "qty": 2, "rate": 50}, {"name": "B", "qty": 1, "rate": 200}]  # net total 300


def net(rate, **extra):
	return {
		"charge_type": "On Net Total",
		"rate": rate,
		"account_head": extra.pop("account_head", "VAT"),
		**extra,
	}


# (case, taxes, expected tax amounts, expected grand total)
CHARGE_CASES = [
	("no taxes", [], [], "300.00"),
	("on net total", [net(10)], ["30.00"], "330.00"),
	("actual", [{"charge_type": "Actual", "tax_amount": 15}], ["15.00"], "315.00"),
	(
		"previous row amount",
		[net(10), {"charge_type": "On Previous Row Amount", "row_id": 1, "rate": 5}],
		["30.00", "1.50"],
		"331.50",
	),
	(
		"previous row total",
		[net(10), {"charge_type": "On Previous Row Total", "row_id": 1, "rate": 5}],
		["30.00", "16.50"],
		"346.50",
	),
	(
		"previous row total of actual",
		[
			{"charge_type": "Actual", "tax_amount": 20},
			{"charge_type": "On Previous Row Total", "row_id": 1, "rate": 10},
		],
		["20.00", "32.00"],
		"352.00",
	),
	("item quantity", [{"charge_type": "On Item Quantity", "rate": 2}], ["6.00"], "306.00"),
	(
		"item quantity uses stock qty",
		[{"charge_type": "On Item Quantity", "rate": "0.5"}],
		["1.50"],
		"301.50",
	),
	("rounded once per row", [net("0.333")], ["1.00"], "301.00"),
	("negative rate (deduction)", [net(-2)], ["-6.00"], "294.00"),
]


@pytest.mark.parametrize(
	("case", "taxes", "amounts", "grand"), CHARGE_CASES, ids=[c[0] for c in CHARGE_CASES]
)
def test_charge_types(case, taxes, amounts, grand):
	result = calculate_totals(LINES, taxes)
	assert [t.tax_amount for t in result.taxes] == [D(a) for a in amounts]
	assert result.grand_total == D(grand)
	assert (result.total, result.net_total, result.total_qty) == (D(300), D(300), D(3))
	assert_invariants(result)


def test_actual_spread_over_lines_in_item_wise_detail():
	result = calculate_totals(LINES, [{"charge_type": "Actual", "tax_amount": 10}])
	assert result.taxes[0].item_wise_tax_detail == {"A": D("3.33"), "B": D("6.67")}


def test_item_tax_rate_overrides():
	lines = [
		{**LINES[0], "item_tax_rate": '{"VAT": 0}'},
		{**LINES[1], "item_tax_rate": {"VAT": 5, "Other": 99}},
	]
	result = calculate_totals(lines, [net(10), net(1, account_head="Other2")])
	assert [t.tax_amount for t in result.taxes] == [D(10), D(3)]
	assert result.taxes[0].item_wise_tax_detail == {"A": D(0), "B": D(10)}


# (case, lines, taxes, expected net amounts, expected tax amounts, expected grand total)
INCLUSIVE_CASES = [
	(
		"single inclusive",
		[{"name": "A", "qty": 1, "rate": 119}],
		[net(19, included_in_print_rate=1)],
		["100.00"],
		["19.00"],
		"119.00",
	),
	(
		"inclusive chain",
		[{"name": "A", "qty": 1, "rate": "115.50"}],
		[
			net(10, included_in_print_rate=1),
			{"charge_type": "On Previous Row Total", "row_id": 1, "rate": 5, "included_in_print_rate": 1},
		],
		["100.00"],
		["10.00", "5.50"],
		"115.50",
	),
	(
		"inclusive previous row amount",
		[{"name": "A", "qty": 1, "rate": "110.50"}],
		[
			net(10, included_in_print_rate=1),
			{"charge_type": "On Previous Row Amount", "row_id": 1, "rate": 5, "included_in_print_rate": 1},
		],
		["100.00"],
		["10.00", "0.50"],
		"110.50",
	),
	(
		"residue absorbed so gross stays exact",
		[{"name": n, "qty": 1, "rate": 10} for n in "ABC"],
		[net(19, included_in_print_rate=1)],
		["8.40", "8.40", "8.41"],
		["4.79"],
		"30.00",
	),
	(
		"inclusive then exclusive",
		[{"name": "A", "qty": 1, "rate": 119}],
		[net(19, included_in_print_rate=1), {"charge_type": "Actual", "tax_amount": 5}],
		["100.00"],
		["19.00", "5.00"],
		"124.00",
	),
]


@pytest.mark.parametrize(
	("case", "lines", "taxes", "nets", "amounts", "grand"),
	INCLUSIVE_CASES,
	ids=[c[0] for c in INCLUSIVE_CASES],
)
def test_inclusive_taxes(case, lines, taxes, nets, amounts, grand):
	result = calculate_totals(lines, taxes)
	assert [line.net_amount for line in result.lines] == [D(n) for n in nets]
	assert [t.tax_amount for t in result.taxes] == [D(a) for a in amounts]
	assert result.grand_total == D(grand)
	assert_invariants(result)


# (case, taxes, kwargs, expected discount, net total, tax amounts after discount, grand total)
DISCOUNT_CASES = [
	(
		"pct on net total",
		[net(10)],
		{"additional_discount_percentage": 10, "apply_discount_on": "Net Total"},
		"30.00",
		"270.00",
		["27.00"],
		"297.00",
	),
	(
		"amount on net total",
		[net(10)],
		{"discount_amount": 30, "apply_discount_on": "Net Total"},
		"30.00",
		"270.00",
		["27.00"],
		"297.00",
	),
	(
		"pct on grand total",
		[net(10)],
		{"additional_discount_percentage": 10},
		"33.00",
		"270.00",
		["27.00"],
		"297.00",
	),
	(
		"amount on grand total keeps actual",
		[net(10), {"charge_type": "Actual", "tax_amount": 20}],
		{"discount_amount": 33},
		"33.00",
		"270.00",
		["27.00", "20.00"],
		"317.00",
	),
	(
		"100% on net total",
		[],
		{"additional_discount_percentage": 100, "apply_discount_on": "Net Total"},
		"300.00",
		"0.00",
		[],
		"0.00",
	),
	(
		"inclusive with net discount",
		[net(20, included_in_print_rate=1)],
		{"additional_discount_percentage": 50, "apply_discount_on": "Net Total"},
		"125.00",
		"125.00",
		["25.00"],
		"150.00",
	),
]


@pytest.mark.parametrize(
	("case", "taxes", "kwargs", "discount", "net_total", "after", "grand"),
	DISCOUNT_CASES,
	ids=[c[0] for c in DISCOUNT_CASES],
)
def test_document_discount(case, taxes, kwargs, discount, net_total, after, grand):
	result = calculate_totals(LINES, taxes, **kwargs)
	assert result.discount_amount == D(discount)
	assert result.net_total == D(net_total)
	assert [t.tax_amount_after_discount_amount for t in result.taxes] == [D(a) for a in after]
	assert result.grand_total == D(grand)
	if kwargs.get("apply_discount_on") == "Net Total":
		assert sum(line.distributed_discount_amount for line in result.lines) == result.discount_amount
	assert_invariants(result)


def test_grand_total_discount_keeps_pre_discount_tax_amount():
	result = calculate_totals(LINES, [net(10)], additional_discount_percentage=10)
	assert (result.taxes[0].tax_amount, result.taxes[0].tax_amount_after_discount_amount) == (D(30), D(27))


def test_discount_remainder_on_last_line():
	result = calculate_totals(
		[{"name": n, "qty": 1, "rate": 10} for n in "ABC"],
		[],
		discount_amount=10,
		apply_discount_on="Net Total",
	)
	assert [line.distributed_discount_amount for line in result.lines] == [D("3.33"), D("3.33"), D("3.34")]


@pytest.mark.parametrize(
	("case", "lines", "kwargs", "grand", "rounded", "adjustment"),
	[
		("round down", [{"qty": 1, "rate": "330.40"}], {}, "330.40", "330.00", "-0.40"),
		("half up", [{"qty": 1, "rate": "330.50"}], {}, "330.50", "331.00", "0.50"),
		(
			"nickel rounding",
			[{"qty": 1, "rate": "10.12"}],
			{"rounding_unit": "0.05"},
			"10.12",
			"10.10",
			"-0.02",
		),
		("disabled", [{"qty": 1, "rate": "330.40"}], {"disable_rounded_total": True}, "330.40", "0", "0"),
		("negative (credit note)", [{"qty": -1, "rate": "10.50"}], {}, "-10.50", "-11.00", "-0.50"),
	],
)
def test_rounded_total(case, lines, kwargs, grand, rounded, adjustment):
	result = calculate_totals(lines, [], **kwargs)
	assert (result.grand_total, result.rounded_total, result.rounding_adjustment) == (
		D(grand),
		D(rounded),
		D(adjustment),
	)
	assert result.payable_total == (
		result.grand_total if kwargs.get("disable_rounded_total") else result.rounded_total
	)
	assert_invariants(result)


def test_zero_decimal_currency():
	result = calculate_totals([{"name": "A", "qty": 3, "rate": 333}], [net(8)], precision=0)
	assert (result.total, result.taxes[0].tax_amount, result.grand_total, result.rounded_total) == (
		D(999),
		D(80),
		D(1079),
		D(1079),
	)
	assert_invariants(result)


def test_zero_decimal_currency_inclusive():
	lines = [{"name": n, "qty": 1, "rate": 1000} for n in "ABC"]
	result = calculate_totals(lines, [net(10, included_in_print_rate=1)], precision=0)
	assert [line.net_amount for line in result.lines] == [D(909), D(909), D(909)]
	assert (result.taxes[0].tax_amount, result.grand_total) == (D(273), D(3000))
	assert_invariants(result)


def test_company_currency_adds_up():
	lines = [{"name": str(i), "qty": 1, "rate": "0.35"} for i in range(7)]
	result = calculate_totals(
		lines, [net(7), net(3, account_head="X")], conversion_rate="1.333", base_precision=2
	)
	assert result.base_grand_total == (result.grand_total * D("1.333")).quantize(D("0.01"))
	assert_invariants(result)


def test_company_currency_zero_decimals():
	result = calculate_totals(
		[{"name": "A", "qty": 3, "rate": "19.99"}], [net(19)], conversion_rate="151.37", base_precision=0
	)
	assert (result.grand_total, result.base_grand_total) == (
		D("71.36"),
		D(10802),
	)  # 71.36 x 151.37 = 10801.76
	assert [line.base_net_amount for line in result.lines] == [
		D(9078)
	]  # 9077.66 -> 9078, tax 1724.10 -> 1724
	assert_invariants(result)


def test_calculate_document_totals_reads_document_fields():
	doc = {
		"items": LINES,
		"taxes": [net(10)],
		"conversion_rate": 2,
		"additional_discount_percentage": 10,
		"apply_discount_on": "Net Total",
		"disable_rounded_total": 1,
	}
	result = calculate_document_totals(doc, precision=2)
	header = result.as_dict()
	assert (header["grand_total"], header["base_grand_total"], header["rounded_total"]) == (
		D(297),
		D(594),
		D(0),
	)
	assert result.lines[0].as_dict()["base_net_amount"] == D(180)
	assert result.taxes[0].as_dict()["item_wise_tax_detail"] == {"A": "9.00", "B": "18.00"}


@pytest.mark.parametrize(
	("taxes", "kwargs", "code"),
	[
		([{"charge_type": "On Previous Row Amount", "row_id": 1, "rate": 5}], {}, "first_row"),
		([net(10), {"charge_type": "On Previous Row Total", "row_id": 2, "rate": 5}], {}, "invalid_row_id"),
		(
			[net(10), {"charge_type": "On Previous Row Total", "row_id": 3, "rate": 5}, net(1)],
			{},
			"invalid_row_id",
		),
		([net(10), {"charge_type": "On Previous Row Amount", "rate": 5}], {}, "invalid_row_id"),
		([{"charge_type": "Actual", "tax_amount": 5, "included_in_print_rate": 1}], {}, "inclusive_type"),
		([{"charge_type": "On Item Quantity", "rate": 5, "included_in_print_rate": 1}], {}, "inclusive_type"),
		(
			[
				net(10),
				{
					"charge_type": "On Previous Row Amount",
					"row_id": 1,
					"rate": 5,
					"included_in_print_rate": 1,
				},
			],
			{},
			"inclusive_chain",
		),
		(
			[
				net(10, included_in_print_rate=1),
				net(5),
				{"charge_type": "On Previous Row Total", "row_id": 2, "rate": 5, "included_in_print_rate": 1},
			],
			{},
			"inclusive_chain",
		),
		([{"charge_type": "Bogus"}], {}, "invalid_charge_type"),
		([], {"conversion_rate": 0}, "invalid_conversion_rate"),
		([], {"apply_discount_on": "Everything"}, "invalid_apply_discount_on"),
		([], {"discount_amount": 301, "apply_discount_on": "Net Total"}, "discount_too_large"),
		([], {"discount_amount": 301}, "discount_too_large"),
		([], {"discount_amount": -5}, "discount_too_large"),
	],
)
def test_validation_errors(taxes, kwargs, code):
	with pytest.raises(EngineValidationError) as err:
		calculate_totals(LINES, taxes, **kwargs)
	assert err.value.code == code


def test_discount_on_empty_document_rejected():
	with pytest.raises(EngineValidationError) as err:
		calculate_totals([], [], discount_amount=5, apply_discount_on="Net Total")
	assert err.value.code == "no_basis"


def test_empty_document():
	result = calculate_totals([], [])
	assert (result.grand_total, result.rounded_total, result.lines, result.taxes) == (0, 0, [], [])


def test_document_as_attribute_objects():
	from types import SimpleNamespace

	doc = SimpleNamespace(
		items=[
			SimpleNamespace(name="A", qty=2, rate=50),
			SimpleNamespace(name="B", qty=1, rate=200, item_tax_rate=""),
		],
		taxes=[SimpleNamespace(charge_type="On Net Total", rate=10, account_head="VAT", row_id=None)],
		conversion_rate=None,
		apply_discount_on=None,
	)
	result = calculate_document_totals(doc)
	assert (result.grand_total, result.base_grand_total, result.apply_discount_on) == (
		D(330),
		D(330),
		"Grand Total",
	)
	assert_invariants(result)
