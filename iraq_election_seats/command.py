"""The installed command: `iraq-election-seats check FILE|-` judges a text's figures against the
package's record; `iraq-election-seats validate DESCRIPTOR` validates a copy of the package.

`check` reads plain text, Markdown (as text) or HTML (its text, offsets kept in the page), at most
MAX_CHECK_BYTES of it. Exit status: 0 every figure found agrees with the latest authoritative stage,
1 one differs, is stated as final while matching an earlier stage, or the text was not read to its
end (or an internal error), 2 usage error, 130 interrupted. With --json one JSON document is
printed on standard output whatever happens; under GitHub Actions each differing statement is also
a warning annotation on its line, on standard error.
"""

import csv
import json
import os
import sys
from pathlib import Path

from .cli import DEFAULT, INTERNAL_ERROR, INTERRUPTED, Parser, UsageError, annotation, clean, cut, quiet_stdout
from .contract import NEEDS
from .display import show
from .limits import MAX_CHECK_BYTES

CLAIM_COLUMNS = list(NEEDS["claims"])  # the columns of claims.csv, as its Table Schema gives them
CLAIM_MEASURES = {"seats", "rank", "total_seats", "election_date", "votes"}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if argv[:1] == ["validate"]:
        from .cli import main as validate_main

        return validate_main(argv[1:], prog="iraq-election-seats validate", default=None)
    as_json = "--json" in argv
    try:
        return _check(argv, as_json)
    except KeyboardInterrupt:
        return INTERRUPTED


def _usage(message: str, as_json: bool, file: str | None = None) -> int:
    if as_json:
        _print_json({"file": file, "status": 2, "error": message, "statements": [], "unattached": [], "findings": []})
    else:
        print(f"iraq-election-seats: error: {clean(message)}", file=sys.stderr)
    return 2


def _print_json(document: dict) -> None:
    json.dump(cut(document), sys.stdout, indent=2, ensure_ascii=True)
    print()


def _parser() -> Parser:
    parser = Parser(prog="iraq-election-seats", description="Check a text against the record, or validate the package.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    check = commands.add_parser("check", help="judge every figure a text gives about the 2018 and 2021 results")
    check.add_argument("file", help="a text, Markdown or HTML file, or - for standard input")
    check.add_argument("--json", action="store_true", help="print one JSON document")
    check.add_argument("--as-claims", action="store_true", help="print the statements as rows for claims.csv")
    check.add_argument(
        "--package",
        default=str(DEFAULT) if DEFAULT.is_file() else None,
        help="the datapackage.json whose record is used (default: the one beside this checkout, if any)",
    )
    validate = commands.add_parser("validate", help="validate a copy of the package")
    validate.add_argument("descriptor")
    return parser


def read_input(name: str) -> tuple[bytes, bool]:
    """At most MAX_CHECK_BYTES of the file (or standard input), and whether there was more."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_CHECK_BYTES + 1)
    else:
        path = Path(name)
        if not path.is_file():
            raise UsageError(f"{name}: not a readable file")
        with path.open("rb") as handle:
            data = handle.read(MAX_CHECK_BYTES + 1)
    return data[:MAX_CHECK_BYTES], len(data) > MAX_CHECK_BYTES


def _check(argv, as_json: bool) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.package is None:
            raise UsageError("no package beside this installation: name its datapackage.json with --package")
        data, more = read_input(args.file)
    except UsageError as error:
        return _usage(str(error), as_json)
    except OSError as error:
        return _usage(f"{args.file}: {error.strerror or error}", as_json, args.file)
    try:
        from .checker import NotChecked, Record, check_text, record_tables
        from .html_text import html_text, looks_like_html
    except (Exception, RecursionError, MemoryError) as error:  # a broken installation is a fault of the code
        return _internal(error, as_json, args.file)
    try:
        record = Record(record_tables(args.package))
    except NotChecked as error:
        return _usage(f"{args.package}: {error}", as_json, args.file)
    except (Exception, RecursionError, MemoryError) as error:
        return _internal(error, as_json, args.file)
    source = data.decode("utf-8", errors="replace")
    text, where = html_text(source) if looks_like_html(source) else (source, None)
    try:
        checked = check_text(text, data, record)
    except (Exception, RecursionError, MemoryError) as error:
        return _internal(error, as_json, args.file)
    if more:
        checked.findings.append(
            f"[limits] the text is longer than MAX_CHECK_BYTES ({MAX_CHECK_BYTES} bytes); only that much was read"
        )
    if where is not None:
        for row in checked.statements + checked.unattached:
            row["start"], row["end"] = where[row["start"]], where[row["end"] - 1] + 1
    lines = line_starts(source)
    for row in checked.statements + checked.unattached:
        row["line"] = line_of(lines, row["start"])
    status = checked.status
    try:
        if args.as_claims:
            print_claims(checked.statements)
        elif args.json:
            _print_json(
                {
                    "file": args.file,
                    "package": args.package,
                    "status": status,
                    "statements": checked.statements,
                    "unattached": checked.unattached,
                    "findings": checked.findings,
                }
            )
        else:
            print_summary(args.file, checked)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print_annotations(args.file, checked)
        sys.stdout.flush()
    except OSError:
        quiet_stdout()
    return status


def _internal(error: BaseException, as_json: bool, file: str) -> int:
    """A fault of the checker's own code: its own exit status (as the validator's), never a verdict."""
    message = f"internal error, the text was not checked (please report it): {type(error).__name__}: {error}"
    if as_json:
        _print_json(
            {
                "file": file,
                "status": INTERNAL_ERROR,
                "error": message,
                "statements": [],
                "unattached": [],
                "findings": [],
            }
        )
    print(f"iraq-election-seats: {clean(message)}", file=sys.stderr)
    return INTERNAL_ERROR


def line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]


def line_of(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset)


def show_value(value) -> str:
    """A value as a reader writes it: 73, 1366789, 14.47, 2021-10-10."""
    return value if isinstance(value, str) else show(value)


def says(row: dict) -> str:
    who = row.get("list") or row.get("election") or "?"
    value = show_value(row["value"])
    sign = "" if row.get("comparison", "=") == "=" else f"{row['comparison']} "
    return f"{row['measure']} of {who} in {row.get('election') or 'an unnamed election'}: {sign}{value}"


def print_summary(file: str, checked) -> None:
    print(f"{clean(file)}: {len(checked.statements)} statements, {len(checked.unattached)} unattached figures")
    for row in checked.statements:
        judged = next((e for e in row["record"] if e["stage_id"] == row["judged_by"]), None)
        reference = (
            f"; record {show_value(judged['value'])} ({row['judged_by']})"
            if judged and not isinstance(judged["value"], str)
            else ""
        )
        best = f"; matches {row['best_match_stage']}" if row["best_match_stage"] else ""
        print(f"  line {row['line']}: {clean(says(row))}: {row['verdict']}{clean(reference)}{clean(best)}")
        print(f"      {clean(row['text'], 160)}")
        if row["finding"]:
            print(f"      finding: {clean(row['finding'])}")
    for row in checked.unattached:
        print(
            f"  line {row['line']}: unattached {clean(row['measure'])} {show_value(row['value'])}: {clean(row['reason'])}"
        )
    for finding in checked.findings:
        print(f"  {clean(finding)}")
    print(checked.summary)


def print_annotations(file: str, checked) -> None:
    """One warning per statement that differs or is stated as final while matching an earlier stage."""
    where = annotation(file, True)
    for row in checked.statements:
        if row["verdict"] == "differs" or row["finding"]:
            message = row["finding"] or f"{says(row)} differs from the record ({row['judged_by']})"
            print(
                f"::warning file={where},line={row['line']},title=iraq-election-seats::{annotation(message)}",
                file=sys.stderr,
            )
    for finding in checked.findings:
        print(f"::warning file={where},title=iraq-election-seats::{annotation(finding)}", file=sys.stderr)


def print_claims(statements: list[dict]) -> None:
    """The statements as rows for claims.csv: the quote, its offsets and the reading to review."""
    writer = csv.DictWriter(sys.stdout, fieldnames=CLAIM_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for number, row in enumerate(statements, 1):
        measure = row["measure"]
        value = row["value"]
        writer.writerow(
            {
                "claim_id": f"draft-{number}",
                "quote": row["text"],
                "start": row["start"],
                "end": row["end"],
                "election_id": row["election"] or "",
                "bloc_id": row["bloc"] or "",
                "measure": measure,
                "comparison": row["comparison"] if row["comparison"] != "about" else "=",
                "value": "" if measure == "election_date" else show_value(value),
                "value_date": value if measure == "election_date" else "",
                "stance": "attributed" if row["attribution"] else "asserted",
                "reading": f"{says(row)}",
                "note": ("to review: " if measure not in CLAIM_MEASURES else "")
                + f"read by the checker; list {row['list'] or 'none'}, verdict {row['verdict']}",
            }
        )
