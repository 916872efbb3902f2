"""The package's values as one long table: one row per value cell, whatever table holds it.

Seat results hold seats and places; elections hold polling days and chamber sizes. Rules and
verdicts read values through this one frame, so a new table of values needs one line here.
"""

# measure -> (table, column); a table without bloc_id holds values of the election as a whole
CELLS = {
    "seats": ("seat-results", "seats"),
    "rank": ("seat-results", "rank"),
    "total_seats": ("elections", "total_seats"),
    "election_date": ("elections", "date"),
}
NUMERIC = {"seats", "rank", "total_seats"}
KEY = ["measure", "election_id", "bloc_id"]
NO_BLOC = ""  # bloc_id of a value that belongs to the election as a whole


def cell_frame(typed):
    """Every value cell: measure, election, bloc, status, value, claim, note, and where it stands."""
    import pandas as pd

    parts = []
    for measure, (table, column) in CELLS.items():
        frame = typed[table]
        parts.append(
            pd.DataFrame(
                {
                    "measure": measure,
                    "election_id": frame["election_id"].astype(object),
                    "bloc_id": frame["bloc_id"].astype(object) if "bloc_id" in frame else NO_BLOC,
                    "status": frame[f"{column}_status"].astype(object),
                    "value": frame[column].astype(object),
                    "claim_id": frame[f"{column}_claim_id"].astype(object),
                    "note": frame[f"{column}_note"].astype(object),
                    "table": table,
                    "column": column,
                    "row": frame.index + 2,
                }
            )
        )
    cells = pd.concat(parts, ignore_index=True)
    cells["value"] = cells["value"].where(cells["value"].notna(), None)
    cells["known"] = (cells["status"] == "reported") & cells["value"].notna()
    return cells


def describe_key(measure: str, election: str, bloc: str | None) -> str:
    return f"{measure} of {bloc} in {election}" if bloc and bloc != NO_BLOC else f"{measure} of {election}"


def missing(value) -> bool:
    """True for an empty cell, whatever pandas made of it (None, NaN, NA)."""
    from pandas import isna

    return value is None or bool(isna(value))
