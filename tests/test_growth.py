"""The package grows by data alone: a third report and a third election, added to a copy as rows
and a text, are regenerated, validated, drawn and shown, with no code changed."""

import hashlib
import json

from conftest import ROOT
from tools import figure, reconcile

TEXT = (
    "A note on the vote of 14 March 2030.\nIn that election the Sadrist bloc won 80 seats, more than it won in 2021.\n"
)
REPORT = "seeds/900_growth_note.txt"


def span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def claim(claim_id, quote, **values) -> dict:
    start, end = span(quote)
    row = dict.fromkeys(COLUMNS, "")
    return row | {"claim_id": claim_id, "source_id": "growth-note", "quote": quote, "start": str(start),
                  "end": str(end), "election_id": "cor-2030", "comparison": "=", "stance": "asserted"} | values  # fmt: skip


COLUMNS = (ROOT / "data" / "claims.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")


def grow(package) -> None:
    """A third report with three claims, and a third election with a row for every bloc."""
    data = TEXT.encode("utf-8")
    (package.root / REPORT).write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    with package.edited_json("datapackage.json") as descriptor:
        resources = descriptor["resources"]
        report = next(r for r in resources if r["name"] == "report-brief")
        at = resources.index(report) + 1
        resources.insert(
            at,
            report | {"name": "report-growth-note", "title": "A note on the 2030 vote", "path": REPORT,
                      "bytes": len(data), "hash": f"sha256:{digest}"},
        )  # fmt: skip
    sources = package.rows("data/sources.csv")
    sources.append(dict.fromkeys(sources[0], "") | {
        "source_id": "growth-note", "title": "A note on the 2030 vote", "publisher": "A publisher",
        "date": "2030-04-01", "path": REPORT, "sha256": digest, "bytes": str(len(data)),
        "note": "A short report added to show that the package grows by data alone.",
    })  # fmt: skip
    package.write_rows("data/sources.csv", sources)
    claims = package.rows("data/claims.csv")
    claims += [
        claim("growth-2030-election-date", "the vote of 14 March 2030", measure="election_date",
              value_date="2030-03-14", reading="The 2030 election was held on 14 March."),
        claim("growth-sadrist-2030-seats", "the Sadrist bloc won 80 seats", bloc_id="sadrist", measure="seats",
              value="80", reading="The Sadrist bloc won 80 seats in 2030."),
        claim("growth-sadrist-above-2021", "the Sadrist bloc won 80 seats, more than it won in 2021",
              bloc_id="sadrist", measure="seats", comparison=">", ref_election_id="cor-2021",
              ref_bloc_id="sadrist", ref_factor="1", reading="The Sadrist bloc won more seats in 2030 than in 2021."),
    ]  # fmt: skip
    package.write_rows("data/claims.csv", claims)
    elections = package.rows("data/elections.csv")
    elections.append(dict.fromkeys(elections[0], "") | {
        "election_id": "cor-2030", "name": "Council of Representatives election, 2030", "date": "2030-03-14",
        "date_status": "reported", "date_claim_id": "growth-2030-election-date",
        "total_seats_status": "not_reported", "total_seats_note": "No report gives the size of the chamber.",
    })  # fmt: skip
    package.write_rows("data/elections.csv", elections)
    results = package.rows("data/seat_results.csv")
    gap = {"seats_status": "not_reported", "seats_note": "No report gives a count.",
           "rank_status": "not_reported", "rank_note": "No report gives a place."}  # fmt: skip
    for bloc in sorted({row["bloc_id"] for row in results}):
        row = dict.fromkeys(results[0], "") | {"election_id": "cor-2030", "bloc_id": bloc} | gap
        if bloc == "sadrist":
            row |= {"seats": "80", "seats_status": "reported", "seats_claim_id": "growth-sadrist-2030-seats",
                    "seats_note": ""}  # fmt: skip
        results.append(row)
    package.write_rows("data/seat_results.csv", results)


def test_a_third_report_and_election_need_no_code(package, tmp_path, capsys):
    grow(package)
    assert reconcile.main(["--descriptor", str(package.descriptor)]) == 0, capsys.readouterr().err
    result = package.validate()
    assert result.valid, [str(f) for f in result.findings]
    verdicts = {v.claim_id: v.verdict for v in result.verdicts}
    assert verdicts["growth-sadrist-above-2021"] == "holds"
    claim_verdicts = package.rows("data/claim_verdicts.csv")
    assert {r["claim_id"] for r in claim_verdicts} >= {"growth-sadrist-2030-seats", "growth-sadrist-above-2021"}

    assert figure.main(["--descriptor", str(package.descriptor)]) == 0
    drawn = json.loads((package.root / figure.DATA).read_text(encoding="utf-8"))
    sadrist = next(row for row in drawn["rows"] if row["label"] == "Sadrist movement, 2030")
    assert sadrist["reported"] == 80 and sadrist["official"] is None
    assert "Sadrist movement, 2030" in (package.root / figure.FIGURE).read_text(encoding="utf-8")
    assert figure.main(["--descriptor", str(package.descriptor), "--check"]) == 0

    from tools.site.evidence import gather
    from tools.site.pages import render_site

    for document in ("CITATION.cff", "README.md", "LICENSE"):  # the site cites and quotes them
        (package.root / document).write_bytes((ROOT / document).read_bytes())
    site = tmp_path / "site"
    render_site(gather(package.descriptor), site, None)
    pages = "".join(page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    assert "growth-sadrist-2030-seats" in pages and "A note on the 2030 vote" in pages and "cor-2030" in pages
