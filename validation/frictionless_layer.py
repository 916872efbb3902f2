"""Layer 1: Frictionless validation of the descriptor and every resource, plus the byte rules.

Frictionless checks the descriptor against the Data Package profile, each table against its
Table Schema (types, constraints, primary and foreign keys) and each source file against its
declared size and sha256.
"""

import re

from .file_format import check_bytes, check_whitespace
from .findings import Finding
from .package import DataPackage
from .tables import read_text_frame

LAYER = "frictionless"
CONSTRAINT = re.compile(r'constraint "(\w+)"')
RULES = {
    "hash-count": "checksum",
    "byte-count": "checksum",
    "type-error": "type",
    "unique-error": "unique",
    "encoding-error": "encoding",
}


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


def check(package: DataPackage, frames: dict) -> list[Finding]:
    """Validate with Frictionless; fill `frames` with each table read as text."""
    import frictionless

    found = []
    for resource in package.tables:
        path, data = resource["path"], package.raw[resource["name"]]
        problems = check_bytes(path, data)
        found += problems
        if any(p.rule == "encoding" for p in problems):
            continue
        try:
            frame = read_text_frame(package, resource["name"])
        except ValueError as error:  # pandas' ParserError is a ValueError
            found.append(Finding(LAYER, "csv", f"not a well-formed CSV: {error}", path))
            continue
        frames[resource["name"]] = frame
        found += check_whitespace(path, frame)
    report = frictionless.validate(str(package.descriptor_path))
    keys = {r["path"]: package.schemas[r["name"]].get("primaryKey", []) for r in package.tables}
    errors = [(error, None) for error in report.errors] + [
        (error, task.place) for task in report.tasks for error in task.errors
    ]
    seen = {(f.file, f.rule) for f in found if f.rule in ("encoding", "blank-row")}
    for error, path in errors:
        finding = to_finding(error, path, keys.get(path, []))
        if (finding.file, finding.rule) not in seen:  # already said, more plainly, by the byte rules
            found.append(finding)
    return found
