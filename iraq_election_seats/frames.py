"""Rows of a typed table as named tuples, the distinct values of a column, and categorical columns
stacked one after another: what the checks need of frames, at less than pandas' general cost.

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

    if not is_categorical(series):
        return set(series.dropna().unique())
    codes = series.array.codes
    return set(series.array.categories[np.unique(codes[codes >= 0])])


def is_categorical(series) -> bool:
    """Whether a column is categorical: its codes and categories are then read from its array,
    without the accessor pandas builds on each call (a tenth of the schema layer's time)."""
    return series.dtype.name == "category"


def stacked(chunks):
    """Categoricals one after another, as union_categoricals stacks them (the categories in the order
    they first appear, as Python strings), in a fifth of its time: it checks and converts what a
    value column's chunks never need."""
    import numpy as np
    import pandas as pd

    categories = pd.Index(
        pd.unique(np.concatenate([np.asarray(c.categories, dtype=object) for c in chunks])), dtype=object
    )
    # each chunk's codes, as positions among all the categories, in the narrowest type that holds them;
    # an empty cell (-1) stays -1
    code = np.min_scalar_type(-len(categories) - 1)
    codes = np.concatenate([np.append(categories.get_indexer(c.categories), -1).astype(code)[c.codes] for c in chunks])
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories), validate=False)


def with_value(frame, column: str):
    """The rows of `frame` whose `column` is not empty, as frame.dropna(subset=[column]) gives them,
    for less than half its cost (dropna converts the frame to find them)."""
    return frame[frame[column].notna()]
