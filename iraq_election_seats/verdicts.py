"""A verdict on every claim, reading by reading, and the points where the reports disagree.

A sentence may allow more than one reading; each is judged on its own (against the judged row of
the reconciliation, the reference facts, or the dated events of the results process), and the claim's
verdict says whether it holds under every reading, is contradicted under every reading, or depends
on the reading. Two readings from different reports that cannot both be true are a disagreement
between the reports, whatever the record says of either.
"""

from .contract import NEEDS
from .display import missing
from .frames import rows_of
from .reconciliation import COMPARE, VERDICT_KINDS
from .values import DATE_MEASURES

# the columns of the derived tables, as their Table Schemas give them
VERDICT_COLUMNS = list(NEEDS["verdicts"])
CLAIM_COLUMNS = list(NEEDS["claim-verdicts"])
# What a verdict is about: the report's own statement against the record; for an attributed claim,
# the statement it attributes against the record, and apart from that, whether a stored source has
# its author saying it (the report relays it faithfully).
ABOUT_WORDS = {
    "report": "the report's own statement",
    "attributed_statement": "the statement the report attributes",
    "relay": "whether the report relays the statement as its author made it",
}
DISAGREEMENT_COLUMNS = list(NEEDS["disagreements"])
HOLDS, FAILS = {"agrees", "consistent"}, {"differs", "premature"}
# the kinds of stage (result_stages.stage) whose count is settled
SETTLED_STAGES = ("final", "ratified")


class Statements:
    """What the judges read, looked up once per pass: each claim by id, every reading, each report's
    day (and, for an undated one, the latest day it reports), the dated events of each election and
    the first reference fact for each measure and election."""

    def __init__(self, typed):
        claims = typed["claims"].astype(object)
        self.claims = {r["claim_id"]: r for r in claims.to_dict("records")}
        self.readings = all_readings(typed["claim-readings"], self.claims)
        sources = typed["sources"]
        self.source_day = dict(zip(sources["source_id"], sources["date"], strict=True))
        self.attributions = {}
        for r in rows_of(typed["attributions"], index=False):
            self.attributions.setdefault(r.claim_id, []).append(r)
        self.latest_day = {}
        for source, day in zip(claims["source_id"], claims["value_date"], strict=True):
            if not missing(day):
                self.latest_day[source] = max(self.latest_day.get(source, ""), str(day))
        sources = typed["reference-sources"]
        self.source_kind = dict(zip(sources["ref_source_id"], sources["kind"], strict=True))
        rank = {s: VERDICT_KINDS.index(k) for s, k in self.source_kind.items() if k in VERDICT_KINDS}
        events = typed["result-events"]
        self.events = {}  # election -> [(day, rank of its source's kind, event, what it did, seats changed)]
        for election, day, event_id, kind, changed, source in zip(
            events["election_id"],
            events["date"],
            events["event_id"],
            events["event"],
            events["changed_seats"],
            events["ref_source_id"],
            strict=True,
        ):
            self.events.setdefault(election, []).append((str(day), rank.get(source, 0), event_id, kind, changed))
        facts = typed["reference-facts"]
        self.facts = {}
        for measure, election, source, value in zip(
            facts["measure"], facts["election_id"], facts["ref_source_id"], facts["value"], strict=True
        ):
            self.facts.setdefault((measure, election), (source, value))


def all_readings(claim_readings, claims: dict[str, dict]) -> list[dict]:
    """Every reading: each claim's own (unless claim_readings.csv holds its structured preferred form)
    and every reading of claim_readings.csv, as plain dicts."""
    readings = claim_readings.astype(object).to_dict("records")
    structured = {r["claim_id"] for r in readings if r["preferred"] == "yes"}
    own = [
        {**claim, "reading_id": claim_id, "preferred": "yes", "status": None}
        for claim_id, claim in claims.items()
        if claim_id not in structured
    ]
    return own + readings


def judge_reading(reading: dict, statements: Statements, judged: dict) -> tuple[str, str, str]:
    """(verdict, judged_by, detail) of one reading. A figure is judged whoever states it; an
    allegation with no figure is not."""
    claim = statements.claims[reading["claim_id"]]
    subject = "/".join(
        str(p) for p in (reading["measure"], reading["election_id"], reading.get("bloc_id")) if not missing(p)
    )
    if reading["reading_id"] in judged:
        row = judged[reading["reading_id"]]
        return (
            row["verdict"],
            f"{row['stage_id']}/{row['ref_source_id']}",
            f"{row['reported']}; reference {row['reference']}",
        )
    if subject in judged and not missing(reading.get("value")) and reading["comparison"] == "=":
        row = judged[subject]
        same = float(reading["value"]) == float(row["reference"])
        return (
            ("agrees" if same else "differs"),
            f"{row['stage_id']}/{row['ref_source_id']}",
            f"{reading['value']:g}; reference {row['reference']}",
        )
    if reading["measure"] in DATE_MEASURES and missing(reading.get("ref_election_id")):
        return judge_date(reading, statements)
    if reading["measure"] == "result_status" and not missing(reading.get("status")):
        return judge_status(reading, statements, claim)
    if claim["stance"] == "attributed":
        return "not_judged", "", f"an allegation attributed to {claim['attributed_to']}; the package does not judge it"
    if reading["measure"] in ("outcome", "result_status"):
        return "not_judged", "", "qualitative; the record gives no figure to judge it by"
    return "not_comparable", "", "no stage and source of the record gives what the reading needs"


def judge_date(reading: dict, statements: Statements) -> tuple[str, str, str]:
    fact = statements.facts.get((reading["measure"], reading["election_id"]))
    if fact is None:
        return "not_comparable", "", "no reference source gives this date"
    source, value = fact
    said = str(reading["value_date"])
    verdict = "agrees" if said == str(value) else "differs"
    return verdict, f"fact/{source}", f"{said}; reference {value}"


# status -> (the events that make it so, the seat change they must report): a status a reading
# gives the results holds as of a day when such an event came on or before it.
STATUS_EVENTS = {
    "contested": ({"counted", "announced"}, None),  # results had been published, so they could be contested
    "corroborated": ({"compared_manual_count", "recounted"}, "no"),  # a count or recount matched them
    "review_closed": ({"appeals_closed"}, None),
    "final": ({"final_results", "ratified"}, None),
}


def judge_status(reading: dict, statements: Statements, claim: dict) -> tuple[str, str, str]:
    """What a reading says of the results, judged against the dated events of the results process as
    of its report's day: 'consistent' when an event that makes it so came on or before that day,
    'premature' when the first such event came after it. An undated report was written no earlier
    than the latest day it reports itself; on that floor a later event leaves it 'undetermined'."""
    kinds, change = STATUS_EVENTS[reading["status"]]
    process = sorted(statements.events.get(reading["election_id"], []))  # by day, then the most direct source
    published = min((day for day, _, _, kind, _ in process if kind in STATUS_EVENTS["contested"][0]), default="")
    events = [
        (day, event_id)
        for day, _, event_id, kind, changed in process
        if kind in kinds
        and (change is None or changed == change)
        # only a count made after results were published can corroborate them
        and (reading["status"] != "corroborated" or day >= published)
    ]
    if not events:
        return "not_comparable", "", "the record has no dated event of this kind to judge it by"
    day = statements.source_day[claim["source_id"]]
    dated = not missing(day)
    as_of = str(day) if dated else statements.latest_day.get(claim["source_id"])
    before = [e for e in events if as_of is not None and e[0] <= as_of]
    first_day, first_event = (before or events)[0]
    when = f"report dated {day}" if dated else f"report undated, written after {as_of}, the latest day it reports"
    if before:
        return "consistent", first_event, f"{when}; {first_event} dated {first_day}"
    if dated:
        return "premature", first_event, f"{when}; the first such event, {first_event}, dated {first_day}"
    return (
        "undetermined",
        first_event,
        f"the report is undated; the first such event, {first_event}, came on {first_day}",
    )


def verdict_rows(statements: Statements, reconciliation: list[dict]) -> list[dict]:
    """One row per reading of every claim, saying what it is about; and for each attributed claim,
    one more row on whether a stored source has its author making the statement."""
    judged = {r["subject"]: r for r in reconciliation if r["basis"] == "judged" and r["kind"] != "gap"}
    # subjects that only an earlier version of a revised source gives: the record has nothing current to judge them by
    revised_only = {r["subject"]: r for r in reconciliation if r["basis"] == "superseded"}
    rows = []
    for reading in statements.readings:
        if reading["reading_id"] not in judged and reading["reading_id"] in revised_only:
            row = revised_only[reading["reading_id"]]
            verdict, by = "not_comparable", ""
            detail = (
                f"only {row['ref_source_id']}, an earlier version its authors revised, gives it ({row['reference']})"
            )
        else:
            verdict, by, detail = judge_reading(reading, statements, judged)
        attributed = statements.claims[reading["claim_id"]]["stance"] == "attributed"
        rows.append(
            {
                "claim_id": reading["claim_id"],
                "reading_id": reading["reading_id"],
                "preferred": reading["preferred"],
                "about": "attributed_statement" if attributed else "report",
                "verdict": verdict,
                "judged_by": by,
                "detail": detail,
            }
        )
    for claim_id, claim in statements.claims.items():
        if claim["stance"] == "attributed":
            rows.append(relay_row(claim_id, claim, statements))
    return sorted(rows, key=lambda r: (r["claim_id"], r["about"] == "relay", r["preferred"] != "yes", r["reading_id"]))


def relay_row(claim_id: str, claim: dict, statements: Statements) -> dict:
    """Whether the report relays an attributed statement faithfully: 'relayed' when a stored source
    (attributions.csv) has its author making it; 'not_judged' when none was found."""
    found = statements.attributions.get(claim_id, [])
    row = {"claim_id": claim_id, "reading_id": f"{claim_id}/relay", "preferred": "no", "about": "relay"}
    if not found:
        detail = f"no stored source has {claim['attributed_to']} making the statement; the relay is not judged"
        return {**row, "verdict": "not_judged", "judged_by": "", "detail": detail}
    first = found[0]
    return {**row, "verdict": "relayed", "judged_by": first.ref_source_id, "detail": first.quote}


def claim_rows(verdicts: list[dict], statements: Statements) -> list[dict]:
    """One verdict per claim on what it says against the record: under every reading, or depending on
    the reading (naming each); for an attributed claim, the relay beside it; and what the verdict
    rests on, in words that never call an estimate official."""
    by_claim = {}
    for row in verdicts:
        by_claim.setdefault(row["claim_id"], []).append(row)
    rows = []
    for claim, all_rows in sorted(by_claim.items()):
        readings = [r for r in all_rows if r["about"] != "relay"]
        relay = next((r["verdict"] for r in all_rows if r["about"] == "relay"), "")
        kinds = {r["verdict"] for r in readings}
        if kinds <= HOLDS:
            verdict = "holds_under_every_reading"
        elif kinds <= FAILS:
            verdict = "contradicted_under_every_reading"
        elif kinds & HOLDS and kinds & FAILS:
            verdict = "depends_on_reading"
        elif kinds & HOLDS:
            verdict = "holds_where_judged"  # the other readings cannot be judged by the record
        elif kinds & FAILS:
            verdict = "contradicted_where_judged"
        else:
            verdict = sorted(kinds - HOLDS - FAILS)[0]
        named = "; ".join(f"{r['reading_id']}: {r['verdict']}" for r in readings)
        preferred = next((r for r in readings if r["preferred"] == "yes"), readings[0])
        rows.append(
            {
                "claim_id": claim,
                "about": preferred["about"],
                "verdict": verdict,
                "relay": relay,
                "rests_on": rests_on(readings, statements),
                "readings": named,
            }
        )
    return rows


# what a verdict rests on, by the kind of its source (reference_sources.kind)
SOURCE_WORDS = {
    "official": "the commission's or the court's own page",
    "official_report": "a report of official figures or acts",
    "encyclopedia": "an encyclopedia",
    "estimate": "an analysts' estimate, not an official count",
}


def rests_on(readings: list[dict], statements: Statements) -> str:
    """What a claim's verdict rests on, reading by reading where they differ, in words."""

    def words(row: dict) -> str:
        by = row["judged_by"]
        if not by:
            return "nothing in the record (" + row["verdict"].replace("_", " ") + ")"
        if "/" in by:
            stage, source = by.split("/", 1)
            kind = SOURCE_WORDS.get(statements.source_kind.get(source), "a source")
            return f"{kind}, {source}" + (f", at {stage}" if stage not in ("", "fact") else "")
        return f"a dated event of the results process, {by}"

    return "; ".join(dict.fromkeys(words(r) for r in readings))


def says(reading: dict) -> str:
    left = (
        f"{reading['measure']} of {reading['election_id'] if missing(reading.get('bloc_id')) else reading['bloc_id']}"
    )
    if not missing(reading.get("ref_election_id")):
        return f"{left} {reading['comparison']} {reading['measure']} of {reading['ref_bloc_id']}"
    value = reading.get("value_date") if reading["measure"] in DATE_MEASURES else reading.get("value")
    return f"{left} = {value}"


def incompatible(a: dict, b: dict) -> bool:
    """Two readings that cannot both be true: different values of one thing, or opposite comparisons
    of the same two things."""
    if a["measure"] != b["measure"] or a["election_id"] != b["election_id"]:
        return False
    if missing(a.get("ref_election_id")) and missing(b.get("ref_election_id")):
        same = a.get("bloc_id") == b.get("bloc_id") or (missing(a.get("bloc_id")) and missing(b.get("bloc_id")))
        key = "value_date" if a["measure"] in DATE_MEASURES else "value"
        return same and a["comparison"] == b["comparison"] == "=" and str(a.get(key)) != str(b.get(key))
    if missing(a.get("ref_election_id")) or missing(b.get("ref_election_id")):
        return False
    pair_a, pair_b = (a["bloc_id"], a["ref_bloc_id"]), (b["bloc_id"], b["ref_bloc_id"])
    if pair_b == pair_a[::-1]:
        b = {**b, "comparison": {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(b["comparison"], b["comparison"])}
    elif pair_b != pair_a:
        return False
    # some pair of values satisfying one never satisfies the other
    samples = [(x, y) for x in (1, 2) for y in (1, 2)]
    return not any(COMPARE[a["comparison"]](x, y) and COMPARE[b["comparison"]](x, y) for x, y in samples)


def disagreement_rows(statements: Statements, verdicts: list[dict]) -> list[dict]:
    """Every pair of readings, one from each report, that cannot both hold, with what the record says."""
    claims = statements.claims
    verdict = {r["reading_id"]: f"{r['verdict']} ({r['judged_by'] or r['detail']})" for r in verdicts}
    readings = [r for r in statements.readings if claims[r["claim_id"]]["stance"] == "asserted"]
    rows = []
    for i, a in enumerate(readings):
        for b in readings[i + 1 :]:
            if claims[a["claim_id"]]["source_id"] != claims[b["claim_id"]]["source_id"] and incompatible(a, b):
                first, second = sorted((a, b), key=lambda r: r["reading_id"])
                rows.append(
                    {
                        "topic": f"{first['measure']} in {first['election_id']}",
                        "claim_a": first["claim_id"],
                        "reading_a": first["reading_id"],
                        "says_a": says(first),
                        "claim_b": second["claim_id"],
                        "reading_b": second["reading_id"],
                        "says_b": says(second),
                        "record": f"{first['reading_id']}: {verdict[first['reading_id']]}; {second['reading_id']}: {verdict[second['reading_id']]}",
                    }
                )
    return sorted(rows, key=lambda r: (r["topic"], r["reading_a"], r["reading_b"]))
