"""A pull request that rewrites a reading and regenerates every derived table: the numbers still
stand in their quotes, so only reading each claim back from its own words tells. Each attack ends
in a finding that names the claim's (or reading's) row, the column changed and the reading rule."""

import pytest

from conftest import assert_finding

CLAIMS = "data/claims.csv"
READINGS = "data/claim_readings.csv"
SEATS = "data/seat_results.csv"
ELECTIONS = "data/elections.csv"


def set_claim(package, claim_id, **cells):
    line = package.line(CLAIMS, claim_id=claim_id)
    for column, value in cells.items():
        package.set_cell(CLAIMS, line, column, value)
    return line


def set_result(package, election, bloc, **cells):
    line = package.line(SEATS, election_id=election, bloc_id=bloc)
    for column, value in cells.items():
        package.set_cell(SEATS, line, column, value)


def wrong_role(package, claim_id, election, bloc, column, value):
    set_result(package, election, bloc, **{column: value})
    return set_claim(package, claim_id, value=value)


def swap_quote(package, claim_id, other_id):
    other = next(r for r in package.rows(CLAIMS) if r["claim_id"] == other_id)
    return set_claim(package, claim_id, **{k: other[k] for k in ("source_id", "quote", "start", "end")})


def cut_before(package, claim_id, words):
    row = next(r for r in package.rows(CLAIMS) if r["claim_id"] == claim_id)
    at = row["quote"].index(words) + len(words)
    return set_claim(package, claim_id, quote=row["quote"][at:], start=str(int(row["start"]) + at))


def move_date(package, claim_id, day, election=None):
    if election:
        package.set_cell(ELECTIONS, package.line(ELECTIONS, election_id=election), "date", day)
    return set_claim(package, claim_id, value_date=day)


ATTACKS = {
    "seats 38 read as the place 2": (
        lambda p: wrong_role(p, "rasanah-taqaddum-2021-seats", "cor-2021", "taqaddum", "seats", "2"),
        "number-role",
        "value",
    ),
    "the year 2018 read as seats": (
        lambda p: wrong_role(p, "rasanah-nasr-hikma-2018-seats", "cor-2018", "nasr-hikma", "seats", "2018"),
        "number-role",
        "value",
    ),
    "the year 2018 read as a place": (
        lambda p: wrong_role(p, "rasanah-fatah-2018-rank", "cor-2018", "fatah", "rank", "2018"),
        "number-role",
        "value",
    ),
    "a quote about Fatah in 2018 under Taqaddum's 2021 place": (
        lambda p: swap_quote(p, "rasanah-taqaddum-2021-rank", "rasanah-fatah-2018-rank"),
        "list",
        "bloc_id",
    ),
    "a claim on the State Forces moved to Huqooq": (
        lambda p: set_claim(p, "rasanah-state-forces-2021-seats", bloc_id="huqooq"),
        "list",
        "bloc_id",
    ),
    "'did not' cut from before a quote": (
        lambda p: cut_before(p, "rasanah-groups-without-seats", "did not "),
        "negation",
        "start",
    ),
    "an allegation made the report's own finding": (
        lambda p: set_claim(p, "rasanah-commander-rigged", stance="asserted", attributed_to=""),
        "attribution",
        "stance",
    ),
    "'more than half' read with a factor of 1": (
        lambda p: set_claim(p, "brief-fatah-lost-over-half", ref_factor="1"),
        "factor",
        "ref_factor",
    ),
    "'four seats compared to the 58' read as more than": (
        lambda p: set_claim(p, "rasanah-state-forces-decline", comparison=">"),
        "comparison",
        "comparison",
    ),
    "'ahead of' read as behind": (
        lambda p: set_claim(p, "rasanah-taqaddum-ahead-of-fatah", comparison=">"),
        "comparison",
        "comparison",
    ),
    "polling day moved to 2020": (
        lambda p: move_date(p, "brief-2021-election-date", "2020-10-10", "cor-2021"),
        "date-year",
        "value_date",
    ),
    "the strike moved to 2019": (
        lambda p: move_date(p, "brief-strike-date", "2019-11-06"),
        "date-year",
        "value_date",
    ),
    "a statement about 2021 filed under 2018": (
        lambda p: set_claim(p, "rasanah-sadrist-2021-rank", election_id="cor-2018"),
        "election",
        "election_id",
    ),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_reading_rewritten_and_regenerated_is_found(package, attack):
    change, check, column = ATTACKS[attack]
    line = change(package)
    package.regenerate()
    assert_finding(
        package.validate(), layer="provenance", rule=f"reading-{check}", file=CLAIMS, row=line, column=column
    )


def test_a_result_status_reading_flipped_is_found(package):
    """'the commission had confirmed the results' read as contested."""
    line = package.line(READINGS, reading_id="rasanah-ihec-confirmed/review-closed")
    package.set_cell(READINGS, line, "status", "contested")
    package.regenerate()
    assert_finding(
        package.validate(), layer="provenance", rule="reading-status", file=READINGS, row=line, column="status"
    )


def test_the_readings_of_the_package_agree_with_their_quotes(shipped):
    assert shipped.valid
    assert not [f for layer in shipped.layers for f in layer.findings if f.rule.startswith("reading-")]


def test_a_reading_date_its_quote_does_not_state(package):
    """A reading's own date was checked against nothing: its claim's quote says 'November 6'."""
    line = package.line(READINGS, reading_id="brief-strike-date/us-eastern")
    package.set_cell(READINGS, line, "value_date", "2021-11-09")
    package.regenerate()
    result = package.validate()
    assert_finding(result, layer="provenance", rule="reading-date", file=READINGS, row=line, column="value_date")


def test_an_election_id_lends_its_year_only_as_a_word_of_its_own():
    """A copy with thousands of synthetic elections ('cor-s002018') read the 2018 quotes as about one
    of them; an id gives its year only when the year stands apart ('cor-2018'), and an id with none
    names no election the reader or the checker can place."""
    import pandas as pd

    from iraq_election_seats.quote_readings import elections_of
    from iraq_election_seats.text_reader import year_of_id

    typed = {"elections": pd.DataFrame({"election_id": ["cor-2018", "cor-s002018", "cor-s000001"], "date": [None] * 3})}
    assert [(e.election_id, e.year) for e in elections_of(typed)] == [("cor-2018", 2018)]
    assert (year_of_id("cor-2021"), year_of_id("cor-s002018"), year_of_id("cor-s000001")) == (2021, None, None)
