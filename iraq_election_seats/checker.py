"""Any text judged against the package's record: each statement the text reader finds, beside the
record at every stage that gives that figure, with a verdict against the latest authoritative stage
and the stage the text matches best.

A list is recognised by every name the package records for it: the reference lists' and blocs'
names, the spellings of the names table (list_names.csv, each read on a page with its address) and,
in the very report they come from (known by its SHA-256), the report's own descriptions of a bloc
(bloc_names.csv: 'the two parties'), which name nothing elsewhere.
"""

import hashlib
from dataclasses import dataclass, field

from .display import missing, show
from .frames import rows_of
from .reconciliation import COMPARE, References, source_preference
from .text_reader import Election, Names, Statement, read, year_of_id

FACT_MEASURES = {"total_seats": "total_seats", "turnout": "turnout_percent", "election_date": "election_date"}
FINAL_KINDS = {"final", "ratified"}


class NotChecked(Exception):
    """The record cannot be read: the package does not validate, or cannot be opened."""


def record_tables(descriptor: str) -> dict:
    """The package's typed tables by resource name, once the package validates."""
    from .run import NotValid, derive

    try:
        typed = dict(derive(descriptor).typed)
    except NotValid as invalid:
        raise NotChecked("the package does not validate: " + "; ".join(str(f) for f in invalid.findings[:3])) from None
    typed["_sources_sha256"] = {
        str(s): str(i) for s, i in zip(typed["sources"]["sha256"], typed["sources"]["source_id"])
    }
    return typed


@dataclass
class Checked:
    """The checker's answer for one text."""

    statements: list[dict] = field(default_factory=list)
    unattached: list[dict] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    @property
    def status(self) -> int:
        """0 when every figure agrees with the latest authoritative stage; 1 when any differs, is
        stated as final while matching an earlier stage, or the text was not read to its end."""
        bad = any(s["verdict"] == "differs" or s["finding"] for s in self.statements)
        return 1 if bad or self.findings else 0

    @property
    def summary(self) -> str:
        """The last line of the report: DIFFERS (exit 1); AGREES when at least one statement was
        compared with the record and none differs; NOTHING COMPARED when none could be (no
        statement, or none the record gives a figure for), so that a text nothing was checked in
        never reads as checked."""
        if self.status:
            return "DIFFERS"
        compared = any(s["verdict"] in ("agrees", "differs") for s in self.statements)
        return "AGREES" if compared else "NOTHING COMPARED"


class Record:
    """The record, read once: names, elections, stages, sources and values."""

    def __init__(self, typed: dict):
        self.refs = References(typed)
        self.typed = typed
        elections = typed["elections"]
        facts = self.refs.facts
        self.elections = []
        for election in elections["election_id"]:
            day = next((str(v) for _, v in facts.get(("election_date", election), [])), None)
            year = int(day[:4]) if day else year_of_id(election)
            if year:  # an election with no polling day and no year in its id is one no text can name
                self.elections.append(Election(str(election), year, day))
        self.links = {}
        for r in rows_of(typed["bloc-reference-links"], index=False):
            self.links.setdefault((r.bloc_id, r.election_id), []).append((r.list_id, r.relation))
        self.bloc_of = {
            (r.list_id, r.election_id): r.bloc_id
            for r in rows_of(typed["bloc-reference-links"], index=False)
            if r.relation == "is"
        }
        self.local = {}
        for r in rows_of(typed["bloc-names"], index=False):
            self.local.setdefault(str(r.source_id), []).append((str(r.name), f"bloc:{r.bloc_id}"))
        self.sha = typed["_sources_sha256"]
        ran = {}
        for r in rows_of(typed["reference-results"], index=False):
            ran.setdefault(f"list:{r.list_id}", set()).add(self.refs.stages[r.stage_id].election_id)
        for bloc, election in self.links:
            ran.setdefault(f"bloc:{bloc}", set()).add(election)
        self.only_in = {key: next(iter(found)) for key, found in ran.items() if len(found) == 1}

    def names(self, text_bytes: bytes) -> Names:
        spellings = []
        if "list-names" in self.typed:
            spellings += [(str(r.name), f"list:{r.list_id}") for r in rows_of(self.typed["list-names"], index=False)]
        if "leader-names" in self.typed:
            spellings += [(str(r.name), f"bloc:{r.bloc_id}") for r in rows_of(self.typed["leader-names"], index=False)]
        for r in rows_of(self.typed["reference-lists"], index=False):
            if r.kind == "list":
                spellings += [(str(r.name), f"list:{r.list_id}"), (str(r.name).split(" (")[0], f"list:{r.list_id}")]
                if not missing(r.name_ar):
                    spellings.append((str(r.name_ar), f"list:{r.list_id}"))
        for r in rows_of(self.typed["blocs"], index=False):
            if r.kind in ("list", "movement"):
                spellings += [
                    (str(r.name_en), f"bloc:{r.bloc_id}"),
                    (str(r.name_en).split(" (")[0], f"bloc:{r.bloc_id}"),
                ]
                if not missing(r.name_ar):
                    spellings.append((str(r.name_ar), f"bloc:{r.bloc_id}"))
        source = self.sha.get(hashlib.sha256(text_bytes).hexdigest())
        return Names(self.local.get(source, []) + spellings, self.only_in)

    def lists_of(self, subject: str, election: str | None) -> tuple[str, list[str], str]:
        """(the list or bloc named, the reference lists whose figures it is, why none if so)."""
        kind, key = subject.split(":", 1)
        if kind == "list":
            return key, [key], ""
        links = self.links.get((key, election), [])
        inside = [list_id for list_id, relation in links if relation == "inside"]
        if inside:
            return key, [], f"the bloc ran inside the list {inside[0]}, whose figures are not the bloc's alone"
        if not links:
            return key, [], "no reference list is linked to the bloc for this election"
        lists = [list_id for list_id, _ in links]
        return (lists[0] if len(lists) == 1 else key), lists, ""

    def entry(self, stage: str, source: str, value) -> dict:
        row = self.refs.stages.get(stage)
        info = self.refs.sources[source]
        return {
            "stage": stage_kind(row) if row is not None else None,
            "stage_id": stage or None,
            "date": None if row is None or missing(row.date) else str(row.date),
            "value": value,
            "source": source,
            "url": None if missing(info.url) else str(info.url),
            "authoritative": row is not None and row.authoritative == "yes",
        }

    def values(self, measure: str, election: str, lists: list[str]) -> list[dict]:
        """The record's value at every stage and source that gives it."""
        if measure in FACT_MEASURES:
            facts = self.refs.facts.get((FACT_MEASURES[measure], election), [])
            return [self.entry("", s, str(v) if measure == "election_date" else float(v)) for s, v in facts]
        found = []
        for key in self.refs.stage_keys(election):
            given = self.refs.by_stage[key]
            if measure in ("seats", "votes"):
                column = 0 if measure == "seats" else 1
                parts = [given.get(list_id, (None, None))[column] for list_id in lists]
                if lists and all(not missing(p) for p in parts):
                    found.append(self.entry(*key, float(sum(int(p) for p in parts))))
            elif (
                measure == "rank"
                and len(lists) == 1
                and key in self.refs.complete
                and not missing(given.get(lists[0], (None,))[0])
            ):
                found.append(self.entry(*key, self.refs.rank(given, lists[0])[0]))
        if measure == "share":
            shares = self.shares(election, lists)
            found += shares
        if measure == "change":
            found = self.changes(election, lists)
        return found

    def shares(self, election: str, lists: list[str]) -> list[dict]:
        found = []
        for r in rows_of(self.typed["reference-results"], index=False):
            stage = self.refs.stages[r.stage_id]
            if stage.election_id == election and [r.list_id] == lists and not missing(r.share):
                found.append(self.entry(r.stage_id, r.ref_source_id, float(r.share)))
        return found

    def changes(self, election: str, lists: list[str]) -> list[dict]:
        """Seats won minus seats won at the election before, the latter from its judging stage."""
        earlier = [
            e for e in self.elections if e.year < next(x.year for x in self.elections if x.election_id == election)
        ]
        if not earlier or len(lists) != 1:
            return []
        before = self.values("seats", max(earlier, key=lambda e: e.year).election_id, lists)
        if not before:
            return []
        base = judge_of(before)
        now = self.values("seats", election, lists)
        return [{**e, "value": e["value"] - base["value"]} for e in now]


def stage_kind(row) -> str:
    """The stage's kind: the `kind` column where the table has one, else its `stage` name."""
    kind = getattr(row, "kind", None)
    return str(kind if kind is not None and not missing(kind) else row.stage)


def judge_of(entries: list[dict]) -> dict:
    """The entry a verdict is given against: the latest authoritative stage, its best source."""
    return max(entries, key=lambda e: (e["authoritative"], e["date"] or "", e["stage_id"] is not None, e["source"]))


def holds(statement: Statement, value) -> bool:
    said = statement.value
    if statement.measure == "election_date":
        same = str(said) == str(value)
    else:
        comparison = "=" if statement.comparison == "about" else statement.comparison
        same = COMPARE[comparison](float(said), float(value))
    return same != statement.negated


def judge(record: Record, statement: Statement, text: str) -> dict:
    """One statement with its record, verdicts, best matching stage and any finding."""
    listed, lists, why = (None, [], "")
    if statement.subject:
        listed, lists, why = record.lists_of(statement.subject, statement.election)
    entries = []
    if statement.election and (lists or statement.measure in FACT_MEASURES):
        entries = record.values(statement.measure, statement.election, lists)
    for entry in entries:
        entry["verdict"] = "agrees" if holds(statement, entry["value"]) else "differs"
    if entries:
        judged = max(
            entries,
            key=lambda e: (
                source_preference(record.refs, e["stage_id"] or "", e["source"])
                if e["stage_id"]
                else (False, "", False, 0, "", e["source"])
            ),
        )
        if all(e["stage_id"] is None for e in entries):
            judged = entries[0]  # a fact: the first source the record gives, as the package's verdicts do
        verdict = judged["verdict"]
        matching = [e for e in entries if e["verdict"] == "agrees" and e["stage_id"]]
        best = judged if verdict == "agrees" else (max(matching, key=lambda e: e["date"] or "") if matching else None)
    else:
        judged, verdict, best = None, "not_comparable", None
    finding = None
    if (
        statement.stated_status in FINAL_KINDS
        and verdict == "differs"
        and best is not None
        and best["stage"] not in FINAL_KINDS
    ):
        finding = (
            f"stated as {statement.stated_status} ({statement.status_cue!r}) but matches the {best['stage']} stage "
            f"{best['stage_id']} of {best['date']}, not the {judged['stage']} stage {judged['stage_id']} ({show(judged['value'])})"
        )
    value = statement.value
    return {
        **where(statement, text),
        "election": statement.election,
        "election_cue": statement.election_cue,
        "list": listed,
        "bloc": record.bloc_of.get(
            (listed, statement.election),
            listed if statement.subject and statement.subject.startswith("bloc:") else None,
        ),
        "name": statement.name,
        "measure": statement.measure,
        "comparison": statement.comparison,
        "negated": statement.negated,
        "value": value,
        "stated_status": statement.stated_status,
        "attribution": statement.attribution,
        "record": [{k: v for k, v in e.items() if k != "authoritative"} for e in entries],
        "verdict": verdict,
        "judged_by": judged["stage_id"] or f"fact/{judged['source']}" if judged else None,
        "best_match_stage": best["stage_id"] if best else None,
        "finding": finding,
        "note": why or (None if entries else "the record gives no value for it"),
    }


def where(statement: Statement, text: str) -> dict:
    """Where a statement or an unattached figure stands: its offsets, its words and its sentence."""
    return {
        "start": statement.start,
        "end": statement.end,
        "text": text[statement.start : statement.end],
        "sentence": text[statement.sentence_start : statement.sentence_end],
    }


def check_text(text: str, text_bytes: bytes, record: Record) -> Checked:
    """Read `text` and judge each statement it makes about the results."""
    reading = read(text, record.names(text_bytes), record.elections)
    checked = Checked(findings=list(reading.findings))
    checked.statements = [judge(record, s, text) for s in reading.statements]
    checked.unattached = [
        {
            **where(s, text),
            "election": s.election,
            "measure": s.measure,
            "value": s.value,
            "reason": s.reason,
        }
        for s in reading.unattached
    ]
    return checked
