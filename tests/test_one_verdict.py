"""A cell gets the same verdict at row 5 and at row 5,000,000.

Every rule on cells runs on a column's distinct values and maps the verdict back to every row
that holds the value; no rule reads only the first rows. This is shown two ways: the very
functions the layers call, on a column of five million cells (built as a categorical, as the
reader gives it, without writing a 500 MB file), and the whole validator on a synthetic copy
whose seat-results table has 20,000 rows.
"""

import json

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, PackageCopy, assert_finding, findings
from iraq_election_seats import tables
from iraq_election_seats.package import open_package
from iraq_election_seats.schema_layer import parse_values
from iraq_election_seats.tables import cell_findings

ROWS = 5_000_000
SEATS = "data/seat_results.csv"
SCHEMA = json.loads((ROOT / "schemas/seat_results.schema.json").read_text(encoding="utf-8"))


def column(value: str, at: list[int]):
    """A seats column of ROWS cells, '1' everywhere but `value` at the given lines (header = 1)."""
    codes = np.zeros(ROWS, dtype=np.int8)
    codes[[line - 2 for line in at]] = 1
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(["1", value], dtype="str")), name="seats")


@pytest.mark.parametrize("spelling", ["+73", "073", "7.3e1", "\u0667\u0663"])
def test_a_number_has_one_verdict_at_any_row(spelling):
    frame = pd.DataFrame({"seats": column(spelling, [5, ROWS])})
    schema = {"fields": [f for f in SCHEMA["fields"] if f["name"] == "seats"]}
    _, found = parse_values(schema, frame, SEATS)
    assert [(f.rule, f.column, f.row) for f in found] == [("type", "seats", 5), ("type", "seats", ROWS)]
    assert found[0].message == found[1].message


@pytest.mark.parametrize("line", [5, ROWS])
@pytest.mark.parametrize(("cell", "rule"), [(" 73", "whitespace"), ("\u200b", "visible-text")])
def test_a_cell_rule_has_one_verdict_at_any_row(line, cell, rule):
    values = column(cell, [line])
    found = cell_findings(SEATS, "seats", list(values.cat.categories), values.cat.codes.to_numpy())
    assert [(f.rule, f.column, f.row) for f in found] == [(rule, "seats", line)]


def test_the_whole_validator_at_both_ends_of_a_large_table(tmp_path):
    package = PackageCopy(tmp_path / "package", rows=20_000)
    last = len(package.rows(SEATS)) + 1
    for line in (5, last):
        package.set_cell(SEATS, line, "seats", "+73")
    result = package.validate()
    for line in (5, last):
        assert_finding(result, layer="schema", rule="type", file=SEATS, row=line, column="seats")
    assert len({f.message for f in findings(result)}) == 1


def test_a_table_parsed_in_many_blocks_reads_as_one(monkeypatch):
    """pyarrow parses a large table in blocks, each with its own dictionary of distinct cells; the
    frame is the same, code for code, as when one block holds the whole table."""
    package = open_package(str(ROOT / "datapackage.json"))
    whole = {r["name"]: tables.read_table(package, r) for r in package.tables}
    monkeypatch.setattr(tables, "BLOCK_BYTES", 1 << 10)
    for resource in package.tables:
        frame, found = tables.read_table(package, resource)
        assert found == [] and whole[resource["name"]][1] == []
        pd.testing.assert_frame_equal(frame, whole[resource["name"]][0])
        for column in frame:
            assert (frame[column].cat.codes == whole[resource["name"]][0][column].cat.codes).all()
