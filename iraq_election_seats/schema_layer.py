"""Layer 2: the Table Schemas' types and constraints, and the rules within each table.

Types and constraints are written once, in schemas/*.schema.json. Each number and date column
is parsed here once per distinct value, by one spelling rule (spelling.py); then each column's
constraints are checked on the typed column: required cells, enumerations and patterns (judged
once per distinct value, patterns by RE2, in linear time), bounds; then keys and references, and
the rules within each table (table_checks.py).

In 1.2 and before, Pandera ran these checks. Each is one comparison on a column the reader has
already made categorical or typed, and Pandera's machinery around them cost more than the checks:
about a third of a millisecond per column, 60 ms of each validation of the shipped package, and
0.2 s of import in every run. Its converter from Table Schemas had already been set aside
(integers must be nullable, dates checked, keys checked the Frictionless way), and every check it
ran was one of ours; so the layer runs them itself, with the same findings.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import spelling
from .findings import PER_RULE, Finding, examples, per_row
from .frames import distinct_values, is_categorical
from .limits import tick
from .package import DataPackage, compile_pattern, listed
from .table_checks import TABLE_RULES
from .tables import line_of, lines_of

LAYER = "schema"
# unique and primary keys are checked by unique_keys(), references by foreign_keys()
CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum", "maximum"}
TYPES = {"string", "integer", "number", "date"}
NUMBER_OPTIONS = {"bareNumber", "groupChar", "decimalChar", "format"}
# Table Schema v2 features that promise a check this package does not make: refused, not skipped,
# so that no reader of a schema believes a rule holds that nothing enforces
UNKNOWN_SCHEMA_FEATURES = {"uniqueKeys"}
UNKNOWN_FIELD_FEATURES = {"categories", "categoriesOrdered"}


class Unsupported(ValueError):
    """A Table Schema feature validation does not know; refused rather than silently skipped."""

    def __init__(self, field: str | None, prop: str, message: str):
        super().__init__(message)
        self.field, self.prop = field, prop


@dataclass(frozen=True)
class ColumnCheck:
    """One constraint of one field. `holds(series)` gives a boolean array, True where the cell keeps
    the constraint or is empty (only `required` judges empty cells); `says` is how a message names
    the check, with its argument: isin([...]), str_matches('...'), greater_than_or_equal_to(0)."""

    column: str
    rule: str
    says: str
    holds: Callable


def column_checks(table_schema: dict) -> list[ColumnCheck]:
    """The checks of a table's fields, in the order a cell is judged (a cell that breaks two is
    reported by the first): required, enum, pattern, minimum, maximum.

    Only the Table Schema features this package uses are known; any other one is refused rather
    than silently skipped.
    """
    for prop in sorted(set(table_schema) & UNKNOWN_SCHEMA_FEATURES):
        raise Unsupported(None, prop, f"the Table Schema sets {prop!r}, which validation does not check")
    checks = []
    for field in table_schema["fields"]:
        name = field["name"]
        for prop in sorted(set(field) & UNKNOWN_FIELD_FEATURES):
            raise Unsupported(name, prop, f"field {name!r} sets {prop!r}, which validation does not check")
        if field["type"] not in TYPES:
            raise Unsupported(
                name, "type", f"field {name!r} has type {field['type']!r}, which validation does not know"
            )
        constraints = dict(field.get("constraints", {}))
        unknown = set(constraints) - CONSTRAINTS
        if unknown:
            raise Unsupported(
                name, "constraints", f"field {name!r} has constraints {sorted(unknown)} that validation does not know"
            )
        options = set(field) & NUMBER_OPTIONS
        if options:
            raise Unsupported(
                name, sorted(options)[0], f"field {name!r} sets {sorted(options)}: numbers have one spelling"
            )
        if constraints.get("required"):
            checks.append(ColumnCheck(name, "required", "not_nullable", _present))
        if "enum" in constraints:
            allowed = frozenset(constraints["enum"])
            checks.append(ColumnCheck(name, "enum", f"isin({constraints['enum']})", _each(allowed.__contains__)))
        if "pattern" in constraints:
            compiled = compile_pattern(constraints["pattern"])
            matches = _each(lambda value, compiled=compiled: compiled.fullmatch(str(value)))
            checks.append(ColumnCheck(name, "pattern", f"str_matches('{constraints['pattern']}')", matches))
        if "minimum" in constraints:
            low = constraints["minimum"]
            checks.append(
                ColumnCheck(name, "minimum", f"greater_than_or_equal_to({low})", _not(lambda s, low=low: s < low))
            )
        if "maximum" in constraints:
            high = constraints["maximum"]
            checks.append(
                ColumnCheck(name, "maximum", f"less_than_or_equal_to({high})", _not(lambda s, high=high: s > high))
            )
    return checks


def _present(series):
    if is_categorical(series):
        return series.array.codes >= 0  # an empty cell is code -1
    return series.notna().to_numpy()


def _each(holds):
    """A check of each cell that asks `holds` once per distinct value: membership of an enum, or a
    pattern (with RE2, so that no pattern can run away)."""
    return lambda series: per_distinct(series, holds)


def _not(breaks):
    """True where `breaks(values)` is false or unknown (an empty cell is no bound's business), asked
    of the column's array, not of a Series built around each answer."""
    return lambda series: ~breaks(series.array).to_numpy(dtype=bool, na_value=False)


def describe(rows, rule: str, column: str | None, message: str, path: str) -> list[Finding]:
    """One finding per row that breaks a check (there is at least one), up to PER_RULE, so that a
    contributor fixes every row in one pass; then one that counts the rest."""
    found = [Finding(LAYER, rule, message, path, line_of(row), column) for row in rows[:PER_RULE]]
    if len(rows) > PER_RULE:
        found.append(
            Finding(LAYER, rule, f"... and {len(rows) - PER_RULE} more rows break this rule", path, None, column)
        )
    return found


def check(package: DataPackage, frames: dict, typed: dict) -> list[Finding]:
    """Type and check each text frame; fill `typed` with the typed frames of the tables that keep
    every constraint and rule."""
    found = []
    for resource in package.tables:
        tick()
        name, path = resource["name"], resource["path"]
        try:
            checks = column_checks(package.schemas[name])
        except Unsupported as refused:
            found.append(
                Finding(
                    LAYER,
                    "schema",
                    str(refused),
                    path,
                    None,
                    refused.field,
                    name,
                    f"schema.fields.{refused.prop}" if refused.field else f"schema.{refused.prop}",
                )
            )
            continue
        frame, spelled = parse_values(package.schemas[name], frames[name], path)
        found += spelled
        broken = table_findings(frame, TABLE_RULES.get(name, []), path)
        cells, failed = constraint_findings(frame, checks, spelled, path)
        found += broken + cells
        if not (broken or failed):
            typed[name] = frame
    if not found:
        found += unique_keys(package, typed) + foreign_keys(package, typed)
    return found


def table_findings(frame, rules: list, path: str) -> list[Finding]:
    """The rules within this table, each reported at every row that breaks it; a rule cannot judge
    a row where a cell it reads is empty, and a row whose cells are all empty is not judged."""
    found = []
    for rule in rules:
        bad = ~rule.holds(frame).fillna(True).to_numpy(dtype=bool)
        if bad.any():
            rows = frame.index[bad & ~frame.isna().all(axis="columns").to_numpy()]
            if len(rows):
                found += describe(rows, rule.name, rule.column, f"{rule.message} ({len(rows)} row(s))", path)
    return found


def constraint_findings(frame, checks: list[ColumnCheck], spelled: list[Finding], path: str):
    """(findings, whether any cell broke a constraint): each cell reported once, by the first check
    of its column that it breaks, and a cell spelled wrongly (already a type error, and so empty in
    the typed column) never again as missing."""
    import numpy as np

    said = {(f.column, f.row) for f in spelled}
    found, failed, reported = [], False, {}
    for check in checks:
        series = frame[check.column]
        bad = ~check.holds(series)
        if not bad.any():
            continue
        failed = True
        earlier = reported.setdefault(check.column, np.zeros(len(bad), dtype=bool))
        bad &= ~earlier
        earlier |= bad
        rows = [row for row in frame.index[bad] if (check.column, line_of(row)) not in said]
        if rows:
            values = series.loc[rows].tolist()
            message = f"{len(values)} value(s) break {check.says}: {examples(values)}"
            found += describe(rows, check.rule, check.column, message, path)
    return found, failed


def parse_values(table_schema: dict, frame, path: str):
    """Numbers and dates parsed once per distinct value; each wrong spelling is a type error (or a
    number past MAX_NUMBER_DIGITS), reported at every row it stands on (up to PER_RULE)."""
    found, columns = [], {}
    for field in table_schema["fields"]:
        column = field["name"]
        if field["type"] not in spelling.SPELLED:
            continue
        columns[column], wrong = spelling.typed_column(field, frame[column])
        if wrong:
            bad = frame[[column]][frame[column].isin(list(wrong))]
            found += per_row(
                bad.assign(row=lines_of(bad.index)),
                lambda r, column=column, field=field, wrong=wrong: Finding(
                    LAYER, wrong[r[0]], spelling.message(field, r[0], wrong[r[0]]), path, int(r.row), column
                ),
            )
    return (frame.assign(**columns) if columns else frame), found


def unique_keys(package: DataPackage, typed: dict) -> list[Finding]:
    """No two rows share a primary key, or a value of a column declared unique.

    Each repeat is reported at the row that repeats an earlier one, as Frictionless does.
    """
    found = []
    for resource in package.tables:
        schema, frame = package.schemas[resource["name"]], typed[resource["name"]]
        key = listed(schema.get("primaryKey", []))
        unique = [
            [f["name"]] for f in schema["fields"] if f.get("constraints", {}).get("unique") and [f["name"]] != key
        ]
        for fields, rule in [(key, "primary-key")] * bool(key) + [(u, "unique") for u in unique]:
            if not _may_repeat(frame, fields):
                continue
            values = frame[fields].dropna()
            found += _key_findings(
                values[values.duplicated(keep="first")], fields, rule, "repeats an earlier row", resource["path"]
            )
    return found


def _may_repeat(frame, fields: list[str]) -> bool:
    """False when no two rows can share the key: checked on category codes, without hashing text,
    in one int64 array sorted in place (a million rows cost 8 MB)."""
    import numpy as np

    columns = [frame[f] for f in fields]
    if not all(is_categorical(c) for c in columns):
        return True
    combined, span = np.zeros(len(frame), dtype=np.int64), 1
    for column in columns:
        width = len(column.array.categories) + 1
        span *= width
        if span >= 2**62:
            return True
        combined *= width
        combined += column.array.codes
        combined += 1
    combined.sort()
    return bool(len(combined) > 1 and (combined[1:] == combined[:-1]).any())


def foreign_keys(package: DataPackage, typed: dict) -> list[Finding]:
    """Every reference in a table names a row that exists in the table it points to.

    Frictionless checks references row by row; this checks them on whole columns, so it holds at
    any size, and a one-field reference once per distinct value. An empty reference is no reference.
    """
    import pandas as pd

    found = []
    for resource in package.tables:
        frame = typed[resource["name"]]
        for key in package.schemas[resource["name"]].get("foreignKeys", []):
            target = key["reference"]
            fields, targets = listed(key["fields"]), listed(target["fields"])
            target_name = target.get("resource") or resource["name"]
            if len(fields) == 1:
                parents = distinct_values(typed[target_name][targets[0]])
                known = per_distinct(frame[fields[0]], parents.__contains__)
                if known.all():
                    continue
                child = frame[fields][~known]
            else:
                child = frame[fields].dropna()
                known = pd.MultiIndex.from_frame(child.astype(object)).isin(
                    pd.MultiIndex.from_frame(typed[target_name][targets].astype(object))
                )
                child = child[~known]
            where = f"not a value of {target_name}.{', '.join(targets)}"
            found += _key_findings(child, fields, "foreign-key", where, resource["path"])
    return found


def per_distinct(series, holds):
    """Where `holds(value)` is true, or the cell is empty, judged once per distinct value of a
    categorical column (row by row only for another dtype)."""
    import numpy as np

    if not is_categorical(series):
        distinct = series.dropna().unique()
        return (series.isin([v for v in distinct if holds(v)]) | series.isna()).to_numpy(dtype=bool)
    categories = series.array.categories
    good = np.fromiter((bool(holds(v)) for v in categories), dtype=bool, count=len(categories))
    return np.append(good, True)[series.array.codes]  # code -1, an empty cell, picks the last: True


def _key_findings(rows, fields: list[str], rule: str, text: str, path: str) -> list[Finding]:
    """One finding per offending row (a frame of the key's columns), naming the key's values."""
    if rows.empty:
        return []
    return per_row(
        rows.assign(row=lines_of(rows.index)),
        lambda r: Finding(
            LAYER, rule, f"{', '.join(repr(getattr(r, f)) for f in fields)} {text}", path, int(r.row), ", ".join(fields)
        ),
    )
