"""Every priced line explains itself: the rules applied, the conditions met, the losers, the clamps."""

from engine_helpers import line, price, rule


def test_explanation_names_rule_group_priority_and_qty():
	rules = [
		rule(
			"PRLE-0003",
			apply_on="Item Group",
			item_groups=["Laptops"],
			discount_percentage=10,
			priority=5,
			min_qty=10,
		)
	]
	result = price(rules, [line(qty=12)]).lines[0]
	assert result.explanation_text == ["PRLE-0003: 10% off item group Laptops, priority 5, qty 12 >= min 10"]


def test_explanation_records_losers_and_clamping():
	rules = [rule("R1", discount_percentage=30, priority=4), rule("R2", discount_percentage=10, priority=2)]
	result = price(rules, [line(max_discount=20)]).lines[0]
	reasons = dict(result.explanation)
	assert "wins on priority (4 > 2)" in reasons["R2"]
	assert reasons["max_discount"] == "discount 30% clamped to max_discount 20% of item A"
	assert result.discount_percentage == 20


def test_negative_clamp_is_explained():
	result = price([rule("R1", rate_or_discount="Discount Amount", discount_amount=150)], [line()]).lines[0]
	assert ("rate", "discount exceeds the rate 100; rate clamped at 0") in result.explanation


def test_many_losers_are_counted_not_listed():
	rules = [rule(f"R{i}", discount_percentage=i, priority=i) for i in range(1, 8)]
	result = price(rules, [line()]).lines[0]
	assert result.pricing_rules == ("R7",)
	assert [name for name, _ in result.explanation] == ["R7", "R6", "R5", "R4", "..."]
	assert result.explanation[-1] == ("...", "3 more matching rules not applied")
