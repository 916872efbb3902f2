"""What the site shows, read through the package's own validation and typed tables.

The site never reads a CSV by itself: it takes the tables as the table-schema layer typed them (the
derived ones, verdicts by reading and by claim and the disagreements, which validation proves
fresh) and the reconciliation as validation computes it, and refuses to build from a package that
is not valid, so no page can show a value or verdict validation would reject.
"""

import json
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from pathlib import Path

import iraq_election_seats as ies

ROOT = Path(__file__).resolve().parent.parent.parent
# the words of the row that judges whether a report relays an attributed statement faithfully
RELAY_TEXT = "Apart from whether it agrees with the record: does a stored source have {author} making the statement, as the report relays it?"
SHOWN_APART = {"claim-readings", "verdicts", "claim-verdicts", "reconciliation", "disagreements", "attributions"}


class InvalidPackage(SystemExit):
    """The package does not validate, so there is nothing trustworthy to show."""


def records(frame) -> list[dict]:
    return [{k: ies.plain(v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


@dataclass
class Evidence:
    """The package as the pages need it: tables by resource name, and the lookups between them."""

    root: Path
    descriptor: dict
    schemas: dict
    tables: dict  # resource name -> list of rows
    cells: list  # every value cell (iraq_election_seats.Derived.cells), as rows
    reconciliation: list
    derived: ies.Derived | None = None
    texts: dict = field(default_factory=dict)  # source_id -> the report's text

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    @property
    def resources(self) -> list[dict]:
        return [r for r in self.descriptor["resources"] if r.get("type") == "table"]

    def index(self, table: str, key: str) -> dict:
        return {row[key]: row for row in self.tables.get(table, [])}

    @cached_property
    def claims(self) -> dict:
        return self.index("claims", "claim_id")

    @cached_property
    def blocs(self) -> dict:
        return self.index("blocs", "bloc_id")

    @cached_property
    def elections(self) -> dict:
        return self.index("elections", "election_id")

    @cached_property
    def sources(self) -> dict:
        return self.index("sources", "source_id")

    @cached_property
    def reference_sources(self) -> dict:
        return self.index("reference-sources", "ref_source_id")

    @cached_property
    def stages(self) -> dict:
        return self.index("result-stages", "stage_id")

    def identifiers_of(self, kind: str, key: str) -> list[dict]:
        """The identifiers another dataset gives one subject (a bloc, a list or an election)."""
        return [
            row for row in self.tables.get("identifiers", []) if (row["subject_kind"], row["subject"]) == (kind, key)
        ]

    def results_of_list(self, list_id: str) -> list[dict]:
        """Every figure the record gives one list, by election and stage in the order of their days,
        then by source."""
        return sorted(
            (r for r in self.tables["reference-results"] if r["list_id"] == list_id),
            key=lambda r: (
                self.stages[r["stage_id"]]["election_id"],
                str(self.stages[r["stage_id"]]["date"]),
                r["ref_source_id"],
            ),
        )

    def events_of(self, election_id: str) -> list[dict]:
        """The dated events of one election's results process, in the order of their days."""
        return sorted(
            (e for e in self.tables.get("result-events", []) if e["election_id"] == election_id),
            key=lambda e: str(e["date"]),
        )

    def comparisons(self, measure: str, election: str, bloc: str | None) -> list[dict]:
        """The reconciliation rows of one value cell (its reported value, or the gap beside a reference)."""
        bloc = bloc or ""
        return [
            r
            for r in self.reconciliation
            if r["kind"] in ("value", "gap")
            and (r["measure"], r["election_id"], r["bloc_id"]) == (measure, election, bloc)
        ]

    def comparisons_of_claim(self, claim_id: str) -> list[dict]:
        return [r for r in self.reconciliation if r["claim_id"] == claim_id]

    def cells_of_claim(self, claim_id: str) -> list[dict]:
        return [c for c in self.cells if c["claim_id"] == claim_id]

    def provisional(self) -> list[str]:
        """Subjects that agree only with a count that is not final."""
        return self.derived.provisional()

    def readings_of(self, claim_id: str) -> list[dict]:
        """Every reading of a claim with its verdict (verdicts.csv): the claim's own, or the structured
        form claim_readings.csv gives it, and the other readings listed there; each with its words."""
        claim, other = self.claims[claim_id], self.index("claim-readings", "reading_id")

        def text(verdict: dict) -> str:
            if verdict["about"] == "relay":
                return RELAY_TEXT.format(author=claim["attributed_to"])
            return other[verdict["reading_id"]]["reading"] if verdict["reading_id"] in other else claim["reading"]

        return [
            verdict
            | {"text": text(verdict), "verdict_about": verdict["about"], "about": other.get(verdict["reading_id"])}
            for verdict in self.tables["verdicts"]
            if verdict["claim_id"] == claim_id
        ]

    def claim_verdict(self, claim_id: str) -> str:
        """The claim's verdict over all its readings (claim_verdicts.csv)."""
        return self.index("claim-verdicts", "claim_id")[claim_id]["verdict"]

    def claim_relay(self, claim_id: str) -> str | None:
        """For an attributed claim, the verdict on the report's relay of the statement (whether a
        stored source has its author making it), kept apart from the statement's own verdict."""
        return self.index("claim-verdicts", "claim_id")[claim_id]["relay"]

    def attributions_of(self, claim_id: str) -> list[dict]:
        """The passages of stored sources in which the author of an attributed statement makes it."""
        return [row for row in self.tables.get("attributions", []) if row["claim_id"] == claim_id]

    @property
    def reading_claims(self) -> dict:
        """reading_id -> the claim it reads, so a reading links to its place on the claim's page."""
        return {row["reading_id"]: row["claim_id"] for row in self.tables["verdicts"]}

    def basis_rows(self, stage_id: str, ref_source_id: str, list_id: str) -> list[dict]:
        """The reconciliation rows that compare a reported value with one list's figure from one
        source: those of the blocs linked to the list in that stage's election."""
        election = self.stages[stage_id]["election_id"]
        blocs = {
            link["bloc_id"]
            for link in self.tables["bloc-reference-links"]
            if (link["list_id"], link["election_id"]) == (list_id, election)
        }
        return [
            r
            for r in self.reconciliation
            if r["basis"] and (r["stage_id"], r["ref_source_id"]) == (stage_id, ref_source_id) and r["bloc_id"] in blocs
        ]

    def judged_row(self, subject: str) -> dict | None:
        """The one reconciliation row a subject's verdict rests on."""
        return next((r for r in self.reconciliation if r["subject"] == subject and r["basis"] == "judged"), None)

    def between_sources(self) -> list[dict]:
        """Pairs of figures that sources of one stage give one list and that differ, each with the
        reconciliation rows that use it and the row each of those subjects is judged by."""
        figures = {}
        for r in self.tables["reference-results"]:
            figures.setdefault((r["stage_id"], r["list_id"]), []).append(r)
        lists = self.index("reference-lists", "list_id")
        pairs = []
        for (stage, list_id), found in sorted(figures.items()):
            for a, b in combinations(found, 2):
                for measure in ("seats", "votes"):
                    if a[measure] is None or b[measure] is None or a[measure] == b[measure]:
                        continue
                    used = {
                        source["ref_source_id"]: self.basis_rows(stage, source["ref_source_id"], list_id)
                        for source in (a, b)
                    }
                    subjects = sorted({r["subject"] for rows in used.values() for r in rows})
                    pairs.append(
                        {
                            "stage_id": stage,
                            "list": lists[list_id],
                            "measure": measure,
                            "figures": [a, b],
                            "used": used,
                            "judged": [(subject, self.judged_row(subject)) for subject in subjects],
                        }
                    )
        return pairs

    def passages(self, row: dict) -> list[dict]:
        """What the official source says, verbatim, behind one reconciliation row."""
        if not row["ref_source_id"]:
            return []
        if not row["stage_id"]:  # a fact of the election as a whole
            return [
                {
                    "label": f["measure"].replace("_", " "),
                    "label_ar": None,
                    "value": f["value"],
                    "quote": f["quote"],
                    "note": None,
                }
                for f in self.tables["reference-facts"]
                if (f["election_id"], f["measure"], f["ref_source_id"])
                == (row["election_id"], row["measure"], row["ref_source_id"])
            ]
        lists = self.index("reference-lists", "list_id")
        linked = {
            link["list_id"]
            for link in self.tables["bloc-reference-links"]
            for bloc in (row["bloc_id"], *self.compared_blocs(row))
            if (link["bloc_id"], link["election_id"]) == (bloc, row["election_id"])
        }
        return [
            {
                "label": lists[r["list_id"]]["name"],
                "label_ar": lists[r["list_id"]]["name_ar"],
                "value": "; ".join(
                    f"{ies.show(r[measure])} {measure}" for measure in ("seats", "votes") if r[measure] is not None
                ),
                "quote": r["quote"],
                "note": r["note"],
            }
            for r in self.tables["reference-results"]
            if (r["stage_id"], r["ref_source_id"]) == (row["stage_id"], row["ref_source_id"]) and r["list_id"] in linked
        ]

    def compared_blocs(self, row: dict) -> list[str]:
        """The other bloc a relational claim compares with, whose official figures also stand behind it."""
        claim = self.claims.get(row["claim_id"]) if row["kind"] == "relation" else None
        return [claim["ref_bloc_id"]] if claim and claim["ref_bloc_id"] else []

    def citing_rows(self, claim_id: str) -> list[tuple[dict, list[dict]]]:
        """Rows of other tables that point at a claim through a foreign key (its links, how a bloc
        took part, and any table added later that does the same); value tables, and the readings and
        verdicts the claim page shows reading by reading, are shown apart."""
        value_tables = self.derived.value_tables | SHOWN_APART
        found = []
        for resource in self.resources:
            name = resource["name"]
            if name in value_tables or name == "claims":
                continue
            keys = [
                fk["fields"][0] if isinstance(fk["fields"], list) else fk["fields"]
                for fk in self.schemas[name].get("foreignKeys", [])
                if fk["reference"]["resource"] == "claims"
            ]
            rows = [row for row in self.tables[name] if any(row.get(k) == claim_id for k in keys)]
            if rows:
                found.append((resource, rows))
        return found


def gather(descriptor: Path = ROOT / "datapackage.json") -> Evidence:
    """Validate the package, then read it as validation typed it."""
    result = ies.validate(str(descriptor))
    if not result.valid:
        problems = [str(f) for f in result.findings]
        raise InvalidPackage(
            "the package is not valid, so no site is built; run python validate.py:\n" + "\n".join(problems[:20])
        )
    derived, typed = result.derived, result.typed
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    cells = records(derived.cells.drop(columns=["row", "known"]))
    for cell in cells:
        cell["bloc_id"] = None if cell["bloc_id"] == ies.NO_BLOC else cell["bloc_id"]
    evidence = Evidence(
        root=descriptor.parent,
        descriptor=data,
        schemas={
            r["name"]: json.loads((descriptor.parent / r["schema"]).read_text(encoding="utf-8"))
            for r in data["resources"]
            if r.get("type") == "table"
        },
        tables={name: records(frame) for name, frame in typed.items()},
        cells=cells,
        reconciliation=derived.reconciliation,
        derived=derived,
    )
    evidence.texts = {
        s["source_id"]: (descriptor.parent / s["path"]).read_text(encoding="utf-8") for s in evidence.tables["sources"]
    }
    return evidence
