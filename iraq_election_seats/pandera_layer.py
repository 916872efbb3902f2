"""Layer 2: Pandera schemas built from the Table Schemas, plus the rules within each table.

Types and constraints are written once, in schemas/*.schema.json. Each number and date column
is parsed here once per distinct value, by one spelling rule (spelling.py); Pandera then checks
the typed columns: required cells, enumerations, patterns (evaluated by RE2, in linear time),
bounds, keys and references, and the rules within each table.
"""

import json
from functools import lru_cache

from . import spelling
from .findings import PER_RULE, Finding, examples, per_row
from .limits import tick
from .package import DataPackage, compile_pattern, listed
from .table_checks import TABLE_RULES
from .tables import line_of, lines_of

LAYER = "pandera"
CHECK_RULES = {
    "coerce_dtype": "type",
    "dtype": "type",
    "not_nullable": "required",
    "isin": "enum",
    "str_matches": "pattern",
    "greater_than_or_equal_to": "minimum",
    "less_than_or_equal_to": "maximum",
    "field_uniqueness": "unique",
    "multiple_fields_uniqueness": "primary-key",
}


class Unsupported(ValueError):
    """A Table Schema feature validation does not know; refused rather than silently skipped."""

    def __init__(self, field: str | None, prop: str, message: str):
        super().__init__(message)
        self.field, self.prop = field, prop


@lru_cache(maxsize=64)
def schema_of(name: str, table_schema_json: str):
    """The Pandera schema of a table, built once per process for each Table Schema (given as its JSON
    text, so that an edited schema is a new key): a library user or a test that validates many
    copies of the package pays for building it once."""
    return build_schema(name, json.loads(table_schema_json))


def build_schema(name: str, table_schema: dict):
    """The Pandera schema for one table, read from its Table Schema.

    Pandera's own converter (from_frictionless_schema) imports Frictionless and re-validates the
    schema, a third of a second at start-up, and then needs mending: integers must be nullable,
    dates checked, unique columns and keys checked the Frictionless way. So the few Table Schema
    features this package uses are read here directly, and any other one is refused rather than
    silently skipped.
    """
    import pandera.pandas as pa

    for prop in sorted(set(table_schema) & UNKNOWN_SCHEMA_FEATURES):
        raise Unsupported(None, prop, f"the Table Schema sets {prop!r}, which validation does not check")
    columns = {}
    for field in table_schema["fields"]:
        for prop in sorted(set(field) & UNKNOWN_FIELD_FEATURES):
            raise Unsupported(
                field["name"], prop, f"field {field['name']!r} sets {prop!r}, which validation does not check"
            )
        if field["type"] not in DTYPES:
            raise Unsupported(
                field["name"],
                "type",
                f"field {field['name']!r} has type {field['type']!r}, which validation does not know",
            )
        constraints = dict(field.get("constraints", {}))
        unknown = set(constraints) - CONSTRAINTS
        if unknown:
            raise Unsupported(
                field["name"],
                "constraints",
                f"field {field['name']!r} has constraints {sorted(unknown)} that validation does not know",
            )
        options = set(field) & NUMBER_OPTIONS
        if options:
            raise Unsupported(
                field["name"],
                sorted(options)[0],
                f"field {field['name']!r} sets {sorted(options)}: numbers have one spelling",
            )
        checks = []
        if "enum" in constraints:
            allowed = set(constraints["enum"])
            checks.append(pa.Check(_each(allowed.__contains__), name="isin", error=f"isin({constraints['enum']})"))
        if "pattern" in constraints:
            compiled = compile_pattern(constraints["pattern"])
            checks.append(
                pa.Check(
                    _each(lambda value, compiled=compiled: compiled.fullmatch(str(value))),
                    name="str_matches",
                    error=f"str_matches('{constraints['pattern']}')",
                )
            )
        if "minimum" in constraints:
            checks.append(pa.Check.ge(constraints["minimum"]))
        if "maximum" in constraints:
            checks.append(pa.Check.le(constraints["maximum"]))
        columns[field["name"]] = pa.Column(
            CHECKED_DTYPES.get(field["type"]), checks=checks, nullable=not constraints.get("required", False)
        )
    table_rules = [pa.Check(rule.holds, name=rule.name) for rule in TABLE_RULES.get(name, [])]
    return pa.DataFrameSchema(columns, checks=table_rules, coerce=False, strict=True, ordered=True)


# Table Schema type -> pandas dtype. Text is categorical: ids and statuses repeat, and tests for
# missing values, equality and membership then work on small integer codes; integers may be empty.
DTYPES = {"string": "category", "integer": "Int64", "number": "float64", "date": "category"}
# The dtypes Pandera is asked to check: those parse_values gives. Text and dates are categorical as
# the reader builds every column (tables.categorical), whatever the cells hold, so no cell can make
# them another dtype; Pandera's check of a categorical's dtype rebuilt the categories for each column
# and each run, a quarter of this layer's time.
CHECKED_DTYPES = {kind: dtype for kind, dtype in DTYPES.items() if dtype != "category"}
# unique and primary keys are checked by unique_keys(), references by foreign_keys()
CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum", "maximum"}
NUMBER_OPTIONS = {"bareNumber", "groupChar", "decimalChar", "format"}
# Table Schema v2 features that promise a check this package does not make: refused, not skipped,
# so that no reader of a schema believes a rule holds that nothing enforces
UNKNOWN_SCHEMA_FEATURES = {"uniqueKeys"}
UNKNOWN_FIELD_FEATURES = {"categories", "categoriesOrdered"}


def _each(holds):
    """A check of each cell that asks `holds` once per distinct value: membership of an enum, or a
    pattern (with RE2, so that no pattern can run away)."""
    import pandas as pd

    def check(series):
        return pd.Series(per_distinct(series, holds), index=series.index)

    return check


def describe(group, path: str, rules: dict) -> list[Finding]:
    """One finding per (column, check) and row, up to PER_RULE, each with how many rows break it and
    examples, so that a contributor fixes every row in one pass; then one that counts the rest."""
    check = str(group["check"].iloc[0])
    rows = sorted(group["index"].dropna().unique())
    if check in rules:
        rule = rules[check]
        name, column, message = rule.name, rule.column, f"{rule.message} ({len(rows)} row(s))"
    else:
        values = group["failure_case"].tolist()
        name, column = CHECK_RULES.get(check.split("(")[0], check), group["column"].iloc[0]
        message = f"{len(values)} value(s) break {check}: {examples(values)}"
    found = [Finding(LAYER, name, message, path, line_of(row), column) for row in rows[:PER_RULE]] or [
        Finding(LAYER, name, message, path, None, column)
    ]
    if len(rows) > PER_RULE:
        found.append(
            Finding(LAYER, name, f"... and {len(rows) - PER_RULE} more rows break this rule", path, None, column)
        )
    return found


def check(package: DataPackage, frames: dict, typed: dict) -> list[Finding]:
    """Validate each text frame; fill `typed` with the typed frames."""
    import pandas as pd
    import pandera.pandas as pa

    found = []
    for resource in package.tables:
        tick()
        name, path = resource["name"], resource["path"]
        try:
            schema = schema_of(name, json.dumps(package.schemas[name], sort_keys=True))
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
        rules = {rule.name: rule for rule in TABLE_RULES.get(name, [])}
        frame, spelled = parse_values(package.schemas[name], frames[name], path)
        found += spelled
        try:
            typed[name] = schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            cases = errors.failure_cases
            cases = cases[~cases["failure_case"].astype(str).str.startswith("TypeError(")]
            # a cell spelled wrongly is reported once, as a type error, not again as missing
            said = {(f.column, f.row) for f in spelled}
            cases = cases[[(c, _line(i)) not in said for c, i in zip(cases["column"], cases["index"], strict=True)]]
            # a table-wide rule fails once per column of a bad row: keep one case per row
            wide = cases["check"].isin(list(rules))
            cases = pd.concat(
                [
                    cases[wide].drop_duplicates(["check", "index"]).assign(column=None),
                    cases[~wide].drop_duplicates(["column", "index"]),
                ]
            )
            for _, group in cases.groupby(["column", "check"], dropna=False, sort=False):
                found += describe(group, path, rules)
    if not found:
        found += unique_keys(package, typed) + foreign_keys(package, typed)
    return found


def _line(index):
    return None if index is None or index != index else line_of(index)


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
    if not all(hasattr(c, "cat") for c in columns):
        return True
    combined, span = np.zeros(len(frame), dtype=np.int64), 1
    for column in columns:
        width = len(column.cat.categories) + 1
        span *= width
        if span >= 2**62:
            return True
        combined *= width
        combined += column.cat.codes.to_numpy()
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
                parents = set(typed[target_name][targets[0]].dropna().unique())
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

    if not hasattr(series, "cat"):
        distinct = series.dropna().unique()
        return series.isin([v for v in distinct if holds(v)]) | series.isna()
    categories = series.cat.categories
    good = np.fromiter((bool(holds(v)) for v in categories), dtype=bool, count=len(categories))
    codes = series.cat.codes.to_numpy()
    return np.append(good, True)[codes]  # code -1, an empty cell, picks the last: True


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
