"""Amounts in words: Russian number agreement and gender, English, and every whole number up to 10^12
read back to itself by a parser of the words."""

import os
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_module.engine import EngineValidationError, amount_in_words
from sales_module.engine.words import en_number, ru_number

PROPERTY_SETTINGS = settings(
	max_examples=int(os.environ.get("ENGINE_HYPOTHESIS_EXAMPLES", "300")), deadline=None, database=None
)


@pytest.mark.parametrize(
	("amount", "currency", "words"),
	[
		(4620, "RUB", "Четыре тысячи шестьсот двадцать рублей 00 копеек"),
		(1, "RUB", "Один рубль 00 копеек"),
		(2, "RUB", "Два рубля 00 копеек"),
		(5, "RUB", "Пять рублей 00 копеек"),
		(21, "RUB", "Двадцать один рубль 00 копеек"),
		(11, "RUB", "Одиннадцать рублей 00 копеек"),
		("0.01", "RUB", "Ноль рублей 01 копейка"),
		("0.11", "RUB", "Ноль рублей 11 копеек"),
		("0.22", "RUB", "Ноль рублей 22 копейки"),
		(1000, "RUB", "Одна тысяча рублей 00 копеек"),
		(2000, "RUB", "Две тысячи рублей 00 копеек"),
		(5000, "RUB", "Пять тысяч рублей 00 копеек"),
		("1001.21", "RUB", "Одна тысяча один рубль 21 копейка"),
		(2_000_000, "RUB", "Два миллиона рублей 00 копеек"),
		(1_000_000_000_000, "RUB", "Один триллион рублей 00 копеек"),
		("12.005", "RUB", "Двенадцать рублей 01 копейка"),  # rounded half up to the kopeck
		(-3, "RUB", "Минус три рубля 00 копеек"),
		(1, "USD", "Один доллар США 00 центов"),
		(3, "USD", "Три доллара США 00 центов"),
		("41.01", "EUR", "Сорок один евро 01 цент"),
		(500, "KZT", "Пятьсот тенге 00 тиынов"),
		(7, "GBP", "Семь GBP 00"),  # no names: the code
	],
)
def test_russian(amount, currency, words):
	assert amount_in_words(amount, currency, "ru") == words


@pytest.mark.parametrize(
	("amount", "currency", "words"),
	[
		(400, "USD", "Four hundred US dollars and 00 cents"),
		(1, "USD", "One US dollar and 00 cents"),
		("0.01", "EUR", "Zero euros and 01 cent"),
		("4620", "RUB", "Four thousand six hundred twenty roubles and 00 kopecks"),
		("21.5", "USD", "Twenty-one US dollars and 50 cents"),
		(
			1_234_567,
			"USD",
			"One million two hundred thirty-four thousand five hundred sixty-seven US dollars and 00 cents",
		),
	],
)
def test_english(amount, currency, words):
	assert amount_in_words(amount, currency, "en") == words


def test_precision_of_the_currency():
	assert amount_in_words(100, "JPY", "ru", precision=0) == "Сто JPY"
	assert amount_in_words("1.5", "KWD", "en", precision=3) == "One KWD and 500"


def test_too_large():
	with pytest.raises(EngineValidationError) as err:
		amount_in_words(Decimal(10) ** 15, "RUB", "ru")
	assert err.value.code == "invalid_number"


RU_VALUES = {
	"ноль": 0, "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
	"семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
	"тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
	"восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
	"шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200,
	"триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800,
	"девятьсот": 900,
}  # fmt: skip
RU_SCALE_VALUES = {
	**dict.fromkeys(("тысяча", "тысячи", "тысяч"), 10**3),
	**dict.fromkeys(("миллион", "миллиона", "миллионов"), 10**6),
	**dict.fromkeys(("миллиард", "миллиарда", "миллиардов"), 10**9),
	**dict.fromkeys(("триллион", "триллиона", "триллионов"), 10**12),
}


def parse_russian(text: str) -> int:
	total, group = 0, 0
	for word in text.split():
		if word in RU_SCALE_VALUES:
			total += (group or 1) * RU_SCALE_VALUES[word]
			group = 0
		else:
			group += RU_VALUES[word]
	return total + group


def expected_scale_form(group: int) -> int:
	"""0: one form, 1: few, 2: many, by Russian agreement."""
	if 11 <= group % 100 <= 14:
		return 2
	return 0 if group % 10 == 1 else 1 if 2 <= group % 10 <= 4 else 2


@given(st.integers(min_value=0, max_value=10**12))
@PROPERTY_SETTINGS
def test_every_number_reads_back_in_russian(number):
	words = ru_number(number)
	assert parse_russian(words) == number
	# thousands are feminine: одна / две тысячи, never один / два тысячи
	assert "один тысяч" not in words and "два тысяч" not in words


@given(st.integers(min_value=1, max_value=10**12 - 1))
@PROPERTY_SETTINGS
def test_thousands_agree_with_their_count(number):
	thousands = (number // 1000) % 1000
	words = ru_number(number).split()
	forms = ("тысяча", "тысячи", "тысяч")
	if thousands:
		assert forms[expected_scale_form(thousands)] in words
	else:
		assert not set(forms) & set(words)


EN_VALUES = {word: value for value, word in enumerate(
	("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
	 "seventeen eighteen nineteen").split()
)} | {word: 10 * (index + 2) for index, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}  # fmt: skip
EN_SCALE_VALUES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def parse_english(text: str) -> int:
	total, group = 0, 0
	for word in text.replace("-", " ").split():
		if word == "hundred":
			group *= 100
		elif word in EN_SCALE_VALUES:
			total += group * EN_SCALE_VALUES[word]
			group = 0
		else:
			group += EN_VALUES[word]
	return total + group


@given(st.integers(min_value=0, max_value=10**12))
@PROPERTY_SETTINGS
def test_every_number_reads_back_in_english(number):
	assert parse_english(en_number(number)) == number


@given(st.decimals(min_value=0, max_value=10**9, places=2))
@PROPERTY_SETTINGS
def test_kopecks_agree(amount):
	kopecks = int(amount * 100) % 100
	words = amount_in_words(amount, "RUB", "ru")
	assert words.endswith(f" {kopecks:02d} " + ("копейка", "копейки", "копеек")[expected_scale_form(kopecks)])
