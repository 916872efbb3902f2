"""Layer 4: provenance. Every quote stands in its source where the package says it does, every
number a claim supports is in its quote, and every source file is the file that was cited.
"""

import hashlib

from .display import missing, show
from .findings import PER_RULE, Finding
from .frames import rows_of
from .limits import tick
from .numbers import places_day, states_date, states_date_in_digits, states_number
from .pins import reports_pinned
from .quote_readings import readings_read_from_quotes
from .tables import line_of
from .values import DATE_MEASURES

LAYER = "provenance"


def source_files(package, typed, paths) -> tuple[list[Finding], dict[str, str]]:
    """Each source's file exists, and its sha256 and size match sources.csv and the descriptor."""
    found, texts = [], {}
    declared = {r["path"]: r for r in package.files}
    sources = typed["sources"]
    for row in rows_of(sources):
        where = dict(file=paths["sources"], row=line_of(row.Index))
        data, problem = package.file_bytes(row.path)
        if problem:
            found.append(Finding(LAYER, "source-file", f"{row.path!r}: {problem}", column="path", **where))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != row.sha256:
            found.append(
                Finding(
                    LAYER,
                    "source-checksum",
                    f"{row.path} has sha256 {digest}, not the recorded {row.sha256}: the source file changed",
                    column="sha256",
                    **where,
                )
            )
        if len(data) != row.bytes:
            found.append(
                Finding(
                    LAYER,
                    "source-size",
                    f"{row.path} has {len(data)} bytes, not the recorded {row.bytes}",
                    column="bytes",
                    **where,
                )
            )
        resource = declared.get(row.path)
        if resource is None:
            found.append(
                Finding(
                    LAYER,
                    "source-declared",
                    f"{row.path} is not a resource of datapackage.json",
                    column="path",
                    **where,
                )
            )
        elif resource.get("hash") != f"sha256:{row.sha256}":
            found.append(
                Finding(
                    LAYER,
                    "source-declared",
                    f"datapackage.json gives {row.path} the hash {resource.get('hash')!r}, not sha256:{row.sha256}",
                    column="sha256",
                    **where,
                )
            )
        texts[row.source_id] = data.decode("utf-8", errors="replace")
    listed = set(sources["path"])
    found += [
        Finding(
            LAYER, "source-listed", f"resource {path!r} is not listed in sources.csv", paths["sources"], None, "path"
        )
        for path in declared
        if path not in listed
    ]
    return found, texts


def quotes_stand(frame, path, texts, column) -> list[Finding]:
    """text[start:end] of the source is exactly the quote (offsets in Unicode code points)."""
    found = []
    for row in rows_of(frame):
        tick()
        text, quote = texts.get(row.source_id), getattr(row, column)
        if text is not None and not 0 <= row.start <= row.end <= len(text):
            # a slice clamps an end past the text, so the quote would still seem to stand
            message = f"start {row.start} and end {row.end} must lie inside source {row.source_id!r}, of {len(text)} characters"
            found.append(Finding(LAYER, "quote-offsets", message, path, line_of(row.Index), "end"))
            continue
        if text is None or text[row.start : row.end] == quote:
            continue
        at = text.find(quote)
        if at < 0:
            message = f"the {column} does not occur verbatim in source {row.source_id!r}"
        else:
            message = f"the {column} stands at {at}-{at + len(quote)} in source {row.source_id!r}, not at {row.start}-{row.end}"
        found.append(Finding(LAYER, "quote-stands", message, path, line_of(row.Index), column if at < 0 else "start"))
    return found


def numbers_quoted(claims, path) -> list[Finding]:
    """The number, factor or date a claim supports is stated in its own quote."""
    found = []
    for claim in rows_of(claims):
        tick()
        row = line_of(claim.Index)
        if not missing(claim.value) and not states_number(claim.quote, claim.value):
            found.append(
                Finding(
                    LAYER,
                    "number-in-quote",
                    f"the value {claim.value:g} is not stated in the quote, as digits or as words",
                    path,
                    row,
                    "value",
                )
            )
        if not missing(claim.ref_factor) and claim.ref_factor != 1 and not states_number(claim.quote, claim.ref_factor):
            found.append(
                Finding(
                    LAYER,
                    "number-in-quote",
                    f"the factor {claim.ref_factor:g} is not stated in the quote, as digits or as words",
                    path,
                    row,
                    "ref_factor",
                )
            )
        if not missing(claim.value_date) and not states_date(claim.quote, claim.value_date):
            found.append(
                Finding(
                    LAYER,
                    "date-in-quote",
                    f"the date {claim.value_date} is not stated in the quote",
                    path,
                    row,
                    "value_date",
                )
            )
    return found


def reference_numbers_quoted(typed, paths) -> list[Finding]:
    """Every reference figure (seats, votes, share, chamber size, polling day) is stated in the passage
    it was read from, by the same checker that checks the reports' claims."""
    found = []
    for table, columns in REFERENCE_FIGURES.items():
        frame = typed[table]
        for row in rows_of(frame):
            for column in columns:
                value = getattr(row, column)
                if missing(value) or _stated(row, column, value):
                    continue
                found.append(
                    Finding(
                        LAYER,
                        "number-in-passage",
                        f"the {column} {show(value) if not isinstance(value, str) else value} is not stated in the passage read",
                        paths[table],
                        line_of(row.Index),
                        column,
                    )
                )
    return found


# table -> the figure columns whose values must be stated in the row's quote
REFERENCE_FIGURES = {
    "reference-results": ["seats", "votes", "share"],
    "reference-facts": ["value"],
    "result-stages": ["date"],
}


def _stated(row, column, value) -> bool:
    """A figure is stated in its row's quote: a date as a date, a number as a number, a text verbatim."""
    if missing(row.quote):
        return False  # a figure, or a stage's date, with no passage rests on nothing
    if column == "date" or getattr(row, "measure", None) in DATE_MEASURES:
        return states_date(row.quote, str(value))
    if isinstance(value, str) and not _is_number(value):
        return value.lower() in row.quote.lower()
    return states_number(row.quote, float(value))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def event_days_placed(typed, paths) -> list[Finding]:
    """Each event of the results process is placed on its day by its passage, read on its source's
    dated page: the date itself, or 'today', 'yesterday', 'tomorrow' or a weekday of that page."""
    events = typed["result-events"]
    sources = typed["reference-sources"]
    page_day = {
        s: None if missing(d) else str(d) for s, d in zip(sources["ref_source_id"], sources["date"], strict=True)
    }
    return [
        Finding(
            LAYER,
            "date-in-passage",
            f"the passage of {row.ref_source_id} does not place the event on {row.date}",
            paths["result-events"],
            line_of(row.Index),
            "date",
        )
        for row in rows_of(events)
        if not places_day(row.quote, str(row.date), page_day.get(row.ref_source_id))
    ][:PER_RULE]


PASSAGES = ("attributions", "reference-facts", "reference-results", "result-events", "result-stages")
DATE_BASES = ("passage", "revision", "address", "not_kept", "undated")


def source_dates_rest_on_passages(typed, paths) -> list[Finding]:
    """Each outside source's date rests where its date_basis says: on a passage the package keeps
    from that page (a quote in any table that cites it), on the page's own stamp quoted in revision,
    or on its address; 'not_kept' says openly that nothing the package keeps states it, and
    'undated' goes with an empty date, and 'not_kept' is not used where something kept does state
    it. A source re-dated must move its passage too, or say openly that nothing kept states it."""
    passages: dict[str, list[str]] = {}
    for name in PASSAGES:
        table = typed[name]
        for source, quote in zip(table["ref_source_id"], table["quote"], strict=True):
            if not missing(quote):
                passages.setdefault(source, []).append(str(quote))

    def states(text, date) -> bool:
        return states_date(text, date) or states_date_in_digits(text, date)

    def problem(row) -> str | None:
        date, basis = (None if missing(row.date) else str(row.date)), row.date_basis
        if basis not in DATE_BASES:
            return f"date_basis {basis!r} is none of {', '.join(DATE_BASES)}"
        if (date is None) != (basis == "undated"):
            return f"the date is {'empty' if date is None else date}, so date_basis cannot be {basis!r}"
        held = {
            "passage": lambda: any(states(q, date) for q in passages.get(row.ref_source_id, [])),
            "revision": lambda: not missing(row.revision) and states(str(row.revision), date),
            "address": lambda: states(str(row.url), date),
        }
        if basis in held and not held[basis]():
            return f"date_basis is {basis!r}, but no {basis} of {row.ref_source_id} states {date}"
        if basis == "not_kept" and (stated := next((b for b, holds in held.items() if holds()), None)):
            return f"date_basis is 'not_kept', but its {stated} states {date}: name it"
        return None

    found = []
    for row in rows_of(typed["reference-sources"]):
        message = problem(row)
        if message:
            where = paths["reference-sources"], line_of(row.Index), "date_basis"
            found.append(Finding(LAYER, "source-date-passage", message, *where))
    return found[:PER_RULE]


def check(package, typed: dict) -> tuple[list[Finding], dict]:
    paths = {r["name"]: r["path"] for r in package.tables}
    found, texts = source_files(package, typed, paths)
    found += reports_pinned(typed, paths["sources"])
    found += quotes_stand(typed["claims"], paths["claims"], texts, "quote")
    found += quotes_stand(typed["bloc-names"], paths["bloc-names"], texts, "name")
    found += numbers_quoted(typed["claims"], paths["claims"])
    found += reference_numbers_quoted(typed, paths)
    found += event_days_placed(typed, paths)
    found += source_dates_rest_on_passages(typed, paths)
    found += readings_read_from_quotes(typed, texts, paths)
    counts = {"quotes": len(typed["claims"]), "spellings": len(typed["bloc-names"]), "source files": len(texts)}
    return found, counts
