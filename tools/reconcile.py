"""Write the derived tables (reconciliation, verdicts by reading and by claim, disagreements between
the reports) from the other tables, and the README's list of differences.

python -m tools.reconcile          # rewrite them
python -m tools.reconcile --check  # exit 1 if any is stale (validation checks the CSVs too)
"""

import sys
from pathlib import Path

from iraq_election_seats import verdicts
from iraq_election_seats.package import open_package
from iraq_election_seats.pandera_layer import check as pandera_check
from iraq_election_seats.reconciliation import KIND_WORDS, reconcile
from iraq_election_seats.rules import generated_tables, relational_claims
from iraq_election_seats.tables import read_frames
from iraq_election_seats.values import cell_frame
from tools.readme_sections import refresh

ROOT = Path(__file__).resolve().parent.parent


def typed_tables(descriptor: Path = ROOT / "datapackage.json") -> tuple[object, dict]:
    """The package and its tables, typed by the Pandera layer; exits if they are not valid."""
    package = open_package(descriptor)
    typed = {}
    problems = pandera_check(package, read_frames(package), typed)
    if problems:
        raise SystemExit("the tables are not valid; run python validate.py first:\n" + "\n".join(map(str, problems)))
    return package, typed


def build(descriptor: Path = ROOT / "datapackage.json") -> tuple[list[dict], dict]:
    """The reconciliation rows, and the typed tables they were made from."""
    _, typed = typed_tables(descriptor)
    return reconcile(typed, cell_frame(typed), relational_claims(typed)), typed


def coverage(typed) -> list[str]:
    """How many of the chamber's seats each stage and source accounts for."""
    results = typed["reference-results"].dropna(subset=["seats"])
    stages = typed["result-stages"].set_index("stage_id")["election_id"]
    facts = typed["reference-facts"]
    sizes = facts[facts["measure"] == "total_seats"].drop_duplicates("election_id")
    totals = dict(zip(sizes["election_id"], sizes["value"]))
    lines = []
    for (stage, source), seats in results.groupby(["stage_id", "ref_source_id"])["seats"].sum().items():
        total = int(totals[stages[stage]])
        if seats == total:
            state = "complete"
        elif seats < total:
            state = f"{total - seats} seats not given by this source"
        else:
            state = f"{seats - total} seats more than the chamber (validation fails)"
        lines.append(f"- `{stage}` ({source}): {seats} of {total} seats; {state}.")
    return lines


def provisional(rows: list[dict]) -> list[str]:
    """Subjects that agree with some count of the record, but with none that is final or ratified."""
    return sorted(
        {row["subject"] for row in rows if row["verdict"] == "agrees" and row["stage_id"]}
        - {
            row["subject"]
            for row in rows
            if row["verdict"] == "agrees" and row["stage_id"].endswith(("final", "ratified"))
        }
    )


def readme_section(rows: list[dict], typed) -> str:
    """Where the reports differ from the official record (on the row each verdict rests on), where a
    verdict depends on the source, the version or the reading, where the two reports disagree with
    each other, and how much of each stage the sources cover."""
    judged = {r["subject"]: r for r in rows if r["basis"] == "judged"}
    lines = [
        "| Row | Reported | Reference | What the reference is | Judged by (stage/source) |",
        "|---|---|---|---|---|",
    ]
    for subject, row in sorted(judged.items()):
        if row["verdict"] == "differs":
            lines.append(
                f"| `{subject}` | {row['reported']} | {row['reference']} | {KIND_WORDS[row['source_kind']]} "
                f"| {row['stage_id']}/{row['ref_source_id']} |"
            )
    lines += ["", "Where another stage, source or version would give another verdict:", ""]
    for subject, row in sorted(judged.items()):
        others = sorted(
            {
                f"{r['verdict']} on {r['stage_id']}/{r['ref_source_id']} ({r['basis']})"
                for r in rows
                if r["subject"] == subject
                and r["basis"] in ("alternative", "superseded")
                and r["verdict"] != row["verdict"]
            }
        )
        if others:
            lines.append(
                f"- `{subject}`: {row['verdict']} on {row['stage_id']}/{row['ref_source_id']}; "
                + "; ".join(others)
                + "."
            )
    statements = verdicts.Statements(typed)
    readings = verdicts.verdict_rows(statements, rows)
    depends = [r for r in verdicts.claim_rows(readings) if r["verdict"] == "depends_on_reading"]
    lines += ["", "Claims whose verdict depends on the reading (claim_verdicts.csv):", ""]
    lines += [f"- `{r['claim_id']}`: {r['readings']}." for r in depends] or ["- none."]
    lines += ["", "Where the two reports disagree with each other (disagreements.csv):", ""]
    lines += [
        f"- {r['topic']}: `{r['reading_a']}` ({r['says_a']}) against `{r['reading_b']}` ({r['says_b']}); the record: {r['record']}."
        for r in verdicts.disagreement_rows(statements, readings)
    ] or ["- none."]
    lines += [
        "",
        "Agree only with a count that is not final: "
        + (", ".join(f"`{s}`" for s in provisional(rows)) or "none")
        + ".",
    ]
    lines += ["", "Seats each stage and source accounts for:", "", *coverage(typed)]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    package, typed = typed_tables()
    texts, rows = generated_tables(typed, cell_frame(typed), relational_claims(typed))
    stale = 0
    for name, text in texts.items():
        target = ROOT / package.table(name)["path"]
        if "--check" not in argv:
            target.write_text(text, encoding="utf-8")
        elif target.read_text(encoding="utf-8") != text:
            print(f"{package.table(name)['path']} is stale; run: python -m tools.reconcile", file=sys.stderr)
            stale = 1
    return max(stale, refresh("reconciliation", readme_section(rows, typed), argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
