"""The package's values as one long table: one row per value cell, whatever table holds it.

Seat results hold seats and places; elections hold polling days and chamber sizes. Rules and
verdicts read values through this one frame, so a new table of values needs one line here.
"""

from .frames import stacked
from .tables import lines_of

# measure -> (table, column); a table without bloc_id holds values of the election as a whole
CELLS = {
    "seats": ("seat-results", "seats"),
    "rank": ("seat-results", "rank"),
    "total_seats": ("elections", "total_seats"),
    "election_date": ("elections", "date"),
}
NUMERIC = {"seats", "rank", "total_seats"}
# measures whose value is a day, written YYYY-MM-DD
DATE_MEASURES = {"election_date", "attack_date", "attack_date_us_eastern"}
KEY = ["measure", "election_id", "bloc_id"]
# what a value cell's status can be: a reported value, or a gap of one of three kinds. The rules read
# these four, so they are known here and not only to a Table Schema's enum, which a copy can drop.
STATUSES = ("reported", "not_reported", "ambiguous", "not_applicable")
NO_BLOC = ""  # bloc_id of a value that belongs to the election as a whole


def cell_frame(typed):
    """Every value cell: measure, election, bloc, status, value, claim, note, and where it stands.

    Text columns stay categorical, stacked with their categories merged, so a million cells cost
    a few integer arrays rather than a million string comparisons.
    """
    import numpy as np
    import pandas as pd

    parts = {
        name: [] for name in ("measure", "election_id", "bloc_id", "status", "claim_id", "note", "table", "column")
    }
    values, rows = [], []
    for measure, (table, column) in CELLS.items():
        frame = typed[table]
        size = len(frame)

        def constant(text, size=size):
            return pd.Categorical.from_codes(np.zeros(size, dtype=np.int8), categories=pd.Index([text], dtype=object))

        texts = {
            "measure": constant(measure),
            "election_id": frame["election_id"],
            "bloc_id": frame["bloc_id"] if "bloc_id" in frame else constant(NO_BLOC),
            "status": frame[f"{column}_status"],
            "claim_id": frame[f"{column}_claim_id"],
            "note": frame[f"{column}_note"],
            "table": constant(table),
            "column": constant(column),
        }
        for name, text in texts.items():
            parts[name].append(pd.Categorical(text))
        values.append(frame[column].astype(object))
        rows.append(pd.Series(lines_of(frame.index)))
    cells = pd.DataFrame({name: stacked(chunks) for name, chunks in parts.items()})
    cells["value"] = pd.concat(values, ignore_index=True)
    cells["value"] = cells["value"].where(cells["value"].notna(), None)
    cells["row"] = pd.concat(rows, ignore_index=True)
    cells["known"] = (cells["status"] == "reported") & cells["value"].notna()
    return cells


def describe_key(measure: str, election: str, bloc: str | None) -> str:
    return f"{measure} of {bloc} in {election}" if bloc and bloc != NO_BLOC else f"{measure} of {election}"
