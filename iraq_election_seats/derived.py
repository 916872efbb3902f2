"""The tables the package derives from the others, computed once per validation run.

The reconciliation, the verdicts by reading and by claim, and the disagreements between the
reports are built here and nowhere else: validation compares their text with the files,
`python -m tools.reconcile` writes that text, and the site and the figure read the same rows.
"""

from dataclasses import dataclass

from . import verdicts
from .reconciliation import reconcile, to_csv
from .record_rules import chamber_sizes
from .values import CELLS
from .verdicts import SETTLED_STAGES

QUALITATIVE = {"result_status", "outcome"}


@dataclass
class Derived:
    """What the tables give beside themselves: the typed tables they were made from, the value
    cells, the reconciliation rows, the verdict rows by reading and by claim, the disagreements
    between readings of different reports, and each derived table's text by resource name."""

    typed: dict
    cells: object
    reconciliation: list[dict]
    readings: list[dict]
    claims: list[dict]
    disagreements: list[dict]
    texts: dict[str, str]

    @property
    def value_tables(self) -> set[str]:
        """Resource names of the tables whose cells are values (each with status, claim and note)."""
        return {table for table, _ in CELLS.values()}

    @property
    def chamber_seats(self) -> dict[str, int]:
        """Seats in the chamber of each election, as the reference facts give them."""
        return {election: int(seats) for election, seats in chamber_sizes(self.typed).items()}

    def election_years(self) -> dict[str, str]:
        """The year of each election, for labels: from its polling day, else its first dated stage
        of the record, else its id."""
        elections, stages = self.typed["elections"], self.typed["result-stages"].dropna(subset=["date"])
        first = stages.astype({"date": str}).groupby("election_id", observed=True)["date"].min()
        years = {}
        for election, day in zip(elections["election_id"], elections["date"]):
            day = first.get(election) if day is None or day != day else day
            years[election] = str(day)[:4] if day is not None and day == day else election
        return years

    def provisional(self) -> list[str]:
        """Subjects that agree with some count of the record, but with none that is settled."""
        stages = self.typed["result-stages"]
        settled = {stage for stage, kind in zip(stages["stage_id"], stages["stage"]) if kind in SETTLED_STAGES}
        agrees = [row for row in self.reconciliation if row["verdict"] == "agrees" and row["stage_id"]]
        return sorted(
            {row["subject"] for row in agrees} - {row["subject"] for row in agrees if row["stage_id"] in settled}
        )

    def coverage(self) -> list[tuple[str, str, int, int]]:
        """How many of the chamber's seats each stage and source gives: (stage, source, seats, chamber)."""
        typed = self.typed
        results = typed["reference-results"].dropna(subset=["seats"])
        stages = typed["result-stages"].set_index("stage_id")["election_id"]
        facts = typed["reference-facts"]
        sizes = facts[facts["measure"] == "total_seats"].drop_duplicates("election_id")
        totals = dict(zip(sizes["election_id"], sizes["value"]))
        return [
            (stage, source, int(seats), int(totals[stages[stage]]))
            for (stage, source), seats in results.groupby(["stage_id", "ref_source_id"])["seats"].sum().items()
        ]


def relational_claims(typed):
    """Readings that compare a value with another value, or with a bound other than equality: each
    relational claim's own reading (its reading_id is its claim_id), and every other reading in
    claim_readings.csv that compares."""
    import pandas as pd

    claims = typed["claims"]
    compares = claims["ref_election_id"].notna() | (claims["comparison"].notna() & (claims["comparison"] != "="))
    own = claims[compares & ~claims["measure"].isin(QUALITATIVE)].assign(reading_id=lambda f: f["claim_id"])
    readings = typed["claim-readings"]
    other = readings[readings["ref_election_id"].notna()]
    columns = ["reading_id", "claim_id", "election_id", "bloc_id", "measure", "comparison", "value"]
    columns += ["ref_election_id", "ref_bloc_id", "ref_factor"]
    both = pd.concat([own[columns].astype(object), other[columns].astype(object)], ignore_index=True)
    return both.assign(ref_factor=both["ref_factor"].astype(float))


def derive(typed: dict, cells, relational) -> Derived:
    """Every derived table, from the typed tables, their value cells and the relational readings."""
    rows = reconcile(typed, cells, relational)
    statements = verdicts.Statements(typed)
    readings = verdicts.verdict_rows(statements, rows)
    claims = verdicts.claim_rows(readings, statements)
    disagreements = verdicts.disagreement_rows(statements, readings)
    texts = {
        "reconciliation": to_csv(rows),
        "verdicts": to_csv(readings, verdicts.VERDICT_COLUMNS),
        "claim-verdicts": to_csv(claims, verdicts.CLAIM_COLUMNS),
        "disagreements": to_csv(disagreements, verdicts.DISAGREEMENT_COLUMNS),
    }
    return Derived(typed, cells, rows, readings, claims, disagreements, texts)
