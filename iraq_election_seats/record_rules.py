"""Rules on the official record: reference figures are held to the same standard as the reports.

The package judges the reports against the reference tables, so a wrong reference figure is a
wrong verdict. Each rule here protects one property of the record: no list holds more seats than
the chamber, no stage and source adds up past it (and a source marked complete adds up to it
exactly), and every figure is filed under the stage that was current when its source was
published. The rules read only the typed tables, never the reconciliation file, so a package that
breaks one is invalid whatever `reconciliation.csv` says.
"""

from .display import missing, show
from .findings import PER_RULE, Finding, Rule, per_row
from .frames import rows_of, with_value
from .pins import record_pinned
from .tables import lines_of
from .values import DATE_MEASURES

LAYER = "rules"
RESULTS = "reference-results"


def chamber_sizes(typed) -> dict:
    """Seats in the chamber of each election, from the reference facts (the first source that gives it)."""
    facts = typed["reference-facts"]
    sizes = facts[facts["measure"] == "total_seats"]
    found = {}
    for election, value in zip(sizes["election_id"], sizes["value"]):
        if well_formed("total_seats", value):  # a malformed size is a finding of its own
            found.setdefault(election, float(value))
    return found


def _results(ctx):
    """Reference results with seats, their election, their source's date and coverage, and their line
    (read by the rules through ctx.once, so the tables are joined once per pass)."""
    import pandas as pd

    typed = ctx.typed
    results = typed[RESULTS].astype(object).assign(line=lambda f: lines_of(f.index)).reset_index(drop=True)
    # each stage and source is one row (their keys are unique), so joining them is looking them up
    joined = {}
    for key, table, columns in (
        ("stage_id", "result-stages", {"election_id": "election_id", "stage_date": "date"}),
        ("ref_source_id", "reference-sources", {"source_date": "date", "coverage": "coverage", "kind": "kind"}),
    ):
        frame = typed[table]
        for name, column in columns.items():
            found = dict(zip(frame[key], frame[column], strict=True))
            values = [found.get(k, float("nan")) for k in results[key]]
            joined[name] = pd.Series(values, index=results.index, dtype=object)
    return results.assign(**joined)


def reference_seats_within_chamber(ctx, rule) -> list[Finding]:
    """No list or aggregate of the record holds more seats than the chamber it was elected to."""
    sizes = chamber_sizes(ctx.typed)
    results = with_value(ctx.once(_results), "seats")
    results = results.assign(chamber=results["election_id"].map(sizes))
    over = results[results["seats"].astype(float) > results["chamber"].astype(float)]
    return per_row(
        over,
        lambda r: rule.finding(
            f"{r.list_id} has {show(r.seats)} seats at {r.stage_id} ({r.ref_source_id}), more than the chamber's {show(r.chamber)}",
            ctx.paths[RESULTS],
            int(r.line),
            "seats",
        ),
    )


def reference_sums_fit_chamber(ctx, rule) -> list[Finding]:
    """A stage and source never adds up to more seats than the chamber, and a source marked complete
    adds up to exactly the chamber: a complete count that falls short has lost a list."""
    sizes = chamber_sizes(ctx.typed)
    results = with_value(ctx.once(_results), "seats")
    # one pass over the groups: a stage's rows share its election, and a source's rows its coverage
    # (three grouped reductions; named aggregations cost three times as much)
    groups = results.assign(seats=results["seats"].astype(float)).groupby(["stage_id", "ref_source_id"], sort=True)
    sums, first_line = groups["seats"].sum(), groups["line"].min()
    shared = groups[["election_id", "coverage"]].first()
    found = []
    for (stage, source), seats, line, election, coverage in zip(
        sums.index, sums, first_line, shared["election_id"], shared["coverage"], strict=True
    ):
        chamber = sizes.get(election)
        if chamber is None:
            continue
        added, complete = float(seats), coverage == "complete"
        if added > chamber or (complete and added != chamber):
            promise = "is marked complete, so they must add up to exactly that" if complete else "cannot give more"
            message = (
                f"the seats of {stage} from {source} add up to {show(added)}, "
                f"but the chamber has {show(chamber)} and the source {promise}"
            )
            found.append(rule.finding(message, ctx.paths[RESULTS], int(line), "seats"))
    return found


def reference_stage_fits_date(ctx, rule) -> list[Finding]:
    """Each figure is filed under the stage that was current on its source's date: not a stage that had
    not happened yet, and not one a later stage had already replaced (a 2022 article reports the
    ratified result, not the count announced before ratification). An undated source can only be
    filed under the election's last stage, the result that stands."""
    stages = with_value(ctx.typed["result-stages"].astype(object), "date")
    by_election = {
        election: sorted(zip(group["date"].astype(str), group["stage_id"]))
        for election, group in stages.groupby("election_id")
    }
    results = ctx.once(_results).drop_duplicates(["stage_id", "ref_source_id"])

    def current(election, day):
        """The latest stage of the election dated on or before `day`, or None before the first."""
        earlier = [stage for date, stage in by_election.get(election, []) if date <= day]
        return earlier[-1] if earlier else None

    bad = []
    for r in rows_of(results, index=False):
        if missing(r.stage_date):
            continue
        if missing(r.source_date):  # undated: it can only speak of the result that stands
            expected = by_election.get(r.election_id, [(None, None)])[-1][1]
        else:
            expected = current(r.election_id, str(r.source_date))
        if expected != r.stage_id:
            bad.append((r, expected))
    return [
        rule.finding(
            (
                f"{r.ref_source_id} is dated {r.source_date}"
                if not missing(r.source_date)
                else f"{r.ref_source_id} is undated"
            )
            + ", so its figures belong to "
            + (f"stage {expected}" if expected else "no stage (it predates them all)")
            + f", not to {r.stage_id} (dated {r.stage_date})",
            ctx.paths[RESULTS],
            int(r.line),
            "stage_id",
        )
        for r, expected in bad[:20]
    ]


def complete_sources_name_their_lists(ctx, rule) -> list[Finding]:
    """A source marked complete names its lists: it gives no aggregate row (such as 'sixteen parties
    with one seat each') standing in for lists that any source of the same election names. Together
    with `reference_sums_fit_chamber`, a complete source names lists adding up to the chamber."""
    lists = ctx.typed["reference-lists"].astype(object)
    members = with_value(lists, "part_of").groupby("part_of")["list_id"].agg(list).to_dict()
    results = ctx.once(_results)
    named = set(zip(results["election_id"], results["list_id"], strict=True))
    complete = results[results["coverage"] == "complete"]
    bad = [
        (r, shown)
        for r in rows_of(complete, index=False)
        if (shown := sorted(m for m in members.get(r.list_id, []) if (r.election_id, m) in named))
    ]
    return [
        rule.finding(
            f"{r.ref_source_id} is marked complete but gives {r.list_id} at {r.stage_id} as one row, "
            f"though the record names lists counted in it ({', '.join(shown)}): mark the source partial or name its lists",
            ctx.paths[RESULTS],
            int(r.line),
            "list_id",
        )
        for r, shown in bad[:PER_RULE]
    ]


def reference_basis_matches_kind(ctx, rule) -> list[Finding]:
    """A figure is an 'estimate' exactly when its source is an analysts' estimate: an estimate is never
    filed as a count, and no count is called an estimate."""
    results = ctx.once(_results)
    bad = results[(results["basis"] == "estimate") != (results["kind"] == "estimate")]
    return per_row(
        bad,
        lambda r: rule.finding(
            f"the figure is filed as {r.basis!r} but its source {r.ref_source_id} is of kind {r.kind!r}",
            ctx.paths[RESULTS],
            int(r.line),
            "basis",
        ),
    )


def reposts_say_why(ctx, rule) -> list[Finding]:
    """A repost stands in for a publisher's page only with its reason: no original is stored, or it is
    the earlier version of a revised page, which a later version must name in supersedes. An original
    gives no reason."""
    sources = ctx.typed["reference-sources"].astype(object).assign(line=lambda f: lines_of(f.index))
    superseded = set(sources["supersedes"].dropna())
    found = []
    for r in rows_of(sources, index=False):
        repost, reason = r.copy == "repost", None if missing(r.repost_reason) else r.repost_reason
        if repost and reason is None:
            problem = "is a repost but gives no repost_reason"
        elif not repost and reason is not None:
            problem = "is an original, so it takes no repost_reason"
        elif reason == "earlier_version" and r.ref_source_id not in superseded:
            problem = "is kept as an earlier version, but no later version names it in supersedes"
        else:
            continue
        found.append(
            rule.finding(
                f"{r.ref_source_id} {problem}",
                ctx.paths["reference-sources"],
                int(r.line),
                "repost_reason",
            )
        )
    return found[:PER_RULE]


# subject_kind of identifiers.csv -> (resource, key column) the subject must exist in
IDENTIFIED = {
    "bloc": ("blocs", "bloc_id"),
    "list": ("reference-lists", "list_id"),
    "election": ("elections", "election_id"),
}


def identifiers_name_subjects(ctx, rule) -> list[Finding]:
    """Each external id is attached to a bloc, list or election the package has: a join key that
    points at nothing joins nothing."""
    ids = ctx.typed["identifiers"].astype(object).assign(line=lambda f: lines_of(f.index))
    known = {kind: set(ctx.typed[table][column]) for kind, (table, column) in IDENTIFIED.items()}
    bad = ids[[subject not in known[kind] for kind, subject in zip(ids["subject_kind"], ids["subject"], strict=True)]]
    return per_row(
        bad,
        lambda r: rule.finding(
            f"no {r.subject_kind} {r.subject!r} in {IDENTIFIED[r.subject_kind][0]}",
            ctx.paths["identifiers"],
            int(r.line),
            "subject",
        ),
    )


# measure -> the form its value must have: facts are text in the table, but these are counts, shares or days
FACT_FORMS = {
    "total_seats": (r"[1-9][0-9]*", "a whole number"),
    "constituencies": (r"[1-9][0-9]*", "a whole number"),
    "women_seats": (r"[1-9][0-9]*", "a whole number"),
    "minority_seats": (r"[1-9][0-9]*", "a whole number"),
    "turnout_percent": (r"(?:0|[1-9][0-9]?|100)(?:\.[0-9]*[1-9])?", "a per cent from 0 to 100"),
    **dict.fromkeys(DATE_MEASURES, (r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "a day written YYYY-MM-DD")),
}


def well_formed(measure: str, value) -> bool:
    """A fact's value has the form its measure needs (any text for a measure that is text)."""
    import re

    pattern = FACT_FORMS.get(measure, (None, None))[0]
    return pattern is None or re.fullmatch(pattern, str(value)) is not None


def reference_facts_have_their_form(ctx, rule) -> list[Finding]:
    """A fact that is a count, a share or a day is written as one: the chamber's size and the other
    facts the rules compute with are never arbitrary text."""
    facts = ctx.typed["reference-facts"].astype(object).assign(line=lambda f: lines_of(f.index))
    bad = [(r, FACT_FORMS[r.measure][1]) for r in rows_of(facts, index=False) if not well_formed(r.measure, r.value)]
    return [
        rule.finding(
            f"the {r.measure} of {r.election_id} must be {words}",
            ctx.paths["reference-facts"],
            int(r.line),
            "value",
        )
        for r, words in bad[:20]
    ]


RESULTS_READ = (RESULTS, "result-stages", "reference-sources", "reference-facts")
RECORD_RULES = [
    Rule("reference-fact-form", LAYER, ("reference-facts",),
         "A fact that is a count, a share or a day is written as one, so the rules never compute with arbitrary text.",
         reference_facts_have_their_form),
    Rule("reference-within-chamber", LAYER, RESULTS_READ,
         "No list or aggregate of the official record holds more seats than the chamber.", reference_seats_within_chamber),
    Rule("reference-sum", LAYER, RESULTS_READ,
         "A stage and source never adds up past the chamber, and a source marked complete adds up to it exactly.",
         reference_sums_fit_chamber),
    Rule("reference-stage-date", LAYER, (RESULTS, "result-stages", "reference-sources"),
         "Each official figure is filed under the stage that was current on its source's date.", reference_stage_fits_date),
    Rule("record-pinned", LAYER, ("result-stages", "reference-sources", RESULTS),
         "The stages of each election and its only complete counts keep the kinds, dates and stages the validator pins.",
         record_pinned),
    Rule("complete-names-lists", LAYER, (*RESULTS_READ, "reference-lists"),
         "A source marked complete gives no aggregate row standing in for lists that any source names.",
         complete_sources_name_their_lists),
    Rule("basis-kind", LAYER, (RESULTS, "reference-sources"),
         "A figure is filed as an estimate exactly when its source is an analysts' estimate.", reference_basis_matches_kind),
    Rule("repost-reason", LAYER, ("reference-sources",),
         "A repost gives its reason, and an earlier version kept as one is named by the version that supersedes it.",
         reposts_say_why),
    Rule("identifier-subject", LAYER, ("identifiers", "blocs", "reference-lists", "elections"),
         "Each external identifier is attached to a bloc, list or election the package has.", identifiers_name_subjects),
]  # fmt: skip
