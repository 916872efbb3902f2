"""Other Frictionless readers can read every table: the R frictionless package, whose rules are
checked here without R, and read with R itself where it is installed; and datapackage-py, the
Data Package v1 reader, in an environment of its own (`make v1-reader`)."""

import csv
import io
import json
import os
import subprocess

import pytest

from conftest import ROOT, require_r

# What R frictionless 1.2.1 (read_resource and the functions it calls) requires of a table resource
# and its Table Schema; anything else makes it stop or read wrongly.
R_FIELD_TYPES = {
    "string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime",
    "year", "yearmonth", "duration", "geopoint", "geojson", "any",
}  # fmt: skip
# The package's CSV dialect, declared on every table so that no reader guesses it.
DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True}


def r_reader_problems(descriptor_path) -> list[str]:
    """Why the R frictionless package could not read a table of this package as its schema says."""
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    root, problems = descriptor_path.parent, []
    for resource in descriptor["resources"]:
        if resource.get("type") != "table":
            continue
        name = resource.get("name")
        if resource.get("profile") != "tabular-data-resource":
            problems.append(f"{name}: profile must be 'tabular-data-resource' (R reads no other resource as a table)")
        for key in ("path", "schema"):
            value = resource.get(key)
            if not isinstance(value, str) or value.startswith(("/", "../")) or not (root / value).is_file():
                problems.append(f"{name}: {key} {value!r} must be a relative path to a file in the package")
        if resource.get("dialect", DIALECT) != DIALECT:
            problems.append(f"{name}: the dialect must be given inline as {DIALECT} (R reads it)")
        if str(resource.get("encoding", "utf-8")).lower() != "utf-8":
            problems.append(f"{name}: encoding must be utf-8")
        schema_path = root / str(resource.get("schema"))
        if not schema_path.is_file():
            continue
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        fields = schema.get("fields", [])
        for field in fields:
            if field.get("type", "any") not in R_FIELD_TYPES:
                problems.append(f"{name}: field {field.get('name')!r} has a type R does not know")
            if field.get("format", "default") != "default" or field.get("decimalChar", ".") != ".":
                problems.append(f"{name}: field {field.get('name')!r} has a format R reads differently")
        if schema.get("missingValues", [""]) != [""]:
            problems.append(f"{name}: missingValues must be [''], the gaps R and this package agree on")
        # R names the columns from the schema and skips the header: they must be the same, in order.
        path = root / str(resource.get("path"))
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as f:
                header = next(csv.reader(f), [])
            if header != [field.get("name") for field in fields]:
                problems.append(f"{name}: the header must list the schema's fields in order")
    return problems


def test_descriptor_meets_what_r_requires():
    assert r_reader_problems(ROOT / "datapackage.json") == []


def test_every_table_declares_its_dialect():
    """datapackage-py sniffs a table without a dialect and may guess ' as the quote character."""
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    tables = [r for r in descriptor["resources"] if r.get("type") == "table"]
    assert tables and all(r.get("dialect") == DIALECT for r in tables)


V1_READER = ROOT / ".venv-v1" / "bin" / "python"
READ_V1 = """
import json, sys
import datapackage
package = datapackage.Package(sys.argv[1])
read = {}
for resource in package.resources:
    if resource.tabular:
        try:
            read[resource.name] = [[str(cell) for cell in row] for row in resource.read(cast=False)]
        except Exception as error:
            read[resource.name] = f"{type(error).__name__}: {error}"
print(json.dumps(read))
"""


def read_with_v1(descriptor) -> dict:
    """What datapackage-py 1.15.4 reads from each table, as text cells (or why it could not)."""
    python = os.environ.get("V1_READER_PYTHON") or str(V1_READER)
    if not os.path.exists(python):
        if os.environ.get("REQUIRE_V1_READER"):
            pytest.fail(f"REQUIRE_V1_READER is set, but {python} is missing: run make v1-reader")
        pytest.skip("datapackage-py is not installed: make v1-reader")
    done = subprocess.run([python, "-c", READ_V1, str(descriptor)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_the_v1_reader_reads_every_table_as_the_csv_has_it():
    read = read_with_v1(ROOT / "datapackage.json")
    tables = csv_tables()
    assert set(read) == set(tables)
    for name, rows in tables.items():
        assert read[name] == [list(row.values()) for row in rows], name


def test_without_its_dialect_the_v1_reader_misreads_a_table(package):
    """What the declared dialect prevents: sniffing guesses ' as the quote character of blocs.csv."""
    package.edit_descriptor(lambda d: [r.pop("dialect", None) for r in d["resources"]])
    read = read_with_v1(package.descriptor)["blocs"]
    assert isinstance(read, list), read  # read, not refused: misread, with the CSV's quotes left in its cells
    assert read != [list(r.values()) for r in csv_tables()["blocs"]] and any(c.startswith('"') for r in read for c in r)


def first_table(descriptor):
    return next(r for r in descriptor["resources"] if r.get("type") == "table")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: first_table(d).pop("profile"), "profile must be"),
        (lambda d: first_table(d).update(dialect={"delimiter": ";"}), "dialect"),
        (lambda d: first_table(d).update(dialect="dialect.json"), "dialect"),
        (lambda d: first_table(d).update(schema="../schema.json"), "schema '../schema.json'"),
    ],
    ids=["no profile", "dialect", "dialect file", "schema outside"],
)
def test_what_r_cannot_read_is_found(package, change, words):
    package.edit_descriptor(change)
    problems = r_reader_problems(package.descriptor)
    assert len(problems) == 1 and words in problems[0]


def test_header_out_of_schema_order_is_found(package):
    seats = package.root / "data" / "seat_results.csv"
    header, rest = seats.read_text(encoding="utf-8").split("\n", 1)
    first, second, *others = header.split(",")
    seats.write_text(",".join([second, first, *others]) + "\n" + rest, encoding="utf-8")
    assert r_reader_problems(package.descriptor) == ["seat-results: the header must list the schema's fields in order"]


@pytest.fixture(scope="module")
def read_by_r():
    """What R read from each table."""
    require_r()
    done = subprocess.run(
        ["Rscript", str(ROOT / "tests" / "read_with_r.R"), str(ROOT / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return {table["name"]: table for table in json.loads(done.stdout)}


def csv_tables() -> dict[str, list[dict]]:
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    return {
        r["name"]: list(csv.DictReader(io.StringIO((ROOT / r["path"]).read_text(encoding="utf-8"))))
        for r in descriptor["resources"]
        if r.get("type") == "table"
    }


def test_r_reads_every_table_as_the_csv_has_it(read_by_r):
    tables = csv_tables()
    assert set(read_by_r) == set(tables)
    for name, rows in tables.items():
        read = read_by_r[name]
        assert read["rows"] == len(rows), name
        assert read["columns"] == list(rows[0]), name
        assert read["problems"] == 0, name
        # a gap is an empty cell and nothing else: R finds exactly the empty cells missing
        empty = {column: sum(row[column] == "" for row in rows) for column in rows[0]}
        assert read["missing"] == empty, name
