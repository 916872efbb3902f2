"""The reports beside the official record: verdicts follow the references, and a stale file fails."""

import pytest

from conftest import assert_finding

RECONCILIATION = "data/reconciliation.csv"
REFERENCES = "data/reference_results.csv"


def verdicts(rows, subject):
    return {row["reconciliation_id"].split("@")[1]: row["verdict"] for row in rows if row["subject"] == subject}


def test_shipped_reconciliation_is_current(capsys):
    from tools import reconcile

    assert reconcile.main(["--check"]) == 0, capsys.readouterr().err


def test_reported_values_and_relations_all_have_a_verdict(derived):
    rows, typed = derived.reconciliation, derived.typed
    judged = {row["claim_id"] for row in rows if row["kind"] in ("value", "relation")}
    results = typed["seat-results"]
    named = set(results["seats_claim_id"].dropna()) | set(results["rank_claim_id"].dropna())
    relational = {
        c
        for c in typed["claims"]["claim_id"]
        if c.endswith(
            ("over-half", "above-sadrist", "below-fatah", "ahead-of-fatah", "rank-decline", "state-forces-decline")
        )
    }
    assert named <= judged and relational <= judged


def test_known_differences_are_found(derived):
    rows = derived.reconciliation
    taqaddum = verdicts(rows, "seats/cor-2021/taqaddum")
    assert (
        taqaddum["cor-2021-final/ina-2021-11-30"] == "differs"
        and taqaddum["cor-2021-first-count/sputnik-2021-10-11"] == "agrees"
    )
    assert set(verdicts(rows, "seats/cor-2018/nasr-hikma").values()) == {"differs"}


def test_gaps_stay_gaps_with_the_reference_beside_them(derived):
    rows, typed = derived.reconciliation, derived.typed
    fatah = typed["seat-results"].query("election_id == 'cor-2021' and bloc_id == 'fatah'").iloc[0]
    assert fatah["seats_status"] == "ambiguous" and fatah["seats"] is not None and str(fatah["seats"]) == "<NA>"
    assert verdicts(rows, "seats/cor-2021/fatah")["cor-2021-final/ina-2021-11-30"] == "reference_only"


def test_changing_a_reference_changes_the_verdict_and_leaves_the_file_stale(package):
    line = package.line(REFERENCES, stage_id="cor-2021-final", list_id="taqaddum", ref_source_id="ina-2021-11-30")
    package.set_cell(REFERENCES, line, "seats", "38")
    result = package.validate()  # invalid (38 is not in the passage read), but the rules layer ran
    again = result.derived
    assert verdicts(again.reconciliation, "seats/cor-2021/taqaddum")["cor-2021-final/ina-2021-11-30"] == "agrees"
    fresh = again.texts["reconciliation"].splitlines()
    stale = (package.root / RECONCILIATION).read_text(encoding="utf-8").splitlines()
    row = next(n for n, (a, b) in enumerate(zip(fresh, stale), 1) if a != b)
    finding = assert_finding(
        result, layer="rules", rule="reconciliation-current", file=RECONCILIATION, row=row, column=None
    )
    assert "python -m tools.reconcile" in finding.message


def test_an_edited_verdict_fails_at_its_line(package):
    line = package.line(RECONCILIATION, reconciliation_id="seats/cor-2021/taqaddum@cor-2021-final/ina-2021-11-30")
    package.set_cell(RECONCILIATION, line, "verdict", "agrees")
    assert_finding(
        package.validate(), layer="rules", rule="reconciliation-current", file=RECONCILIATION, row=line, column=None
    )


def test_a_package_that_does_not_parse_gives_findings_not_tables(package, capsys):
    """derive and tools.reconcile refuse a package whose tables do not parse, with its findings."""
    import iraq_election_seats as ies
    from tools import reconcile

    (package.root / "data" / "blocs.csv").write_bytes(b'bloc_id,name_en\n"unterminated\n')
    before = (package.root / RECONCILIATION).read_bytes()
    with pytest.raises(ies.NotValid) as refused:
        ies.derive(package.descriptor)
    assert any(f.file == "data/blocs.csv" for f in refused.value.findings)
    assert reconcile.main(["--descriptor", str(package.descriptor)]) == 1
    assert "data/blocs.csv" in capsys.readouterr().err
    assert (package.root / RECONCILIATION).read_bytes() == before
