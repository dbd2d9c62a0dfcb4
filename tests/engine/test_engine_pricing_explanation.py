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


# a stand-in catalogue: every marked template and word, in capitals, so what was translated shows
def shouting(text: str) -> str:
	return text.upper()


def test_explanation_renders_every_marked_part_in_another_language():
	from sales_module.engine.text import render

	rules = [
		rule(
			"R1",
			apply_on="Item Group",
			item_groups=["Laptops"],
			discount_percentage=10,
			priority=5,
			min_qty=10,
		),
		rule("R2", discount_percentage=5, priority=2),
	]
	result = price(rules, [line(qty=12)]).lines[0]
	lines = [render(text, shouting) for text in result.explanation_text]
	# templates and the engine's own words translated; rule names, item groups and numbers as they are
	assert lines[0] == "R1: 10% OFF ITEM GROUP Laptops, PRIORITY 5, QTY 12 >= MIN 10"
	assert lines[1] == "R2: NOT APPLIED: R1 WINS ON PRIORITY (5 > 2)"
	# the English value is unchanged
	assert result.explanation_text[1] == "R2: not applied: R1 wins on priority (5 > 2)"


def test_explanation_survives_pickling_with_its_parts():
	import pickle

	from sales_module.engine.text import render

	result = price([rule("R1", discount_percentage=10, priority=3)], [line()]).lines[0]
	text = pickle.loads(pickle.dumps(result.explanation_text[0]))
	assert text == "R1: 10% off item A, priority 3"
	assert render(text, shouting) == "R1: 10% OFF ITEM A, PRIORITY 3"
