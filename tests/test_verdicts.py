"""Relational claims are judged against the tables: holds, contradicted, or undetermined."""

SEATS = "data/seat_results.csv"


def verdicts(result):
    return {v.claim_id: v for v in result.verdicts}


def test_shipped_verdicts(shipped):
    found = verdicts(shipped)
    assert found["rasanah-taqaddum-ahead-of-fatah"].verdict == "holds"
    assert found["rasanah-state-forces-decline"].verdict == "holds"
    undetermined = found["brief-fatah-lost-over-half"]
    assert undetermined.verdict == "undetermined"
    assert "seats of fatah in cor-2021 (ambiguous)" in undetermined.detail
    assert "0.5 x seats of fatah in cor-2018 (ambiguous)" in undetermined.detail
    assert "not in the package's tables" in found["brief-fatah-votes-above-sadrist"].detail


def test_changed_value_contradicts_a_relation(package):
    line = package.line(SEATS, election_id="cor-2021", bloc_id="national-state-forces")
    package.set_cell(SEATS, line, "seats", "60")
    result = package.validate()
    decline = verdicts(result)["rasanah-state-forces-decline"]
    assert decline.verdict == "contradicted"
    assert decline.detail == "seats of national-state-forces in cor-2021 = 60 < seats of nasr-hikma in cor-2018 = 58"


def test_filled_values_decide_an_undetermined_relation(package):
    """With both Fatah counts present, 'lost more than half' is judged (here it would hold: 10 < 0.5 x 48)."""
    rows = package.rows(SEATS)
    for row in rows:
        if row["bloc_id"] == "fatah":
            row.update(seats_status="reported", seats_note="", seats="48" if row["election_id"] == "cor-2018" else "10")
    package.write_rows(SEATS, rows)
    decline = verdicts(package.validate())["brief-fatah-lost-over-half"]
    assert decline.verdict == "holds" and "= 10 < 0.5 x seats of fatah in cor-2018 = 24" in decline.detail
