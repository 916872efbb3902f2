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
from .findings import Finding
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
    for row in sources.itertuples():
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
