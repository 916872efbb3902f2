"""The numbers a quote states, in digits or in words, so a claim's value can be found in it.

'four seats', 'came in fifth position', 'more than half' and 'the largest bloc' state 4, 5,
0.5 and first place. A claim whose number is in none of these forms is not backed by its quote.
"""

import re

CARDINALS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
FRACTIONS = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "third": 1 / 3}
# A superlative of size names first place: 'the largest bloc', 'the winner of the elections'.
FIRST_PLACE = {"largest", "biggest", "winner", "top"}
WORDS = {
    **{w: i for i, w in enumerate(CARDINALS)},
    **{w: i for i, w in enumerate(ORDINALS)},
    **TENS,
    **FRACTIONS,
    **dict.fromkeys(FIRST_PLACE, 1),
}
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


# Thousands are grouped by threes: '1,493,5421,366,789' (figures a page runs together) reads as
# 1,493,542 and 1,366,789, not as one number.
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def numbers_in(text: str) -> set[float]:
    """Every number `text` states, as digits ('1,234', '38') or as a word ('four', 'fifth', 'half')."""
    found = {float(d.replace(",", "")) for d in re.findall(DIGITS, text)}
    found |= {float(WORDS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in WORDS}
    return found


def states_number(text: str, value: float) -> bool:
    return any(abs(value - n) < 1e-9 for n in numbers_in(text))


def states_date(text: str, iso_date: str) -> bool:
    """The quote names the day and month ('October 10', '10 October', 'Aug. 9', '27th Dec'); a year,
    if given, must agree."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-\d{2}", iso_date):
        return False  # not a day at all (a fact's value may be any text): nothing can state it
    year, month, day = (int(p) for p in iso_date.split("-"))
    name = MONTHS[month - 1]
    month_word = rf"(?:{name}|{name[:3]}\.?)"
    day_word = rf"0?{day}(?:st|nd|rd|th)?"
    lowered = text.lower()
    said = re.search(rf"\b{month_word}\s+{day_word}\b|\b{day_word}\s+{month_word}(?![a-z])", lowered)
    years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)}
    return bool(said) and (not years or year in years)
