"""Opening a data package safely: its descriptor, its files, its tables.

Every path the descriptor names must be a local file inside the package folder: a URL or a
path that leaves the folder is refused before any library opens it, so validation never
touches the network or files outside the package.
"""

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .findings import Finding

URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
# Profile identifiers readers such as the R frictionless package require; known by name, never fetched.
KNOWN_PROFILES = {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"}


class UsageError(Exception):
    """The command was called wrongly (exit status 2)."""


class PackageRefused(Exception):
    """The descriptor cannot be read safely; carries the findings that say why."""

    def __init__(self, findings: list[Finding]):
        super().__init__("; ".join(map(str, findings)))
        self.findings = findings


@dataclass
class DataPackage:
    descriptor_path: Path
    descriptor: dict
    schemas: dict[str, dict] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.descriptor_path.parent

    @property
    def tables(self) -> list[dict]:
        return [r for r in self.descriptor.get("resources", []) if r.get("type") == "table"]

    @property
    def files(self) -> list[dict]:
        """The non-tabular resources: the source reports."""
        return [r for r in self.descriptor.get("resources", []) if r.get("type") != "table"]

    def table(self, name: str) -> dict:
        return next(r for r in self.tables if r["name"] == name)

    def path(self, resource: dict) -> Path:
        return self.root / resource["path"]

    @cached_property
    def raw(self) -> dict[str, bytes]:
        """Each table's bytes, read once for every layer."""
        return {r["name"]: self.path(r).read_bytes() for r in self.tables}


def local_path(root: Path, value, what: str) -> list[Finding]:
    """Findings if `value` is not a relative path to an existing file inside `root`."""
    problem = None
    if not isinstance(value, str) or not value:
        problem = "must be a relative path to a file in the package"
    elif URL.match(value):
        problem = f"{value!r} is a URL; this package is validated offline, so every path must be a local file"
    elif Path(value).is_absolute() or not (root / value).resolve().is_relative_to(root.resolve()):
        problem = f"{value!r} leaves the package folder; every path must stay inside it"
    elif not (root / value).is_file():
        problem = f"{value!r} does not exist"
    return [Finding("descriptor", "path", f"{what} {problem}")] if problem else []


def open_package(descriptor: str | Path) -> DataPackage:
    """Read the descriptor and the Table Schemas it points to, refusing unsafe paths."""
    path = Path(descriptor)
    if not path.is_file():
        raise UsageError(f"no such file: {descriptor}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PackageRefused([Finding("descriptor", "json", f"not valid UTF-8 JSON: {error}")]) from None
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        raise PackageRefused(
            [Finding("descriptor", "resources", "the descriptor must be an object with a 'resources' list")]
        )
    root = path.parent
    findings, schemas = [], {}
    for index, resource in enumerate(data["resources"]):
        name = resource.get("name", f"#{index}") if isinstance(resource, dict) else f"#{index}"
        if not isinstance(resource, dict):
            findings.append(Finding("descriptor", "resources", f"resource {name} must be an object"))
            continue
        findings += local_path(root, resource.get("path"), f"resource {name!r}: path")
        if resource.get("type") == "table":
            schema = resource.get("schema")
            schema_findings = local_path(root, schema, f"resource {name!r}: schema")
            findings += schema_findings
            if not schema_findings:
                schemas[name] = json.loads((root / schema).read_text(encoding="utf-8"))
    for where, value in [("package", data.get("profile"))] + [
        (f"resource {r.get('name')!r}", r.get("profile")) for r in data["resources"] if isinstance(r, dict)
    ]:
        if value is not None and value not in KNOWN_PROFILES:
            findings.append(
                Finding(
                    "descriptor",
                    "profile",
                    f"{where}: profile {value!r} is not allowed: only the named profiles {sorted(KNOWN_PROFILES)} "
                    "are accepted, and they are never fetched",
                )
            )
    if "profiles" in data or any(isinstance(r, dict) and "profiles" in r for r in data["resources"]):
        findings.append(Finding("descriptor", "profile", "'profiles' is not allowed: a profile may be fetched"))
    if findings:
        raise PackageRefused(findings)
    return DataPackage(path, data, schemas)
