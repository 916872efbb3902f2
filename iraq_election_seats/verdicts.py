"""A verdict on every claim, reading by reading, and the points where the reports disagree.

A sentence may allow more than one reading; each is judged on its own (against the judged row of
the reconciliation, the reference facts, or the dated stages of the record), and the claim's
verdict says whether it holds under every reading, is contradicted under every reading, or depends
on the reading. Two readings from different reports that cannot both be true are a disagreement
between the reports, whatever the record says of either.
"""

from .display import missing
from .reconciliation import COMPARE
from .values import DATE_MEASURES

VERDICT_COLUMNS = ["claim_id", "reading_id", "preferred", "verdict", "judged_by", "detail"]
CLAIM_COLUMNS = ["claim_id", "verdict", "readings"]
DISAGREEMENT_COLUMNS = ["topic", "claim_a", "reading_a", "says_a", "claim_b", "reading_b", "says_b", "record"]
HOLDS, FAILS = {"agrees", "consistent"}, {"differs", "premature"}
# the kinds of stage (result_stages.stage) whose count is settled, and those that come before them
SETTLED_STAGES, EARLY_STAGES = ("final", "ratified"), ("announced", "preliminary")


class Statements:
    """What the judges read, looked up once per pass: each claim by id, every reading, each report's
    day (and, for an undated one, the latest day it reports), the dated stages of each election and
    the first reference fact for each measure and election."""

    def __init__(self, typed):
        claims = typed["claims"].astype(object)
        self.claims = {r["claim_id"]: r for r in claims.to_dict("records")}
        self.readings = all_readings(typed["claim-readings"], self.claims)
        sources = typed["sources"]
        self.source_day = dict(zip(sources["source_id"], sources["date"], strict=True))
        self.latest_day = {}
        for source, day in zip(claims["source_id"], claims["value_date"], strict=True):
            if not missing(day):
                self.latest_day[source] = max(self.latest_day.get(source, ""), str(day))
        stages = typed["result-stages"]
        self.stages = {}
        for election, day, stage, kind in zip(
            stages["election_id"], stages["date"], stages["stage_id"], stages["stage"], strict=True
        ):
            if not missing(day):
                self.stages.setdefault(election, []).append((str(day), stage, kind))
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


def judge_status(reading: dict, statements: Statements, claim: dict) -> tuple[str, str, str]:
    """What a reading says of the results as of its report's date, against the dated stages: results
    called final before the final stage are premature; contested results need results to contest."""
    day = statements.source_day[claim["source_id"]]
    wanted = SETTLED_STAGES if reading["status"] in ("final", "corroborated") else EARLY_STAGES
    dated = sorted((d, s) for d, s, kind in statements.stages.get(reading["election_id"], []) if kind in wanted)
    if not dated:
        return "not_comparable", "", "the record has no dated stage to judge it by"
    first_day, first_stage = dated[0]
    if not missing(day):
        verdict = "consistent" if first_day <= str(day) else "premature"
        return verdict, first_stage, f"report dated {day}; {first_stage} dated {first_day}"
    # An undated report was written no earlier than the latest day it reports itself.
    floor = statements.latest_day.get(claim["source_id"])
    if floor is not None and first_day <= floor:
        return (
            "consistent",
            first_stage,
            f"report undated, written after {floor}, the latest day it reports; {first_stage} dated {first_day}",
        )
    return (
        "undetermined",
        first_stage,
        f"the report is undated; the {reading['status']} state it describes came on {first_day}",
    )


def verdict_rows(statements: Statements, reconciliation: list[dict]) -> list[dict]:
    """One row per reading of every claim."""
    judged = {r["subject"]: r for r in reconciliation if r["basis"] == "judged" and r["kind"] != "gap"}
    rows = []
    for reading in statements.readings:
        verdict, by, detail = judge_reading(reading, statements, judged)
        rows.append(
            {
                "claim_id": reading["claim_id"],
                "reading_id": reading["reading_id"],
                "preferred": reading["preferred"],
                "verdict": verdict,
                "judged_by": by,
                "detail": detail,
            }
        )
    return sorted(rows, key=lambda r: (r["claim_id"], r["preferred"] != "yes", r["reading_id"]))


def claim_rows(verdicts: list[dict]) -> list[dict]:
    """One verdict per claim: under every reading, or depending on the reading (naming each)."""
    by_claim = {}
    for row in verdicts:
        by_claim.setdefault(row["claim_id"], []).append(row)
    rows = []
    for claim, readings in sorted(by_claim.items()):
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
        rows.append({"claim_id": claim, "verdict": verdict, "readings": named})
    return rows


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
