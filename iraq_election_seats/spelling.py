"""One spelling per number and date, judged on each column's distinct values.

Readers parse '+73', '073', '7_3', Arabic-Indic or full-width digits and '7.3e1' as 73. The package writes each value
one way: ASCII digits, no '+', no leading zeros, no separators or exponents; a '-' only where a
field allows negative values (no minimum, or a negative one); a fraction without trailing zeros.
Each distinct cell of a column is judged once by the same rule, and parsed once, so a cell gets
the same verdict at any row of any size of table.
"""

import datetime
import re

from .limits import MAX_NUMBER_DIGITS

UNSIGNED = r"(0|[1-9][0-9]*)"
SPELLING = {
    ("integer", False): re.compile(UNSIGNED),
    ("integer", True): re.compile(r"(0|-?[1-9][0-9]*)"),
    ("number", False): re.compile(UNSIGNED + r"(\.[0-9]*[1-9])?"),
    ("number", True): re.compile(r"-?" + UNSIGNED + r"(\.[0-9]*[1-9])?"),
    ("date", False): re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}
PARSE = {"integer": int, "number": float, "date": str}
SPELLED = set(PARSE)
WHAT = {
    "integer": "an integer written in ASCII digits without sign, leading zeros or separators",
    "number": "a number written in ASCII digits without '+', leading zeros, separators or exponent",
    "date": "a calendar day written YYYY-MM-DD",
}


def signed(field: dict) -> bool:
    minimum = field.get("constraints", {}).get("minimum")
    return minimum is None or minimum < 0


def problem(field: dict, text: str) -> str | None:
    """None if `text` is the one spelling of a value of this field's type; else the rule it breaks:
    'type', or 'number-length' for a number past MAX_NUMBER_DIGITS."""
    kind = field["type"]
    if not SPELLING[(kind, kind != "date" and signed(field))].fullmatch(text) or text == "-0":
        return "type"
    if kind == "date":
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return "type"
        return None
    return "number-length" if sum(c.isdigit() for c in text) > MAX_NUMBER_DIGITS else None


def message(field: dict, text: str, rule: str) -> str:
    if rule == "number-length":
        return f"{text!r} has more than MAX_NUMBER_DIGITS ({MAX_NUMBER_DIGITS}) digits"
    return f"{text!r} is not {WHAT[field['type']]}"


def typed_column(field: dict, series):
    """The column parsed once per distinct value: (typed series, {distinct value spelled wrongly: rule}).

    A wrongly spelled cell becomes a gap in the typed column; the caller reports it by its rule,
    and never again as a missing value.
    """
    import numpy as np
    import pandas as pd

    categories = series.cat.categories
    wrong = {str(v): rule for v in categories if (rule := problem(field, str(v)))}
    good = [str(v) not in wrong for v in categories]
    kind = field["type"]
    if kind == "date":
        return series.cat.remove_categories(list(wrong)) if wrong else series, wrong
    parsed = [PARSE[kind](str(v)) if ok else None for v, ok in zip(categories, good, strict=True)]
    if kind == "integer":
        lookup = pd.array([*parsed, None], dtype="Int64")
    else:
        lookup = np.array([np.nan if v is None else v for v in [*parsed, None]], dtype=np.float64)
    codes = series.cat.codes.to_numpy()
    typed = lookup.take(np.where(codes < 0, len(parsed), codes))
    return pd.Series(typed, index=series.index, name=series.name), wrong
