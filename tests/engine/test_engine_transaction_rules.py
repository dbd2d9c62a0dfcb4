import pytest
from engine_helpers import D, context, line, price

from sales_module.engine import RuleIndex, price_transaction


def tx(name, **fields):
	base = {"name": name, "apply_on": "Transaction", "rate_or_discount": "Discount Percentage"}
	base.update(fields)
	return base


# (case, rules, total_qty, total, expected (apply_on, pct, amount, rules))
TX_CASES = [
	("pct on grand total", [tx("T1", discount_percentage=5)], 10, 1000, ("Grand Total", "5", "0", ["T1"])),
	(
		"pct on net total",
		[tx("T1", discount_percentage=5, apply_discount_on="Net Total")],
		10,
		1000,
		("Net Total", "5", "0", ["T1"]),
	),
	(
		"amount",
		[tx("T1", rate_or_discount="Discount Amount", discount_amount=50)],
		10,
		1000,
		("Grand Total", "0", "50", ["T1"]),
	),
	(
		"min amount not met",
		[tx("T1", discount_percentage=5, min_amt=1001)],
		10,
		1000,
		("Grand Total", "0", "0", []),
	),
	(
		"max amount exceeded",
		[tx("T1", discount_percentage=5, max_amt=999)],
		10,
		1000,
		("Grand Total", "0", "0", []),
	),
	(
		"min qty on total qty",
		[tx("T1", discount_percentage=5, min_qty=10)],
		10,
		1000,
		("Grand Total", "5", "0", ["T1"]),
	),
	(
		"max qty on total qty",
		[tx("T1", discount_percentage=5, max_qty=9)],
		10,
		1000,
		("Grand Total", "0", "0", []),
	),
	(
		"priority picks one",
		[tx("T1", discount_percentage=5, priority=2), tx("T2", discount_percentage=8, priority=1)],
		1,
		1,
		("Grand Total", "5", "0", ["T1"]),
	),
	(
		"customer beats blank",
		[
			tx("T1", discount_percentage=5),
			tx("T0", discount_percentage=3, applicable_for="Customer", customer="C1"),
		],
		1,
		1,
		("Grand Total", "3", "0", ["T0"]),
	),
	(
		"multiple add up",
		[
			tx("T1", discount_percentage=5, apply_multiple_pricing_rules=1),
			tx("T2", discount_percentage=10, apply_multiple_pricing_rules=1),
		],
		1,
		1,
		("Grand Total", "15", "0", ["T1", "T2"]),
	),
	(
		"multiple cascade",
		[
			tx("T1", discount_percentage=10, apply_multiple_pricing_rules=1, priority=1),
			tx(
				"T2",
				discount_percentage=10,
				apply_multiple_pricing_rules=1,
				apply_discount_on_rate=1,
				priority=2,
			),
		],
		1,
		1,
		("Grand Total", "19", "0", ["T1", "T2"]),
	),
	(
		"kind of best rule wins",
		[
			tx("T1", discount_percentage=10, apply_multiple_pricing_rules=1, priority=1),
			tx(
				"T2",
				rate_or_discount="Discount Amount",
				discount_amount=5,
				apply_multiple_pricing_rules=1,
				priority=2,
			),
		],
		1,
		1,
		("Grand Total", "0", "5", ["T2"]),
	),
	("rate not applicable", [tx("T1", rate_or_discount="Rate", rate=5)], 1, 1, ("Grand Total", "0", "0", [])),
	(
		"coupon rule needs coupon",
		[tx("T1", discount_percentage=5, coupon_code_based=1)],
		1,
		1,
		("Grand Total", "0", "0", []),
	),
	(
		"item rules ignored",
		[{"name": "R1", "apply_on": "Item Code", "items": ["A"], "discount_percentage": 5}],
		1,
		1,
		("Grand Total", "0", "0", []),
	),
]


@pytest.mark.parametrize(
	("case", "rules", "qty", "total", "expected"), TX_CASES, ids=[c[0] for c in TX_CASES]
)
def test_transaction_rules(case, rules, qty, total, expected):
	result = price_transaction(RuleIndex(rules), context(), total_qty=qty, total=total)
	apply_on, pct, amount, applied = expected
	assert (result.apply_discount_on, result.additional_discount_percentage, result.discount_amount) == (
		apply_on,
		D(pct),
		D(amount),
	)
	assert list(result.pricing_rules) == applied
	assert result.has_discount == bool(applied)


def test_coupon_transaction_rule_with_coupon():
	rules = RuleIndex([tx("T1", discount_percentage=5, coupon_code_based=1)])
	result = price_transaction(rules, context(coupon_pricing_rules={"T1"}), total_qty=1, total=1)
	assert result.additional_discount_percentage == 5


def test_transaction_free_item_and_explanation():
	rules = RuleIndex(
		[tx("T1", price_or_product_discount="Product", free_item="GIFT", free_qty=1, min_amt=500)]
	)
	result = price_transaction(rules, context(), total_qty=3, total=600)
	assert [(i.item_code, i.qty, i.source_lines) for i in result.free_items] == [("GIFT", D(1), ())]
	assert result.explanation == (
		("T1", "free 1 x GIFT for the transaction, priority 0, amount 600 >= min 500"),
	)


def test_price_document_feeds_priced_totals_to_transaction_rules():
	rules = [
		{"name": "R1", "apply_on": "Item Code", "items": ["A"], "discount_percentage": 50},
		tx("T1", discount_percentage=5, min_amt=600),
	]
	assert price(rules, [line(qty=10)]).transaction.pricing_rules == ()  # 10 x 50 = 500 < 600
	result = price(rules, [line(qty=12), line("free", qty=100, is_free_item=1, rate=0)])
	assert result.transaction.pricing_rules == ("T1",)
	assert [f.item_code for f in result.free_items] == []
