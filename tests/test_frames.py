"""rows_of gives each row exactly as DataFrame.itertuples does, for any frame the checks may walk."""

import pandas as pd
import pytest

from conftest import ROOT
from iraq_election_seats.frames import rows_of
from iraq_election_seats.run import validate


def as_seen(rows) -> list:
    """Each row's fields and the repr of each value (NaN is never equal to itself)."""
    return [(type(row).__name__, row._fields, [repr(value) for value in row]) for row in rows]


def awkward_frames() -> dict:
    """Frames whose columns a named tuple cannot take as they are, or has nothing to walk."""
    twice = pd.DataFrame([[1, "a", None], [2, None, 3.5]], columns=["x", "x", "y"])
    names = pd.DataFrame([[1, 2, 3, 4, 5]], columns=["class", "1st", "", "_hidden", "two words"])
    return {
        "a column name twice": twice,
        "names no tuple field can have": names,
        "no rows": pd.DataFrame({"a": pd.Series([], dtype=object), "b": pd.Series([], dtype="Int64")}),
        "no columns": pd.DataFrame(index=[4, 7]),
        "gaps of every kind": pd.DataFrame(
            {"i": pd.array([1, None], dtype="Int64"), "c": pd.Categorical(["a", None]), "f": [float("nan"), 2.0]},
            index=[5, 9],
        ),
    }


@pytest.mark.parametrize("index", [True, False])
def test_rows_are_what_itertuples_gives_for_every_typed_table(index):
    typed = validate(str(ROOT / "datapackage.json")).typed
    assert typed
    for name, frame in typed.items():
        assert as_seen(rows_of(frame, index=index)) == as_seen(frame.itertuples(index=index)), name


@pytest.mark.parametrize("index", [True, False])
@pytest.mark.parametrize("case", list(awkward_frames()))
def test_rows_are_what_itertuples_gives_for_awkward_frames(case, index):
    frame = awkward_frames()[case]
    assert as_seen(rows_of(frame, index=index)) == as_seen(frame.itertuples(index=index))
    assert len(list(rows_of(frame, index=index))) == len(frame)


def categorical(values, categories):
    return pd.Categorical(values, categories=pd.Index(categories, dtype=object))


@pytest.mark.parametrize(
    "chunks",
    [
        [categorical(["a", None, "b"], ["a", "b"]), categorical(["c", "a"], ["c", "a"])],
        [categorical([None, None], ["x"]), categorical([], ["y"]), categorical(["y", "x"], ["y", "x", "unused"])],
        [categorical(["same"], ["same"])] * 3,
    ],
    ids=["overlapping categories and a gap", "only gaps, no rows and an unused category", "the same chunk thrice"],
)
def test_stacked_columns_are_what_union_categoricals_gives(chunks):
    from pandas.api.types import union_categoricals

    from iraq_election_seats.frames import stacked

    expected, got = union_categoricals(chunks), stacked(chunks)
    assert list(got.categories) == list(expected.categories) and got.categories.dtype == object
    assert got.codes.tolist() == expected.codes.tolist()
    assert [repr(v) for v in got] == [repr(v) for v in expected]


def test_rows_with_a_value_are_what_dropna_keeps():
    from iraq_election_seats.frames import with_value

    frame = pd.DataFrame(
        {
            "seats": pd.array([3, None, 5, None], dtype="Int64"),
            "date": pd.Categorical(["2021-10-10", None, None, "2018-05-12"]),
            "note": ["a", None, float("nan"), "b"],
        },
        index=[7, 2, 9, 4],
    )
    for column in frame.columns:
        pd.testing.assert_frame_equal(with_value(frame, column), frame.dropna(subset=[column]))
