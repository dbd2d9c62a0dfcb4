"""Amounts in words for documents and prints: Russian with number agreement and grammatical gender
("Четыре тысячи шестьсот двадцать рублей 00 копеек", "Одна тысяча один рубль 21 копейка") and English
("Four thousand six hundred twenty roubles and 00 kopecks"). Whole units are written out, the minor
units as digits, as Russian invoices write them."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .errors import EngineValidationError
from .money import quantum, to_decimal
from .text import N_

MAX_AMOUNT = Decimal(10) ** 15  # below a quadrillion


@dataclass(frozen=True)
class CurrencyWords:
	"""A currency's unit names: Russian (one, few, many forms and the gender of the unit) and English
	(singular, plural)."""

	ru_major: tuple[str, str, str]
	ru_major_feminine: bool
	ru_minor: tuple[str, str, str]
	ru_minor_feminine: bool
	en_major: tuple[str, str]
	en_minor: tuple[str, str]


CURRENCIES = {
	"RUB": CurrencyWords(
		("рубль", "рубля", "рублей"), False, ("копейка", "копейки", "копеек"), True,
		("rouble", "roubles"), ("kopeck", "kopecks"),
	),
	"USD": CurrencyWords(
		("доллар США", "доллара США", "долларов США"), False, ("цент", "цента", "центов"), False,
		("US dollar", "US dollars"), ("cent", "cents"),
	),
	"EUR": CurrencyWords(
		("евро", "евро", "евро"), False, ("цент", "цента", "центов"), False,
		("euro", "euros"), ("cent", "cents"),
	),
	"KZT": CurrencyWords(
		("тенге", "тенге", "тенге"), False, ("тиын", "тиына", "тиынов"), False,
		("tenge", "tenge"), ("tiyn", "tiyns"),
	),
	"BYN": CurrencyWords(
		("белорусский рубль", "белорусских рубля", "белорусских рублей"), False,
		("копейка", "копейки", "копеек"), True,
		("Belarusian rouble", "Belarusian roubles"), ("kopeck", "kopecks"),
	),
	"CNY": CurrencyWords(
		("юань", "юаня", "юаней"), False, ("фэнь", "фэня", "фэней"), False,
		("yuan", "yuan"), ("fen", "fen"),
	),
}  # fmt: skip

RU_UNITS_MASCULINE = (
	"", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять",
)  # fmt: skip
RU_UNITS_FEMININE = ("", "одна", "две", *RU_UNITS_MASCULINE[3:])
RU_TEENS = (
	"десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать",
	"семнадцать", "восемнадцать", "девятнадцать",
)  # fmt: skip
RU_TENS = (
	"", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
	"девяносто",
)  # fmt: skip
RU_HUNDREDS = (
	"", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
	"девятьсот",
)  # fmt: skip
# scale words above the thousands: (one, few, many, feminine)
RU_SCALES = (
	(("тысяча", "тысячи", "тысяч"), True),
	(("миллион", "миллиона", "миллионов"), False),
	(("миллиард", "миллиарда", "миллиардов"), False),
	(("триллион", "триллиона", "триллионов"), False),
)

EN_UNITS = (
	"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
EN_SCALES = ("thousand", "million", "billion", "trillion")


def ru_plural(number: int, forms: tuple[str, str, str]) -> str:
	"""The form agreeing with a number: 1, 21 рубль; 2-4, 22 рубля; 0, 5-20, 25 рублей."""
	last_two, last = number % 100, number % 10
	if 11 <= last_two <= 14:
		return forms[2]
	if last == 1:
		return forms[0]
	if 2 <= last <= 4:
		return forms[1]
	return forms[2]


def ru_triplet(number: int, feminine: bool) -> list[str]:
	"""0-999 in Russian words, one and two agreeing with the gender of what they count."""
	words = [RU_HUNDREDS[number // 100]]
	rest = number % 100
	if 10 <= rest <= 19:
		words.append(RU_TEENS[rest - 10])
	else:
		words.append(RU_TENS[rest // 10])
		words.append((RU_UNITS_FEMININE if feminine else RU_UNITS_MASCULINE)[rest % 10])
	return [word for word in words if word]


def ru_number(number: int, feminine: bool = False) -> str:
	"""A whole number in Russian words ("ноль" for zero); `feminine` for what it counts."""
	if number == 0:
		return "ноль"
	groups = []
	while number:
		groups.append(number % 1000)
		number //= 1000
	words: list[str] = []
	for scale in range(len(groups) - 1, -1, -1):
		group = groups[scale]
		if not group:
			continue
		if scale == 0:
			words += ru_triplet(group, feminine)
		else:
			forms, scale_feminine = RU_SCALES[scale - 1]
			words += ru_triplet(group, scale_feminine)
			words.append(ru_plural(group, forms))
	return " ".join(words)


def en_triplet(number: int) -> list[str]:
	words = []
	if number >= 100:
		words += [EN_UNITS[number // 100], "hundred"]
	rest = number % 100
	if rest >= 20:
		words.append(EN_TENS[rest // 10] + (f"-{EN_UNITS[rest % 10]}" if rest % 10 else ""))
	elif rest:
		words.append(EN_UNITS[rest])
	return words


def en_number(number: int) -> str:
	if number == 0:
		return "zero"
	groups = []
	while number:
		groups.append(number % 1000)
		number //= 1000
	words: list[str] = []
	for scale in range(len(groups) - 1, -1, -1):
		if groups[scale]:
			words += en_triplet(groups[scale])
			if scale:
				words.append(EN_SCALES[scale - 1])
	return " ".join(words)


def split_amount(amount: object, precision: int) -> tuple[bool, int, int]:
	"""(negative, whole units, minor units) of an amount rounded to the currency's precision."""
	value = to_decimal(amount).quantize(quantum(precision), rounding=ROUND_HALF_UP)
	if abs(value) >= MAX_AMOUNT:
		raise EngineValidationError(
			N_("Amount {0} is too large to write in words"), value, code="invalid_number"
		)
	negative = value < 0
	value = abs(value)
	whole = int(value)
	minor = int((value - whole) * (10**precision))
	return negative, whole, minor


def amount_in_words(amount: object, currency: str, language: str = "en", precision: int = 2) -> str:
	"""The amount in words in Russian (``language`` starting with "ru") or English: whole units in words
	agreeing with the currency's name, minor units as digits. A currency without names here is written
	with its code."""
	negative, whole, minor = split_amount(amount, precision)
	names = CURRENCIES.get((currency or "").upper())
	code = (currency or "").upper()
	if language.lower().startswith("ru"):
		text = ru_amount(whole, minor, precision, names, code)
		prefix = "минус " if negative else ""
	else:
		text = en_amount(whole, minor, precision, names, code)
		prefix = "minus " if negative else ""
	text = prefix + text
	return text[:1].upper() + text[1:]


def ru_amount(whole: int, minor: int, precision: int, names: CurrencyWords | None, code: str) -> str:
	if names is None:
		text = f"{ru_number(whole)} {code}"
		return f"{text} {minor:0{precision}d}" if precision else text
	text = f"{ru_number(whole, names.ru_major_feminine)} {ru_plural(whole, names.ru_major)}"
	if precision:
		text += f" {minor:0{precision}d} {ru_plural(minor, names.ru_minor)}"
	return text


def en_amount(whole: int, minor: int, precision: int, names: CurrencyWords | None, code: str) -> str:
	if names is None:
		text = f"{en_number(whole)} {code}"
		return f"{text} and {minor:0{precision}d}" if precision else text
	text = f"{en_number(whole)} {names.en_major[0 if whole == 1 else 1]}"
	if precision:
		text += f" and {minor:0{precision}d} {names.en_minor[0 if minor == 1 else 1]}"
	return text
