"""Layer 2: Pandera schemas built from the Table Schemas, plus the rules within each table.

Types and constraints are written once, in schemas/*.schema.json. Pandera's converter falls
short in three places, mended here: integers become nullable Int64 (gaps are empty cells),
dates are checked as ISO dates, and a composite primary key is checked as unique together.
"""

from .findings import Finding, examples
from .package import DataPackage
from .table_checks import TABLE_RULES
from .tables import line_of

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
    "iso_date": "type",
}


def build_schema(name: str, table_schema: dict):
    """The Pandera schema for one table, from its Table Schema."""
    import pandera.pandas as pa
    from pandera.io.pandas_io import from_frictionless_schema

    schema = from_frictionless_schema(table_schema)
    fields = {f["name"]: f for f in table_schema["fields"]}
    iso_date = pa.Check(
        lambda s: s.str.fullmatch(r"\d{4}-\d{2}-\d{2}") & _parses_as_date(s),
        name="iso_date",
        error="not a date of the form YYYY-MM-DD",
    )
    changes = {}
    for field_name, field in fields.items():
        if field["type"] == "integer":
            changes[field_name] = {"dtype": "Int64"}
        elif field["type"] == "date":
            changes[field_name] = {"checks": [*schema.columns[field_name].checks, iso_date]}
    schema = schema.update_columns(changes)
    key = table_schema.get("primaryKey", [])
    if len(key) > 1:
        schema.unique = key
    rules = TABLE_RULES.get(name, [])
    schema.checks = [pa.Check(rule.holds, name=rule.name) for rule in rules]
    return schema


def _parses_as_date(series):
    import pandas as pd

    return pd.to_datetime(series, format="%Y-%m-%d", errors="coerce").notna()


def describe(group, path: str, rules: dict) -> Finding:
    """One finding per (column, check): the first row, how many rows, and examples."""
    check = str(group["check"].iloc[0])
    rows = group["index"].dropna().unique()
    row = line_of(rows.min()) if len(rows) else None
    if check in rules:
        rule = rules[check]
        return Finding(LAYER, rule.name, f"{rule.message} ({len(rows)} row(s))", path, row, rule.column)
    values = group["failure_case"].tolist()
    rule = CHECK_RULES.get(check.split("(")[0], check)
    return Finding(
        LAYER, rule, f"{len(values)} value(s) break {check}: {examples(values)}", path, row, group["column"].iloc[0]
    )


def check(package: DataPackage, frames: dict, typed: dict) -> list[Finding]:
    """Validate each text frame; fill `typed` with the coerced frames."""
    import pandas as pd
    import pandera.pandas as pa

    found = []
    for resource in package.tables:
        name, path = resource["name"], resource["path"]
        schema = build_schema(name, package.schemas[name])
        rules = {rule.name: rule for rule in TABLE_RULES.get(name, [])}
        try:
            typed[name] = schema.validate(frames[name], lazy=True)
        except pa.errors.SchemaErrors as errors:
            cases = errors.failure_cases
            cases = cases[~cases["failure_case"].astype(str).str.startswith("TypeError(")]
            # a table-wide rule fails once per column of a bad row: keep one case per row
            wide = cases["check"].isin(list(rules))
            cases = pd.concat(
                [
                    cases[wide].drop_duplicates(["check", "index"]).assign(column=None),
                    cases[~wide].drop_duplicates(["column", "index"]),
                ]
            )
            for _, group in cases.groupby(["column", "check"], dropna=False, sort=False):
                found.append(describe(group, path, rules))
    return found
