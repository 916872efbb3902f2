"""How a value is written and whether a cell is empty: one answer whatever pandas made of the cell."""

import datetime
import decimal

import numpy as np
import pandas as pd
import pytest

from iraq_election_seats.display import missing

CELLS = [None, "", "x", np.str_("a"), 0.0, 1.5, float("inf"), float("nan"), np.nan, np.float64("nan"),
         np.float64(2), np.float32("nan"), pd.NA, pd.NaT, np.int64(3), 3, True, datetime.date(2021, 1, 1),
         pd.Timestamp("2021-01-01"), decimal.Decimal("NaN")]  # fmt: skip


@pytest.mark.parametrize("cell", CELLS, ids=repr)
def test_a_cell_is_missing_exactly_when_pandas_says_it_is_empty(cell):
    assert missing(cell) == (cell is None or bool(pd.isna(cell)))
