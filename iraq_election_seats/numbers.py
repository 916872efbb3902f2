"""The numbers a quote states, in digits or in words, so a claim's value can be found in it.

English number words ('four', 'seventy-three', 'came third', 'fifth position') are read by
text2num, which knows compound numbers and ordinals. What it leaves out is kept here in short
tables: fractions ('more than half', 'a third', 'two-thirds'), a superlative that names first place
('the largest bloc', 'the winner'), and 'one' used as a pronoun ('one of the smaller lists',
'no one'), which states no count. A claim whose number is in none of these forms is not backed by
its quote.
"""

import re
from functools import lru_cache

from text_to_num import alpha2digit, text2num

# A fraction is one of these after 'a' or 'one' ('a third'), or in the plural after a cardinal
# ('two-thirds'). 'half' alone is still a half ('more than half the seats'); 'third' alone, or after
# a tens word ('seventy-third'), is a place.
DENOMINATORS = {"half": 2, "third": 3, "quarter": 4}
PLURALS = {"halves": 2, "thirds": 3, "quarters": 4}
FRACTION = re.compile(rf"\b(?:([a-z]+)[\s-]+)?({'|'.join([*DENOMINATORS, *PLURALS])})\b")
# 'one' as a pronoun: it names somebody or something, not a count of one.
PRONOUN_ONE = re.compile(r"\b(?:no|any|every|some)[\s-]+one\b|\bone(?=\s+(?:of|another)\b)")
WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
# A superlative of size names first place, unless an ordinal comes before it ('second-largest').
FIRST_PLACE = re.compile(r"(?<!\d[a-z]{2}[\s-])\b(?:largest|biggest|winner|top)\b")
# Digits, with thousands separated by commas ('1,493,542') and an optional decimal part ('14.47');
# an ordinal suffix may follow ('3rd', as text2num writes 'third').
# Thousands are grouped by threes: '1,493,5421,366,789' (figures a page runs together) reads as
# 1,493,542 and 1,366,789, not as one number.
DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
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


def fraction(word: str | None, denominator: str) -> float | None:
    """The fraction a word and a denominator state ('a' 'third', 'two' 'thirds', 'half'), or None."""
    if denominator in PLURALS:
        try:
            return text2num(word or "", "en") / PLURALS[denominator]
        except ValueError:
            return None
    if word in ("a", "an", "one") or denominator == "half":
        return 1 / DENOMINATORS[denominator]
    return None


def fractions_in(text: str) -> tuple[set[float], str]:
    """The fractions `text` states, and the text with them blanked out, so that 'third' in
    'a third' is not read again as a place."""
    found = set()

    def take(match: re.Match) -> str:
        value = fraction(match.group(1), match.group(2))
        if value is None:
            return match.group(0)  # a place ('came third'), read with the other number words
        found.add(value)
        return " " * len(match.group(0))

    return found, FRACTION.sub(take, text)


# Eastern Arabic and Persian digits and separators, as an Arabic or Persian page writes '125,068'
EASTERN_DIGITS = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"  # Arabic-Indic 0-9
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"  # Persian 0-9
    "\u060c\u066c\u066b",  # Arabic comma, thousands separator, decimal separator
    "01234567890123456789,,.",
)


# A passage is read for its numbers once per figure it gives, and the same passages again in each
# validation a process makes: a short one's numbers are kept (at most KEPT_TEXTS of them, each of
# at most CACHED_TEXT_CHARACTERS, so what stays in memory after a run is bounded).
CACHED_TEXT_CHARACTERS = 4096
KEPT_TEXTS = 4096


def numbers_in(text: str) -> set[float]:
    """Every number `text` states, as digits ('1,234', '38', '14.47', or in Eastern Arabic or
    Persian digits), words ('four', 'seventy-three'), places ('third', 'the largest') or fractions
    ('half', 'two-thirds')."""
    return set(_kept_numbers(text) if len(text) <= CACHED_TEXT_CHARACTERS else _numbers(text))


@lru_cache(maxsize=KEPT_TEXTS)
def _kept_numbers(text: str) -> frozenset[float]:
    return frozenset(_numbers(text))


def _numbers(text: str) -> set[float]:
    found, rest = fractions_in(text.lower().translate(EASTERN_DIGITS))
    rest = PRONOUN_ONE.sub(" ", rest)
    rest = WORD_HYPHEN.sub(" ", rest)  # 'second-largest' as 'second largest', which text2num reads
    digits = alpha2digit(rest, "en", threshold=0)
    found |= {float(d.replace(",", "")) for d in DIGITS.findall(digits)}
    if FIRST_PLACE.search(digits):
        found.add(1.0)
    return found


def states_number(text: str, value: float) -> bool:
    return any(abs(value - n) < 1e-9 for n in numbers_in(text))


def states_date(text: str, iso_date: str) -> bool:
    """The quote names the day and month ('October 10', '10 October', 'Aug. 9', '27th Dec'), a year,
    if given, agreeing; or the whole date in digits, day first ('12.05.2018')."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-\d{2}", iso_date):
        return False  # not a day at all (a fact's value may be any text): nothing can state it
    year, month, day = (int(p) for p in iso_date.split("-"))
    name = MONTHS[month - 1]
    month_word = rf"(?:{name}|{name[:3]}\.?)"
    day_word = rf"0?{day}(?:st|nd|rd|th)?"
    lowered = text.lower()
    said = re.search(rf"\b{month_word}\s+{day_word}\b|\b{day_word}\s+{month_word}(?![a-z])", lowered)
    years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)}
    # a whole date in digits, day first, as Iraqi and European pages write it ('12.05.2018', '7/11/2021')
    numeric = re.search(rf"(?<!\d)0?{day}(?P<sep>[./-])0?{month}(?P=sep){year}(?!\d)", text.translate(EASTERN_DIGITS))
    return bool(numeric) or (bool(said) and (not years or year in years))


def states_date_in_digits(text: str, iso_date: str) -> bool:
    """The text writes the date year first, in digits, as page stamps and addresses do
    ('2021-10-11T12:06', '/2021/10/12/', '20180718')."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso_date):
        return False
    year, month, day = iso_date.split("-")
    return re.search(rf"(?<!\d){year}[-/]?{month}[-/]?{day}(?!\d)", text) is not None


WORD = re.compile(r"[a-z]+")
ORDINAL_DIGITS = re.compile(r"(\d+)(st|nd|rd|th)")


@lru_cache(maxsize=4096)
def _word_number(word: str) -> tuple[float, bool] | None:
    """(value, is ordinal) of one English number word, or None; 'a' and 'and' are not numbers."""
    if word in ("a", "an", "and"):
        return None
    read = alpha2digit(word, "en", threshold=0)
    if read.isdigit():
        return float(read), False
    ordinal = ORDINAL_DIGITS.fullmatch(read)
    return (float(ordinal.group(1)), True) if ordinal else None


def number_spans(text: str) -> list[tuple[int, int, float, bool]]:
    """Every number `text` writes, with where it stands: (start, end, value, is ordinal), for digits
    ('1,493,542', '14.47', '3rd') and English words ('four', 'seventy-three', 'fifth'). Offsets
    are those of `text`; fractions and 'one' as a pronoun ('one of the lists') are left out."""
    lowered = text.lower()
    found = []
    for match in DIGITS.finditer(lowered):
        end = match.end()
        ordinal = ORDINAL_DIGITS.match(lowered, match.start())
        if ordinal and ordinal.end() > end and not lowered[ordinal.end() : ordinal.end() + 1].isalpha():
            found.append((match.start(), ordinal.end(), float(ordinal.group(1)), True))
            continue
        if match.start() > 0 and lowered[match.start() - 1].isascii() and lowered[match.start() - 1].isalpha():
            continue  # part of a word or code ('covid19', 'h2o'), not a figure
        found.append((match.start(), end, float(match.group(0).replace(",", "")), False))
    pronouns = [m.span() for m in PRONOUN_ONE.finditer(lowered)]
    fractions = [m.span() for m in FRACTION.finditer(lowered) if fraction(m.group(1), m.group(2)) is not None]
    for match in WORD.finditer(lowered):
        if match.start() > 0 and lowered[match.start() - 1].isalnum():
            continue
        if any(a <= match.start() < b for a, b in pronouns + fractions):
            continue
        if _word_number(match.group(0)) is not None:
            found.append((match.start(), match.end(), *_word_number(match.group(0))))
    return _joined(found, lowered)


def _joined(found: list, lowered: str) -> list[tuple[int, int, float, bool]]:
    """Adjacent number words read as one number ('seventy three', 'one hundred and two')."""
    found.sort()
    merged = []
    for span in found:
        if merged and _continues(merged[-1], span, lowered):
            start = merged[-1][0]
            words = lowered[start : span[1]].replace("-", " ")
            value = _word_number(words)
            if value is not None:
                merged[-1] = (start, span[1], *value)
                continue
        merged.append(span)
    return merged


def _continues(left, right, lowered: str) -> bool:
    gap = lowered[left[1] : right[0]]
    words = lowered[left[0] : left[1]]
    return not words[:1].isdigit() and not left[3] and re.fullmatch(r"[\s-]+(?:and\s+)?", gap) is not None


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


def places_day(text: str, iso_date: str, page_day: str | None) -> bool:
    """The passage places the day: it states the date, or, read on a page dated `page_day`, says
    'yesterday', 'today' or 'tomorrow' of it, or names its weekday within a week of the page's day
    (a page may misdate itself by a day: 'tomorrow, Sunday' on a page dated Friday still names the
    Sunday). A passage that names no day at all places only the page's own day."""
    import datetime

    if states_date(text, iso_date):
        return True
    if page_day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso_date):
        return False
    day, page = datetime.date.fromisoformat(iso_date), datetime.date.fromisoformat(page_day)
    lowered = text.lower()
    relative = {RELATIVE_DAYS[w] for w in re.findall(rf"\b({'|'.join(RELATIVE_DAYS)})\b", lowered)}
    weekdays = set(re.findall(rf"\b({'|'.join(WEEKDAYS)})\b", lowered))
    if relative or weekdays:
        by_weekday = WEEKDAYS[day.weekday()] in weekdays and abs((day - page).days) <= 7
        return (day - page).days in relative or by_weekday
    return day == page
