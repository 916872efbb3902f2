"""Layer 3: rules across tables, and the verdict on every relational claim.

Each rule is a small function whose docstring says what it protects. Rules work on whole
columns at once, so their cost grows with the data, not with its square. A rule returns
findings; the verdicts are information about the reports, not faults of the package.
"""

from dataclasses import dataclass, field

from .derived import Derived, derive, relational_claims
from .display import missing, show
from .findings import Finding, Rule, per_row
from .frames import rows_of
from .limits import tick
from .reconciliation import COMPARE
from .record_rules import RECORD_RULES
from .tables import lines_of
from .values import KEY, NO_BLOC, NUMERIC, STATUSES, cell_frame, describe_key

LAYER = "rules"


@dataclass
class Context:
    """What every rule reads: the typed tables, their paths, and the long table of value cells."""

    typed: dict
    paths: dict
    cells: object
    derived: Derived
    raw: dict  # resource name -> the file's bytes
    built: dict = field(default_factory=dict, repr=False)

    def once(self, build):
        """What `build(self)` gives, built once per pass, for the rules that read the same joined table."""
        if build not in self.built:
            self.built[build] = build(self)
        return self.built[build]

    def at_cell(self, rule: Rule, column_suffix, message):
        """A finding maker for rows of `cells`: located at the cell's own file, row and column."""
        return lambda r: rule.finding(message(r), self.paths[r.table], int(r.row), r.column + column_suffix)


def value_claims(typed):
    """Claims that state one value of a cell: '=' with no compared election or bloc."""
    claims = typed["claims"]
    chosen = claims[
        (claims["comparison"] == "=")
        & claims["ref_election_id"].isna()
        & claims["measure"].isin(["seats", "rank", "total_seats", "election_date"])
    ]
    stated = (
        chosen["value_date"].astype(object).where(chosen["measure"] == "election_date", chosen["value"].astype(object))
    )
    chosen = chosen.assign(
        bloc_id=chosen["bloc_id"].astype(object).fillna(NO_BLOC), stated=stated, claim_row=lines_of(chosen.index)
    )
    return chosen[[*KEY, "stated", "claim_row"]].assign(stating=chosen["claim_id"])


def same_value(measures, left, right):
    """Element-wise equality of two value columns: numbers as numbers, dates as text."""
    import pandas as pd

    numeric = measures.isin(NUMERIC)
    as_numbers = pd.to_numeric(left.where(numeric), errors="coerce") == pd.to_numeric(
        right.where(numeric), errors="coerce"
    )
    as_text = left.astype(str) == right.astype(str)
    return as_numbers.where(numeric, as_text).fillna(False).astype(bool)


def on_each_cell(select, column_suffix: str, message):
    """A rule on each value cell alone: the cells `select(cells)` picks break it; the finding stands
    at the cell's column (or the column beside it that ends in `column_suffix`)."""

    def check(ctx: Context, rule) -> list[Finding]:
        return per_row(ctx.cells[select(ctx.cells)], ctx.at_cell(rule, column_suffix, message))

    return check


def _reported(c):
    return c["status"] == "reported"


status_known = on_each_cell(
    lambda c: c["status"].notna() & ~c["status"].isin(STATUSES),
    "_status",
    lambda r: f"{r.column}_status is {r.status!r}, which is none of {', '.join(STATUSES)}",
)


reported_has_value = on_each_cell(
    lambda c: _reported(c) & c["value"].isna(),
    "",
    lambda r: f"{r.column}_status is 'reported' but {r.column} is empty",
)
reported_has_claim = on_each_cell(
    lambda c: _reported(c) & c["claim_id"].isna(),
    "_claim_id",
    lambda r: f"{r.column} is reported but names no claim in {r.column}_claim_id",
)
gap_has_no_value = on_each_cell(
    lambda c: ~_reported(c) & c["value"].notna(),
    "",
    lambda r: (
        f"{r.column}_status is '{r.status}' (a gap) but {r.column} holds {show(r.value)}; a gap must be empty, never 0 or a guess"
    ),
)
gap_has_no_claim = on_each_cell(
    lambda c: ~_reported(c) & c["claim_id"].notna(),
    "_claim_id",
    lambda r: f"{r.column}_status is '{r.status}' (a gap) but names claim {r.claim_id!r}",
)
gap_has_reason = on_each_cell(
    lambda c: ~_reported(c) & c["note"].isna(),
    "_note",
    lambda r: f"{r.column} is a gap ('{r.status}') with no reason in {r.column}_note",
)


def _claims_beside_cells(ctx: Context):
    """Each value claim joined with the cell it speaks of (`_merge` says whether there is one)."""
    claims = value_claims(ctx.typed)
    c = ctx.cells
    near = c[
        c["measure"].isin(claims["measure"].unique())
        & c["election_id"].isin(claims["election_id"].unique())
        & c["bloc_id"].isin(claims["bloc_id"].unique())
    ]
    return claims.merge(near, on=KEY, how="left", indicator=True)


def claim_has_cell(ctx: Context, rule) -> list[Finding]:
    joined = ctx.once(_claims_beside_cells)
    return per_row(
        joined[joined["_merge"] == "left_only"],
        lambda r: rule.finding(
            f"claim {r.stating} states {describe_key(r.measure, r.election_id, r.bloc_id)} but the package has no row for it",
            ctx.paths["claims"],
            int(r.claim_row),
            "bloc_id",
        ),
    )


def claim_fills_no_gap(ctx: Context, rule) -> list[Finding]:
    joined = ctx.once(_claims_beside_cells)
    matched = joined[joined["_merge"] == "both"]
    return per_row(
        matched[matched["status"] != "reported"],
        ctx.at_cell(
            rule, "", lambda r: f"claim {r.stating} states {show(r.stated)} but the cell is a gap ('{r.status}')"
        ),
    )


def claim_equals_value(ctx: Context, rule) -> list[Finding]:
    joined = ctx.once(_claims_beside_cells)
    matched = joined[joined["_merge"] == "both"]
    known = matched[matched["known"]]
    return per_row(
        known[~same_value(known["measure"], known["value"], known["stated"])],
        ctx.at_cell(rule, "", lambda r: f"the table says {show(r.value)} but claim {r.stating} says {show(r.stated)}"),
    )


def claim_speaks_of_cell(ctx: Context, rule) -> list[Finding]:
    named = ctx.cells[ctx.cells["known"] & ctx.cells["claim_id"].notna()]
    claims_all = ctx.typed["claims"].astype(object).assign(bloc_id=lambda f: f["bloc_id"].fillna(NO_BLOC))
    pairs = named.astype(object).merge(
        claims_all[["claim_id", *KEY, "comparison", "ref_election_id"]], on="claim_id", suffixes=("", "_claim")
    )
    wrong = pairs[
        (pairs["measure"] != pairs["measure_claim"])
        | (pairs["election_id"] != pairs["election_id_claim"])
        | (pairs["bloc_id"] != pairs["bloc_id_claim"])
        | (pairs["comparison"] != "=")
        | pairs["ref_election_id"].notna()
    ]
    return per_row(
        wrong,
        ctx.at_cell(
            rule,
            "_claim_id",
            lambda r: (
                f"{r.column}_claim_id names {r.claim_id}, which states {r.comparison} {describe_key(r.measure_claim, r.election_id_claim, r.bloc_id_claim)}, not {describe_key(r.measure, r.election_id, r.bloc_id)}"
            ),
        ),
    )


def every_bloc_in_every_election(ctx: Context, rule) -> list[Finding]:
    """No silent gap: each bloc has a seat-results row for each election, even if all of it is a gap."""
    import pandas as pd

    results, elections, blocs = (
        ctx.typed["seat-results"],
        ctx.typed["elections"]["election_id"],
        ctx.typed["blocs"]["bloc_id"],
    )
    if len(results) == len(elections) * len(blocs):  # keys are unique and valid (layer 2), so the grid is full
        return []
    grid = pd.MultiIndex.from_product([elections, blocs], names=["election_id", "bloc_id"])
    absent = grid[~grid.isin(pd.MultiIndex.from_frame(results[["election_id", "bloc_id"]].astype(object)))].to_frame(
        index=False
    )
    return per_row(
        absent,
        lambda r: rule.finding(
            f"no row for bloc {r.bloc_id!r} in election {r.election_id!r}; add one, with gaps where nothing is reported",
            ctx.paths["seat-results"],
            None,
            "bloc_id",
        ),
    )


def seats_within_total(ctx: Context, rule) -> list[Finding]:
    """No bloc, and no set of separately counted blocs, has more seats than the chamber."""
    c = ctx.cells
    totals = c[(c["measure"] == "total_seats") & c["known"]].set_index("election_id")["value"].astype(float)
    inside = ctx.typed["bloc-links"][["election_id", "bloc_id"]].astype(object).drop_duplicates().assign(inside=True)
    seats = c[(c["measure"] == "seats") & c["known"] & c["election_id"].isin(totals.index)].merge(
        inside, on=["election_id", "bloc_id"], how="left"
    )
    seats = seats.assign(total=seats["election_id"].map(totals), seats=seats["value"].astype(float))
    counted = seats[seats["inside"].isna()]
    found = per_row(
        counted[counted["seats"] > counted["total"]],
        ctx.at_cell(
            rule,
            "",
            lambda r: (
                f"{r.bloc_id} has {show(r.seats)} seats in {r.election_id}, more than the chamber's {show(r.total)}"
            ),
        ),
    )
    sums = counted.groupby("election_id")["seats"].sum()
    for election, added in sums[sums > totals.reindex(sums.index)].items():
        message = f"the reported seats of {election} add up to {show(added)}, more than the chamber's {show(totals[election])}"
        found.append(rule.finding(message, ctx.paths["seat-results"], None, "seats"))
    return found


def ranks_agree_with_seats(ctx: Context, rule) -> list[Finding]:
    """Where two blocs of one election have both seats and places, fewer seats never means a better place."""
    c = ctx.cells
    seats = c[(c["measure"] == "seats") & c["known"]][["election_id", "bloc_id", "value"]].rename(
        columns={"value": "seats"}
    )
    ranks = c[(c["measure"] == "rank") & c["known"]][
        ["election_id", "bloc_id", "value", "table", "row", "column"]
    ].rename(columns={"value": "rank"})
    both = ranks.merge(seats, on=["election_id", "bloc_id"]).astype({"seats": float, "rank": float})
    if both.empty:
        return []
    by_group = (
        both.groupby(["election_id", "seats"])["rank"]
        .max()
        .reset_index()
        .sort_values(["election_id", "seats"], ascending=[True, False])
    )
    # the worst place among blocs with strictly more seats, in the same election
    by_group["above"] = by_group.groupby("election_id")["rank"].cummax().groupby(by_group["election_id"]).shift(1)
    both = both.merge(by_group[["election_id", "seats", "above"]], on=["election_id", "seats"])
    bad = both[both["rank"] <= both["above"]]

    def finding(r):
        other = both[
            (both["election_id"] == r.election_id) & (both["seats"] > r.seats) & (both["rank"] >= r.rank)
        ].iloc[0]
        message = (
            f"{r.bloc_id} has fewer seats than {other['bloc_id']} in {r.election_id} ({show(r.seats)} < {show(other['seats'])})"
            f" but no worse a place ({show(r.rank)} vs {show(other['rank'])})"
        )
        return rule.finding(message, ctx.paths[r.table], int(r.row), "rank")

    return per_row(bad, finding)


def participation_explains_gaps(ctx: Context, rule) -> list[Finding]:
    """A bloc that ran its own list has seats and a place that apply; one that was not on the ballot
    has neither.

    A bloc that ran inside another list has no count or place of its own: each is reported (a report
    may credit it with one), ambiguous (a report speaks of it without a value) or not applicable,
    never merely 'not reported'. Every status column of a bloc's results follows this, places as
    well as seats.
    """
    part = ctx.typed["bloc-participation"][["bloc_id", "election_id", "participation"]].astype(object)
    c = ctx.cells
    seats = c[c["measure"].isin(["seats", "rank"]) & c["bloc_id"].isin(part["bloc_id"].unique())].merge(
        part, on=["bloc_id", "election_id"]
    )
    bad = seats[
        ((seats["participation"] == "own_list") & (seats["status"] == "not_applicable"))
        | ((seats["participation"] == "did_not_run") & (seats["status"] != "not_applicable"))
        | (
            (seats["participation"] == "inside_list")
            & ~seats["status"].isin(["reported", "not_applicable", "ambiguous"])
        )
    ]
    found = per_row(
        bad,
        ctx.at_cell(
            rule,
            "_status",
            lambda r: (
                f"{r.bloc_id} took part in {r.election_id} as '{r.participation}', so its {r.column} cannot be '{r.status}'"
            ),
        ),
    )
    links = ctx.typed["bloc-links"].assign(line=lambda f: lines_of(f.index))
    members = (
        links[links["relation"] == "member_of"]
        .astype({"bloc_id": object, "election_id": object})
        .merge(part, on=["bloc_id", "election_id"], how="left")
    )
    found += per_row(
        members[members["participation"] != "inside_list"],
        lambda r: rule.finding(
            f"{r.bloc_id} is linked as a member of another list in {r.election_id}, but bloc_participation.csv does not say it ran 'inside_list'",
            ctx.paths["bloc-links"],
            int(r.line),
            "relation",
        ),
    )
    return found


def spoken_of(typed) -> set:
    """Cells the reports speak of without giving their value: either side of a relational claim, and
    each member of a pair whose seats are reported together."""
    claims = typed["claims"]
    related = claims[claims["ref_election_id"].notna()].astype(object)
    keys = set(zip(related["measure"], related["election_id"], related["bloc_id"]))
    keys |= set(zip(related["measure"], related["ref_election_id"], related["ref_bloc_id"]))
    links = typed["bloc-links"]
    parts = links[links["relation"] == "part_of"].astype(object)
    results = typed["seat-results"]
    reported = results.loc[results["seats_status"] == "reported", ["election_id", "bloc_id"]].astype(object)
    pairs = set(zip(reported["election_id"], reported["bloc_id"]))
    keys |= {
        ("seats", e, b)
        for b, p, e in zip(parts["bloc_id"], parts["other_bloc_id"], parts["election_id"])
        if (e, p) in pairs
    }
    return keys


def gap_kinds_mean_one_thing(ctx: Context, rule) -> list[Finding]:
    """A gap the reports speak of without a value (a bound, a share of a pair's total) is 'ambiguous',
    and an 'ambiguous' gap is one they speak of: the kind tells a reader whether to look for a claim."""
    import pandas as pd

    c = ctx.cells
    keys = [key for key in spoken_of(ctx.typed) if not any(map(missing, key))]  # an empty part names no cell
    # one lookup of every cell's key among them, however many claims there are
    spoken = pd.Series(pd.MultiIndex.from_arrays([c[k] for k in KEY]).isin(keys), index=c.index)
    ambiguous = c["status"] == "ambiguous"
    bad = c.assign(spoken=spoken)[c["status"].isin(["not_reported", "ambiguous"]) & (ambiguous != spoken)]
    return per_row(
        bad,
        ctx.at_cell(
            rule,
            "_status",
            lambda r: (
                f"{r.column} is '{r.status}', but a claim speaks of it without giving its value, so it is 'ambiguous'"
                if r.spoken
                else f"{r.column} is 'ambiguous', but no claim speaks of it; use 'not_reported'"
            ),
        ),
    )


def ran_blocs_are_linked(ctx: Context, rule) -> list[Finding]:
    """Every bloc that was on the ballot in an election is tied to the list or lists it is compared with."""
    part = ctx.typed["bloc-participation"]
    ran = part[part["participation"] != "did_not_run"][["bloc_id", "election_id"]].astype(object)
    links = (
        ctx.typed["bloc-reference-links"][["bloc_id", "election_id"]]
        .astype(object)
        .drop_duplicates()
        .assign(linked=True)
    )
    unlinked = ran.merge(links, on=["bloc_id", "election_id"], how="left").query("linked.isna()")
    return per_row(
        unlinked,
        lambda r: rule.finding(
            f"{r.bloc_id} ran in {r.election_id} but bloc_reference_links.csv ties it to no reference list",
            ctx.paths["bloc-reference-links"],
            None,
            "bloc_id",
        ),
    )


CELLS = ("seat-results", "elections")  # the tables whose cells are values (values.CELLS)
RULES = [
    Rule("status-known", LAYER, CELLS,
         "Every status is one of the four the rules know, whatever a schema's enumeration says: a status they do not know would be a gap kind nothing checks.",
         status_known),
    Rule("participation", LAYER, ("bloc-participation", "bloc-links", *CELLS),
         "How a bloc took part in an election agrees with its seats and its place: a bloc that ran its own list has both, one not on the ballot has neither, one inside another list is never merely unreported.",
         participation_explains_gaps),
    Rule("gap-kind", LAYER, ("claims", "bloc-links", *CELLS),
         "A gap the reports speak of without a value is 'ambiguous', and only such a gap, so the kind tells a reader whether to look for a claim.",
         gap_kinds_mean_one_thing),
    Rule("reference-link", LAYER, ("bloc-participation", "bloc-reference-links"),
         "Every bloc that was on the ballot is tied to the official list or lists it is compared with.",
         ran_blocs_are_linked),
    Rule("reported-has-value", LAYER, CELLS, "A value marked reported holds a value.", reported_has_value),
    Rule("reported-has-claim", LAYER, CELLS, "A reported value names the claim that reports it.", reported_has_claim),
    Rule("gap-has-no-value", LAYER, CELLS, "A gap is empty, never 0 or a guess.", gap_has_no_value),
    Rule("gap-has-no-claim", LAYER, CELLS, "A gap names no claim.", gap_has_no_claim),
    Rule("gap-has-reason", LAYER, CELLS, "A gap says why it is one.", gap_has_reason),
    Rule("claim-has-cell", LAYER, ("claims", *CELLS), "Every value claim has the cell it speaks of.", claim_has_cell),
    Rule("claim-fills-gap", LAYER, ("claims", *CELLS), "A value claim never speaks of a cell left as a gap.", claim_fills_no_gap),
    Rule("claim-equals-value", LAYER, ("claims", *CELLS), "Every value claim equals the cell it speaks of.", claim_equals_value),
    Rule("claim-speaks-of-cell", LAYER, ("claims", *CELLS),
         "The claim a reported cell names states that cell's measure, election and bloc.", claim_speaks_of_cell),
    Rule("complete", LAYER, ("seat-results", "elections", "blocs"),
         "No silent gap: each bloc has a row for each election, even if all of it is a gap.", every_bloc_in_every_election),
    Rule("seats-within-total", LAYER, ("bloc-links", *CELLS),
         "No bloc, and no set of separately counted blocs, has more seats than the chamber.", seats_within_total),
    Rule("rank-agrees-with-seats", LAYER, CELLS,
         "Within one election, fewer seats never means a better place.", ranks_agree_with_seats),
    *RECORD_RULES,
]  # fmt: skip


def generated_tables_are_current(ctx: Context, rule) -> list[Finding]:
    """Each derived table is exactly what `python -m tools.reconcile` would write now."""
    found = []
    for name, text in ctx.derived.texts.items():
        wanted = text.splitlines()
        have = ctx.raw[name].decode("utf-8").splitlines()
        if wanted == have:
            continue
        line = next((n for n, (a, b) in enumerate(zip(wanted, have), 1) if a != b), min(len(wanted), len(have)) + 1)
        message = f"the file is not what the other tables give (first difference at line {line}); run: python -m tools.reconcile"
        found.append(rule.finding(message, ctx.paths[name], line))
    return found


RULES.append(
    Rule(
        "reconciliation-current",
        LAYER,
        ("reconciliation", "verdicts", "claim-verdicts", "disagreements"),
        "Each derived table is exactly what the other tables give, as python -m tools.reconcile writes it.",
        generated_tables_are_current,
    )
)


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    verdict: str  # holds, contradicted, undetermined
    detail: str

    def as_dict(self) -> dict:
        return {"claim_id": self.claim_id, "verdict": self.verdict, "detail": self.detail}


def relational_verdicts(claims, cells) -> list[Verdict]:
    """Judge each relational claim against the tables: holds, contradicted, or undetermined."""
    wanted = cells["measure"].isin(claims["measure"]) & cells["election_id"].isin(
        {*claims["election_id"], *claims["ref_election_id"].dropna()}
    )
    wanted &= cells["bloc_id"].isin({NO_BLOC, *claims["bloc_id"].dropna(), *claims["ref_bloc_id"].dropna()})
    near = cells[wanted]
    lookup = {
        (m, e, b): (s, v)
        for m, e, b, s, v in zip(near["measure"], near["election_id"], near["bloc_id"], near["status"], near["value"])
    }

    def side(measure, election, bloc):
        key = (measure, election, NO_BLOC if missing(bloc) else bloc)
        name = describe_key(*key)
        if key not in lookup:
            return None, f"{name} (not in the package's tables)"
        status, value = lookup[key]
        return (value, name) if status == "reported" and value is not None else (None, f"{name} ({status})")

    verdicts = []
    for claim in rows_of(claims, index=False):
        left, left_name = side(claim.measure, claim.election_id, claim.bloc_id)
        if missing(claim.ref_election_id):
            right, right_name = claim.value, show(claim.value)
        else:
            right, right_name = side(claim.measure, claim.ref_election_id, claim.ref_bloc_id)
            right = None if right is None else float(right) * claim.ref_factor
            right_name = right_name if claim.ref_factor == 1 else f"{claim.ref_factor:g} x {right_name}"
        unknown = [name for value, name in ((left, left_name), (right, right_name)) if value is None]
        if unknown:
            verdicts.append(Verdict(claim.reading_id, "undetermined", "missing: " + "; ".join(unknown)))
            continue
        holds = COMPARE[claim.comparison](float(left), float(right))
        detail = f"{left_name} = {show(left)} {claim.comparison} {right_name} = {show(right)}"
        verdicts.append(Verdict(claim.reading_id, "holds" if holds else "contradicted", detail))
    return verdicts


def check(package, typed: dict) -> tuple[list[Finding], list[Verdict], Derived]:
    """Run every rule; return the findings, the verdicts and what the tables derive."""
    cells = cell_frame(typed)
    relational = relational_claims(typed)
    derived = derive(typed, cells, relational)
    paths = {r["name"]: r["path"] for r in package.tables}
    ctx = Context(typed, paths, cells, derived, package.raw)
    found = []
    for rule in RULES:
        tick()
        found += rule.check(ctx, rule)
    return found, relational_verdicts(relational, cells), derived
