"""What a pull request cannot move silently: the reports the package cites and the tables it holds,
fixed here in the validator as well as in the package.

sources.csv and the descriptor record each report's sha256 and size, and the rules check the files
against them; a copy that changes a report and both records together would agree with itself. These
pins do not move with the copy, so such a copy is told, whoever runs it. A pinned report changed,
renamed or taken away, or a pinned table taken away, is a change to this module, reviewed as code.
A new report or table is growth by data: it is checked against its own record (its sha256 and size
in sources.csv and the descriptor) and its own Table Schema, as every report and table is.
"""

from .display import missing
from .findings import PER_RULE, Finding
from .frames import rows_of
from .tables import line_of

# path -> (sha256, bytes, date as sources.csv gives it, or None where the report is undated)
REPORTS = {
    "seeds/000_298e8f6d201a8252.txt": (
        "e0f196b8244951b9ec2ce2b64b5d52e877a5b7104a7ad6f3692ea87c8e038098",
        5394,
        None,
    ),
    "seeds/004_c58b7ef47082a695.txt": (
        "ee0180ca40f81bd961fe182a98f2e3f9c9325ddac138c0544892dcace8303b94",
        26353,
        "2021-11-11",
    ),
}
TABLES = {
    "sources",
    "elections",
    "blocs",
    "bloc-names",
    "bloc-links",
    "bloc-participation",
    "claims",
    "claim-readings",
    "seat-results",
    "reference-sources",
    "result-stages",
    "result-events",
    "attributions",
    "reference-lists",
    "list-names",
    "leader-names",
    "reference-results",
    "reference-facts",
    "bloc-reference-links",
    "reconciliation",
    "identifiers",
    "verdicts",
    "claim-verdicts",
    "disagreements",
}
# The results process of each election: stage_id -> (election, kind of stage, date). A stage re-dated,
# or given another kind, moves which count is current on a source's date and which count stands.
STAGES = {
    "cor-2018-announced": ("cor-2018", "announced", "2018-05-19"),
    "cor-2018-final": ("cor-2018", "final", "2018-08-09"),
    "cor-2018-ratified": ("cor-2018", "ratified", "2018-08-19"),
    "cor-2021-first-count": ("cor-2021", "first_count", "2021-10-11"),
    "cor-2021-preliminary": ("cor-2021", "preliminary", "2021-10-16"),
    "cor-2021-final": ("cor-2021", "final", "2021-11-30"),
    "cor-2021-ratified": ("cor-2021", "ratified", "2021-12-27"),
}
# The only complete counts of each election: ref_source_id -> (its date, or None where undated, and
# the stage its figures are filed under). Re-dated and filed under an earlier stage together, such a
# count would agree with every rule on dates and stages while saying the final result is preliminary.
COMPLETE = {
    "wikipedia-2018-kiwix-2025-06": (None, "cor-2018-ratified"),
    "wikipedia-alquds-2021": (None, "cor-2021-ratified"),
}


def tables_pinned(package) -> list[Finding]:
    """The descriptor lists every pinned table: one removed is not thereby unchecked. A new table is
    checked by its own Table Schema, so one the pins do not list is allowed."""
    names = {r["name"] for r in package.tables}
    return [
        Finding(
            "descriptor",
            "tables-pinned",
            f"the package must hold the table {name!r}",
            "datapackage.json",
            resource=name,
        )
        for name in sorted(TABLES - names)
    ]


def reports_pinned(typed, path: str) -> list[Finding]:
    """Each pinned report stands in sources.csv with its pinned hash, size and date; a report the pins
    do not know is a new one, checked against its own record like the others."""
    found = []
    sources = typed["sources"]
    listed = set()
    for row in rows_of(sources):
        listed.add(row.path)
        pin = REPORTS.get(row.path)
        if pin is None:
            continue
        date = None if missing(row.date) else str(row.date)
        for column, have, want in (
            ("sha256", row.sha256, pin[0]),
            ("bytes", int(row.bytes), pin[1]),
            ("date", date, pin[2]),
        ):
            if have != want:
                message = f"{row.path} is pinned with {column} {want}, not {have}: the report, or its record, changed"
                found.append(Finding("provenance", "report-pinned", message, path, line_of(row.Index), column))
    for missing_path in sorted(set(REPORTS) - listed):
        message = f"the pinned report {missing_path} is not in sources.csv"
        found.append(Finding("provenance", "report-pinned", message, path, None, "path"))
    return found


def record_pinned(ctx, rule) -> list[Finding]:
    """Each pinned stage keeps its election, kind and date; each pinned complete count stays complete,
    keeps its date and files every figure under its pinned stage."""
    stages, sources = ctx.typed["result-stages"], ctx.typed["reference-sources"]
    results = ctx.typed["reference-results"]
    found = []

    def told(file, line, column, what, want, have):
        message = f"{what} is pinned with {column} {want}, not {have}: the official record changed"
        found.append(rule.finding(message, ctx.paths[file], line, column))

    for row in rows_of(stages):
        pin = STAGES.get(row.stage_id)
        for column, want in zip(("election_id", "stage", "date"), pin or (), strict=False):
            have = None if missing(getattr(row, column)) else str(getattr(row, column))
            if have != want:
                told("result-stages", line_of(row.Index), column, f"stage {row.stage_id}", want, have)
    for row in rows_of(sources):
        pin = COMPLETE.get(row.ref_source_id)
        if pin is None:
            continue
        date = None if missing(row.date) else str(row.date)
        for column, want, have in (("date", pin[0], date), ("coverage", "complete", row.coverage)):
            if have != want:
                told("reference-sources", line_of(row.Index), column, row.ref_source_id, want, have)
    for row in rows_of(results):
        pin = COMPLETE.get(row.ref_source_id)
        if pin is not None and row.stage_id != pin[1]:
            told(
                "reference-results",
                line_of(row.Index),
                "stage_id",
                f"{row.ref_source_id}'s count",
                pin[1],
                row.stage_id,
            )
    for gone in sorted(set(STAGES) - set(stages["stage_id"])):
        found.append(rule.finding(f"the pinned stage {gone} is not in the record", ctx.paths["result-stages"]))
    for gone in sorted(set(COMPLETE) - set(sources["ref_source_id"])):
        found.append(
            rule.finding(f"the pinned complete count {gone} is not in the record", ctx.paths["reference-sources"])
        )
    return found[:PER_RULE]
