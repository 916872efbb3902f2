"""The website shows what the package holds: each reported value links to its claim, each claim
page highlights exactly the claim's quote, gaps are drawn with their kind and reason, every
verdict has a style of its own, and nothing is loaded from outside the site's folder."""

import csv
import hashlib
import html
import json
import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT
from tools import release
from tools.site.citation import bibtex, read_cff
from tools.site.evidence import RELAY_TEXT, InvalidPackage, gather
from tools.site.markup import render, shown
from tools.site.pages import VERDICTS, arabic, claim_summary, render_site
from tools.site.structured import RATING_SCALE


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
        assert text_of(marks[0]) == shown(claim["quote"]), claim["claim_id"]


def test_every_reported_value_links_to_its_claim_and_every_gap_says_why(built_site):
    index = (built_site / "values.html").read_text(encoding="utf-8")
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


def test_official_figures_stand_beside_the_values_with_their_verdicts_and_basis(built_site):
    """Every row of the record stands beside its value with its verdict; the row the verdict rests
    on is marked judged and shown first, and alternatives and superseded versions are folded away
    under their names."""
    index = (built_site / "values.html").read_text(encoding="utf-8")
    comparisons = [r for r in rows("data/reconciliation.csv") if r["kind"] in ("value", "gap") and r["bloc_id"]]
    assert comparisons and {r["basis"] for r in comparisons} >= {"judged", "alternative"}
    folded = "".join(re.findall(r'<details class="others">(.*?)</details>', index, re.DOTALL))
    for row in comparisons:
        item = re.search(
            rf'<li id="{re.escape(row["reconciliation_id"])}" class="basis-{row["basis"] or "none"}">(.*?)</li>',
            index,
            re.DOTALL,
        )
        assert item, row["reconciliation_id"]
        assert f'data-verdict="{row["verdict"]}"' in item.group(1)
        if row["basis"]:
            assert f'data-basis="{row["basis"]}"' in item.group(1)
        assert (f'<li id="{row["reconciliation_id"]}"' in folded) == (row["basis"] in ("alternative", "superseded"))
        if row["reference"]:
            assert f'<span class="ref-value">{row["reference"]}</span>' in item.group(1)


def test_every_verdict_the_schemas_allow_has_a_label_of_its_own_and_a_style_of_its_sense():
    """Each verdict reads differently; a style is shared only within one sense: no verdict that fits
    the record is drawn like one that contradicts it, and one that holds only where judged is drawn
    apart from one that holds under every reading."""
    allowed = set()
    for schema_file in (ROOT / "schemas").glob("*.schema.json"):
        for field in json.loads(schema_file.read_text(encoding="utf-8"))["fields"]:
            if field["name"] == "verdict":
                allowed |= set(field.get("constraints", {}).get("enum", []))
    assert allowed and allowed <= set(VERDICTS), f"verdicts without a style: {allowed - set(VERDICTS)}"
    assert len({VERDICTS[v][0] for v in allowed}) == len(allowed), "two verdicts read alike"
    fits, contradicts = ({VERDICTS[v][1] for v in allowed if VERDICTS[v][2] == sign} for sign in "✓✗")
    assert fits and contradicts and not fits & contradicts
    for whole, part in (
        ("holds_under_every_reading", "holds_where_judged"),
        ("contradicted_under_every_reading", "contradicted_where_judged"),
    ):
        assert VERDICTS[whole][1] != VERDICTS[part][1], part
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


@cache
def anchors(page: Path) -> set[str]:
    """Every id of a page, as a browser reads it (entities such as &#34; unescaped)."""
    return {html.unescape(found) for found in re.findall(r' id="([^"]*)"', page.read_text(encoding="utf-8"))}


def test_every_link_inside_the_site_resolves(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for address in re.findall(r'href="([^"]+)"', text):
            if "://" in address or address.startswith("mailto:"):
                continue
            path, _, fragment = html.unescape(address).partition("#")
            target = (page.parent / path.split("?")[0]).resolve() if path else page
            assert target.is_file(), (page, address)
            if fragment and target.suffix == ".html":
                assert fragment in anchors(target), (page, address)


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
    for part in ("README.md", "CITATION.cff", "LICENSE", "CHANGELOG.md", "figures"):
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


def test_disagreements_between_sources_of_the_record_say_which_row_is_judged(built_site):
    """Every pair of sources of one stage that give one list different figures is shown, each
    figure with its basis, and beside it the row of the record each affected value is judged by."""
    index = (built_site / "index.html").read_text(encoding="utf-8")
    figures = {}
    for row in rows("data/reference_results.csv"):
        figures.setdefault((row["stage_id"], row["list_id"]), []).append(row)
    pairs = {
        (stage, list_id, measure, a["ref_source_id"], b["ref_source_id"]): (a, b)
        for (stage, list_id), found in figures.items()
        for i, a in enumerate(found)
        for b in found[i + 1 :]
        for measure in ("seats", "votes")
        if a[measure] and b[measure] and a[measure] != b[measure]
    }
    shown = {
        tuple(key.split("|")): body
        for key, body in re.findall(
            r'<tr id="([^"|]+\|[^"|]+\|(?:seats|votes)\|[^"|]+\|[^"|]+)">(.*?)</tr>', index, re.DOTALL
        )
    }
    assert pairs and set(shown) == set(pairs)
    stage_elections = {s["stage_id"]: s["election_id"] for s in rows("data/result_stages.csv")}
    links = rows("data/bloc_reference_links.csv")
    reconciliation = rows("data/reconciliation.csv")
    judged = {r["subject"]: r for r in reconciliation if r["basis"] == "judged"}
    for (stage, list_id, measure, *sources), body in shown.items():
        figures_cell, judged_cell = re.findall(r"<td>(.*?)</td>", body, re.DOTALL)[-2:]
        blocs = {
            link["bloc_id"]
            for link in links
            if (link["list_id"], link["election_id"]) == (list_id, stage_elections[stage])
        }
        for figure, source in zip(pairs[stage, list_id, measure, *sources], sources):
            item = re.search(
                rf"<li><strong>{figure[measure]}</strong> {measure} · <a [^>]*>{source}</a>(.*?)</li>", figures_cell
            )
            assert item, (stage, list_id, source)
            used = [
                r
                for r in reconciliation
                if r["basis"] and (r["stage_id"], r["ref_source_id"]) == (stage, source) and r["bloc_id"] in blocs
            ]
            assert re.findall(r'data-basis="(\w+)"', item.group(1).split("“")[0]) == [r["basis"] for r in used]
            for row in used:
                basis_row = judged[row["subject"]]
                assert re.search(
                    rf">{re.escape(row['subject'])}</a>: [^<]*from <a [^>]*>{basis_row['ref_source_id']}</a>",
                    judged_cell,
                )


def test_disagreements_between_the_reports_come_from_their_table(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    verdicts = {r["reading_id"]: r for r in rows("data/verdicts.csv")}
    disagreements = rows("data/disagreements.csv")
    assert disagreements
    for pair in disagreements:
        found = re.search(
            rf'<tr id="{re.escape(pair["reading_a"])}\|{re.escape(pair["reading_b"])}">(.*?)</tr>', index, re.DOTALL
        )
        assert found, pair
        cells = re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.DOTALL)
        assert text_of(cells[0]) == pair["topic"] and text_of(cells[3]) == pair["record"]
        for side, cell in zip("ab", cells[1:3]):
            reading = pair[f"reading_{side}"]
            assert f"<strong>{html.escape(pair[f'says_{side}'], quote=False)}</strong>" in cell
            assert f'href="claims/{pair[f"claim_{side}"]}.html#{reading}"' in cell
            assert f'data-verdict="{verdicts[reading]["verdict"]}"' in cell
    section = index.split('id="between-reports"')[1].split("</table>")[0]
    assert len(re.findall(r"<tr id=", section)) == len(disagreements)


def test_every_claim_page_shows_every_reading_with_its_verdict(built_site):
    readings = rows("data/verdicts.csv")
    words = {r["reading_id"]: r["reading"] for r in rows("data/claim_readings.csv")}
    claims = {c["claim_id"]: c for c in rows("data/claims.csv")}
    reconciliation = rows("data/reconciliation.csv")
    for claim in rows("data/claim_verdicts.csv"):
        page = (built_site / "claims" / f"{claim['claim_id']}.html").read_text(encoding="utf-8")
        overall = re.search(r'<p class="overall">(.*?)</p>', page, re.DOTALL).group(1)
        assert f'data-verdict="{claim["verdict"]}"' in overall
        own = [r for r in readings if r["claim_id"] == claim["claim_id"]]
        ids = {r["reading_id"] for r in own}
        assert own and len(re.findall(r'class="reading-item"', page)) == len(own)
        for reading in own:
            # the relay of an attributed statement is judged apart from the statement, in an item of its own
            relay = reading["about"] == "relay"
            assert relay or reading["reading_id"] in text_of(overall), (claim["claim_id"], reading["reading_id"])
            item = re.search(
                rf'<li id="{re.escape(reading["reading_id"])}" class="reading-item">(.*?)</ol>', page, re.DOTALL
            )
            head = re.search(r'<p class="reading-head">(.*?)</p>', item.group(1)).group(1)
            assert f'data-verdict="{reading["verdict"]}"' in head
            assert ("preferred reading" in head) == (reading["preferred"] == "yes")
            text = words.get(reading["reading_id"], claims[claim["claim_id"]]["reading"])
            if relay:
                text = RELAY_TEXT.format(author=claims[claim["claim_id"]]["attributed_to"])
            assert text in text_of(item.group(1))
            judged_against = [
                r["reconciliation_id"]
                for r in reconciliation
                if r["subject"] == reading["reading_id"]
                or (r["claim_id"] == claim["claim_id"] and reading["preferred"] == "yes" and r["subject"] not in ids)
            ]
            body = item.group(1).split('class="reading-item"')[0]
            shown = re.findall(r'<li id="([^"]+@[^"]+)"', body)
            assert sorted(shown) == sorted(judged_against), reading["reading_id"]
            judged = [r["reconciliation_id"] for r in reconciliation if r["basis"] == "judged"]
            assert all(row in judged for row in shown[: len(set(shown) & set(judged))]), "the judged row comes first"


def test_a_claim_that_depends_on_the_reading_says_under_which_it_holds():
    readings = [
        {"reading_id": "c", "verdict": "differs"},
        {"reading_id": "c/other", "verdict": "agrees"},
        {"reading_id": "c/third", "verdict": "not_judged"},
    ]
    assert claim_summary("depends_on_reading", readings) == (
        "It depends on the reading: it holds under c/other and is contradicted under c; not judged under c/third."
    )
    assert claim_summary("holds_under_every_reading", readings[1:2]) == "It holds under every reading: c/other."
    assert claim_summary("not_judged", readings[2:]) == "No reading is judged true or false: c/third not judged."


# a link to a source; what says whether it is the original or a repost: the link's title, a copy
# label later in its citation (which ends with its paragraph, item or cell, or at the next link), or
# the copy cell of its row in the table pages
SOURCE_LINK = re.compile(r'<a (?:class="[^"]*" )?href="([^"]+)"(?: title="([^"]*)")?>')
COPY_LABEL = re.compile(r'<span class="copy copy-(\w+)"[^>]*>(\w+)</span>')
CITATION_END = re.compile(r"</p>|</li>|</td>|<a ")
COPY_CELL = re.compile(r'<td id="([^"~]+)~url">')


def copy_labels(page: str, link) -> set[str] | None:
    """The words the page puts beside one link to a source: 'original' or 'repost', or none; None for
    a bare address in a table cell (where a list's name was read), which names no publisher."""
    close = page.index("</a>", link.end()) + len("</a>")
    cell = COPY_CELL.fullmatch(page, max(page.rfind("<td ", 0, link.start()), 0), link.start())
    if cell:
        row = page[close : page.index("</tr>", close)]
        copy = re.search(rf'<td id="{re.escape(cell.group(1))}~copy">(\w+)</td>', row)
        return {copy.group(1)} if copy else None
    stop = CITATION_END.search(page, close)
    label = COPY_LABEL.search(page[close : stop.start() if stop else len(page)])
    title = html.unescape(link.group(2) or "")
    said = {"original"} if title.endswith(", the original") else {"repost"} if title.endswith(", a repost") else set()
    return said | ({label.group(1), label.group(2)} if label else set())


def test_each_source_is_shown_as_original_or_repost_as_the_table_says(built_site):
    """A repost is never presented as the publisher's own page: every link to a repost says 'repost'
    (in its title, beside it, or in its table row), no link says what the table does not, and every
    source is linked somewhere with its word (and no template shows an object for a word)."""
    pages = {p: p.read_text(encoding="utf-8") for p in built_site.rglob("*.html")}
    assert not any("built-in method" in text for text in pages.values())
    sources = {row["url"]: row for row in rows("data/reference_sources.csv")}
    said, reposts = {}, 0
    for path, page in pages.items():
        for link in SOURCE_LINK.finditer(page):
            source = sources.get(html.unescape(link.group(1)))
            if source is None:
                continue
            labels = copy_labels(page, link)
            if labels is None:
                continue
            where = f"{source['ref_source_id']} on {path.relative_to(built_site)}: {labels}"
            if source["copy"] == "repost":
                assert labels == {"repost"}, where
                reposts += 1
            else:
                assert labels <= {"original"}, where
            said.setdefault(source["ref_source_id"], set()).update(labels)
    assert reposts and {s["ref_source_id"]: {s["copy"]} for s in sources.values()} == said


def sources_text() -> dict[str, str]:
    return {s["source_id"]: (ROOT / s["path"]).read_text(encoding="utf-8") for s in rows("data/sources.csv")}


def test_the_reports_marks_are_drawn_and_the_highlight_is_the_quote_less_its_marks(built_site):
    texts = sources_text()
    marked = 0
    for claim in rows("data/claims.csv"):
        text, start, end = texts[claim["source_id"]], int(claim["start"]), int(claim["end"])
        page = (built_site / "claims" / f"{claim['claim_id']}.html").read_text(encoding="utf-8")
        report = re.search(r'<div class="report-text" lang="en">(.*?)</div>', page, re.DOTALL).group(1)
        mark = re.search(r'<mark id="quote"[^>]*>(.*?)</mark>', report, re.DOTALL).group(1)
        assert text_of(mark) == shown(text, start, end) == text[start:end].replace("**", ""), claim["claim_id"]
        assert text_of(report) == shown(text)  # the whole report, every code point but the marks
        marked += report.count("<strong>")
    assert "**" in "".join(texts.values()) and marked, "no bold mark of the reports was drawn"
    assert "**" not in text_of(report)


def test_marks_nest_inside_one_highlight_wherever_it_falls():
    text = "# Head line\nsome **bold words** and *fait accompli* here; 3 * 4 = 12 and x**2"
    start, end = text.index("line"), text.index("words") + 3
    html_text = str(render(text, start, end, ' id="quote"'))
    assert html_text.count("<mark") == 1
    assert text_of(re.search(r"<mark[^>]*>(.*?)</mark>", html_text, re.DOTALL).group(1)) == "line\nsome bold wor"
    assert "<em>fait accompli</em>" in html_text and "3 * 4" in html_text and "x**2" in html_text
    assert re.search(r'aria-level="1">Head ', html_text)
    assert str(render("a <b>**c**</b>")) == "a &lt;b&gt;<strong>c</strong>&lt;/b&gt;"
    assert str(render("a **b**", 2, 4)) == "a <strong>b<mark></mark></strong>"  # a quote of marks alone
    assert str(render("abc", 2, 1)) == str(render("abc")) == "abc"  # no span, no highlight


def test_the_index_opens_on_the_seats_of_every_election(built_site):
    """The compact table of every election's seats comes first (before the figure, the disagreements
    and the legend), each reported value linking to its claim and each official figure to its row."""
    index = (built_site / "index.html").read_text(encoding="utf-8")
    main = index.split('<main id="main"')[1]
    order = [
        main.index(marker) for marker in ('id="glance"', 'id="figure"', 'id="disagreements"', 'href="values.html"')
    ]
    assert order == sorted(order)
    judged = {r["subject"]: r for r in rows("data/reconciliation.csv") if r["basis"] == "judged"}
    seat_rows = rows("data/seat_results.csv")
    assert {r["election_id"] for r in seat_rows} == {e["election_id"] for e in rows("data/elections.csv")}
    for row in seat_rows:
        subject = f"seats/{row['election_id']}/{row['bloc_id']}"
        found = re.search(
            rf'<td class="num" id="at/{re.escape(subject)}"[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>', index, re.DOTALL
        )
        assert found, subject
        reported, official = found.groups()
        if row["seats_status"] == "reported":
            assert (
                f'href="claims/{row["seats_claim_id"]}.html#quote"' in reported and f">{row['seats']}</a>" in reported
            )
        else:
            assert "gap" in text_of(reported) and f'href="values.html#{subject}"' in reported
        basis = judged.get(subject)
        if basis and basis["reference"]:
            assert re.search(
                rf'href="tables/reconciliation.html#{re.escape(basis["reconciliation_id"])}"[^>]*>{basis["reference"]}</a>',
                official,
            )
            assert f'data-verdict="{basis["verdict"]}"' in official
        else:
            assert text_of(official).strip() == "–"


def test_no_template_names_a_count_a_year_or_a_chamber_size():
    """Counts of reports, the elections' years and the chamber's size come from the tables."""
    for template in (ROOT / "tools" / "site" / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8").lower()
        for fixed in ("two reports", "both reports", "2018", "2021", "329"):
            assert fixed not in text, (template.name, fixed)


def test_every_table_has_a_page_with_its_dictionary_downloads_and_a_permalink_per_value(built_site):
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    version = descriptor["version"]
    index = (built_site / "index.html").read_text(encoding="utf-8")
    for resource in (r for r in descriptor["resources"] if r.get("type") == "table"):
        name, schema = resource["name"], json.loads((ROOT / resource["schema"]).read_text(encoding="utf-8"))
        page = (built_site / "tables" / f"{name}.html").read_text(encoding="utf-8")
        table_rows = rows(resource["path"])
        assert f"<strong>{len(table_rows)} rows.</strong>" in page
        for download in (resource["path"], f"json/{name}.json", resource["schema"]):
            assert f'href="../{download}" download' in page and (built_site / download).is_file()
        assert f'href="json/{name}.json"' in index
        as_json = json.loads((built_site / "json" / f"{name}.json").read_text(encoding="utf-8"))
        assert (
            len(as_json) == len(table_rows)
            and [list(r) for r in as_json[:1]] == [[f["name"] for f in schema["fields"]]][: len(as_json)]
        )
        dictionary = page.split('id="dictionary"')[1].split("</table>")[0]
        for field in schema["fields"]:
            assert f'<tr id="column-{field["name"]}"><td><code>{field["name"]}</code></td>' in dictionary
            assert html.escape(field.get("description", ""), quote=False)[:40] in html.unescape(
                dictionary
            ) or not field.get("description")
        key = schema.get("primaryKey") or []
        key = [key] if isinstance(key, str) else key
        ids = anchors(built_site / "tables" / f"{name}.html")
        row_ids = {html.unescape(found) for found in re.findall(r'<tr id="([^"]*)">', page)}
        for number, row in enumerate(table_rows, 1):
            rid = "|".join(row[k] for k in key) if key else f"row-{number}"
            assert rid in row_ids, (name, rid)
            assert f"{rid}~{schema['fields'][0]['name']}" in ids, (name, rid)
            assert f"{descriptor['name']} {version}, table {name}, row {rid}" in html.unescape(page), (
                name,
                rid,
            )


def test_every_bloc_and_list_has_a_page_with_its_identifiers_results_and_claims(built_site):
    identifiers = rows("data/identifiers.csv")
    claims = rows("data/claims.csv")
    for bloc in rows("data/blocs.csv"):
        page = (built_site / "blocs" / f"{bloc['bloc_id']}.html").read_text(encoding="utf-8")
        assert bloc["name_en"] in html.unescape(page) and (not bloc["name_ar"] or bloc["name_ar"] in page)
        about = [c for c in claims if bloc["bloc_id"] in (c["bloc_id"], c["ref_bloc_id"])]
        for claim in about:
            assert f'href="../claims/{claim["claim_id"]}.html#quote"' in page
    for listed in rows("data/reference_lists.csv"):
        page = (built_site / "lists" / f"{listed['list_id']}.html").read_text(encoding="utf-8")
        results = [r for r in rows("data/reference_results.csv") if r["list_id"] == listed["list_id"]]
        assert len(re.findall(r'<tr id="[^"|]+\|[^"|]+"><td>', page)) == len(results)
    addresses = {
        "wikidata": "https://www.wikidata.org/wiki/{}",
        "partyfacts": "https://partyfacts.herokuapp.com/data/partycodes/{}/",
    }
    assert identifiers
    for row in identifiers:
        kind, key = f"{row['subject_kind']}s", row["subject"]
        page = (built_site / kind / f"{key}.html").read_text(encoding="utf-8")
        item = re.search(
            rf'<li id="{re.escape(row["scheme"])}\|{re.escape(row["identifier"])}">(.*?)</li>', page, re.DOTALL
        )
        assert item, (kind, key, row["scheme"])
        if row["scheme"] in addresses:  # linked to the identifier's own page
            link = addresses[row["scheme"]].format(row["identifier"])
            assert f'<a class="external" href="{link}">{row["identifier"]}</a>' in item.group(1)
        else:  # no guessed address: the identifier as text, beside where it was read
            assert f"</span> {row['identifier']} " in item.group(1) and '<a class="external"' not in item.group(1)
        assert f'href="{row["source_url"]}"' in html.unescape(item.group(1))


def test_the_whole_package_downloads_as_the_release_archive_with_its_sha256(built_site, tmp_path):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    expected = release.build(tmp_path)
    copy = built_site / "download" / expected.name
    assert copy.read_bytes() == expected.read_bytes()
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    assert f'href="download/{expected.name}" download' in index and f'<code class="sha">{digest}</code>' in index
    assert (built_site / "download" / f"{expected.name}.sha256").read_text(
        encoding="utf-8"
    ) == f"{digest}  {expected.name}\n"


def json_ld(page: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    ]


# Google's documented properties (Search Central, "Dataset" and "Fact check (ClaimReview)" structured
# data: developers.google.com/search/docs/appearance/structured-data/dataset and .../factcheck).
DATASET_REQUIRED = {"name", "description"}
DATASET_RECOMMENDED = {
    "creator",
    "license",
    "version",
    "distribution",
    "temporalCoverage",
    "spatialCoverage",
    "keywords",
    "url",
    "isAccessibleForFree",
}
DATADOWNLOAD = {"contentUrl", "encodingFormat"}
CLAIMREVIEW_REQUIRED = {"claimReviewed", "reviewRating", "url"}
CLAIMREVIEW_RECOMMENDED = {"author", "datePublished", "itemReviewed"}
CLAIM_RECOMMENDED = {"appearance", "firstAppearance"}  # author and datePublished where the report names them
RATING_REQUIRED = {"alternateName"}
RATING_RECOMMENDED = {"bestRating", "name", "ratingValue", "worstRating"}


def test_the_index_describes_the_package_as_a_schema_org_dataset(built_site):
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    (data,) = json_ld((built_site / "index.html").read_text(encoding="utf-8"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
    assert set(data) >= DATASET_REQUIRED | DATASET_RECOMMENDED
    assert 50 <= len(data["description"]) <= 5000  # Google's bounds for a description
    assert data["version"] == descriptor["version"] and data["description"] == descriptor["description"]
    assert data["license"] == [lic["path"] for lic in descriptor["licenses"]]
    base = data["url"].removesuffix("index.html")  # '' unless the build was told the site's address
    for download in data["distribution"]:
        assert download["@type"] == "DataDownload" and set(download) >= DATADOWNLOAD
        assert (built_site / download["contentUrl"].removeprefix(base)).is_file(), download
    tables = [r for r in descriptor["resources"] if r.get("type") == "table"]
    urls = {d["contentUrl"].removeprefix(base) for d in data["distribution"]}
    assert all(r["path"] in urls and f"json/{r['name']}.json" in urls for r in tables)
    days = sorted({f["value"] for f in rows("data/reference_facts.csv") if f["measure"] == "election_date"})
    assert data["temporalCoverage"] == f"{days[0]}/{days[-1]}"


def test_every_judged_claim_carries_a_claim_review_and_no_other_does(built_site):
    verdicts = {r["claim_id"]: r["verdict"] for r in rows("data/claim_verdicts.csv")}
    sources = {s["source_id"]: s for s in rows("data/sources.csv")}
    reviewed = 0
    for claim in rows("data/claims.csv"):
        found = json_ld((built_site / "claims" / f"{claim['claim_id']}.html").read_text(encoding="utf-8"))
        if verdicts[claim["claim_id"]] not in RATING_SCALE:
            assert found == [], claim["claim_id"]
            continue
        (review,) = found
        reviewed += 1
        assert review["@type"] == "ClaimReview" and set(review) >= CLAIMREVIEW_REQUIRED | CLAIMREVIEW_RECOMMENDED
        assert review["claimReviewed"] == claim["reading"]
        rating = review["reviewRating"]
        assert set(rating) >= RATING_REQUIRED | RATING_RECOMMENDED
        assert rating["alternateName"] == verdicts[claim["claim_id"]].replace("_", " ")
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        base = review["url"].removesuffix(f"claims/{claim['claim_id']}.html")
        item, source = review["itemReviewed"], sources[claim["source_id"]]
        assert item["@type"] == "Claim" and set(item) >= CLAIM_RECOMMENDED
        assert item["appearance"]["url"] == (source["url"] or base + source["path"])
        assert ("author" in item) == bool(source["publisher"]) and ("datePublished" in item) == bool(source["date"])
        assert review["author"]["url"] == base + "index.html"
    assert reviewed


def test_the_json_ld_gives_full_addresses_when_the_site_address_is_known(tmp_path):
    out = tmp_path / "site"
    render_site(gather(ROOT / "datapackage.json"), out, site_url="https://example.org/seats")
    (data,) = json_ld((out / "index.html").read_text(encoding="utf-8"))
    assert data["url"] == "https://example.org/seats/index.html"
    assert all(d["contentUrl"].startswith("https://example.org/seats/") for d in data["distribution"])


def test_a_version_the_changelog_does_not_date_offers_no_archive(package, tmp_path):
    """The archive is the release: a version with no dated release gets none, and the index says so."""
    for part in ("README.md", "CITATION.cff", "LICENSE", "figures"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, package.root / part)
    out = tmp_path / "site"
    render_site(gather(package.descriptor), out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert not (out / "download").exists() and "No archive of version" in index
    (data,) = json_ld(index)
    assert not any(d["encodingFormat"] == "application/zip" for d in data["distribution"])


def test_each_election_page_dates_every_event_of_its_results_process_with_its_passage(built_site):
    events = rows("data/result_events.csv")
    sources = {s["ref_source_id"]: s for s in rows("data/reference_sources.csv")}
    assert events
    for election in rows("data/elections.csv"):
        page = (built_site / "elections" / f"{election['election_id']}.html").read_text(encoding="utf-8")
        own = [e for e in events if e["election_id"] == election["election_id"]]
        shown = re.findall(r'<li id="([^"]+)"><time datetime="([^"]+)">', page.split('id="events-h"')[1])
        assert sorted(shown) == sorted((e["event_id"], e["date"]) for e in own)
        assert [date for _, date in shown] == sorted(date for _, date in shown)  # in the order of their days
        for event in own:
            item = re.search(rf'<li id="{re.escape(event["event_id"])}">(.*?)</li>', page, re.DOTALL).group(1)
            assert event["quote"] in text_of(item) and event["description"] in text_of(item)
            assert f'href="{sources[event["ref_source_id"]]["url"]}"' in html.unescape(item)
            assert f'data-source-kind="{sources[event["ref_source_id"]]["kind"]}"' in item
        assert 'href="elections/{}.html"'.format(election["election_id"]) in (built_site / "index.html").read_text(
            encoding="utf-8"
        )


def test_no_figure_of_an_estimate_or_an_encyclopedia_is_called_official(built_site):
    """Every figure of the record on a list's page names its source's kind, and the words for an
    estimate or an encyclopedia never say it is official; the index marks such a figure."""
    kinds = {s["ref_source_id"]: s["kind"] for s in rows("data/reference_sources.csv")}
    assert {"estimate", "encyclopedia"} <= set(kinds.values())
    for listed in rows("data/reference_lists.csv"):
        page = (built_site / "lists" / f"{listed['list_id']}.html").read_text(encoding="utf-8")
        for result in (r for r in rows("data/reference_results.csv") if r["list_id"] == listed["list_id"]):
            row = re.search(
                rf'<tr id="{re.escape(result["stage_id"])}\|{re.escape(result["ref_source_id"])}">(.*?)</tr>',
                page,
                re.DOTALL,
            ).group(1)
            label = re.search(r'<span class="src-kind[^"]*" data-source-kind="([^"]+)">([^<]+)</span>', row)
            assert label and label.group(1) == kinds[result["ref_source_id"]], (listed["list_id"], result)
            words = label.group(2)
            assert (kinds[result["ref_source_id"]] in ("estimate", "encyclopedia")) == ("not official" in words)
            assert words.startswith("official") == (kinds[result["ref_source_id"]] in ("official", "official_report"))
    index = (built_site / "index.html").read_text(encoding="utf-8")
    for judged in (r for r in rows("data/reconciliation.csv") if r["basis"] == "judged" and r["reference"]):
        cell = re.search(
            rf'<td class="num official-at"[^>]*><a href="tables/reconciliation.html#{re.escape(judged["reconciliation_id"])}"(.*?)</td>',
            index,
            re.DOTALL,
        )
        if cell:
            official = kinds[judged["ref_source_id"]] in ("official", "official_report")
            assert ('class="not-official"' in cell.group(1)) != official, judged["reconciliation_id"]


def test_an_attributed_claim_is_judged_twice_in_different_words(built_site):
    """The statement against the record, and the report's relay against the sources that have its
    author making it: two verdicts, each worded for what it judges, with the passages of the relay."""
    claims = {c["claim_id"]: c for c in rows("data/claims.csv")}
    attributions = rows("data/attributions.csv")
    attributed = [v for v in rows("data/claim_verdicts.csv") if v["about"] == "attributed_statement"]
    assert attributed and {v["relay"] for v in attributed} == {"relayed", "not_judged"}
    for verdict in attributed:
        claim = claims[verdict["claim_id"]]
        page = (built_site / "claims" / f"{claim['claim_id']}.html").read_text(encoding="utf-8")
        text = html.unescape(page)
        assert f"What {claim['attributed_to']} is reported to say, judged against the record:" in text
        relay = re.search(r'<p class="overall-relay">(.*?)</p>', page, re.DOTALL).group(1)
        assert f'data-verdict="{verdict["relay"]}"' in relay
        sentence = "A stored source has" if verdict["relay"] == "relayed" else "No stored source has"
        assert f"{sentence} {claim['attributed_to']} making the statement" in html.unescape(relay)
        item = re.search(
            rf'<li id="{re.escape(claim["claim_id"])}/relay" class="reading-item">(.*?)</li>', page, re.DOTALL
        )
        assert item and "the report's relay, against stored sources" in html.unescape(item.group(1))
        for found in (a for a in attributions if a["claim_id"] == claim["claim_id"]):
            assert found["quote"] in html.unescape(item.group(1))
    for verdict in (v for v in rows("data/claim_verdicts.csv") if v["about"] == "report"):
        page = (built_site / "claims" / f"{verdict['claim_id']}.html").read_text(encoding="utf-8")
        assert 'class="overall-relay"' not in page
