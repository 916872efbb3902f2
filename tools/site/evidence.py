"""What the site shows, read through the package's own validation and typed tables.

The site never reads a CSV by itself: it takes the tables as the Pandera layer typed them, the
relational verdicts and the reconciliation as validation computed them, and refuses to build from
a package that is not valid, so no page can show a value validation would reject.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from tools.reconcile import build, provisional
from validation.rules import value_claims
from validation.run import validate
from validation.values import CELLS, NO_BLOC, cell_frame, missing

ROOT = Path(__file__).resolve().parent.parent.parent


class InvalidPackage(SystemExit):
    """The package does not validate, so there is nothing trustworthy to show."""


def plain(value):
    """A typed cell as a reader writes it: None for a gap, 73 rather than 73.0 or np.int64(73)."""
    if missing(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def records(frame) -> list[dict]:
    return [{k: plain(v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


@dataclass
class Evidence:
    """The package as the pages need it: tables by resource name, and the lookups between them."""

    root: Path
    descriptor: dict
    schemas: dict
    tables: dict  # resource name -> list of rows
    cells: list  # every value cell (validation.values.cell_frame), as rows
    reconciliation: list
    verdicts: dict  # claim_id -> validation.rules.Verdict
    value_claims: list  # claims that state one value (validation.rules.value_claims), as rows
    texts: dict = field(default_factory=dict)  # source_id -> the report's text

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    @property
    def resources(self) -> list[dict]:
        return [r for r in self.descriptor["resources"] if r.get("type") == "table"]

    def index(self, table: str, key: str) -> dict:
        return {row[key]: row for row in self.tables.get(table, [])}

    @property
    def claims(self) -> dict:
        return self.index("claims", "claim_id")

    @property
    def blocs(self) -> dict:
        return self.index("blocs", "bloc_id")

    @property
    def elections(self) -> dict:
        return self.index("elections", "election_id")

    @property
    def sources(self) -> dict:
        return self.index("sources", "source_id")

    @property
    def reference_sources(self) -> dict:
        return self.index("reference-sources", "ref_source_id")

    @property
    def stages(self) -> dict:
        return self.index("result-stages", "stage_id")

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
        return provisional(self.reconciliation)

    def between_reports(self) -> list[dict]:
        """Values that more than one report states: each report's claims side by side, and whether
        every stated value is the same."""
        groups = {}
        for stated in self.value_claims:
            key = (stated["measure"], stated["election_id"], stated["bloc_id"] or None)
            groups.setdefault(key, []).append(self.claims[stated["stating"]] | {"stated": stated["stated"]})
        return [
            {
                "measure": measure,
                "election_id": election,
                "bloc_id": bloc,
                "claims": claims,
                "verdict": "agrees" if len({str(c["stated"]) for c in claims}) == 1 else "differs",
            }
            for (measure, election, bloc), claims in groups.items()
            if len({c["source_id"] for c in claims}) > 1
        ]

    def between_sources(self) -> list[dict]:
        """Lists to which sources of one stage of the record give different seats."""
        figures = {}
        for r in self.tables["reference-results"]:
            if r["seats"] is not None:
                figures.setdefault((r["stage_id"], r["list_id"]), []).append(r)
        lists = self.index("reference-lists", "list_id")
        return [
            {"stage_id": stage, "list": lists[list_id], "figures": found}
            for (stage, list_id), found in sorted(figures.items())
            if len({r["seats"] for r in found}) > 1
        ]

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
                    f"{r[measure]:,} {measure}" for measure in ("seats", "votes") if r[measure] is not None
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
        took part, and any table added later that does the same); value tables are shown apart."""
        value_tables = {table for table, _ in CELLS.values()}
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
    result = validate(str(descriptor))
    if not result.valid:
        problems = [str(f) for layer in result.layers for f in layer.findings]
        raise InvalidPackage(
            "the package is not valid, so no site is built; run python validate.py:\n" + "\n".join(problems[:20])
        )
    reconciled, typed = build(descriptor)
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    cells = records(cell_frame(typed).drop(columns=["row", "known"]))
    for cell in cells:
        cell["bloc_id"] = None if cell["bloc_id"] == NO_BLOC else cell["bloc_id"]
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
        reconciliation=reconciled,
        verdicts={v.claim_id: v for v in result.verdicts},
        value_claims=records(value_claims(typed)),
    )
    evidence.texts = {
        s["source_id"]: (descriptor.parent / s["path"]).read_text(encoding="utf-8") for s in evidence.tables["sources"]
    }
    return evidence
