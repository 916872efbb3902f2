"""The website shows what the package holds: each reported value links to its claim, each claim
page highlights exactly the claim's quote, gaps are drawn with their kind and reason, every
verdict has a style of its own, and nothing is loaded from outside the site's folder."""

import csv
import html
import json
import re
import shutil

import pytest

from conftest import ROOT
from tools.site.citation import bibtex, read_cff
from tools.site.evidence import InvalidPackage, gather
from tools.site.pages import VERDICTS, arabic, render_site


def rows(file: str) -> list[dict]:
    with open(ROOT / file, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def text_of(fragment: str) -> str:
    """The text a browser shows for an HTML fragment (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def cell_html(page: str, cell_id: str) -> str:
    found = re.search(rf'<td id="{re.escape(cell_id)}"[^>]*>(.*?)</td>', page, re.DOTALL)
    assert found, f"no cell {cell_id} on the page"
    return found.group(1)


def test_every_claim_page_highlights_exactly_its_quote(built_site):
    claims = rows("data/claims.csv")
    assert claims
    for claim in claims:
        page = (built_site / "claims" / f"{claim['claim_id']}.html").read_text(encoding="utf-8")
        marks = re.findall(r'<mark id="quote"[^>]*>(.*?)</mark>', page, re.DOTALL)
        assert len(marks) == 1, claim["claim_id"]
        assert text_of(marks[0]) == claim["quote"], claim["claim_id"]


def test_every_reported_value_links_to_its_claim_and_every_gap_says_why(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    checked = 0
    for row in rows("data/seat_results.csv"):
        for measure in ("seats", "rank"):
            cell = cell_html(index, f"{measure}/{row['election_id']}/{row['bloc_id']}")
            if row[f"{measure}_status"] == "reported":
                link = re.search(r'<a class="value" href="claims/([^"]+)\.html#quote"[^>]*>([^<]+)</a>', cell)
                assert link, cell
                assert link.groups() == (row[f"{measure}_claim_id"], row[measure])
            else:
                assert f"gap: {row[f'{measure}_status'].replace('_', ' ')}" in cell
                assert (
                    text_of(re.search(r'class="gap-reason">(.*?)</span></span>', cell).group(1))
                    == row[f"{measure}_note"]
                )
            checked += 1
    assert checked == 2 * len(rows("data/seat_results.csv"))


def test_official_figures_stand_beside_the_values_with_their_verdicts(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    comparisons = [r for r in rows("data/reconciliation.csv") if r["kind"] in ("value", "gap") and r["bloc_id"]]
    assert comparisons
    for row in comparisons:
        item = re.search(rf'<li id="{re.escape(row["reconciliation_id"])}">(.*?)</li>', index, re.DOTALL)
        assert item, row["reconciliation_id"]
        assert f'data-verdict="{row["verdict"]}"' in item.group(1)
        if row["reference"]:
            assert f'<span class="ref-value">{row["reference"]}</span>' in item.group(1)


def test_every_verdict_the_schemas_allow_has_a_style_of_its_own():
    allowed = set()
    for schema_file in (ROOT / "schemas").glob("*.schema.json"):
        for field in json.loads(schema_file.read_text(encoding="utf-8"))["fields"]:
            if field["name"] == "verdict":
                allowed |= set(field.get("constraints", {}).get("enum", []))
    assert allowed and allowed <= set(VERDICTS), f"verdicts without a style: {allowed - set(VERDICTS)}"
    styles = {VERDICTS[v][1] for v in allowed}
    assert {VERDICTS["agrees"][1], VERDICTS["differs"][1], VERDICTS["not_comparable"][1]} <= styles
    assert len({VERDICTS[v][1] for v in ("agrees", "differs", "not_comparable", "depends_on_reading")}) == 4


def test_nothing_is_loaded_from_outside_the_site(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|img|link|iframe|source|video|audio)\b[^>]*\b(?:src|href)="([^"]*)"', text)
        assert loaded, page
        for address in loaded:
            assert "://" not in address and not address.startswith("//"), (page, address)
            assert (page.parent / address.split("#")[0]).resolve().is_file(), (page, address)
    for figure in built_site.rglob("*.svg"):  # an SVG may load images or fonts of its own
        assert not re.search(r'(?:href|src)="(?!#|data:)[^"]*://', figure.read_text(encoding="utf-8")), figure
    for sheet in built_site.rglob("*.css"):
        assert not re.search(r"@import|url\(\s*['\"]?(?!data:)", sheet.read_text(encoding="utf-8")), sheet


def test_every_link_inside_the_site_resolves(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for address in re.findall(r'href="([^"]+)"', text):
            if "://" in address or address.startswith(("mailto:", "#")):
                continue
            path, _, fragment = html.unescape(address).partition("#")
            target = (page.parent / path).resolve()
            assert target.is_file(), (page, address)
            if fragment and target.suffix == ".html":
                assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), (page, address)


def test_every_file_of_the_package_is_downloadable(built_site):
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    index = (built_site / "index.html").read_text(encoding="utf-8")
    for resource in descriptor["resources"]:
        assert f'href="{resource["path"]}"' in index
        assert (built_site / resource["path"]).read_bytes() == (ROOT / resource["path"]).read_bytes()
    assert 'href="datapackage.json"' in index and 'href="CITATION.cff"' in index


def test_arabic_is_set_right_to_left():
    assert str(arabic("Sadrist movement التيار الصدري")) == (
        'Sadrist movement <span dir="rtl" lang="ar">التيار الصدري</span>'
    )
    assert str(arabic("<b>")) == "&lt;b&gt;"


def test_bibtex_carries_the_citation_files_metadata():
    _, cff = read_cff(ROOT)
    entry = bibtex(cff)
    assert entry.startswith("@dataset{iraq_election_seats_" + str(cff["version"]).replace(".", "_") + ",")
    assert f"version = {{{cff['version']}}}" in entry and cff["title"] in entry


def test_an_invalid_package_builds_no_site(package, tmp_path):
    line = package.line("data/seat_results.csv", election_id="cor-2021", bloc_id="sadrist")
    package.set_cell("data/seat_results.csv", line, "seats", "74")
    with pytest.raises(InvalidPackage):
        gather(package.descriptor)


def test_a_folder_the_command_did_not_write_is_never_emptied(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit):
        render_site(None, tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_a_new_table_appears_on_the_site_and_beside_the_claims_it_cites(package, tmp_path):
    """A table added to the package gets its page, and its rows show on the pages of the claims they cite."""
    for part in ("README.md", "CITATION.cff", "LICENSE", "figures"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, package.root / part)
    (package.root / "data" / "readings.csv").write_text(
        "claim_id,reading,verdict\nrasanah-sadrist-2021-seats,seats of the Sadrist list alone,depends_on_reading\n",
        encoding="utf-8",
    )
    schema = {
        "fields": [
            {"name": "claim_id", "title": "Claim", "type": "string", "constraints": {"required": True}},
            {"name": "reading", "title": "Reading", "type": "string", "constraints": {"required": True}},
            {"name": "verdict", "title": "Verdict", "type": "string", "constraints": {"required": True}},
        ],
        "primaryKey": ["claim_id", "reading"],
        "foreignKeys": [{"fields": ["claim_id"], "reference": {"resource": "claims", "fields": ["claim_id"]}}],
    }
    (package.root / "schemas" / "readings.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    package.edit_descriptor(
        lambda d: d["resources"].append(
            {
                "name": "readings",
                "title": "Readings",
                "description": "Several readings of a claim.",
                "path": "data/readings.csv",
                "type": "table",
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": "schemas/readings.schema.json",
            }
        )
    )
    out = tmp_path / "site"
    render_site(gather(package.descriptor), out)
    assert "seats of the Sadrist list alone" in (out / "tables" / "readings.html").read_text(encoding="utf-8")
    claim_page = (out / "claims" / "rasanah-sadrist-2021-seats.html").read_text(encoding="utf-8")
    assert "seats of the Sadrist list alone" in claim_page and 'data-verdict="depends_on_reading"' in claim_page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="tables/readings.html"' in index and 'href="data/readings.csv"' in index


def test_disagreements_between_sources_of_the_record_are_shown(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    seats = {}
    for row in rows("data/reference_results.csv"):
        if row["seats"]:
            seats.setdefault((row["stage_id"], row["list_id"]), {})[row["ref_source_id"]] = row["seats"]
    conflicts = {key: found for key, found in seats.items() if len(set(found.values())) > 1}
    shown = re.findall(r'<tr id="([^"|]+)\|([^"]+)">(.*?)</tr>', index, re.DOTALL)
    assert {(stage, list_id) for stage, list_id, _ in shown} == set(conflicts)
    for stage, list_id, body in shown:
        for source, value in conflicts[stage, list_id].items():
            assert f"<strong>{value}</strong> · <a href=" in body and f">{source}</a>" in body


def test_values_both_reports_state_are_set_side_by_side(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    section = index.split('id="between-reports"')[1].split('id="between-sources"')[0]
    claims = {c["claim_id"]: c for c in rows("data/claims.csv")}
    shown = re.findall(r"<tr><td>.*?</tr>", section, re.DOTALL)
    assert shown  # the Sadrists' first place in 2021 is stated by both reports
    for row in shown:
        linked = [claims[c] for c in re.findall(r'href="claims/([^"]+)\.html#quote"', row)]
        assert len({c["source_id"] for c in linked}) > 1
        assert len({(c["measure"], c["election_id"], c["bloc_id"]) for c in linked}) == 1
        same = len({c["value"] or c["value_date"] for c in linked}) == 1
        assert f'data-verdict="{"agrees" if same else "differs"}"' in row
