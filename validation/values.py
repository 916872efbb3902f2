"""The package's values as one lookup: (measure, election, bloc) -> the cell that holds it.

Seat results hold seats and places; elections hold polling days and chamber sizes. Rules and
verdicts read values through this one index, so a new table of values needs one line here.
"""

from dataclasses import dataclass

from .tables import line_of

# measure -> (table, column); a table without bloc_id holds values of the election as a whole
CELLS = {
    "seats": ("seat-results", "seats"),
    "rank": ("seat-results", "rank"),
    "total_seats": ("elections", "total_seats"),
    "election_date": ("elections", "date"),
}


@dataclass(frozen=True)
class Cell:
    table: str
    column: str
    row: int
    status: str
    value: object
    claim_id: str | None

    @property
    def known(self) -> bool:
        """Reported and present (a reported cell left empty is a fault found elsewhere)."""
        return self.status == "reported" and self.value is not None


def status_columns(frame) -> list[str]:
    """The value columns that follow the reported-or-gap convention (they have a *_status twin)."""
    return [c for c in frame.columns if f"{c}_status" in frame.columns]


def missing(value) -> bool:
    """True for an empty cell, whatever pandas made of it (None, NaN, NA)."""
    from pandas import isna

    return value is None or bool(isna(value))


def index_cells(typed: dict) -> dict[tuple, Cell]:
    """Every value cell of the package, keyed by (measure, election_id, bloc_id or None)."""
    cells = {}
    for measure, (table, column) in CELLS.items():
        frame = typed[table]
        for row in frame.itertuples():
            record = row._asdict()
            key = (measure, record["election_id"], record.get("bloc_id"))
            claim = record[f"{column}_claim_id"]
            cells[key] = Cell(
                table,
                column,
                line_of(row.Index),
                record[f"{column}_status"],
                None if missing(record[column]) else record[column],
                None if missing(claim) else claim,
            )
    return cells


def describe_key(measure: str, election: str, bloc: str | None) -> str:
    return f"{measure} of {bloc} in {election}" if bloc else f"{measure} of {election}"
