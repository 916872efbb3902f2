"""Layer 1, Frictionless: the descriptor against the Data Package profile, each table against its
Table Schema (types, constraints, primary and foreign keys), each source file against its size
and sha256.

Frictionless reads rows one by one. Past ROW_LIMIT rows a table's remaining rows are left to the
Pandera layer, which checks the same Table Schema on whole columns at once; the descriptor, the
schemas and the checksums are always checked here in full.
"""

import re

from . import file_format
from .findings import Finding
from .package import DataPackage

LAYER = "frictionless"
ROW_LIMIT = 200
CONSTRAINT = re.compile(r'constraint "(\w+)"')
RULES = {
    "hash-count": "checksum",
    "byte-count": "checksum",
    "type-error": "type",
    "unique-error": "unique",
    "encoding-error": "encoding",
    **dict.fromkeys(["incorrect-label", "missing-label", "extra-label", "blank-label", "duplicate-label"], "header"),
}
# what the byte rules already say, more plainly, about a file
SAID_BY_FORMAT = {"encoding", "blank-row", "header", "extra-cell", "missing-cell"}


def rule_of(error) -> str:
    """One rule vocabulary for every layer: 'enum', not 'constraint-error'."""
    if error.type == "constraint-error":
        match = CONSTRAINT.search(error.note or "")
        return match.group(1) if match else "constraint"
    return RULES.get(error.type, error.type)


def to_finding(error, path: str | None, key: list[str]) -> Finding:
    """A Frictionless error as a finding; a primary-key error names the key's columns."""
    columns = key if error.type == "primary-key" else getattr(error, "field_names", None) or []
    column = getattr(error, "field_name", None) or ", ".join(columns) or None
    return Finding(LAYER, rule_of(error), error.message, path, getattr(error, "row_number", None), column)


def check(package: DataPackage, row_limit: int = ROW_LIMIT) -> list[Finding]:
    import frictionless

    report = frictionless.validate(str(package.descriptor_path), limit_rows=row_limit)
    keys = {r["path"]: package.schemas[r["name"]].get("primaryKey", []) for r in package.tables}
    errors = [(error, None) for error in report.errors] + [
        (error, task.place) for task in report.tasks for error in task.errors
    ]
    return [to_finding(error, path, keys.get(path, [])) for error, path in errors]


def layer_one(package: DataPackage, row_limit: int = ROW_LIMIT) -> list[Finding]:
    """The byte rules, then Frictionless, less what Frictionless repeats about a file the byte
    rules already faulted."""
    format_findings = file_format.check(package)
    said = {(f.file, f.rule) for f in format_findings if f.rule in SAID_BY_FORMAT}
    return format_findings + [f for f in check(package, row_limit) if (f.file, f.rule) not in said]
