"""The reports beside the official record: every reported value, gap and relational claim, judged
against each stage and source of the reference results.

A report that differs from the official count is a finding about the report, not a fault of the
package: the verdicts are information. The table is derived from the other tables by
`python -m tools.reconcile`, and validation fails when the file on disk is not what it would write.
"""

import csv
import io
import operator

from .contract import NEEDS
from .display import missing, text
from .frames import rows_of
from .record_rules import chamber_sizes, well_formed
from .values import NO_BLOC

COLUMNS = list(NEEDS["reconciliation"])  # the columns of reconciliation.csv, as its Table Schema gives them
COMPARE = {"=": operator.eq, "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


class References:
    """The reference tables, read as lookups: what each stage and source says of each list."""

    def __init__(self, typed):
        self.stages = {r.stage_id: r for r in rows_of(typed["result-stages"], index=False)}
        self.sources = {r.ref_source_id: r for r in rows_of(typed["reference-sources"], index=False)}
        self.by_stage = {}  # (stage, source) -> {list: (seats, votes)}
        for r in rows_of(typed["reference-results"], index=False):
            self.by_stage.setdefault((r.stage_id, r.ref_source_id), {})[r.list_id] = (r.seats, r.votes)
        self.kinds = dict(zip(typed["reference-lists"]["list_id"], typed["reference-lists"]["kind"]))
        self.links = {}
        for r in rows_of(typed["bloc-reference-links"], index=False):
            self.links.setdefault((r.bloc_id, r.election_id), []).append((r.list_id, r.relation))
        self.facts = {}
        for r in rows_of(typed["reference-facts"], index=False):
            if well_formed(r.measure, r.value):  # a malformed fact is a finding of its own, never compared
                self.facts.setdefault((r.measure, r.election_id), []).append((r.ref_source_id, r.value))
        totals = chamber_sizes(typed)
        self.complete = {
            key
            for key, lists in self.by_stage.items()
            if sum(int(s) for s, _ in lists.values() if not missing(s)) == totals.get(self.stages[key[0]].election_id)
        }

    def stage_keys(self, election: str) -> list[tuple[str, str]]:
        """(stage, source) pairs of an election: authoritative stages first, then by date."""
        keys = [k for k in self.by_stage if self.stages[k[0]].election_id == election]
        return sorted(keys, key=lambda k: (self.stages[k[0]].authoritative != "yes", str(self.stages[k[0]].date), k))

    def values(self, measure: str, election: str, bloc: str) -> tuple[list[tuple[str, str, float, str]], str]:
        """Reference values of one measure: [(stage, source, value, note)], or [] and the reason none applies."""
        if measure in ("total_seats", "election_date"):
            return [
                ("", source, value, "") for source, value in self.facts.get((measure, election), [])
            ], "no reference source gives it"
        links = self.links.get((bloc, election), [])
        inside = [list_id for list_id, relation in links if relation == "inside"]
        if inside:
            return [], f"the bloc ran inside the list {inside[0]}, whose seats are not the bloc's alone"
        if not links:
            return [], "no reference list is linked to the bloc for this election"
        lists = [list_id for list_id, _ in links]
        found = []
        for key in self.stage_keys(election):
            given = self.by_stage[key]
            if measure in ("seats", "votes"):
                column = 0 if measure == "seats" else 1
                parts = [given.get(list_id, (None, None))[column] for list_id in lists]
                if all(not missing(p) for p in parts):
                    note = "sum of " + " and ".join(lists) if len(lists) > 1 else ""
                    found.append((*key, float(sum(int(p) for p in parts)), note))
            elif (
                measure == "rank"
                and len(lists) == 1
                and key in self.complete
                and not missing(given.get(lists[0], (None,))[0])
            ):
                found.append((*key, *self.rank(given, lists[0])))
        reason = (
            "no stage and source gives every linked list"
            if measure != "rank"
            else "no complete stage gives a place (a place needs every list's seats)"
        )
        return found, reason

    def rank(self, given: dict, list_id: str) -> tuple[float, str]:
        """The list's place by seats among the lists (not aggregates) of a complete stage; ties share it."""
        seats = {k: int(s) for k, (s, _) in given.items() if not missing(s) and self.kinds[k] == "list"}
        place = 1 + sum(1 for s in seats.values() if s > seats[list_id])
        tied = sorted(k for k, s in seats.items() if s == seats[list_id] and k != list_id)
        return float(place), f"tied with {', '.join(tied)}" if tied else ""


def _row(subject, kind, claim, election, bloc, measure, reported, key, reference, verdict, difference, note):
    stage, source = key
    where = f"{stage or 'fact'}/{source}" if source else "none"
    return {
        "reconciliation_id": f"{subject}@{where}",
        "subject": subject,
        "kind": kind,
        "claim_id": claim or "",
        "election_id": election,
        "bloc_id": "" if bloc in (None, NO_BLOC) else bloc,
        "measure": measure,
        "reported": reported,
        "stage_id": stage,
        "ref_source_id": source,
        "reference": text(reference),
        "verdict": verdict,
        "basis": "",
        "source_kind": "",
        "difference": text(difference),
        "note": note,
    }


def value_rows(cells, refs: References) -> list[dict]:
    """Every reported value beside each reference, and every gap a reference fills beside it."""
    rows = []
    for cell in rows_of(cells, index=False):
        bloc = None if cell.bloc_id == NO_BLOC else cell.bloc_id
        subject = "/".join(p for p in (cell.measure, cell.election_id, bloc) if p)
        found, reason = refs.values(cell.measure, cell.election_id, bloc)

        def emit(kind, reported, key, reference, verdict, difference, note, cell=cell, bloc=bloc, subject=subject):
            rows.append(
                _row(
                    subject,
                    kind,
                    cell.claim_id if kind == "value" else None,
                    cell.election_id,
                    bloc,
                    cell.measure,
                    reported,
                    key,
                    reference,
                    verdict,
                    difference,
                    note,
                )
            )

        if cell.status != "reported":
            for stage, source, value, note in found:
                emit("gap", cell.status, (stage, source), value, "reference_only", None, note)
            continue
        if cell.value is None:  # a reported cell left empty: a fault the rules report, nothing to compare
            continue
        if not found:
            emit("value", text(cell.value), ("", ""), None, "not_comparable", None, reason)
        for stage, source, value, note in found:
            if cell.measure == "election_date":
                same, difference = str(cell.value) == str(value), None
            else:
                same = float(cell.value) == float(value)
                difference = None if same else float(cell.value) - float(value)
            emit("value", text(cell.value), (stage, source), value, "agrees" if same else "differs", difference, note)
    return rows


def relation_rows(claims, refs: References) -> list[dict]:
    """Every relational claim judged on the references: the claim's stage against the compared
    election's authoritative stage (the same stage when both sides are of one election)."""
    rows = []
    for claim in rows_of(claims, index=False):
        bloc = None if missing(claim.bloc_id) else claim.bloc_id
        ref_bloc = None if missing(claim.ref_bloc_id) else claim.ref_bloc_id
        factor = "" if claim.ref_factor == 1 else f"{claim.ref_factor:g} x "
        reported = f"{claim.measure} of {bloc} in {claim.election_id} {claim.comparison} {factor}{claim.measure} of {ref_bloc} in {claim.ref_election_id}"

        def emit(key, reference, verdict, note, claim=claim, bloc=bloc, reported=reported):
            rows.append(
                _row(
                    claim.reading_id,
                    "relation",
                    claim.claim_id,
                    claim.election_id,
                    bloc,
                    claim.measure,
                    reported,
                    key,
                    reference,
                    verdict,
                    None,
                    note,
                )
            )

        left, left_reason = refs.values(claim.measure, claim.election_id, bloc)
        right, right_reason = refs.values(claim.measure, claim.ref_election_id, ref_bloc)
        authoritative = [r for r in right if refs.stages[r[0]].authoritative == "yes"] or right[:1]
        judged = []
        for stage, source, value, _ in left:
            match = (
                [r for r in right if (r[0], r[1]) == (stage, source)]
                if claim.ref_election_id == claim.election_id
                else authoritative[:1]
            )
            judged += [(stage, source, value, other) for other in match[:1]]
        if not judged:
            emit(
                ("", ""),
                None,
                "not_comparable",
                left_reason if not left else right_reason if not right else "no stage and source gives both sides",
            )
        for stage, source, value, (other_stage, other_source, other, _) in judged:
            holds = COMPARE[claim.comparison](value, other * claim.ref_factor)
            note = (
                ""
                if (other_stage, other_source) == (stage, source)
                else f"compared side from {other_stage}/{other_source}"
            )
            emit(
                (stage, source),
                f"{text(value)} {claim.comparison} {factor}{text(other)}",
                "agrees" if holds else "differs",
                note,
            )
    return rows


def reconcile(typed, cells, relational) -> list[dict]:
    """The whole reconciliation, in a stable order, each row marked with the part it plays."""
    refs = References(typed)
    linked_blocs, linked_elections = {b for b, _ in refs.links}, {e for _, e in refs.links}
    election_level = cells["measure"].isin(["total_seats", "election_date"]) & cells["election_id"].isin(
        {e for _, e in refs.facts}
    )
    # a value that cannot exist (a bloc not on the ballot, a reading rather than a list) has no reference
    chosen = (
        (cells["status"] == "reported")
        | election_level
        | (cells["bloc_id"].isin(linked_blocs) & cells["election_id"].isin(linked_elections))
    ) & (cells["status"] != "not_applicable")
    rows = value_rows(cells[chosen], refs)
    rows += relation_rows(relational, refs)
    mark_basis(rows, refs)
    return sorted(rows, key=lambda r: (r["kind"] != "value", r["kind"] != "gap", r["reconciliation_id"]))


# The kinds of source a verdict may rest on, the most direct first: the commission's or the court's
# own page, a report of its figures, an encyclopedia's table, and last an analysts' estimate, which a
# verdict rests on only where no count of the subject is given, and then says so in its own words.
VERDICT_KINDS = ["official", "official_report", "encyclopedia", "estimate"]
KIND_WORDS = {
    "official": "the official count",
    "official_report": "a report of the official count",
    "encyclopedia": "an encyclopedia's table of the count",
    "estimate": "an analysts' estimate, not an official count",
}


def may_rest_on(kind: str) -> bool:
    """Whether a verdict may rest on a source of this kind at all (a kind outside the vocabulary never)."""
    return kind in VERDICT_KINDS


def source_preference(refs: References, stage: str, source: str) -> tuple:
    """Why one stage and source judges a subject before another, as a sort key (larger first): a count
    before any estimate, then an authoritative stage, then the kind of source that speaks most
    directly for the commission (a report of its figures before an encyclopedia's table, which an
    undated copy files under the last stage), then the latest stage, then a source that gives the
    whole stage, then the latest version."""
    info = refs.sources[source]
    stage_row = refs.stages.get(stage)
    return (
        info.kind != "estimate",
        bool(stage_row is not None and stage_row.authoritative == "yes"),
        -VERDICT_KINDS.index(info.kind),
        str(stage_row.date) if stage_row is not None else "",
        info.coverage == "complete",
        "" if missing(info.date) else str(info.date),
        source,
    )


def mark_basis(rows: list[dict], refs: References) -> None:
    """Each subject is judged by one row, chosen by `source_preference` among the rows whose source
    no later version replaces; the rest are 'alternative' (another stage or source) or 'superseded'
    (an earlier version of a revised source). Rows with nothing to compare have no basis."""
    superseded = {s.supersedes for s in refs.sources.values() if not missing(s.supersedes)}
    by_subject = {}
    for row in rows:
        if row["ref_source_id"]:
            row["source_kind"] = refs.sources[row["ref_source_id"]].kind
        if row["verdict"] in ("agrees", "differs", "reference_only") and may_rest_on(row["source_kind"]):
            by_subject.setdefault(row["subject"], []).append(row)
    for group in by_subject.values():
        current = [r for r in group if r["ref_source_id"] not in superseded]
        for row in group:
            row["basis"] = "superseded" if row["ref_source_id"] in superseded else "alternative"
        if current:
            best = max(current, key=lambda r: source_preference(refs, r["stage_id"], r["ref_source_id"]))
            best["basis"] = "judged"


def to_csv(rows: list[dict], columns: list[str] = COLUMNS) -> str:
    """A derived table's text, exactly as tools.reconcile writes it (LF line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
