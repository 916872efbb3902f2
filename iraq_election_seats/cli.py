"""The command line: `python validate.py [datapackage.json] [--json]`, or, installed with
`pip install .`, `iraq-election-seats-validate path/to/datapackage.json [--json]`; with
`--list-rules`, the catalogue of the package's own rules instead.

Exit status: 0 valid, 1 invalid, 2 usage error, 3 internal error (a fault of the validator's own
code, never of the package: said on stderr with a request to report it, and never VALID), 130
interrupted (Ctrl-C). The report is written
safely whatever the cells hold: every text is escaped (newlines, control and bidirectional
characters, the '::' that starts a workflow command) and cut to MAX_SHOWN characters; output
that cannot be written (a closed pipe, a full disk) ends the run quietly with the verdict's status.
"""

import argparse
import contextlib
import json
import os
import sys
import unicodedata
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent / "datapackage.json"
MAX_SHOWN = 300
INTERNAL_ERROR = 3
INTERRUPTED = 130


def clean(text, limit: int = MAX_SHOWN) -> str:
    """Text safe to print on one line of a terminal or a CI log: nothing in it can move the cursor,
    reorder what follows, start a new line or a workflow command; at most `limit` characters."""
    text = str(text)
    if len(text) > limit:
        text = text[:limit] + f"... ({len(text) - limit} more characters)"
    shown = "".join(c if c.isprintable() and unicodedata.category(c) != "Cf" else _escaped(c) for c in text)
    return shown.replace("::", ":\\x3a")


def _escaped(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def annotation(text, properties: bool = False) -> str:
    """GitHub's workflow-command escaping (properties also escape ':' and ','), after clean()."""
    text = clean(text).replace("%", "%25")
    return text.replace(":", "%3A").replace(",", "%2C") if properties else text


def print_annotations(result, out) -> None:
    """Under GitHub Actions, each finding also becomes an error annotation on its file and line,
    so a pull request that breaks a CSV is marked on that line."""
    root = Path(result.descriptor).parent
    for layer in result.layers:
        for finding in layer.findings:
            where = shown_path(root / (finding.file or Path(result.descriptor).name))
            line = f",line={finding.row}" if finding.row else ""
            title = f"{finding.rule}" + (f" ({finding.column})" if finding.column else "")
            print(
                f"::error file={annotation(where, True)}{line},title={annotation(title, True)}::{annotation(finding)}",
                file=out,
            )


def shown_path(path: Path) -> str:
    """The path relative to the working folder, as an annotation names a file; as given where there is
    no working folder to be relative to (it was deleted)."""
    try:
        return os.path.relpath(path)
    except OSError:
        return str(path)


def print_summary(result, out) -> None:
    print(f"{clean(result.descriptor)} (version {clean(result.version or 'unknown')})", file=out)
    for number, layer in enumerate(result.layers, 1):
        line = f"{number}. {layer.name}: {layer.status}"
        print(line + (f" ({clean(layer.summary)})" if layer.summary else ""), file=out)
        for finding in layer.findings:
            print(f"   - {clean(finding, 2 * MAX_SHOWN)}", file=out)
    if result.values:
        print("values: " + ", ".join(f"{n} {clean(status)}" for status, n in result.values.items()), file=out)
    if result.reconciliation:
        tally = {}
        for row in result.reconciliation:
            tally[row["verdict"]] = tally.get(row["verdict"], 0) + 1
        print("rows against the official record: " + ", ".join(f"{n} {v}" for v, n in sorted(tally.items())), file=out)
    if result.derived is not None:
        print_claims(result, out)
    print("VALID" if result.valid else "INVALID", file=out)


def print_claims(result, out) -> None:
    """One line per claim: its verdict, what the verdict is about, what it rests on, the relay of an
    attributed statement, and how the reports' own figures alone judge it, so that no claim is
    printed twice with verdicts whose relation is left unsaid."""
    from .verdicts import ABOUT_WORDS

    by_reading = {r["reading_id"]: r["claim_id"] for r in result.derived.readings}
    own = {}
    for verdict in result.verdicts:  # relations judged on the package's own tables, by reading
        own.setdefault(by_reading.get(verdict.claim_id, verdict.claim_id), []).append(verdict.verdict)
    claims = result.derived.claims
    tally = {}
    for row in claims:
        tally[row["verdict"]] = tally.get(row["verdict"], 0) + 1
    print("claims: " + ", ".join(f"{n} {v}" for v, n in sorted(tally.items())), file=out)
    for row in claims:
        line = f"   {row['verdict']:<33} {clean(row['claim_id'])}: {ABOUT_WORDS[row['about']]}, on {clean(row['rests_on'])}"
        if row["relay"]:
            line += f"; relayed as its author made it: {'yes' if row['relay'] == 'relayed' else 'not judged'}"
        if row["claim_id"] in own:
            line += "; on the reports' own figures alone: " + ", ".join(sorted(set(own[row["claim_id"]])))
        print(line, file=out)


def cut(value):
    """A JSON report's strings cut to MAX_SHOWN characters (json.dump escapes the rest)."""
    if isinstance(value, str):
        return (
            value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + f"... ({len(value) - MAX_SHOWN} more characters)"
        )
    if isinstance(value, dict):
        return {k: cut(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [cut(v) for v in value]
    return value


class UsageError(Exception):
    """The command line itself is wrong."""


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def report_usage(message: str, as_json: bool, prog: str = "validate.py") -> int:
    if as_json:
        json.dump({"valid": False, "status": 2, "error": message}, sys.stdout, ensure_ascii=True)
        print()
    else:
        print(f"{prog}: error: {clean(message)}", file=sys.stderr)
    return 2


def report_internal(error: BaseException, as_json: bool) -> int:
    """A fault of the validator itself, not of the package: said plainly, with a status of its own,
    so that CI never passes on it and nobody reads it as a fault of the data."""
    message = f"internal error: please report it; the package was not validated: {type(error).__name__}: {error}"
    if as_json:
        json.dump({"valid": False, "status": INTERNAL_ERROR, "error": cut(message)}, sys.stdout, ensure_ascii=True)
        print()
    print(f"validate.py: {clean(message)}", file=sys.stderr)
    return INTERNAL_ERROR


def main(argv=None, prog: str = "validate.py", default: Path | None = DEFAULT) -> int:
    """Validate and report; every way out is an exit status, never a traceback."""
    argv = sys.argv[1:] if argv is None else argv
    as_json = "--json" in argv
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")  # a terminal that is not UTF-8 gets escapes
    try:
        return _run(argv, as_json, prog, default)
    except KeyboardInterrupt:
        return INTERRUPTED


def _run(argv, as_json: bool, prog: str, default: Path | None) -> int:
    parser = Parser(prog=prog, description="Validate the iraq-election-seats data package (offline; never writes).")
    parser.add_argument(
        "descriptor",
        nargs="?",
        default=None if default is None else str(default),
        help="path to the datapackage.json of a copy of the package"
        if default is None
        else "path to a datapackage.json (default: the package beside this script)",
    )
    parser.add_argument("--json", action="store_true", help="print a machine-readable report instead of the summary")
    parser.add_argument("--list-rules", action="store_true", help="list the package's own rules and exit")
    try:
        args = parser.parse_args(argv)
        if args.descriptor is None and not args.list_rules:
            parser.error("the following arguments are required: descriptor")
    except UsageError as error:
        return report_usage(str(error), as_json, prog)
    if args.list_rules:
        from .catalogue import listing

        print(listing())
        return 0
    from .package import UsageError as PackageUsage
    from .run import validate

    try:
        result = validate(args.descriptor)
    except PackageUsage as error:
        return report_usage(str(error), args.json, prog)
    except (Exception, RecursionError, MemoryError) as error:  # the last resort: never a traceback, never VALID
        return report_internal(error, args.json)
    status = 0 if result.valid else 1
    try:
        if args.json:
            json.dump(cut(result.as_dict()), sys.stdout, indent=2, ensure_ascii=True, default=str)
            print()
        else:
            print_summary(result, sys.stdout)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            # the runner reads workflow commands on both streams; a JSON report stays one document
            print_annotations(result, sys.stderr if args.json else sys.stdout)
        sys.stdout.flush()
    except OSError:  # a closed pipe or a full disk: the verdict stands, the report cannot be written
        quiet_stdout()
    return status


def quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
