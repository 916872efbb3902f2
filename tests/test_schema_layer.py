"""The table-schema layer reports each broken cell once, by the check that explains it best, and
never a finding without its row: the order and overlap rules of schema_layer, each shown at work."""

import pandas as pd
import pytest

from conftest import findings
from iraq_election_seats.frames import distinct_values

CLAIMS = "data/claims.csv"
SEATS = "data/seat_results.csv"


def schema_findings(package, file: str, row: int) -> list[tuple[str, str]]:
    result = package.validate()
    assert not result.valid
    return sorted(
        (f.rule, f.column) for f in findings(result) if f.layer == "schema" and f.file == file and f.row == row
    )


def test_a_row_of_empty_cells_is_reported_by_its_required_cells_alone(package):
    """A row whose cells are all empty breaks each required column; the rules within the table do
    not judge it, so no finding of theirs stands without a row."""
    path = package.root / CLAIMS
    columns = path.read_text(encoding="utf-8").splitlines()[0].count(",") + 1
    rows = len(package.rows(CLAIMS))
    path.write_text(path.read_text(encoding="utf-8") + "," * (columns - 1) + "\n", encoding="utf-8")
    result = package.validate()
    schema = [f for f in findings(result) if f.layer == "schema"]
    assert schema and all(f.file == CLAIMS and f.row == rows + 2 for f in schema), schema
    assert {f.rule for f in schema} == {"required"}
    assert {"claim_id", "quote", "start", "end"} <= {f.column for f in schema}


def test_a_cell_that_breaks_two_constraints_is_reported_once_by_the_first(package):
    """The enumeration is judged before the pattern: a status outside both is one finding, of the enum."""
    with package.edited_json("schemas/seat_results.schema.json") as schema:
        field = next(f for f in schema["fields"] if f["name"] == "seats_status")
        field["constraints"]["pattern"] = "[a-z_]+"
    line = package.line(SEATS, election_id="cor-2021", bloc_id="sadrist")
    package.set_cell(SEATS, line, "seats_status", "Guessed")
    assert schema_findings(package, SEATS, line) == [("enum", "seats_status")]


def test_a_rule_within_a_table_does_not_judge_a_row_by_an_empty_cell(package):
    """A quote span with no end is a missing end, not a span that ends before it starts."""
    line = package.line(CLAIMS, claim_id="rasanah-sadrist-2021-seats")
    package.set_cell(CLAIMS, line, "end", "")
    assert schema_findings(package, CLAIMS, line) == [("required", "end")]


def test_a_required_number_spelled_wrongly_is_a_type_error_and_not_also_missing(package):
    """The typed column holds no value for a wrong spelling; that gap is the type error, said once."""
    line = package.line(CLAIMS, claim_id="rasanah-sadrist-2021-seats")
    package.set_cell(CLAIMS, line, "start", "+12")
    assert schema_findings(package, CLAIMS, line) == [("type", "start")]


@pytest.mark.parametrize(
    "column",
    [
        pd.Series(pd.Categorical(["b", None, "a", "b"], categories=["a", "b", "unused"])),
        pd.Series(pd.Categorical([None, None], categories=["a"])),
        pd.Series(pd.Categorical([], categories=["a"])),
        pd.Series(pd.array([3, None, 3, 7], dtype="Int64")),
        pd.Series([2.5, float("nan")]),
    ],
    ids=["categorical with a gap and an unused category", "only gaps", "no rows", "integers", "floats"],
)
def test_a_reference_target_is_the_values_its_cells_hold(column):
    """A foreign key's targets are the values the target column's cells hold: not a category no cell
    uses, never an empty cell."""
    assert distinct_values(column) == set(column.dropna().unique())
