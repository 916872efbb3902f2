"""Rules within one table that a Table Schema cannot express, run by the table-schema layer.

Each rule protects one reading of a row: a claim's quote span, who an allegation belongs to,
the shape of a claim's value. Each names the column a reader should look at.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .values import DATE_MEASURES

QUALITATIVE = ["result_status", "outcome"]


@dataclass(frozen=True)
class TableRule:
    name: str
    column: str
    message: str
    holds: Callable  # frame -> boolean Series, True where the row is sound


def _present(frame, column):
    return frame[column].notna()


def _end_after_start(frame):
    return frame["end"] > frame["start"]


def _attribution(frame):
    return (frame["stance"] == "attributed") == _present(frame, "attributed_to")


def _relation_complete(frame):
    """A relational claim names the election, the bloc and the factor it compares against."""
    parts = [_present(frame, c) for c in ("ref_election_id", "ref_bloc_id", "ref_factor")]
    return (parts[0] == parts[1]) & (parts[1] == parts[2])


def _one_value(frame):
    """A claim states a number, a date, a relation or nothing (if qualitative), never two."""
    kinds = (
        _present(frame, "value").astype(int)
        + _present(frame, "value_date").astype(int)
        + _present(frame, "ref_election_id").astype(int)
    )
    qualitative = frame["measure"].isin(QUALITATIVE)
    return (qualitative & (kinds == 0)) | (~qualitative & (kinds == 1))


def _one_reading(frame):
    """A reading states a number, a date, a relation or a status; only an 'outcome' reading states none."""
    kinds = sum(_present(frame, c).astype(int) for c in ("value", "value_date", "ref_election_id", "status"))
    return (frame["measure"] == "outcome") & (kinds == 0) | (frame["measure"] != "outcome") & (kinds == 1)


def _name_in_quote(frame):
    from pandas import Series

    stands = [str(name) in str(quote) for name, quote in zip(frame["name"], frame["quote"], strict=True)]
    return Series(stands, index=frame.index, dtype=bool)


def _status_for_status(frame):
    return (frame["measure"] == "result_status") == _present(frame, "status")


def _comparison_iff_quantitative(frame):
    return frame["measure"].isin(QUALITATIVE) != _present(frame, "comparison")


def _date_for_dates(frame):
    return frame["measure"].isin(DATE_MEASURES) == _present(frame, "value_date")


def _bloc_where_needed(frame):
    """Seats, places and votes belong to a bloc; the chamber's size and polling day do not."""
    needs = frame["measure"].isin(["seats", "rank", "votes"])
    never = frame["measure"].isin(["total_seats", *DATE_MEASURES])
    has = _present(frame, "bloc_id")
    return (~needs | has) & (~never | ~has)


def _arabic_name_sourced(frame):
    return ~_present(frame, "name_ar") | _present(frame, "name_source_url")


def _one_basis(frame):
    """Backed by a claim in the reports or by an outside page with its passage, not both, not neither."""
    claim, url, quote = (_present(frame, c) for c in ("claim_id", "source_url", "source_quote"))
    return (claim != url) & (url == quote)


def _list_named(frame):
    return (frame["participation"] == "did_not_run") != _present(frame, "list_name")


SPAN = TableRule("span", "end", "end must be greater than start", _end_after_start)
RELATION = TableRule(
    "relation",
    "ref_election_id",
    "a relational claim needs ref_election_id, ref_bloc_id and ref_factor together",
    _relation_complete,
)
COMPARISON = TableRule(
    "comparison",
    "comparison",
    "comparison is required for a quantitative measure and must be empty for 'result_status' and 'outcome'",
    _comparison_iff_quantitative,
)
NAME_SOURCE = TableRule(
    "name-source",
    "name_source_url",
    "an Arabic name needs the address of the page it was taken from",
    _arabic_name_sourced,
)

TABLE_RULES = {
    "claims": [
        SPAN,
        TableRule(
            "attribution",
            "attributed_to",
            "attributed_to is required when stance is 'attributed' and must be empty otherwise",
            _attribution,
        ),
        RELATION,
        TableRule(
            "claim-value",
            "value",
            "a claim gives exactly one of value, value_date or a relation (none if its measure is qualitative)",
            _one_value,
        ),
        COMPARISON,
        TableRule(
            "claim-date",
            "value_date",
            "value_date is required for a measure that is a day (election_date, attack_date) and only for it",
            _date_for_dates,
        ),
        TableRule(
            "claim-bloc",
            "bloc_id",
            "bloc_id is required for seats, rank and votes, and must be empty for total_seats and election_date",
            _bloc_where_needed,
        ),
    ],
    "bloc-names": [SPAN],
    "claim-readings": [
        RELATION,
        COMPARISON,
        TableRule(
            "reading-value",
            "value",
            "a reading gives exactly one of value, value_date, a relation or a status (none if its measure is 'outcome')",
            _one_reading,
        ),
        TableRule(
            "reading-status",
            "status",
            "status is required for measure 'result_status' and only for it",
            _status_for_status,
        ),
    ],
    "bloc-participation": [
        TableRule("basis", "claim_id", "give either claim_id or source_url with source_quote, not both", _one_basis),
        TableRule(
            "list-name",
            "list_name",
            "list_name is required when the bloc ran, and must be empty when it did not",
            _list_named,
        ),
    ],
    "blocs": [NAME_SOURCE],
    "reference-lists": [NAME_SOURCE],
    "list-names": [
        TableRule(
            "name-in-quote",
            "name",
            "the spelling must stand, exactly as written, in the passage quoted from its page",
            _name_in_quote,
        ),
    ],
    "leader-names": [
        TableRule(
            "name-in-quote",
            "name",
            "the name must stand, exactly as written, in the passage quoted from its page",
            _name_in_quote,
        ),
    ],
}
