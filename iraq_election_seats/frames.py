"""Rows of a typed table as named tuples, and the distinct values of a column, for the checks that
walk a table row by row or look values up in it.

`DataFrame.itertuples` builds a new named-tuple class on every call and takes each column with
`iloc`; the validator walks some thirty small frames a run, so the two cost about a fiftieth of a
validation of the shipped package (counted in instructions). `rows_of` gives the same tuples
(same fields, same values, invalid names renamed the same way), takes the columns as
`DataFrame.items` does, and keeps each class for the next frame with the same columns.
"""

import itertools
from collections import namedtuple
from functools import lru_cache

KEPT_CLASSES = 256  # named-tuple classes kept per process, one per distinct set of columns


@lru_cache(maxsize=KEPT_CLASSES)
def _row_class(fields: tuple):
    return namedtuple("Pandas", fields, rename=True)


def rows_of(frame, index: bool = True):
    """The rows of `frame` as `frame.itertuples(index=index)` gives them."""
    fields, arrays = [], []
    for name, column in frame.items():  # by position, as itertuples, and a third of the cost of iloc
        fields.append(str(name))
        arrays.append(column)
    if index:
        arrays.insert(0, frame.index)
        fields.insert(0, "Index")
    values = zip(*arrays, strict=True) if arrays else itertools.repeat((), len(frame))
    return map(_row_class(tuple(fields))._make, values)


def distinct_values(series) -> set:
    """The distinct values of a column's non-empty cells: for a categorical column, the categories its
    codes use (a seventh of the cost of dropping its empty cells and asking pandas)."""
    import numpy as np
    import pandas as pd

    if not isinstance(series.dtype, pd.CategoricalDtype):
        return set(series.dropna().unique())
    codes = series.array.codes
    return set(series.array.categories[np.unique(codes[codes >= 0])])
