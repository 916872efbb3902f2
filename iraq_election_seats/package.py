"""Opening a data package behind one trust boundary: its descriptor, its Table Schemas, its files.

Nothing a descriptor names is read until this module has decided it is safe: the descriptor and
each Table Schema are checked against the published Data Package v2 profiles (vendored in
profiles/, never fetched), every property that can name a file or an address is a local file
inside the package folder or a profile known by name, and whatever would make a reader fetch,
decompress or re-decode a file (a remote scheme, compression, another encoding or CSV dialect)
is refused with a finding that names the resource and the property. Licence, source and
homepage addresses are metadata: they are never read, so they are allowed.
"""

import functools
import json
import os
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from . import limits
from .findings import PER_RULE, Finding
from .glyphs import seen_form

LAYER = "descriptor"
PROFILES = Path(__file__).resolve().parent / "profiles"
# Profiles known by name or address and never fetched; readers such as the R frictionless
# package need "tabular-data-resource" on every table.
KNOWN_PROFILES = {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"}
KNOWN_SCHEMAS = {
    f"https://datapackage.org/profiles/{version}/{name}.json"
    for version in ("1.0", "2.0")
    for name in ("datapackage", "dataresource", "tableschema", "tabledialect")
}
TABLE_PROFILE = "tabular-data-resource"
# The one CSV dialect the package's files are written in; a dialect may restate it, never change it.
OWN_DIALECT = {
    "header": (True,),
    "headerRows": ([1],),
    "delimiter": (",",),
    "lineTerminator": ("\n", "\r\n"),  # the spec's default; the byte rules require LF either way
    "quoteChar": ('"',),
    "doubleQuote": (True,),
    "skipInitialSpace": (False,),
}
UTF8 = {"utf-8", "utf8"}


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
        return [r for r in self.descriptor["resources"] if is_table(r)]

    @property
    def files(self) -> list[dict]:
        """The resources that are not tables: the source reports."""
        return [r for r in self.descriptor["resources"] if not is_table(r)]

    def table(self, name: str) -> dict:
        """The table resource named `name`; a KeyError names it if the package has none."""
        for resource in self.tables:
            if resource["name"] == name:
                return resource
        raise KeyError(name)

    def path(self, resource: dict) -> Path:
        return self.root / resource["path"]

    @cached_property
    def raw(self) -> "RawTables":
        return RawTables(self)

    @cached_property
    def _files(self) -> dict:
        return {}

    def file_bytes(self, path: str) -> tuple[bytes, str | None]:
        """A file that is not a table, read once (within MAX_FILE_BYTES), or why it cannot be."""
        if path not in self._files:
            problems = local_path(self.root, path, "path")
            self._files[path] = (
                (b"", problems[0].message)
                if problems
                else read_limited(self.root / path, limits.MAX_FILE_BYTES, "MAX_FILE_BYTES")
            )
        return self._files[path]


class RawTables(dict):
    """A table's bytes, read when first asked for (the rules compare one generated file whole)."""

    def __init__(self, package: DataPackage):
        super().__init__()
        self.package = package

    def __missing__(self, name: str) -> bytes:
        data, problem = read_limited(
            self.package.path(self.package.table(name)), limits.MAX_TABLE_BYTES, "MAX_TABLE_BYTES"
        )
        if problem:
            raise OSError(problem)
        self[name] = data
        return data


def is_table(resource: dict) -> bool:
    return resource.get("type") == "table" or resource.get("profile") == TABLE_PROFILE


def read_limited(path: Path, limit: int, name: str) -> tuple[bytes, str | None]:
    """The file's bytes, or why they cannot be read: at most `limit` bytes (the constant `name`) are read,
    and a file whose size is already past it is not read at all. The buffer is sized to the file
    (one byte more, to see a file that grew), never to the limit: a 3 KB table must not ask
    for 2 GiB, which a process under a memory limit cannot have."""
    too_large = f"is larger than {name} ({limit:,} bytes); it is not read"
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                return b"", too_large
            data = handle.read(size + 1)
    except OSError as error:
        return b"", f"cannot be read: {error.strerror or error}"
    if len(data) > size:
        return b"", "grew while it was read; it is not read"
    return data, None


class _Refused(ValueError):
    """A JSON document breaks a limit while it is parsed."""


def _number(text: str):
    digits = sum(c.isdigit() for c in text)
    if digits > limits.MAX_NUMBER_DIGITS:
        raise _Refused(
            f"a number has {digits} digits, more than MAX_NUMBER_DIGITS ({limits.MAX_NUMBER_DIGITS})",
            "number-length",
        )
    return text


def _object(pairs: list) -> dict:
    """A JSON object whose keys are each given once: with a key twice, a reviewer reads the first and
    a parser keeps the last (a second `enum`, a second `schema`)."""
    value = dict(pairs)
    if len(value) < len(pairs):
        seen = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise _Refused(f"the key {twice!r} is given twice in one object", "duplicate-key")
    return value


def _constant(text: str):
    raise _Refused(f"{text} is not JSON", "json")


def depth(value) -> int:
    """Nesting depth of arrays and objects, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= limits.MAX_JSON_DEPTH:
                stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_json(data: bytes, file: str, resource: str | None = None, prop: str | None = None):
    """A JSON document within the limits, or the findings that say why not."""

    def refuse(rule, message):
        return None, [Finding(LAYER, rule, message, file, resource=resource, property=prop)]

    try:
        text = data.decode("utf-8")
        value = json.loads(
            text,
            parse_int=lambda t: int(_number(t)),
            parse_float=lambda t: float(_number(t)),
            parse_constant=_constant,
            object_pairs_hook=_object,
        )
    except UnicodeDecodeError as error:
        return refuse("json", f"not UTF-8: byte {data[error.start]:#04x} at offset {error.start}")
    except _Refused as error:
        return refuse(error.args[1], error.args[0])
    except RecursionError:
        return refuse("json-depth", f"nested deeper than MAX_JSON_DEPTH ({limits.MAX_JSON_DEPTH})")
    except ValueError as error:
        return refuse("json", f"not valid JSON: {error}")
    if depth(value) > limits.MAX_JSON_DEPTH:
        return refuse("json-depth", f"nested deeper than MAX_JSON_DEPTH ({limits.MAX_JSON_DEPTH})")
    return value, []


@functools.cache
def _validator(name: str):
    """The JSON Schema validator of one vendored profile, built once per run, that never fetches.

    jsonschema-rs checks the descriptor and sixteen Table Schemas in a millisecond and imports in
    30 ms; the pure-Python jsonschema took 80 ms to import and 110 ms to check them. `format` is
    an annotation in draft 7, as Frictionless reads it, so addresses in metadata are not judged.
    """
    import jsonschema_rs

    profile = json.loads((PROFILES / f"{name}.json").read_text(encoding="utf-8"))
    return jsonschema_rs.Draft7Validator(profile, validate_formats=False, offline=True)


def profile_findings(name: str, value, file: str, resources: list | None = None, prefix: str = "") -> list[Finding]:
    """`value` against the v2 profile `name`; each error names its resource and property."""
    errors = sorted(_validator(name).iter_errors(value), key=lambda e: [str(p) for p in e.instance_path])
    found = []
    for error in errors[:PER_RULE]:
        path = list(error.instance_path)
        resource = None
        if resources is not None and len(path) >= 2 and path[0] == "resources" and isinstance(path[1], int):
            item = resources[path[1]] if path[1] < len(resources) else None
            resource = item.get("name") if isinstance(item, dict) and isinstance(item.get("name"), str) else None
            resource = resource if resource is not None else f"#{path[1]}"
            path = path[2:]
        where = prefix + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        found.append(
            Finding(
                LAYER,
                f"{name}-profile",
                f"property {where or '(top)'!r} breaks the Data Package v2 {name} profile: {error.message}",
                file,
                resource=resource,
                property=where or None,
            )
        )
    if len(errors) > PER_RULE:
        found.append(Finding(LAYER, f"{name}-profile", f"... and {len(errors) - PER_RULE} more profile errors", file))
    return found


def local_path(root: Path, value, what: str, resource: str | None = None, prop: str | None = None) -> list[Finding]:
    """Findings if `value` is not a relative path to an existing regular file inside `root`."""
    problem = None
    if not isinstance(value, str) or not value:
        problem = "must be a relative path to a file in the package"
    elif "\0" in value:
        problem = "holds a NUL character"
    elif "://" in value or (":" in value and value.split(":", 1)[0].isalpha()):
        problem = f"{value!r} is a URL or other address; this package is validated offline, so every path must be a local file"
    else:
        try:
            target = (root / value).resolve()
            inside = not Path(value).is_absolute() and target.is_relative_to(root.resolve())
            regular = inside and target.is_file()
        except (OSError, RuntimeError, ValueError) as error:
            problem = f"{value!r} cannot be followed: {error}"
        else:
            if not inside:
                problem = f"{value!r} leaves the package folder; every path must stay inside it"
            elif not regular:
                problem = f"{value!r} does not exist or is not a regular file"
    return [Finding(LAYER, "path", f"{what} {problem}", resource=resource, property=prop)] if problem else []


def _known(value, allowed: set[str]) -> bool:
    return isinstance(value, str) and value in allowed


def boundary(root: Path, descriptor: dict) -> list[Finding]:
    """Every property that could make a reader fetch, decompress or re-decode is refused unless safe."""
    found = []

    def refuse(rule, message, resource=None, prop=None):
        found.append(Finding(LAYER, rule, message, resource=resource, property=prop))

    for prop, allowed in (("$schema", KNOWN_SCHEMAS), ("profile", KNOWN_PROFILES | KNOWN_SCHEMAS)):
        if prop in descriptor and not _known(descriptor[prop], allowed):
            refuse(
                "profile",
                f"{descriptor[prop]!r} is not allowed: only profiles known by name are, and none is fetched",
                None,
                prop,
            )
    _profiles(descriptor, refuse, None)
    names, files = {}, {}
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            continue  # the profile says what is wrong with it
        name = resource["name"]
        # 'Claims' and 'claims', or a name with a zero-width space in it, read as one name
        key = seen_form(name)
        if key in names:
            other = names[key]
            same = "" if other == name else f" and {other!r}, which differ only in case or invisible characters"
            refuse("name", f"two resources are named {name!r}{same}", name, "name")
        names.setdefault(key, name)
        table = is_table(resource)
        for prop in ("path", "schema"):
            target = resource.get(prop)
            if isinstance(target, str):
                other = files.setdefault(os.path.normpath(target), name)
                if other != name:
                    # each resource is read on its own: a file named by thousands is read thousands of times
                    refuse("shared-file", f"{prop} {target!r} is already the file of resource {other!r}", name, prop)
        if isinstance(resource.get("path"), list):
            refuse("path", "a resource must be one local file, not a list of files", name, "path")
        elif "data" in resource:
            refuse("path", "inline data is not read; give the resource a file", name, "data")
        else:
            found.extend(local_path(root, resource.get("path"), "path", name, "path"))
        if "$schema" in resource and not _known(resource["$schema"], KNOWN_SCHEMAS):
            refuse(
                "profile", f"{resource['$schema']!r} is not allowed: it is not a profile known by name", name, "$schema"
            )
        if "profile" in resource and not _known(resource["profile"], KNOWN_PROFILES | KNOWN_SCHEMAS):
            refuse(
                "profile",
                f"{resource['profile']!r} is not allowed: only the named profiles {sorted(KNOWN_PROFILES)} are "
                "accepted, and they are never fetched",
                name,
                "profile",
            )
        _profiles(resource, refuse, name)
        if resource.get("scheme", "file") != "file":
            refuse("scheme", f"scheme {resource['scheme']!r}: only local files are read", name, "scheme")
        if "compression" in resource:
            refuse(
                "compression", "compressed resources are not decompressed; give the file itself", name, "compression"
            )
        encoding = resource.get("encoding", "utf-8")
        if not isinstance(encoding, str) or encoding.lower() not in UTF8:
            refuse("encoding", f"encoding {encoding!r}: every file of this package is UTF-8", name, "encoding")
        if table:
            if resource.get("format", "csv") != "csv":
                refuse("format", f"format {resource['format']!r}: the tables are CSV", name, "format")
            if resource.get("mediatype", "text/csv") != "text/csv":
                refuse("format", f"mediatype {resource['mediatype']!r}: the tables are text/csv", name, "mediatype")
            found.extend(_dialect(resource, name))
            if isinstance(resource.get("schema"), str):
                found.extend(local_path(root, resource["schema"], "schema", name, "schema"))
            elif not isinstance(resource.get("schema"), dict):
                refuse("schema", "a table needs a Table Schema: a path to a local file", name, "schema")
        else:
            for prop in ("schema", "dialect"):
                if prop in resource:
                    refuse(prop, f"a resource that is not a table has no {prop}; it would be fetched", name, prop)
    return found


def _profiles(owner: dict, refuse, name) -> None:
    """The plural 'profiles' some readers accept: each must be known by name."""
    if "profiles" not in owner:
        return
    values = owner["profiles"]
    if not isinstance(values, list) or not all(_known(v, KNOWN_PROFILES | KNOWN_SCHEMAS) for v in values):
        refuse(
            "profile",
            "'profiles' is not allowed unless it lists profiles known by name; none is fetched",
            name,
            "profiles",
        )


def _dialect(resource: dict, name: str) -> list[Finding]:
    """A table's dialect may only restate the package's own CSV dialect."""
    dialect = resource.get("dialect")
    if dialect is None:
        return []
    if not isinstance(dialect, dict):
        return [
            Finding(
                LAYER,
                "dialect",
                "give the dialect inline; a dialect file or address is not read",
                resource=name,
                property="dialect",
            )
        ]
    found = []
    for key, value in dialect.items():
        if key == "$schema" and _known(value, KNOWN_SCHEMAS):
            continue
        if key not in OWN_DIALECT or not any(type(value) is type(ok) and value == ok for ok in OWN_DIALECT[key]):
            found.append(
                Finding(
                    LAYER,
                    "dialect",
                    f"{key} = {value!r}: the tables are comma-separated, double-quoted, with one header row",
                    resource=name,
                    property=f"dialect.{key}",
                )
            )
    return found


def compile_pattern(pattern: str):
    """A Table Schema pattern compiled by RE2 (linear time), which logs nothing of its own on failure."""
    import re2

    if not isinstance(pattern, str):
        raise TypeError(f"a pattern is text, not {type(pattern).__name__}")
    options = re2.Options()
    options.log_errors = False
    return re2.compile(pattern, options)


def _bounds(spec: dict, index: int, resource: str, file: str | None) -> list[Finding]:
    """A minimum or maximum is a number, on a number or integer field: the only bounds validation checks."""
    found = []
    for bound in ("minimum", "maximum"):
        value = spec.get("constraints", {}).get(bound)
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if value is not None and not (numeric and spec["type"] in ("integer", "number")):
            found.append(
                Finding(
                    LAYER,
                    "schema",
                    f"{bound} {value!r} on a field of type {spec['type']!r}: bounds are numbers, on numbers",
                    file,
                    resource=resource,
                    property=f"schema.fields[{index}].constraints.{bound}",
                )
            )
    return found


def listed(fields) -> list[str]:
    """A key's fields: the Table Schema allows one name or a list."""
    return [fields] if isinstance(fields, str) else list(fields)


def schema_findings(package: DataPackage) -> list[Finding]:
    """Keys of each Table Schema name fields that exist, in tables that exist; patterns are RE2."""
    import re2

    found = []
    by_name = {r["name"]: package.schemas.get(r["name"]) for r in package.tables}
    for resource in package.tables:
        name, schema = resource["name"], package.schemas[resource["name"]]
        file = resource["schema"] if isinstance(resource["schema"], str) else None

        def refuse(rule, message, prop, name=name, file=file):
            found.append(Finding(LAYER, rule, message, file, resource=name, property=prop))

        names = [f["name"] for f in schema["fields"]]
        if len(set(names)) != len(names):
            refuse("schema", "two fields share a name", "schema.fields")
        for index, spec in enumerate(schema["fields"]):
            constraints = spec.get("constraints", {})
            if "pattern" in constraints:
                pattern = constraints["pattern"]
                try:
                    compile_pattern(pattern)
                except (re2.error, TypeError) as error:
                    refuse(
                        "pattern",
                        f"pattern {pattern!r} is not a regular expression RE2 accepts: {error}",
                        f"schema.fields[{index}].constraints.pattern",
                    )
            found.extend(_bounds(spec, index, name, file))
            missing = spec.get("missingValues", schema.get("missingValues", [""]))
            if not all(isinstance(m, str) for m in missing):
                refuse("schema", "missingValues must be strings", f"schema.fields[{index}].missingValues")
        if not all(isinstance(m, str) for m in schema.get("missingValues", [""])):
            refuse("schema", "missingValues must be strings", "schema.missingValues")
        for field_name in listed(schema.get("primaryKey", [])):
            if field_name not in names:
                refuse("primary-key", f"primaryKey names {field_name!r}, which is not a field", "schema.primaryKey")
        for index, foreign in enumerate(schema.get("foreignKeys", [])):
            prop = f"schema.foreignKeys[{index}]"
            fields, reference = listed(foreign["fields"]), foreign["reference"]
            target_name = reference.get("resource", "") or name
            target = by_name.get(target_name)
            targets = listed(reference["fields"])
            if any(f not in names for f in fields):
                refuse("foreign-key", f"fields {fields} are not all fields of this table", f"{prop}.fields")
            if target is None:
                refuse(
                    "foreign-key",
                    f"refers to {target_name!r}, which is not a table of the package",
                    f"{prop}.reference.resource",
                )
            elif any(f not in [t["name"] for t in target["fields"]] for f in targets):
                refuse("foreign-key", f"{targets} are not all fields of {target_name!r}", f"{prop}.reference.fields")
            if len(fields) != len(targets):
                refuse("foreign-key", "fields and reference fields differ in number", prop)
    return found


def open_package(descriptor: str | Path) -> DataPackage:
    """Read the descriptor and the Table Schemas it points to, refusing anything unsafe."""
    try:
        path = Path(descriptor)
        readable = path.is_file()
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot read {descriptor!r}: {error}") from None
    if not readable:
        raise UsageError(f"no such file: {descriptor}")
    try:
        oversize = path.stat().st_size > limits.MAX_DESCRIPTOR_BYTES
    except OSError as error:
        raise UsageError(f"cannot read {descriptor!r}: {error}") from None
    if oversize:
        limit = f"MAX_DESCRIPTOR_BYTES ({limits.MAX_DESCRIPTOR_BYTES:,} bytes)"
        raise PackageRefused(
            [Finding(LAYER, "descriptor-size", f"the descriptor is larger than {limit}; it is not read", path.name)]
        )
    data, problem = read_limited(path, limits.MAX_DESCRIPTOR_BYTES, "MAX_DESCRIPTOR_BYTES")
    if problem:
        raise UsageError(f"{descriptor}: {problem}")
    value, found = parse_json(data, path.name)
    if found:
        raise PackageRefused(found)
    if not isinstance(value, dict) or not isinstance(value.get("resources"), list):
        raise PackageRefused(
            [
                Finding(
                    LAYER,
                    "resources",
                    "the descriptor must be an object with a 'resources' list",
                    path.name,
                    property="resources",
                )
            ]
        )
    if len(value["resources"]) > limits.MAX_RESOURCES:
        message = f"the descriptor lists {len(value['resources']):,} resources, more than MAX_RESOURCES ({limits.MAX_RESOURCES})"
        raise PackageRefused([Finding(LAYER, "resources-count", message, path.name, property="resources")])
    # the boundary first, so that an unsafe value is named as such even where the profile also objects
    root = path.parent
    found = [replace(f, file=path.name) for f in boundary(root, value)]
    found += profile_findings("datapackage", value, path.name, value["resources"])
    if found:
        raise PackageRefused(found)
    package = DataPackage(path, value)
    schema_bytes = 0
    for resource in package.tables:
        name, schema = resource["name"], resource["schema"]
        if isinstance(schema, dict):
            package.schemas[name] = schema
            found += profile_findings("tableschema", schema, path.name, prefix="schema.")
            continue
        raw, problem = read_limited(root / schema, limits.MAX_DESCRIPTOR_BYTES, "MAX_DESCRIPTOR_BYTES")
        schema_bytes += len(raw)
        if schema_bytes > limits.MAX_SCHEMAS_BYTES:
            problem = f"brings the Table Schemas past MAX_SCHEMAS_BYTES ({limits.MAX_SCHEMAS_BYTES:,} bytes); no more are read"
        if problem:
            found.append(Finding(LAYER, "schema", f"{schema!r} {problem}", schema, resource=name, property="schema"))
            if schema_bytes > limits.MAX_SCHEMAS_BYTES:
                break
            continue
        parsed, problems = parse_json(raw, schema, name, "schema")
        if not problems:
            problems = profile_findings("tableschema", parsed, schema)
            problems = [
                Finding(p.layer, p.rule, p.message, p.file, resource=name, property=p.property) for p in problems
            ]
        found += problems
        if not problems:
            package.schemas[name] = parsed
    for schema in package.schemas.values():
        for spec in schema["fields"]:
            spec.setdefault("type", "string")  # the Table Schema's default
    if found:
        raise PackageRefused(found)
    found = schema_findings(package)
    if found:
        raise PackageRefused(found)
    return package
