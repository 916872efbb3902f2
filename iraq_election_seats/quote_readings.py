"""Layer 4: each reading read back from its own quote, by the reader that reads any text.

A number that appears in its quote (number-in-quote) can still stand in the wrong role: 'came
second with 38 seats' holds a 2 and a 38, and '2018' is a year, never a count. A quote can be
moved to another list, a comparison turned round, a 'did not' cut from before the quote, an
allegation made the report's own finding, a date with no year moved by years. Each claim and
each reading of claim_readings.csv is read back from its claim's quote (text_reader.read, with
the package's names of the blocs) and from the words of its sentence just before the quote; a
reading that disagrees with what the words say is a finding. The package's own readings needed
no override: where the reader misread a quote, the reader was taught the words.
"""

import re
from dataclasses import dataclass

from .display import missing, show
from .findings import Finding
from .frames import distinct_values, rows_of
from .limits import tick
from .numbers import states_date
from .tables import line_of
from .text_reader import CLAUSE_BREAK, NEGATION, YEAR, Election, Reading, names_for, read_kept, year_of_id

LAYER = "provenance"
COUNTED = {"seats", "rank", "total_seats"}
# words that give a relation's factor: 'more than half the seats' is a factor of 0.5, never 1
FACTORS = [
    (re.compile(r"\bhalf\b"), 0.5),
    (re.compile(r"\b(?:a|one) third\b"), 1 / 3),
    (re.compile(r"\b(?:a|one) quarter\b"), 0.25),
    (re.compile(r"\b(?:twice|double|doubled|two times)\b"), 2.0),
    (re.compile(r"\b(?:three times|triple|tripled)\b"), 3.0),
]
# measure -> cues of which way a relation goes, the first found deciding: fewer seats lost, a
# better (lower) place ahead, fewer votes lower
DIRECTIONS = {
    "seats": [
        (re.compile(r"\b(?:lost|loses|losing|declined?|fell|dropped|down from|shed|fewer)\b"), "<"),
        (re.compile(r"\b(?:gained|gains|increased?|up from|rose)\b"), ">"),
    ],
    "rank": [
        (re.compile(r"\b(?:ahead of|above|before|outpac\w*)\b"), "<"),
        (re.compile(r"\b(?:declined?|behind|below|after|fell)\b"), ">"),
    ],
    "votes": [
        (re.compile(r"\b(?:lower|fewer|less)\b"), "<"),
        (re.compile(r"\b(?:more|higher|greater)\b"), ">"),
    ],
}
# words that make a sentence someone's allegation rather than the report's own finding
ALLEGATION = re.compile(
    r"\b(?:claim(?:ed|s|ing)?|alleg\w*|denounc\w*|accus\w*|insist\w*|charg(?:ed|ing)|said|says|"
    r"described|question(?:ed|ing)|reject\w*|call(?:ed|ing) (?:it|them|the))\b"
)
# words that say the results were contested, or settled, for a reading of their status
CONTESTED = re.compile(
    r"\b(?:rigged|fraud\w*|reject\w*|contest\w*|protest\w*|recount|overturn\w*|question\w*|dispute\w*)\b"
)
SETTLED = re.compile(r"\b(?:confirm\w*|ratif\w*|certif\w*|upheld|final)\b")
BEFORE_CHARS = 60  # how far before a quote its clause is read for a negation or an allegation


@dataclass(frozen=True)
class Quoted:
    """One reading and what it is checked against: its claim's quote and the words before it."""

    file: str
    row: int
    reading_id: str
    claim_id: str
    quote: str
    before: str
    election_id: str
    bloc_id: object
    measure: str
    comparison: object
    value: object
    value_date: object
    ref_election_id: object
    ref_bloc_id: object
    ref_factor: object
    stance: str
    status: object


def elections_of(typed) -> list[Election]:
    """Each election with its polling day (elections.csv, where reported) and its year, read from its
    id ('cor-2021'), as the ids are written: never from a day a pull request can move."""
    found = []
    for election, day in zip(typed["elections"]["election_id"], typed["elections"]["date"]):
        year = year_of_id(election)
        if year:  # an id with no year names no election the reader can place
            found.append(Election(str(election), year, None if missing(day) else str(day)))
    return found


def names_of(typed) -> dict:
    """The bloc names the reader looks for in each source's quotes: the source's own spellings
    (bloc_names.csv) first, then the English and Arabic names of the blocs the claims, readings and
    spellings speak of (a copy with a hundred thousand blocs makes no pattern of them all)."""
    spoken = {str(v) for v in distinct_values(typed["bloc-names"]["bloc_id"])}
    for table in ("claims", "claim-readings"):
        for column in ("bloc_id", "ref_bloc_id"):
            spoken |= {str(v) for v in distinct_values(typed[table][column])}
    blocs = typed["blocs"]
    common = []
    for r in rows_of(blocs[blocs["bloc_id"].astype(str).isin(spoken)], index=False):
        common += [(str(r.name_en), str(r.bloc_id)), (str(r.name_en).split(" (")[0], str(r.bloc_id))]
        if not missing(r.name_ar):
            common.append((str(r.name_ar), str(r.bloc_id)))
    local = {}
    for r in rows_of(typed["bloc-names"], index=False):
        local.setdefault(str(r.source_id), []).append((str(r.name), str(r.bloc_id)))
    return {source: names_for(spellings + common) for source, spellings in local.items()} | {None: names_for(common)}


def clause_before(text: str | None, start) -> str:
    """The words of the quote's clause that stand just before it in its source (lower case)."""
    if text is None or missing(start) or not 0 <= int(start) <= len(text):
        return ""
    before = text[max(0, int(start) - BEFORE_CHARS) : int(start)].lower()
    cut = max((m.end() for m in re.finditer(r"[.!?:\n]", before)), default=0)
    cut = max([cut, *(m.end() for m in CLAUSE_BREAK.finditer(before))])
    return before[cut:]


def quoted_readings(typed, texts: dict, paths: dict) -> list[Quoted]:
    """Every claim and every reading of claim_readings.csv, each with its claim's quote."""
    claims = typed["claims"]
    by_claim = {}
    found = []
    for row in rows_of(claims):
        before = clause_before(texts.get(row.source_id), row.start)
        by_claim[row.claim_id] = (row.quote, before, row.stance)
        found.append(
            Quoted(
                paths["claims"], line_of(row.Index), row.claim_id, row.claim_id, row.quote, before,
                row.election_id, row.bloc_id, row.measure, row.comparison, row.value, row.value_date,
                row.ref_election_id, row.ref_bloc_id, row.ref_factor, row.stance, None,
            )
        )  # fmt: skip
    for row in rows_of(typed["claim-readings"]):
        if row.claim_id not in by_claim:
            continue  # a reading of no claim is the foreign key's finding
        quote, before, stance = by_claim[row.claim_id]
        found.append(
            Quoted(
                paths["claim-readings"], line_of(row.Index), row.reading_id, row.claim_id, quote, before,
                row.election_id, row.bloc_id, row.measure, row.comparison, row.value, row.value_date,
                row.ref_election_id, row.ref_bloc_id, row.ref_factor, stance, row.status,
            )
        )  # fmt: skip
    return found


def disagreements(q: Quoted, reading: Reading, elections: list[Election], report_year) -> list[tuple[str, str, str]]:
    """(check, column, what the words say) for each way the reading disagrees with its quote, as the
    text reader read that quote (`reading`)."""
    said = []
    statements = reading.statements + reading.unattached
    lowered = q.quote.lower()
    stated = [s for s in statements if s.measure == q.measure]
    if q.measure in COUNTED and q.comparison == "=" and not missing(q.value) and missing(q.ref_election_id):
        same = [s for s in stated if abs(float(s.value) - float(q.value)) < 1e-9]
        if not same:
            roles = ", ".join(f"{s.measure} {show(s.value)}" for s in statements if s.measure in COUNTED) or "none"
            said.append(
                ("number-role", "value", f"its figures read as {roles}, none of them {q.measure} {show(q.value)}")
            )
        elif not missing(q.bloc_id) and all(s.subject not in (None, q.bloc_id) for s in same):
            said.append(
                ("list", "bloc_id", f"it says {q.measure} {show(q.value)} of {same[0].subject}, not of {q.bloc_id}")
            )
        elif all(s.election not in (None, q.election_id) for s in same):
            said.append(("election", "election_id", f"it says {q.measure} {show(q.value)} in {same[0].election}"))
    if not missing(q.ref_election_id) and q.comparison in ("<", ">"):
        factor = next((f for cue, f in FACTORS if cue.search(lowered)), None)
        if factor is not None and (missing(q.ref_factor) or abs(float(q.ref_factor) - factor) > 1e-9):
            said.append(("factor", "ref_factor", f"its words give a factor of {factor:g}"))
        direction = next((d for cue, d in DIRECTIONS.get(q.measure, []) if cue.search(lowered)), None)
        # the other side is the figure of the compared list and election; this side, the one left
        right = [s for s in stated if s.election == q.ref_election_id and s.subject == _key(q.ref_bloc_id)]
        left = [s for s in stated if s not in right and s.subject in (None, _key(q.bloc_id))]
        if direction is None and len(left) == 1 and len(right) == 1:
            a, b = float(left[0].value), float(right[0].value) * (1 if missing(q.ref_factor) else float(q.ref_factor))
            direction = "<" if a < b else ">" if a > b else None
        if direction is not None and direction != q.comparison:
            said.append(("comparison", "comparison", f"its words compare the other way ({direction})"))
    if NEGATION.search(q.before):
        said.append(("negation", "start", f"the words just before it negate it: {q.before.strip()[-40:]!r}"))
    if q.stance == "asserted" and (ALLEGATION.search(lowered) or ALLEGATION.search(q.before)):
        said.append(("attribution", "stance", "its words are someone's allegation, so the stance is 'attributed'"))
    years = {int(y) for y in YEAR.findall(q.quote)}
    own = next((e.year for e in elections if e.election_id == q.election_id), None)
    if not missing(q.value_date) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(q.value_date)):
        year = int(str(q.value_date)[:4])
        # a claim's own date is checked by date-in-quote; a reading's, here, against its claim's words
        if q.reading_id != q.claim_id and not states_date(q.quote, str(q.value_date)):
            said.append(("date", "value_date", f"the quote does not state the day {q.value_date}"))
        if not years and year not in {own, report_year}:
            said.append(
                (
                    "date-year",
                    "value_date",
                    f"the quote names no year, and {year} is neither the election's nor the report's",
                )
            )
    if own is not None and report_year is not None and own > report_year:
        said.append(("election-after-report", "election_id", f"the report, of {report_year}, predates the election"))
    said += _election_named(q, elections, years, own, report_year)
    if q.measure == "result_status" and not missing(q.status):
        contested, settled = CONTESTED.search(lowered), SETTLED.search(lowered)
        if contested and q.status != "contested":
            said.append(("status", "status", f"its words contest the results ({contested.group(0)!r})"))
        elif settled and not contested and q.status == "contested":
            said.append(("status", "status", f"its words settle the results ({settled.group(0)!r})"))
    return said


def _election_named(q: Quoted, elections, years: set, own, report_year) -> list[tuple[str, str, str]]:
    """A quote that names years speaks of an election of those years; one that names none, of the
    latest election before its report (when the report is dated)."""
    ref = next((e.year for e in elections if e.election_id == q.ref_election_id), None)
    held = {e.year for e in elections}
    if years & held:
        if own not in years and ref not in years:
            return [("election", "election_id", f"it names the year(s) {sorted(years & held)}, not {own}")]
        return []
    if report_year is None:
        return []
    latest = max((e for e in elections if e.year <= report_year), key=lambda e: e.year, default=None)
    if latest is not None and q.election_id != latest.election_id:
        return [
            (
                "election",
                "election_id",
                f"it names no year, so it speaks of {latest.election_id}, the last before the report",
            )
        ]
    return []


def _key(bloc):
    return None if missing(bloc) else str(bloc)


def readings_read_from_quotes(typed, texts: dict, paths: dict) -> list[Finding]:
    """Each claim and reading says what its quote says: the list, the number in the role of its
    measure, the comparison and factor, no negation just before it, an allegation attributed, the
    year of a date and the election against the report's date."""
    names = names_of(typed)
    elections = elections_of(typed)
    report_years = {
        str(s): (None if missing(d) else int(str(d)[:4]))
        for s, d in zip(typed["sources"]["source_id"], typed["sources"]["date"])
    }
    sources = dict(zip(typed["claims"]["claim_id"], typed["claims"]["source_id"]))
    found, read_before = [], {}
    for q in quoted_readings(typed, texts, paths):
        tick()
        source = sources.get(q.claim_id)
        # a claim's quote is read once, however many readings it has
        if (source, q.quote) not in read_before:
            read_before[source, q.quote] = read_kept(q.quote, names.get(source, names[None]), elections)
        for check, column, message in disagreements(
            q, read_before[source, q.quote], elections, report_years.get(source)
        ):
            found.append(
                Finding(
                    LAYER, f"reading-{check}", f"{q.reading_id}: read from its quote, {message}", q.file, q.row, column
                )
            )
    return found
