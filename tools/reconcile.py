"""Write the derived tables (reconciliation, verdicts by reading and by claim, disagreements between
the reports) from the other tables, and the list of differences in docs/record.md.

python -m tools.reconcile          # rewrite them
python -m tools.reconcile --check  # exit 1 if any is stale (validation checks the CSVs too)
python -m tools.reconcile --descriptor COPY/datapackage.json  # those of another copy of the package

The tables come from iraq_election_seats.derive, the one place they are computed; a package that
does not validate (for any reason other than stale derived tables) gets its findings, not tables.
"""

import json
import sys
from pathlib import Path

import iraq_election_seats as ies
from tools.readme_sections import page, refresh

ROOT = Path(__file__).resolve().parent.parent


def coverage(derived: ies.Derived) -> list[str]:
    """How many of the chamber's seats each stage and source accounts for."""
    sources = derived.typed["reference-sources"]
    marked = dict(zip(sources["ref_source_id"], sources["coverage"], strict=True))
    lines = []
    for stage, source, seats, total in derived.coverage():
        if seats == total and marked[source] == "complete":
            state = "complete: every list named"
        elif seats == total:
            state = "the whole chamber, but with lists counted together that another source names (partial)"
        elif seats < total:
            state = f"{total - seats} seats not given by this source"
        else:
            state = f"{seats - total} seats more than the chamber (validation fails)"
        lines.append(f"- `{stage}` ({source}): {seats} of {total} seats; {state}.")
    return lines


def readme_section(derived: ies.Derived) -> str:
    """Where the reports differ from the official record (on the row each verdict rests on), where a
    verdict depends on the source, the version or the reading, where the reports disagree with
    each other, and how much of each stage the sources cover."""
    rows = derived.reconciliation
    judged = {r["subject"]: r for r in rows if r["basis"] == "judged"}
    claims = derived.typed["claims"].set_index("claim_id")

    def whose(claim_id: str) -> str:
        """Whose statement a row judges: the report's own, or one it attributes (a verdict on that
        statement, not on the report)."""
        if not claim_id or claims.loc[claim_id, "stance"] != "attributed":
            return "the report's own"
        return f"attributed to {claims.loc[claim_id, 'attributed_to']}"

    lines = [
        "| Row | Whose statement | Reported | Reference | What the reference is | Judged by (stage/source) |",
        "|---|---|---|---|---|---|",
    ]
    for subject, row in sorted(judged.items()):
        if row["verdict"] == "differs":
            lines.append(
                f"| `{subject}` | {whose(row['claim_id'])} | {row['reported']} | {row['reference']} "
                f"| {ies.KIND_WORDS[row['source_kind']]} | {row['stage_id']}/{row['ref_source_id']} |"
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
    depends = [r for r in derived.claims if r["verdict"] == "depends_on_reading"]
    lines += ["", "Claims whose verdict depends on the reading (claim_verdicts.csv):", ""]
    lines += [f"- `{r['claim_id']}`: {r['readings']}." for r in depends] or ["- none."]
    attributed = [r for r in derived.claims if r["about"] == "attributed_statement"]
    lines += [
        "",
        "Statements the reports attribute to others, judged as statements against the record, and apart"
        " from that whether a stored source has their author making them (attributions.csv):",
        "",
    ]
    lines += [
        f"- `{r['claim_id']}` ({whose(r['claim_id'])}): the statement {r['verdict'].replace('_', ' ')}; "
        + (
            "a stored source has its author making it"
            if r["relay"] == "relayed"
            else "no stored source has its author making it"
        )
        + "."
        for r in attributed
    ] or ["- none."]
    lines += ["", "Where the reports disagree with each other (disagreements.csv):", ""]
    lines += [
        f"- {r['topic']}: `{r['reading_a']}` ({r['says_a']}) against `{r['reading_b']}` ({r['says_b']}); the record: {r['record']}."
        for r in derived.disagreements
    ] or ["- none."]
    lines += [
        "",
        "Agree only with a count that is not final: "
        + (", ".join(f"`{s}`" for s in derived.provisional()) or "none")
        + ".",
    ]
    lines += ["", "Seats each stage and source accounts for:", "", *coverage(derived)]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Write (or with --check compare) the derived tables of the package at --descriptor (default:
    this repository's), and the section of docs/record.md beside it when there is one."""
    check = "--check" in argv
    descriptor = Path(argv[argv.index("--descriptor") + 1]) if "--descriptor" in argv else ROOT / "datapackage.json"
    try:
        derived = ies.derive(descriptor)
    except ies.NotValid as refused:
        print("the package is not valid, so nothing is derived; run python validate.py:", file=sys.stderr)
        print("\n".join(str(f) for f in refused.findings), file=sys.stderr)
        return 1
    paths = {r["name"]: r["path"] for r in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]}
    stale = 0
    for name, text in derived.texts.items():
        target = descriptor.parent / paths[name]
        if not check:
            target.write_text(text, encoding="utf-8")
        elif target.read_text(encoding="utf-8") != text:
            print(f"{paths[name]} is stale; run: python -m tools.reconcile", file=sys.stderr)
            stale = 1
    record = page("reconciliation", descriptor.parent)
    if not record.exists():
        return stale
    return max(stale, refresh("reconciliation", readme_section(derived), argv, record, "tools.reconcile"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
