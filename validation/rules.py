"""Layer 3: rules across tables, and the verdict on every relational claim.

Each rule is a small function; its docstring says what it protects. A rule returns findings;
the verdicts are information about the reports, not faults of the package.
"""

import operator
from dataclasses import dataclass

from .findings import Finding, show
from .tables import line_of
from .values import Cell, describe_key, index_cells, missing, status_columns

LAYER = "rules"
COMPARE = {"=": operator.eq, "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}
QUALITATIVE = {"result_status", "outcome"}


def _paths(package) -> dict[str, str]:
    return {r["name"]: r["path"] for r in package.tables}


def gaps_and_reported_values(typed, paths, cells) -> list[Finding]:
    """A gap carries no value and no claim but says why; a reported value names its claim."""
    found = []
    for name, frame in typed.items():
        for column in status_columns(frame):
            for position, status, value, claim, note in zip(
                frame.index,
                frame[f"{column}_status"],
                frame[column],
                frame[f"{column}_claim_id"],
                frame[f"{column}_note"],
                strict=True,
            ):
                row = line_of(position)
                if status == "reported":
                    if missing(value):
                        found.append(
                            Finding(
                                LAYER,
                                "reported-has-value",
                                f"{column}_status is 'reported' but {column} is empty",
                                paths[name],
                                row,
                                column,
                            )
                        )
                    if missing(claim):
                        found.append(
                            Finding(
                                LAYER,
                                "reported-has-claim",
                                f"{column} is reported but names no claim in {column}_claim_id",
                                paths[name],
                                row,
                                f"{column}_claim_id",
                            )
                        )
                else:
                    if not missing(value):
                        found.append(
                            Finding(
                                LAYER,
                                "gap-has-no-value",
                                f"{column}_status is '{status}' (a gap) but {column} holds {value!r}; a gap must be empty, never 0 or a guess",
                                paths[name],
                                row,
                                column,
                            )
                        )
                    if not missing(claim):
                        found.append(
                            Finding(
                                LAYER,
                                "gap-has-no-claim",
                                f"{column}_status is '{status}' (a gap) but names claim {claim!r}",
                                paths[name],
                                row,
                                f"{column}_claim_id",
                            )
                        )
                    if missing(note):
                        found.append(
                            Finding(
                                LAYER,
                                "gap-has-reason",
                                f"{column} is a gap ('{status}') with no reason in {column}_note",
                                paths[name],
                                row,
                                f"{column}_note",
                            )
                        )
    return found


def claims_agree_with_values(typed, paths, cells) -> list[Finding]:
    """Every value claim equals the cell it speaks of, and every reported cell is its claim's value."""
    found = []
    claims = typed["claims"]
    by_id = {}
    for row in claims.itertuples():
        claim = row._asdict()
        by_id[claim["claim_id"]] = claim
        if (
            claim["comparison"] != "="
            or not missing(claim["ref_election_id"])
            or claim["measure"] not in ("seats", "rank", "total_seats", "election_date")
        ):
            continue
        key = (claim["measure"], claim["election_id"], None if missing(claim["bloc_id"]) else claim["bloc_id"])
        cell = cells.get(key)
        stated = claim["value_date"] if claim["measure"] == "election_date" else claim["value"]
        if cell is None:
            found.append(
                Finding(
                    LAYER,
                    "claim-has-cell",
                    f"claim {claim['claim_id']} states {describe_key(*key)} but the package has no row for it",
                    paths["claims"],
                    line_of(row.Index),
                    "bloc_id",
                )
            )
        elif cell.status != "reported":
            found.append(
                Finding(
                    LAYER,
                    "claim-fills-gap",
                    f"claim {claim['claim_id']} states {show(stated)} but the cell is a gap ('{cell.status}')",
                    paths[cell.table],
                    cell.row,
                    cell.column,
                )
            )
        elif cell.known and not _equal(cell.value, stated):
            found.append(
                Finding(
                    LAYER,
                    "claim-equals-value",
                    f"the table says {show(cell.value)} but claim {claim['claim_id']} says {show(stated)}",
                    paths[cell.table],
                    cell.row,
                    cell.column,
                )
            )
    for key, cell in cells.items():
        claim = by_id.get(cell.claim_id)
        if not cell.known or claim is None:
            continue
        named = (claim["measure"], claim["election_id"], None if missing(claim["bloc_id"]) else claim["bloc_id"])
        if named != key or claim["comparison"] != "=" or not missing(claim["ref_election_id"]):
            found.append(
                Finding(
                    LAYER,
                    "claim-speaks-of-cell",
                    f"{cell.column}_claim_id names {cell.claim_id}, which states {claim['comparison']} {describe_key(*named)}, not {describe_key(*key)}",
                    paths[cell.table],
                    cell.row,
                    f"{cell.column}_claim_id",
                )
            )
    return found


def _equal(value, stated) -> bool:
    if isinstance(stated, str):
        return str(value) == stated
    return not missing(stated) and float(value) == float(stated)


def every_bloc_in_every_election(typed, paths, cells) -> list[Finding]:
    """No silent gap: each bloc has a seat-results row for each election, even if all of it is a gap."""
    results = typed["seat-results"]
    have = set(zip(results["election_id"], results["bloc_id"]))
    return [
        Finding(
            LAYER,
            "complete",
            f"no row for bloc {bloc!r} in election {election!r}; add one, with gaps where nothing is reported",
            paths["seat-results"],
            None,
            "bloc_id",
        )
        for election in typed["elections"]["election_id"]
        for bloc in typed["blocs"]["bloc_id"]
        if (election, bloc) not in have
    ]


def _contained(typed) -> set[tuple[str, str]]:
    """(election, bloc) pairs whose seats are already inside another bloc's count."""
    links = typed["bloc-links"]
    return set(zip(links["election_id"], links["bloc_id"]))


def seats_within_total(typed, paths, cells) -> list[Finding]:
    """No bloc, and no set of separately counted blocs, has more seats than the chamber."""
    found = []
    inside = _contained(typed)
    for election in typed["elections"]["election_id"]:
        total = cells.get(("total_seats", election, None))
        if total is None or not total.known:
            continue
        counted = [
            (k, c)
            for k, c in cells.items()
            if k[0] == "seats" and k[1] == election and c.known and (election, k[2]) not in inside
        ]
        for (_, _, bloc), cell in counted:
            if cell.value > total.value:
                found.append(
                    Finding(
                        LAYER,
                        "seats-within-total",
                        f"{bloc} has {cell.value} seats in {election}, more than the chamber's {total.value}",
                        paths[cell.table],
                        cell.row,
                        "seats",
                    )
                )
        added = sum(c.value for _, c in counted)
        if added > total.value:
            found.append(
                Finding(
                    LAYER,
                    "seats-within-total",
                    f"the reported seats of {election} add up to {added}, more than the chamber's {total.value}",
                    paths["seat-results"],
                    None,
                    "seats",
                )
            )
    return found


def ranks_agree_with_seats(typed, paths, cells) -> list[Finding]:
    """Where two blocs of one election have both seats and places, more seats means a better place."""
    found = []
    ranked = {}
    for (measure, election, bloc), cell in cells.items():
        seats = cells.get(("seats", election, bloc))
        if measure == "rank" and cell.known and seats is not None and seats.known:
            ranked.setdefault(election, []).append((bloc, seats.value, cell.value, cell))
    for election, rows in ranked.items():
        for bloc, seats, rank, cell in rows:
            for other, other_seats, other_rank, _ in rows:
                if seats > other_seats and rank >= other_rank:
                    found.append(
                        Finding(
                            LAYER,
                            "rank-agrees-with-seats",
                            f"{bloc} has more seats than {other} in {election} ({seats} > {other_seats}) but not a better place ({rank} vs {other_rank})",
                            paths[cell.table],
                            cell.row,
                            "rank",
                        )
                    )
    return found


def participation_explains_gaps(typed, paths, cells) -> list[Finding]:
    """A bloc that ran its own list has seats that apply; one that was not on the ballot has none.

    A bloc that ran inside another list may go either way: a report may credit it with seats.
    """
    found = []
    part = typed["bloc-participation"]
    took_part = dict(zip(zip(part["bloc_id"], part["election_id"]), part["participation"]))
    kinds = dict(zip(typed["blocs"]["bloc_id"], typed["blocs"]["kind"]))
    for (measure, election, bloc), cell in cells.items():
        if measure != "seats" or kinds.get(bloc) == "pair":
            continue
        how = took_part.get((bloc, election))
        if how is None:
            found.append(
                Finding(
                    LAYER,
                    "participation",
                    f"bloc_participation.csv has no row for {bloc} in {election}",
                    paths["bloc-participation"],
                    None,
                    "bloc_id",
                )
            )
        elif (how == "own_list" and cell.status == "not_applicable") or (
            how == "did_not_run" and cell.status != "not_applicable"
        ):
            found.append(
                Finding(
                    LAYER,
                    "participation",
                    f"{bloc} took part in {election} as '{how}', so its seats cannot be '{cell.status}'",
                    paths[cell.table],
                    cell.row,
                    "seats_status",
                )
            )
    links = typed["bloc-links"]
    for position, bloc, relation, election in zip(
        links.index, links["bloc_id"], links["relation"], links["election_id"]
    ):
        if relation == "member_of" and took_part.get((bloc, election)) != "inside_list":
            found.append(
                Finding(
                    LAYER,
                    "participation",
                    f"{bloc} is linked as a member of another list in {election}, but bloc_participation.csv does not say it ran 'inside_list'",
                    paths["bloc-links"],
                    line_of(position),
                    "relation",
                )
            )
    return found


RULES = [
    participation_explains_gaps,
    gaps_and_reported_values,
    claims_agree_with_values,
    every_bloc_in_every_election,
    seats_within_total,
    ranks_agree_with_seats,
]


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    verdict: str  # holds, contradicted, undetermined
    detail: str

    def as_dict(self) -> dict:
        return {"claim_id": self.claim_id, "verdict": self.verdict, "detail": self.detail}


def _side(cells, measure, election, bloc) -> tuple[Cell | None, str]:
    cell = cells.get((measure, election, None if missing(bloc) else bloc))
    name = describe_key(measure, election, None if missing(bloc) else bloc)
    if cell is None:
        return None, f"{name} (not in the package's tables)"
    return (cell, name) if cell.known else (None, f"{name} ({cell.status})")


def relational_verdicts(typed, cells) -> list[Verdict]:
    """Evaluate each claim that compares a value with another value, or with a bound."""
    verdicts = []
    for claim in typed["claims"].itertuples(index=False):
        relational = not missing(claim.ref_election_id) or (
            claim.comparison not in ("=", None) and not missing(claim.comparison)
        )
        if claim.measure in QUALITATIVE or not relational:
            continue
        left, left_name = _side(cells, claim.measure, claim.election_id, claim.bloc_id)
        if missing(claim.ref_election_id):
            right_value, right_name, right = claim.value, f"{claim.value:g}", True
        else:
            right, right_name = _side(cells, claim.measure, claim.ref_election_id, claim.ref_bloc_id)
            right_value = right.value * claim.ref_factor if right else None
            if claim.ref_factor != 1:
                right_name = f"{claim.ref_factor:g} x {right_name}"
        unknown = [name for side, name in ((left, left_name), (right, right_name)) if not side]
        if unknown:
            verdicts.append(Verdict(claim.claim_id, "undetermined", "missing: " + "; ".join(unknown)))
            continue
        holds = COMPARE[claim.comparison](float(left.value), float(right_value))
        detail = f"{left_name} = {left.value} {claim.comparison} {right_name} = {right_value:g}"
        verdicts.append(Verdict(claim.claim_id, "holds" if holds else "contradicted", detail))
    return verdicts


def check(package, typed: dict) -> tuple[list[Finding], list[Verdict]]:
    cells = index_cells(typed)
    paths = _paths(package)
    found = [finding for rule in RULES for finding in rule(typed, paths, cells)]
    return found, relational_verdicts(typed, cells)
