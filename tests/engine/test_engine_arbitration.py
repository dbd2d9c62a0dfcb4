"""arbitrate_line_rate: the pricing result or the row's own rate, exactly as the selling controller's
set_line_price / keep_rate decide it; exceeds_max_discount."""

from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

import pytest
from engine_helpers import D, line, price, rule
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_module.engine import LinePricing, LineRate, arbitrate_line_rate, exceeds_max_discount

ruled = LinePricing(
	"r1", "A", D(100), D(90), discount_percentage=D(10), discount_amount=D(10), pricing_rules=("R1",)
)
plain = LinePricing("r1", "A", D(100), D(100))


@pytest.mark.parametrize(
	("case", "priced", "rate", "plr", "flags", "expected"),
	[
		("agreed keeps a zero rate", ruled, 0, 80, {"agreed": True}, ("0", "80", "100", "80", False)),
		("agreed keeps its rate", ruled, 95, 80, {"agreed": True}, ("95", "80", "0", "0", False)),
		(
			"agreed without a given list price takes the result's",
			ruled,
			95,
			80,
			{"agreed": True, "price_list_rate_given": False},
			("95", "100", "5", "5", False),
		),
		("agreed, rate not sent", ruled, None, 80, {"agreed": True}, ("0", "80", "100", "80", False)),
		("manual rate kept", plain, 95, None, {}, ("95", "100", "5", "5", False)),
		("manual rate above the list price", plain, 120, None, {}, ("120", "100", "0", "0", False)),
		("a rule beats a typed rate", ruled, 95, None, {}, ("90", "100", "10", "10", True)),
		("rate equal to the list price is not manual", plain, 100, None, {}, ("100", "100", "0", "0", True)),
		("no rate takes the result", ruled, None, None, {}, ("90", "100", "10", "10", True)),
		(
			"free item ignores its manual rate",
			plain,
			95,
			None,
			{"is_free_item": True},
			("100", "100", "0", "0", True),
		),
		(
			"ignore pricing rule keeps the rate",
			ruled,
			95,
			None,
			{"ignore_pricing_rule": 1},
			("95", "100", "5", "5", False),
		),
		(
			"ignore pricing rule, no rate: list price",
			ruled,
			0,
			None,
			{"ignore_pricing_rule": 1},
			("100", "100", "0", "0", False),
		),
		("return keeps the rate", ruled, 97, None, {"is_return": True}, ("97", "100", "3", "3", False)),
		(
			"free item with rules off stays at zero",
			ruled,
			0,
			None,
			{"is_free_item": 1, "ignore_pricing_rule": 1},
			("0", "100", "100", "100", False),
		),
		(
			"flags as Frappe check values",
			ruled,
			95,
			80,
			{"agreed": "1", "is_return": "0"},
			("95", "80", "0", "0", False),
		),
	],
)
def test_decisions(case, priced, rate, plr, flags, expected):
	decision = arbitrate_line_rate(priced, rate, plr, **flags)
	assert (
		decision.rate,
		decision.price_list_rate,
		decision.discount_percentage,
		decision.discount_amount,
		decision.use_pricing,
	) == (D(expected[0]), D(expected[1]), D(expected[2]), D(expected[3]), expected[4])


def test_discount_fields_of_a_kept_rate():
	third = arbitrate_line_rate(LinePricing("r1", "A", D(3), D(3)), 2, None)
	assert (third.discount_amount, third.discount_percentage) == (D(1), D("33.333333"))
	free_list = arbitrate_line_rate(LinePricing("r1", "A", D(0), D(0)), 5, None)
	assert (free_list.rate, free_list.discount_amount, free_list.discount_percentage) == (D(5), 0, 0)
	over_precise = arbitrate_line_rate(plain, "33.3333", None, precision=2)
	assert (over_precise.discount_amount, over_precise.discount_percentage) == (D("66.67"), D("66.6667"))


def test_use_pricing_returns_the_result_figures_unchanged():
	priced = price([rule("R1", discount_percentage="12.5")], [line(price_list_rate="99.99")]).lines[0]
	decision = arbitrate_line_rate(priced, None, None)
	assert decision.use_pricing
	assert decision.as_dict() == {
		"rate": priced.rate,
		"price_list_rate": priced.price_list_rate,
		"discount_percentage": priced.discount_percentage,
		"discount_amount": priced.discount_amount,
	}
	assert isinstance(decision, LineRate)


@pytest.mark.parametrize(
	("pct", "limit", "free", "exceeds"),
	[
		("20.000001", 20, False, True),
		("20", 20, False, False),
		("19.99", "20", False, False),
		("100", 0, False, False),  # no maximum
		("50", None, False, False),
		("50", 20, True, False),  # free items are never refused
		("50", 20, 1, False),
		("50", "20", 0, True),
	],
)
def test_exceeds_max_discount(pct, limit, free, exceeds):
	assert exceeds_max_discount(pct, limit, free) is exceeds


# ------------------------------------------------------------------ the controller, transcribed


def flt(value) -> Decimal:
	return Decimal(0) if value is None else Decimal(value)


def controller(
	priced, rate, plr, *, agreed, is_free_item, ignore_pricing_rule, is_return, price_list_rate_given
):
	"""SellingController.set_line_price + keep_rate on a row, line by line (Decimal for flt)."""
	row = SimpleNamespace(rate=rate, price_list_rate=plr, is_free_item=is_free_item)
	manual = flt(row.rate) and not priced.pricing_rules and flt(row.rate) != flt(priced.price_list_rate)
	if not agreed or not price_list_rate_given:
		row.price_list_rate = flt(priced.price_list_rate)
	if agreed or (manual and not row.is_free_item) or ignore_pricing_rule or is_return:
		if not agreed and not flt(row.rate) and not row.is_free_item:
			row.rate = row.price_list_rate
		gap = flt(row.price_list_rate) - flt(row.rate)
		row.discount_amount = max(gap, 0)
		row.discount_percentage = (
			(row.discount_amount * 100 / flt(row.price_list_rate)).quantize(
				Decimal("0.000001"), ROUND_HALF_UP
			)
			if flt(row.price_list_rate)
			else 0
		)
		return flt(row.rate), flt(row.price_list_rate), row.discount_percentage, row.discount_amount, False
	return priced.rate, priced.price_list_rate, priced.discount_percentage, priced.discount_amount, True


money = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def pricing_results(draw):
	plr = draw(money)
	rate = draw(st.sampled_from([plr, Decimal(0)]) | money)
	rules = draw(st.sampled_from([(), ("R1",), ("R1", "R2")]))
	discount = max(plr - rate, Decimal(0))
	pct = (discount * 100 / plr).quantize(Decimal("0.01")) if plr else Decimal(0)
	return LinePricing(
		"r1", "A", plr, rate, discount_percentage=pct, discount_amount=discount, pricing_rules=rules
	)


@st.composite
def cases(draw):
	priced = draw(pricing_results())
	own = st.one_of(
		st.none(), st.just(Decimal(0)), st.just(priced.price_list_rate), st.just(priced.rate), money
	)
	flags = {
		name: draw(st.booleans())
		for name in ("agreed", "is_free_item", "ignore_pricing_rule", "is_return", "price_list_rate_given")
	}
	return priced, draw(own), draw(own), flags


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_same_decision_as_the_controller(case):
	priced, rate, plr, flags = case
	decision = arbitrate_line_rate(priced, rate, plr, precision=2, **flags)
	assert (
		decision.rate,
		decision.price_list_rate,
		decision.discount_percentage,
		decision.discount_amount,
		decision.use_pricing,
	) == controller(priced, rate, plr, **flags)


@settings(max_examples=200, deadline=None, database=None)
@given(cases())
def test_kept_rates_show_their_gap_to_the_list_price(case):
	priced, rate, plr, flags = case
	decision = arbitrate_line_rate(priced, rate, plr, **{**flags, "ignore_pricing_rule": True})
	assert not decision.use_pricing
	assert decision.discount_amount == max(decision.price_list_rate - decision.rate, Decimal(0))
	assert Decimal(0) <= decision.discount_percentage <= 100
	assert (decision.discount_percentage == 0) == (
		decision.discount_amount == 0 or not decision.price_list_rate
	)


@settings(max_examples=200, deadline=None, database=None)
@given(cases())
def test_agreed_rows_keep_their_rate(case):
	priced, rate, plr, flags = case
	decision = arbitrate_line_rate(priced, rate, plr, **{**flags, "agreed": True})
	assert decision.rate == flt(rate)
	assert decision.price_list_rate == (
		flt(plr) if flags["price_list_rate_given"] else priced.price_list_rate
	)
