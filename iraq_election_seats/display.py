"""How a value is written for a reader, in one place: in a derived table, in a finding, on the site.

73 rather than 73.0 or np.int64(73); an empty cell is a gap, whatever pandas made of it.
"""


def missing(value) -> bool:
    """True for an empty cell, whatever pandas made of it (None, NaN, NA). Text and floats, most of
    what the checks ask about (thousands of times a run), are answered without pandas."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    if isinstance(value, float):
        return value != value  # NaN alone is not equal to itself
    from pandas import isna

    return bool(isna(value))


def plain(value):
    """A typed cell as a reader writes it: None for a gap, 73 rather than 73.0 or np.int64(73)."""
    if missing(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def text(value) -> str:
    """A value as a cell of a derived table: empty for a gap."""
    value = plain(value)
    return "" if value is None else str(value)


def show(value) -> str:
    """A value as a finding quotes it: text in quotes, numbers as a reader writes them."""
    return repr(value) if isinstance(value, str) else text(value)
