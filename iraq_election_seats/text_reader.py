"""Reading any text for what it says about the election results: which list, which election, which
measure, which number, with where each stands.

The reader knows nothing of the record: it is given the names to look for (spelling -> key) and
the elections (id, year, polling day), and returns statements with character offsets into the text
it was given. The checker compares them with the record; the same function reads a single quote
back, so a claim's structured reading can be checked against its words. It imports no pandas.

Arabic script is folded before names are matched (hamza and alef forms, taa marbuta, alef maqsura,
Persian letters, diacritics, tatweel, «» and other quotes), Arabic-Indic and Persian digits are read
as digits, and English number words through `numbers.number_spans`. Every pattern is a plain `re`
with bounded repetition, run on sentences of bounded length; the work a text may cost is bounded
by the named limits in `limits.py`, each with a finding of its own.
"""

import datetime
import re
import unicodedata
from bisect import bisect_left
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache

from .limits import MAX_CHECK_FIGURES, MAX_CHECK_STATEMENTS, MAX_SENTENCE_CHARS
from .numbers import CACHED_TEXT_CHARACTERS, MONTHS, number_spans

DIGIT_FORMS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪", "01234567890123456789.,%")
ARABIC_FOLD = str.maketrans("أإآٱىةیکؤئ", "اااايهيكوي")
DROPPED = {0x0640} | set(range(0x064B, 0x0660)) | {0x0670}
SPACED = set('«»“”„"()[]{}‹›‐-–—/•·:') | {"\u00a0"}
UNSPOKEN = set("'’‘`´")
LETTER = r"0-9a-z\u0600-\u06ff"
ARABIC_PREFIX = "(?:[وبلفك](?=[\u0600-\u06ff]))?"

MEASURES_OF_LISTS = {"seats", "votes", "share", "rank", "change"}
COUNTS = {"seats", "votes", "share"}
SEAT_WORD = r"(?:seats?|مقعد[اًا]?|مقاعد|كرسي|کرسی)"
STATUS_CUES = [
    ("ratified", re.compile(r"\b(?:ratif\w{0,6}|certif\w{0,6})|صادق\w{0,4}|المصادقة|مصادقة")),
    (
        "final",
        re.compile(
            r"\bfinal\s(?:\w+\s){0,2}?(?:results?|figures?|count|tally|tallies|outcome)|النتائج\sالنهائية|نتائج\sنهائية|النهائية"
        ),
    ),
    (
        "preliminary",
        re.compile(
            r"\b(?:preliminary|initial|provisional|partial|early)\s(?:\w+\s){0,2}?(?:results?|figures?|count|data|tally|numbers)|\bpreliminary\b|initial(?:ly)?\sresults|النتائج\sالأولية|نتائج\sأولية|الأولية|الاولية"
        ),
    ),
]
COMPARISON_CUES = [
    (">=", re.compile(r"(?:at least|no fewer than|لا يقل عن)\s?$")),
    (">", re.compile(r"(?:more than|over|above|upwards of|أكثر من|اكثر من)\s?$")),
    ("<=", re.compile(r"(?:up to|at most|no more than)\s?$")),
    ("<", re.compile(r"(?:fewer than|less than|under|below|أقل من|اقل من)\s?$")),
    (
        "about",
        re.compile(
            r"(?:nearly|almost|about|around|roughly|approximately|some|an estimated|estimated|close to|نحو|بنحو|حوالي|قرابة)\s?$"
        ),
    ),
]
NEGATION = re.compile(r"\b(?:not|never|no|didn[’']t|failed to)\b|لم\s|ليس|لا\s")
ATTRIBUTION = re.compile(
    r"\b(?:according to|said|says|claimed|claims|reported|reports|cited by|announced|showed|show)\b|وفق|بحسب|حسب|أعلن\w{0,3}|قال\w{0,2}|ذكرت"
)
# Where one clause of a sentence ends for the purpose of a year or a 'previous' cue.
CLAUSE_BREAK = re.compile(
    r"[,;،؛]|\b(?:compared (?:to|with)|from|against|versus|while|whereas|but|than|up from|down from)\b|\bto\s(?=\d)|مقابل|مقارنة|بعد\s?[اأ]ن\sكان"
)
PREVIOUS = re.compile(
    r"\b(?:previous|last|outgoing|prior)\s(?:\w+\s)?(?:parliament|assembly|elections?|vote|house|legislature)\b|(?:في|ب)\s?(?:البرلمان|الانتخابات|الدورة|المجلس)\s(?:السابق|السابقة|الماضية|الماضي)"
)
MODIFIER = re.compile(
    r"(?:led by|headed by|consisting of|composed of|comprising|including|includes|which includes|allied with|ally of|an ally of|as well as|بزعامة|برئاسة|يتزعمها|لزعيم|التابعة ل|التابع ل|المتحالف مع|ويضم|تضم|يضم)[^,;.،]{0,40}$"
)
FOLLOWING = re.compile(r"followed by|ahead of|than|before|over|تليها|يليه|يليها|تلاه|تلتها")
AFTER_LINK = re.compile(r"^\s?(?:for|to|went to|(?:secured|won|held|obtained|taken|gained|received) by)\s(?:the\s)?")
SAME_LIST_AGAIN = re.compile(
    r"\b(?:compared (?:to|with)|up from|down from|than)\s(?:their|its)\b|مقارنة\sب(?:ـ)?(?:مقاعدها|مقاعده)"
)
EACH = re.compile(r"^\s?(?:each|apiece|لكل منهما|لكل منها)")
TURNOUT = re.compile(
    r"turnout|participation|voters? cast|(?:eligible|registered) voters|نسبة\s(?:ال)?مشاركة|المشاركة|الاقبال|الإقبال"
)
PERCENT_AFTER = re.compile(r"^\s?(?:%|percent\b|per cent\b|pc\b|في\s?الم[ئا]ة|بالم[ئا]ة)")
# members elected stand for the seats they hold: '54 MPs', '73 deputies', '«73 نائبا»'
MEMBER_WORD = r"(?:deputies|mps|lawmakers|legislators|نائب[اًا]{1,2}|نواب)"
UNIT_SEATS = re.compile(rf"^\s?(?:more\s|additional\s|new\s)?(?:{SEAT_WORD}|{MEMBER_WORD})(?![a-z])")
# a count written as the Arabic dual or with 'one' after it: «مقعدان», «بمقعدين», «مقعد واحد»
SEATS_IN_WORDS = re.compile(
    r"(?<![\u0600-\u06ff])[وبف]?(مقعدان|مقعدين|مقعد[اًا]{0,2}\sواحد[اًا]{0,2})(?![\u0600-\u06ff])"
)
UNIT_VOTES = re.compile(r"^\s?(?:(million|thousand|ألف|الف|مليون)\s)?(?:votes?\b|ballots\b|صوت[اًا]?|اصوات|أصوات)")
SCALE = {"million": 1e6, "مليون": 1e6, "thousand": 1e3, "ألف": 1e3, "الف": 1e3}
TOTAL_AFTER = re.compile(
    r"^(?:-\s?(?:seat|sear|member)s?\b|\s(?:seat|member)\s(?:national\s)?(?:assembly|parliament|house|chamber|legislature|council)|\s(?:members|seats)\s(?:of|in)\sthe\s(?:council of representatives|iraqi parliament|house|chamber|legislature)\b|\s?مقعدا?\s(?:هي\s)?(?:عدد\s)?مقاعد\sالبرلمان)"
)
TOTAL_BEFORE = re.compile(
    r"(?:(?:parliament|assembly|house|chamber|legislature)[’']?s\s(?:total\s)?(?:of\s)?|seats?\sout\sof\s|total\sof\s|البالغ\sعددها\s|(?:البرلمان|مجلس\sالنواب)(?:\s\S+){0,2}\sمن\s|المكون\sمن\s|المؤلف\sمن\s)$"
)
CHANGE_BEFORE = re.compile(
    r"(?:\b(?:lost|losing|loses|gained|gaining|gains|won an additional|added|picked up|shed|dropped|increase of|decrease of|gain of|loss of|up by|down by)\s(?:\w+\s)?|(?:خسر\w{0,2}|فقد\w{0,2}|زاد(?:ت)?\s\S+|بزيادة|زيادة|تراجع\w{0,2})(?:\s\S+){0,5}\sبواقع\s|(?:خسر\w{0,2}|فقد\w{0,2}|زاد(?:ت)?\s\S+|بزيادة)\s)$"
)
LOSS = re.compile(r"lost|losing|loses|shed|dropped|decrease|loss|down|خسر|فقد|تراجع")
RANK_BEFORE = re.compile(
    r"(?:came|come|comes|coming|ranked|ranking|finished|placed|took|taking|in|at)\s(?:in\s)?(?:the\s)?$"
)
RANK_AFTER = re.compile(r"^\s?(?:place|position|spot|overall|largest|biggest)")
ARABIC_ORDINALS = {
    "الاولى": 1,
    "الاول": 1,
    "اولا": 1,
    "الثانية": 2,
    "الثاني": 2,
    "ثانيا": 2,
    "الثالثة": 3,
    "الثالث": 3,
    "ثالثا": 3,
    "الرابعة": 4,
    "الرابع": 4,
    "رابعا": 4,
    "الخامسة": 5,
    "الخامس": 5,
    "خامسا": 5,
}
ARABIC_RANK = re.compile(
    r"(?:المرتبة|المركز)\s("
    + "|".join(ARABIC_ORDINALS)
    + r")|(?:حل|جاء|حلت|جاءت)\s(?:\S+\s){0,4}?(ثانيا|ثالثا|رابعا|خامسا|اولا)"
)
FIRST_PLACE = re.compile(
    r"\b(?:the\s)?(?:largest|biggest|top)\s(?:vote\s)?(?:winner|bloc|party|list|coalition|alliance|number of seats)|\bthe winner of the elections?\b|\bwon (?:the )?most seats\b|(?:أعلى|أكبر|اكبر|اعلى)\sعدد\s(?:من\s)?(?:ال)?مقاعد|\bcame first\b|\bfirst place\b|في\sالمقدمة|الكتلة\sالأكبر|الكتلة\sالاكبر|تصدر\w{0,2}"
)
REGIONAL = re.compile(
    r"\bamong (?:the )?(?:kurdish|sunni|shiite|shia|arab|turkmen|christian)|\bin (?:the )?kurdistan region|في إقليم|إقليم كردستان|الأحزاب الكردية"
)
SUBNATIONAL = re.compile(
    r"\b(?:province|governorate|in kirkuk|in baghdad|in nineveh|in basra)\b|محافظة\s|للعاصمة|في كركوك"
)
NATIONAL = re.compile(r"^\s?(?:\w+\s){0,2}?(?:overall|in the country|nationally|nationwide)")
MONTH_WORD = "|".join(rf"{m}|{m[:3]}\.?" for m in MONTHS) + "|sept\\.?"
ARABIC_MONTHS = {
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "أبريل": 4,
    "ابريل": 4,
    "مايو": 5,
    "أيار": 5,
    "ايار": 5,
    "يونيو": 6,
    "يوليو": 7,
    "أغسطس": 8,
    "اغسطس": 8,
    "سبتمبر": 9,
    "أكتوبر": 10,
    "اكتوبر": 10,
    "تشرين الأول": 10,
    "تشرين الاول": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}
ARABIC_DAYS = {
    "الأول": 1,
    "الثاني": 2,
    "الثالث": 3,
    "الرابع": 4,
    "الخامس": 5,
    "السادس": 6,
    "السابع": 7,
    "الثامن": 8,
    "التاسع": 9,
    "العاشر": 10,
    "الحادي عشر": 11,
    "الثاني عشر": 12,
}
DATE = re.compile(
    rf"\b(?:(?P<m1>{MONTH_WORD})\s(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s(?P<y1>(?:19|20)\d\d))?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<m2>{MONTH_WORD})(?:,?\s(?P<y2>(?:19|20)\d\d))?)(?![a-z])"
    rf"|(?P<d3>\d{{1,2}})\s(?:من\s)?(?P<m3>{'|'.join(ARABIC_MONTHS)})(?:\s(?P<y3>(?:19|20)\d\d))?"
    rf"|(?P<d4>{'|'.join(sorted(ARABIC_DAYS, key=len, reverse=True))})\sمن\s(?:شهر\s)?(?P<m4>{'|'.join(ARABIC_MONTHS)})"
)
ELECTION_AFTER_DATE = re.compile(
    r"^\s?(?:\w+\s){0,2}?(?:elections?|vote|polls?|ballot)\b|^\s?(?:\S+\s){0,2}?(?:الانتخابات|انتخابات|الاقتراع)"
)
ELECTION_BEFORE_DATE = re.compile(
    r"(?:(?:elections?|vote|polls?|voting)\s(?:was\s|were\s)?(?:held\s)?on\s|held\son\s|(?:جرت|[أا]\u064f?جريت)\s(?:\S+\s){0,3}?في\s)(?:the\s)?$"
)
# a year a figure is compared with is the election before, not the one the text is about:
# 'compared to their 2018 performance', 'up from 54 in 2018'
COMPARED_YEAR = re.compile(
    r"(?:compared (?:to|with)|than|up from|down from|from \d+ in|مقارنة\sب|مقارنة\sمع)\s(?:the\s|their\s|its\s|ال)?(?:\S+\s){0,2}?$"
)
IN_YEAR = re.compile(r"\bin (?:the )?((?:19|20)\d\d)\b|في\s(?:انتخابات\s)?((?:19|20)\d\d)")
YEAR = re.compile(r"(?<![0-9])(?:19|20)\d\d(?![0-9])")
SENTENCE_END = re.compile(r"(?<=[.!?؟])[\"'”’»)]?\s+|\n+")
ABBREVIATION = re.compile(rf"(?:\b(?:{MONTH_WORD}|mr|mrs|dr|st|no|u\.s|u\.n|vs|approx|gen|col|lt)\.|\b[a-z]\.)$")


@dataclass(frozen=True)
class Election:
    """An election the reader can name: its id, year and polling day (YYYY-MM-DD, or None)."""

    election_id: str
    year: int
    day: str | None = None


ID_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}$")


def year_of_id(election_id: str) -> int | None:
    """The year an election's id ends with as a word of its own ('cor-2021'), or None: 'cor-s002018'
    names no year, so a copy with many elections cannot lend one of them another's year."""
    found = ID_YEAR.search(str(election_id))
    return int(found.group(0)) if found else None


@dataclass
class Statement:
    """One statement about the results, with where each of its parts stands in the text read.

    `subject` is the key of the name found for it (as given in the names); `value` is a number or,
    for a date, YYYY-MM-DD. `reason` is set when no list could be attached to a list's figure.
    """

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    measure: str
    value: float | str
    number_start: int
    number_end: int
    election: str | None
    election_cue: str
    subject: str | None = None
    name: str | None = None
    name_start: int | None = None
    name_end: int | None = None
    comparison: str = "="
    negated: bool = False
    stated_status: str | None = None
    status_cue: str | None = None
    attribution: str | None = None
    reason: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Reading:
    """What a text says: statements attached to a list (or about the election as a whole), figures
    no list could be attached to, the words that give the results a status, and the limits the text
    ran into."""

    statements: list[Statement] = field(default_factory=list)
    unattached: list[Statement] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    # every word that gives the results a status: (start, end, 'preliminary' | 'final' | 'ratified')
    statuses: list[tuple[int, int, str]] = field(default_factory=list)


GONE, APOSTROPHE = "\x00", "\x01"
POSSESSIVE = re.compile(rf"{APOSTROPHE}s(?![{LETTER}])")
SPACES = re.compile(r"^ +| {2,}")


def _folded(char: str) -> str:
    """One character as names are matched, always one character: GONE for one that is dropped."""
    if char in UNSPOKEN:
        return APOSTROPHE
    if ord(char) in DROPPED or unicodedata.category(char) in ("Cf", "Mn"):
        return GONE
    if char in SPACED or char.isspace() or unicodedata.category(char) == "Cc":
        return " "
    folded = char.translate(ARABIC_FOLD).lower()
    if not folded.isascii() and not "\u0600" <= folded[:1] <= "\u06ff":
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return folded[:1] or GONE


def fold(text: str) -> tuple[str, list[int]]:
    """The text as names are matched: lower case, Latin accents and Arabic diacritics and tatweel
    dropped, Arabic letter forms unified, quotes, brackets and dashes as spaces, a possessive 's
    dropped ("al-Sadr’s movement" as "al sadr movement"), one space at most; with, for each folded
    character, the offset of the character it came from. Each distinct character is folded once,
    and the text translated at once, so a long text costs little more than a pass over it."""
    one = text.translate({ord(c): _folded(c) for c in set(text)})
    one = POSSESSIVE.sub(GONE + GONE, one).replace(APOSTROPHE, GONE)
    where = [i for i, c in enumerate(one) if c != GONE]
    kept = one.replace(GONE, "")
    # a run of spaces keeps its first space; spaces at the start go
    texts, offsets, last = [], [], 0
    for match in SPACES.finditer(kept):
        cut = match.start() + (match.start() > 0)
        texts.append(kept[last:cut])
        offsets += where[last:cut]
        last = match.end()
    texts.append(kept[last:])
    offsets += where[last:]
    return "".join(texts), offsets


class Names:
    """The names to look for: each spelling, folded, with the key it stands for (a spelling with
    several keys keeps them all, in the order given), and for a key that stands for a list of one
    election only, that election (`only_in`): 'Sairoon' ran in 2018, 'Taqaddum' in 2021."""

    def __init__(self, spellings, only_in: dict[str, str] | None = None):
        self.only_in = only_in or {}
        self.keys: dict[str, list[str]] = {}
        for spelling, key in spellings:
            folded = fold(spelling)[0].strip()
            if len(folded) >= 2 and key not in self.keys.setdefault(folded, []):
                self.keys[folded].append(key)
        alternatives = "|".join(re.escape(s) for s in sorted(self.keys, key=len, reverse=True))
        self.pattern = (
            re.compile(rf"(?<![{LETTER}]){ARABIC_PREFIX}({alternatives})(?![{LETTER}])") if alternatives else None
        )

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, key, spelling as written) of every name in `text`, leftmost-longest."""
        if self.pattern is None:
            return []
        folded, where = fold(text)
        found = []
        for match in self.pattern.finditer(folded):
            start, end = where[match.start(1)], where[match.end(1) - 1] + 1
            found.append((start, end, self.keys[match.group(1)][0], text[start:end]))
        return found


# A package's spellings of bloc names are the same from one validation to the next in a process
# that validates many copies or checks many texts, and folding them and compiling their pattern
# cost about 2% of a validation: a set of spellings this small is made into Names once and kept
# (at most KEPT_NAMES sets), so what stays in memory after a run is bounded.
CACHED_SPELLINGS = 1_000
CACHED_SPELLING_CHARACTERS = 1 << 16
KEPT_NAMES = 64


def names_for(spellings: list[tuple[str, str]]) -> Names:
    """Names(spellings), the same object for the same spellings while it is kept. Names is never
    changed once made, so sharing it is safe."""
    spellings = tuple(spellings)
    small = len(spellings) <= CACHED_SPELLINGS
    if small and sum(len(spelling) + len(key) for spelling, key in spellings) <= CACHED_SPELLING_CHARACTERS:
        return _kept_names(spellings)
    return Names(spellings)


class KeptNames(Names):
    """Names kept by names_for: small, never changed, and the same object for the same spellings
    from one run to the next, so what is read with them can be kept too (read_kept)."""


@lru_cache(maxsize=KEPT_NAMES)
def _kept_names(spellings: tuple) -> Names:
    return KeptNames(spellings)


# A claim's quote is read with the same names in each validation a process makes: with kept names
# and at most CACHED_ELECTIONS elections, a quote as short as a passage whose numbers are kept
# (CACHED_TEXT_CHARACTERS) is read once (at most KEPT_READINGS quotes).
CACHED_ELECTIONS = 64
KEPT_READINGS = 4096


def read_kept(text: str, names: Names, elections: list[Election]) -> Reading:
    """read(text, names, elections), the same Reading for the same text, kept names and elections
    while it is kept; callers only look at it."""
    small = len(elections) <= CACHED_ELECTIONS and len(text) <= CACHED_TEXT_CHARACTERS
    if small and isinstance(names, KeptNames):
        return _kept_reading(text, names, tuple(elections))
    return read(text, names, elections)


@lru_cache(maxsize=KEPT_READINGS)
def _kept_reading(text: str, names: Names, elections: tuple) -> Reading:
    return read(text, names, list(elections))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at line ends and at a full stop, question or exclamation
    mark followed by space (not after an abbreviation such as 'Oct.' or 'U.S.'); a sentence longer than
    MAX_SENTENCE_CHARS is read in pieces of that length."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        stop = "\n" not in match.group(0)
        if stop and ABBREVIATION.search(text[max(start, match.start() - 12) : match.start()].lower()):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    pieces = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        for cut in range(a, b, MAX_SENTENCE_CHARS):
            pieces.append((cut, min(b, cut + MAX_SENTENCE_CHARS)))
    return [(a, b) for a, b in pieces if b > a]


def read(text: str, names: Names, elections: list[Election]) -> Reading:
    """Every statement about the results in `text` (offsets in characters of `text`)."""
    reading = Reading()
    plain = text.translate(DIGIT_FORMS)
    lowered = plain.lower()
    found_names = names.find(text)
    context = Context(lowered, elections, found_names, names.only_in)
    name_starts = [n[0] for n in found_names]
    reading.statuses = [(at, at + len(cue), kind) for at, kind, cue in context.statuses]
    figures = 0
    for start, end in sentences(plain):
        sentence = lowered[start:end]
        inside = found_names[bisect_left(name_starts, start) : bisect_left(name_starts, end)]
        for statement in read_sentence(sentence, start, inside, context):
            figures += 1
            if figures > MAX_CHECK_FIGURES or len(reading.statements) >= MAX_CHECK_STATEMENTS:
                reading.findings.append(
                    f"[limits] the text holds more than {MAX_CHECK_STATEMENTS} statements or "
                    f"{MAX_CHECK_FIGURES} figures (MAX_CHECK_STATEMENTS, MAX_CHECK_FIGURES); reading stopped at "
                    f"offset {start}"
                )
                return reading
            (reading.unattached if statement.reason else reading.statements).append(statement)
    return reading


LEAP_YEAR = 2000  # a day named without its year may be 29 February
NOT_A_DAY = "not a calendar day"


def _calendar_day(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


class Context:
    """What a sentence's reading needs from the rest of the text: the elections it names and the
    result status it last stated."""

    def __init__(self, lowered: str, elections: list[Election], found_names: list, only_in: dict[str, str]):
        self.lowered = lowered
        self.by_year = {e.year: e for e in elections}
        self.by_id = {e.election_id: e for e in elections}
        self.by_day = {e.day[5:]: e for e in elections if e.day}
        self.ordered = sorted(elections, key=lambda e: e.year)
        self.only_in = only_in
        self.main, self.main_cue = self.main_election(lowered, found_names)
        self.statuses = sorted(
            (m.start(), kind, m.group(0)) for kind, cue in STATUS_CUES for m in cue.finditer(lowered)
        )
        self.status_starts = [s[0] for s in self.statuses]

    def main_election(self, lowered: str, found_names: list) -> tuple[Election | None, str]:
        """The election the text is about: the one its years, polling days (three times as heavy)
        and lists of one election only point to most; a tie leaves it ambiguous."""
        votes = {}
        pointers = [
            self.by_year[int(y.group(0))].election_id
            for y in YEAR.finditer(lowered)
            if int(y.group(0)) in self.by_year and not COMPARED_YEAR.search(lowered[max(0, y.start() - 40) : y.start()])
        ]
        pointers += [e.election_id for _, _, e in self.dates(lowered) if e is not None] * 3
        pointers += [self.only_in[name[2]] for name in found_names if name[2] in self.only_in]
        for election in pointers:
            votes[election] = votes.get(election, 0) + 1
        ranked = sorted(votes.items(), key=lambda v: -v[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None, "ambiguous: the text's years, polling days and lists point to no one election"
        election = self.by_id[ranked[0][0]]
        return election, f"the election the text is about ({election.year}: its years, polling days and lists)"

    def dates(self, text: str):
        """(span, ISO day or None, election whose polling day it is) of each day `text` names; a day
        its month does not have (31 February) is named, so its figures are no counts, but gives
        NOT_A_DAY, never a date that is none."""
        for match in DATE.finditer(text):
            month_text = match.group("m1") or match.group("m2")
            if month_text:
                month = next(i for i, m in enumerate(MONTHS, 1) if month_text.rstrip(".").startswith(m[:3]))
            else:
                month = ARABIC_MONTHS[match.group("m3") or match.group("m4")]
            day = int(match.group("d1") or match.group("d2") or match.group("d3") or ARABIC_DAYS[match.group("d4")])
            year = match.group("y1") or match.group("y2") or match.group("y3")
            if not 1 <= day <= 31:
                continue
            if not _calendar_day(int(year) if year else LEAP_YEAR, month, day):
                yield match.span(), NOT_A_DAY, None
                continue
            election = self.by_day.get(f"{month:02d}-{day:02d}")
            if year and (election is None or election.year != int(year)):
                election = None
            iso = f"{year}-{month:02d}-{day:02d}" if year else election.day if election else None
            yield match.span(), iso, election

    def previous(self, election: Election | None) -> Election | None:
        earlier = [e for e in self.ordered if election and e.year < election.year]
        return earlier[-1] if earlier else None

    def status_at(self, sentence_start: int, sentence_end: int, position: int) -> tuple[str | None, str | None]:
        """The result status the text states for a figure: the nearest cue in its sentence, else the
        last one stated before the sentence."""
        clause = clause_of(self.lowered[sentence_start:sentence_end], position - sentence_start)
        first = bisect_left(self.status_starts, sentence_start)
        sentence = self.statuses[first : bisect_left(self.status_starts, sentence_end)]
        inside = [s for s in sentence if sentence_start + clause[0] <= s[0] < sentence_start + clause[1]]
        inside = inside or [s for s in sentence if s[0] < position]
        if inside:
            _, kind, cue = min(inside, key=lambda s: abs(s[0] - position))
            return kind, cue
        return (self.statuses[first - 1][1], self.statuses[first - 1][2]) if first else (None, None)


def clause_of(sentence: str, position: int) -> tuple[int, int]:
    """The clause of `sentence` around `position` (offsets within the sentence)."""
    start, end = 0, len(sentence)
    for match in CLAUSE_BREAK.finditer(sentence):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


def read_sentence(sentence: str, offset: int, found_names: list, context: Context):
    """The statements of one sentence (lower-cased, digits as ASCII); offsets into the whole text."""
    dates = list(context.dates(sentence))
    date_spans = [span for span, _, _ in dates]
    figures = []
    for span, iso, election in dates:
        after, before = sentence[span[1] : span[1] + 60], sentence[max(0, span[0] - 60) : span[0]]
        if ELECTION_AFTER_DATE.match(after) or ELECTION_BEFORE_DATE.search(before):
            figures.append(("election_date", span, iso, election))
    numbers = [
        n
        for n in number_spans(sentence)
        if not any(a <= n[0] < b for a, b in date_spans) and not (YEAR.fullmatch(sentence[n[0] : n[1]]))
    ]
    for start, end, value, ordinal in numbers:
        measure, value, end = measure_of(sentence, start, end, value, ordinal)
        if measure:
            figures.append((measure, (start, end), value, None))
    for match in SEATS_IN_WORDS.finditer(sentence):
        change = CHANGE_BEFORE.search(sentence[max(0, match.start() - 80) : match.start()])
        value = 2.0 if match.group(1).startswith("مقعد" + "ان") or match.group(1).endswith("ين") else 1.0
        figures.append(("change" if change else "seats", match.span(1), value, None))
    for match in ARABIC_RANK.finditer(sentence):
        group = 1 if match.group(1) else 2
        figures.append(("rank", match.span(group), float(ARABIC_ORDINALS[match.group(group)]), None))
    for match in FIRST_PLACE.finditer(sentence):
        if not any(f[0] == "rank" and abs(f[1][0] - match.start()) < 30 for f in figures):
            figures.append(("rank", match.span(), 1.0, None))
    if SUBNATIONAL.search(sentence):  # seats of one province or region are not the list's national result
        figures = [f for f in figures if f[0] not in MEASURES_OF_LISTS]
    elif REGIONAL.search(sentence):  # 'first among the Kurdish parties' is no national place
        figures = [f for f in figures if f[0] != "rank" or NATIONAL.match(sentence[f[1][1] : f[1][1] + 30])]
    names = [(a - offset, b - offset, key, text) for a, b, key, text in found_names]
    figures.sort(key=lambda f: f[1])
    list_figures = [f for f in figures if f[0] in MEASURES_OF_LISTS]
    for measure, (start, end), value, date_election in figures:
        for statement in build(
            sentence, offset, measure, start, end, value, date_election, names, list_figures, context
        ):
            if value is NOT_A_DAY:  # unattached, with why: no record can judge a day that is none
                statement.value, statement.reason = None, "the day it names is not a calendar day"
            yield statement


def measure_of(sentence: str, start: int, end: int, value: float, ordinal: bool):
    """(measure, value, end of the figure with its unit) of a number, or (None, value, end)."""
    after, before = sentence[end : end + 80], sentence[max(0, start - 80) : start]
    if ordinal:
        if RANK_BEFORE.search(before) or RANK_AFTER.match(after):
            return "rank", value, end
        return None, value, end
    unit_after = PERCENT_AFTER.match(after)
    if unit_after or before.endswith("%"):  # '44%' or, as Arabic is often typed, '%44'
        window = sentence[max(0, start - 100) : end + 60]
        return ("turnout" if TURNOUT.search(window) else "share"), value, end + (unit_after.end() if unit_after else 0)
    if TOTAL_AFTER.match(after) or TOTAL_BEFORE.search(before):
        return "total_seats", value, end
    votes = UNIT_VOTES.match(after)
    if votes:
        return "votes", value * SCALE.get(votes.group(1) or "", 1), end + votes.end()
    seats = UNIT_SEATS.match(after)
    bare = (
        not seats
        and value.is_integer()
        and 1 <= value <= 999
        and re.match(r"^\s?(?:[,;.)]|and\b|while\b|each\b|$)", after)
    )
    if seats or (bare and re.search(SEAT_WORD, sentence)):
        change = CHANGE_BEFORE.search(before)
        if change:
            return "change", -value if LOSS.search(change.group(0)) else value, end + (seats.end() if seats else 0)
        return "seats", value, end + (seats.end() if seats else 0)
    return None, value, end


def build(sentence, offset, measure, start, end, value, date_election, names, list_figures, context):
    """The statements one figure makes: one, or one per list for '9 seats each'."""
    clause = clause_of(sentence, start)
    kind, status_cue = context.status_at(offset, offset + len(sentence), offset + start)
    before = sentence[max(0, start - 40) : start]  # 'more than', 'did not': the words just before the figure
    comparison = next((sign for sign, cue_ in COMPARISON_CUES if cue_.search(before[-30:])), "=")
    attribution = ATTRIBUTION.search(sentence)
    statement = Statement(
        start=offset + start,
        end=offset + end,
        sentence_start=offset,
        sentence_end=offset + len(sentence),
        measure=measure,
        value=value,
        number_start=offset + start,
        number_end=offset + end,
        election=None,
        election_cue="",
        comparison=comparison,
        negated=bool(NEGATION.search(before[-40:])),
        stated_status=kind,
        status_cue=status_cue,
        attribution=attribution.group(0) if attribution else None,
    )
    subjects = attach(statement, sentence, start, end, names, list_figures) if measure in MEASURES_OF_LISTS else []
    for name in subjects or [None]:
        each = replace(statement)
        if name is not None:
            named(each, name, offset)
        each.election, each.election_cue = election_of(
            sentence, start, end, clause, date_election, list_figures, context, each.subject
        )
        yield each


def election_of(sentence, start, end, clause, date_election, list_figures, context, subject=None):
    """(the election a figure speaks of, why): a polling day, a year in its clause with no other
    figure between, 'the previous parliament', a list that ran in one election only, else the
    election the text is about; or None, ambiguous, and why."""
    if date_election is not None:
        return date_election.election_id, "the polling day it names"
    part = sentence[clause[0] : clause[1]]
    others = [f[1][0] for f in list_figures if f[1][0] != start]
    for year in YEAR.finditer(part):
        at = clause[0] + year.start()
        election = context.by_year.get(int(year.group(0)))
        between = [o for o in others if min(at, start) < o < max(at, end)]
        if election and not between:
            return election.election_id, f"the year {year.group(0)} in its clause"
    for year in IN_YEAR.finditer(sentence[: clause[0]]):  # 'In the 2018 elections, Sairoon won 54 seats'
        election = context.by_year.get(int(year.group(1) or year.group(2)))
        if election and not [o for o in others if year.end() < o < start]:
            return election.election_id, f"'{year.group(0)}' earlier in its sentence"
    for day_span, _, election in context.dates(part):
        if election is not None:
            return election.election_id, f"the polling day {part[day_span[0] : day_span[1]]!r} in its clause"
    if PREVIOUS.search(part) and context.previous(context.main):
        return context.previous(context.main).election_id, "'previous' election, before the one the text is about"
    if context.main is not None:
        return context.main.election_id, context.main_cue
    if subject in context.only_in:
        return context.only_in[subject], "the list ran in this election only"
    return None, context.main_cue


def attach(statement: Statement, sentence, start, end, names, list_figures) -> list:
    """The list a figure is about: one named right after it ('14 seats for the Azm Alliance'), else
    for a first place the nearest name either side, else the nearest name before it in its
    sentence with no other list figure between, skipping names that only describe another list
    ('consisting of the Nassar and Hekma coalitions')."""
    subjects = [n for n in names if not MODIFIER.search(sentence[max(0, n[0] - 60) : n[0]])]
    link = AFTER_LINK.match(sentence[end : end + 40])
    if link:
        after = [n for n in subjects if end <= n[0] <= end + link.end() + 2]
        if after:
            return after[:1]
    if statement.measure == "rank" and statement.value == 1.0:
        # 'X won the most seats', or 'the largest bloc ... that of X'; not 'the most seats, followed by Y'
        close = [n for n in subjects if n[1] <= start and start - n[1] <= 60]
        after = [n for n in subjects if n[0] >= end and n[0] - end <= 80 and not FOLLOWING.search(sentence[end : n[0]])]
        if close or after:
            return (close[-1:]) or after[:1]
    before = [n for n in subjects if n[1] <= start and start - n[1] <= 250]
    if EACH.match(sentence[end : end + 20]):
        last = max((f[1][1] for f in list_figures if f[1][1] <= start), default=0)
        group = [n for n in before if n[0] >= last]
        if group:
            return group
    if not before:
        statement.reason = "no list is named before it in its sentence"
        return []
    nearest = before[-1]
    # 'came third with 37 seats', 'gained 12 seats to reach 37', '25 seats, putting it fifth' speak of one
    # list; a count between a count and its name is another list's, as is a place between two places
    blocking = COUNTS if statement.measure in COUNTS else {statement.measure}
    between = [f for f in list_figures if nearest[1] <= f[1][0] < start and f[0] in blocking]
    if between and SAME_LIST_AGAIN.search(sentence[between[-1][1][1] : start]):
        return [nearest]  # '16 seats, compared to their 2018 performance of 48': the same list's earlier count
    if between:
        statement.reason = f"another {between[0][0]} figure stands between it and the nearest list name"
        return []
    return [nearest]


def named(statement: Statement, name, offset: int) -> None:
    statement.subject, statement.name = name[2], name[3]
    statement.name_start, statement.name_end = offset + name[0], offset + name[1]
    statement.start = min(statement.start, statement.name_start)
    statement.end = max(statement.end, statement.name_end)
