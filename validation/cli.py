"""The command line: `python validate.py [datapackage.json] [--json]`, or, installed with
`pip install .`, `iraq-election-seats-validate path/to/datapackage.json [--json]`.

Exit status: 0 valid, 1 invalid, 2 usage error.
"""

import argparse
import gc
import json
import os
import sys
from pathlib import Path

from .package import UsageError

DEFAULT = Path(__file__).resolve().parent.parent / "datapackage.json"


def escape(text: str, properties: bool = False) -> str:
    """GitHub's workflow-command escaping (properties also escape ':' and ',')."""
    text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if properties else text


def print_annotations(result, out) -> None:
    """Under GitHub Actions, each finding also becomes an error annotation on its file and line,
    so a pull request that breaks a CSV is marked on that line."""
    root = Path(result.descriptor).parent
    for layer in result.layers:
        for finding in layer.findings:
            where = os.path.relpath(root / (finding.file or Path(result.descriptor).name))
            line = f",line={finding.row}" if finding.row else ""
            title = f"{finding.rule}" + (f" ({finding.column})" if finding.column else "")
            print(
                f"::error file={escape(where, True)}{line},title={escape(title, True)}::{escape(finding.message)}",
                file=out,
            )


def print_summary(result, out) -> None:
    print(f"{result.descriptor} (version {result.version or 'unknown'})", file=out)
    for number, layer in enumerate(result.layers, 1):
        line = f"{number}. {layer.name}: {layer.status}"
        print(line + (f" ({layer.summary})" if layer.summary else ""), file=out)
        for finding in layer.findings:
            print(f"   - {finding}", file=out)
    if result.values:
        print("values: " + ", ".join(f"{n} {status}" for status, n in result.values.items()), file=out)
    if result.verdicts:
        tally = {}
        for verdict in result.verdicts:
            tally[verdict.verdict] = tally.get(verdict.verdict, 0) + 1
        print("relational claims: " + ", ".join(f"{n} {v}" for v, n in sorted(tally.items())), file=out)
        for verdict in result.verdicts:
            print(f"   {verdict.verdict:<12} {verdict.claim_id}: {verdict.detail}", file=out)
    if result.reconciliation:
        tally = {}
        for row in result.reconciliation:
            tally[row["verdict"]] = tally.get(row["verdict"], 0) + 1
        print("against the official record: " + ", ".join(f"{n} {v}" for v, n in sorted(tally.items())), file=out)
        for row in result.reconciliation:
            if row["verdict"] == "differs":
                print(
                    f"   differs      {row['reconciliation_id']}: reported {row['reported']}, reference {row['reference']}",
                    file=out,
                )
    print("VALID" if result.valid else "INVALID", file=out)


def main(argv=None, prog: str = "validate.py", default: Path | None = DEFAULT) -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description="Validate the iraq-election-seats data package (offline; never writes)."
    )
    if default is None:
        parser.add_argument("descriptor", help="path to the datapackage.json of a copy of the package")
    else:
        parser.add_argument(
            "descriptor",
            nargs="?",
            default=str(default),
            help="path to a datapackage.json (default: the package beside this script)",
        )
    parser.add_argument("--json", action="store_true", help="print a machine-readable report instead of the summary")
    args = parser.parse_args(argv)
    # A short-lived process that builds many objects and frees them by reference counting:
    # without the cyclic collector the imports alone run about a tenth faster.
    gc.disable()
    from .run import validate

    try:
        result = validate(args.descriptor)
    except UsageError as error:
        print(f"{prog}: error: {error}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(result.as_dict(), sys.stdout, indent=2, ensure_ascii=False, default=str)
        print()
    else:
        print_summary(result, sys.stdout)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print_annotations(result, sys.stdout)
    return 0 if result.valid else 1


def command() -> int:
    """The installed command. Installed, this code sits apart from any data package, so the
    descriptor to check is always named."""
    return main(prog="iraq-election-seats-validate", default=None)
