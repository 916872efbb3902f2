"""The website in a real browser (headless Chromium from the system's packages): a value leads to
its quote in one click, nothing outside the site's folder is requested, no script errs, the core
content reads with scripts off, and the pages fit a phone. Screenshots at phone and desktop
widths, light and dark, are written to _screenshots/ (ignored by git) for a person to look at."""

import csv
import os
import shutil
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import pytest

from conftest import ROOT
from tools.site.markup import shown

# The system's Chromium (Debian: apt-get install chromium), or Chrome where a CI image ships it instead
CHROMIUM = os.environ.get("CHROMIUM") or next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
    "/usr/bin/chromium",
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(os.environ.get("SITE_SCREENSHOTS", ROOT / "_screenshots"))
PHONE, DESKTOP, LAPTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}, {"width": 1366, "height": 768}
# The index before it opened on the results (version 1.2.0, before the finder and the seats at a
# glance), measured by test_the_index_first_screen_shows_the_seats_of_every_election: height in
# px and weight in bytes with everything it loads
BEFORE = {"laptop": (16738, 261881), "phone": (31910, 262171)}

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason="Chromium is not installed (apt-get install chromium); .ci/run installs it, so CI runs these tests",
)


def claims() -> dict[str, dict]:
    return {row["claim_id"]: row for row in table("claims")}


def table(name: str) -> list[dict]:
    with open(ROOT / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh, temporary profile
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Visit:
    """A browser context that records console errors and every request, and refuses any request
    outside the site's folder (so a failing test never reaches the network either)."""

    def __init__(self, browser, site: Path, **options):
        self.site_url = site.resolve().as_uri() + "/"
        self.context = browser.new_context(**options)
        self.errors, self.outside = [], []
        self.loaded = []
        self.context.route("**/*", self.guard)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def guard(self, route):
        if route.request.url.startswith(self.site_url):
            self.loaded.append(route.request.url)
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, relative: str):
        self.page.goto(self.site_url + relative)
        return self.page

    def close(self):
        self.context.close()
        assert self.outside == [], f"requests outside the site's folder: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def visit(browser, built_site):
    opened = []

    def make(**options) -> Visit:
        opened.append(Visit(browser, built_site, **options))
        return opened[-1]

    yield make
    for each in opened:
        each.close()


def test_a_value_leads_to_its_quote_in_one_click(visit):
    page = visit(viewport=DESKTOP).open("values.html")
    count = page.locator("table.seats a.value").count()
    assert count >= 4
    expected = claims()
    for n in sorted({0, count // 2, count - 1}):  # test_site.py checks every link's target without a browser
        link = page.locator("table.seats a.value").nth(n)
        claim_id = link.get_attribute("href").removeprefix("claims/").removesuffix(".html#quote")
        link.click()
        page.wait_for_load_state("load")
        mark = page.locator("mark#quote")
        assert mark.text_content() == shown(expected[claim_id]["quote"])
        mark.wait_for(state="visible")
        box, height = mark.bounding_box(), page.viewport_size["height"]
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, "the quote is not in view after the click"
        page.go_back()


def test_keyboard_reaches_the_content_and_the_theme_toggle_remembers(visit):
    page = visit(viewport=DESKTOP, color_scheme="light").open("index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    toggle = page.locator("#theme-slot button")
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.goto(page.url.split("#")[0].replace("index.html", "tables/claims.html"))
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark_background != "rgb(255, 255, 255)"


def test_arabic_names_run_right_to_left(visit):
    page = visit(viewport=DESKTOP).open("values.html")
    names = page.locator('table.seats [lang="ar"]')
    assert names.count() >= 5
    assert names.first.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_pages_fit_a_phone_and_screenshots_are_taken(visit):
    SHOTS.mkdir(parents=True, exist_ok=True)
    claim_id = "rasanah-taqaddum-2021-seats"
    for scheme in ("light", "dark"):
        for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            session = visit(viewport=viewport, color_scheme=scheme)
            for name, relative in (
                ("index", "index.html"),
                ("claim", f"claims/{claim_id}.html#quote"),
                ("find", "find.html?kind=list"),
                ("table", "tables/seat-results.html"),
                ("bloc", "blocs/sadrist.html"),
            ):
                page = session.open(relative)
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{name} at {width} width scrolls sideways by {overflow}px"
                target = SHOTS / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=str(target))
                assert target.stat().st_size > 10_000


def test_core_content_reads_with_scripts_off(visit):
    session = visit(viewport=PHONE, java_script_enabled=False)
    page = session.open("index.html")
    assert page.locator("#glance a.value").count() >= 4 and page.locator("#glance .gap-mini").count() >= 4
    page = session.open("values.html")
    assert page.locator("table.seats a.value").count() >= 4
    assert page.locator("table.seats .gap").count() >= 10
    assert page.locator("#theme-slot button").count() == 0  # the toggle exists only where it works
    claim_id = page.locator("table.seats a.value").first.get_attribute("href")
    page = session.open(claim_id)
    claim = claims()[claim_id.removeprefix("claims/").removesuffix(".html#quote")]
    assert page.locator("mark#quote").text_content() == shown(claim["quote"])


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and 0 <= box["x"] < size["width"]


def test_the_index_first_screen_shows_the_seats_of_every_election(visit, built_site):
    """On a laptop and on a phone, the first screen shows reported and official seat figures of
    every election; the index's height and weight (with all it loads) are printed beside the
    figures from before it opened on the results."""
    elections = [e["election_id"] for e in table("elections")]
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
        session = visit(viewport=viewport)
        page = session.open("index.html")
        page.wait_for_load_state("load")
        for election in elections:
            figures = page.locator(
                f'#glance td[id^="at/seats/{election}/"] a.value, #glance td[id^="at/seats/{election}/"] + td a'
            )
            assert figures.count() >= 1, election
            assert any(in_view(page, figures.nth(n)) for n in range(figures.count())), (
                f"no {election} seat figure on the first {name} screen"
            )
        page.screenshot(path=str(SHOTS / f"first-screen-{name}.png"))
        height = page.evaluate("document.documentElement.scrollHeight")
        weight = sum(Path(unquote(urlparse(url).path)).stat().st_size for url in set(session.loaded))
        print(
            f"\nindex on a {name} ({viewport['width']}x{viewport['height']}): height {BEFORE[name][0]:,} px -> {height:,} px; weight {BEFORE[name][1]:,} -> {weight:,} bytes with what it loads"
        )
        assert height > viewport["height"] and weight > 0


def test_search_and_filters_narrow_the_finder_and_the_table_is_whole_without_scripts(visit):
    blocs, lists, claims_rows = table("blocs"), table("reference_lists"), table("claims")
    sources = table("sources")
    page = visit(viewport=DESKTOP).open("index.html")
    arabic = next(b for b in blocs if b["name_ar"])
    page.fill("#quick-q", arabic["name_ar"])
    page.press("#quick-q", "Enter")
    page.wait_for_url("**/find.html?q=*")
    visible = page.locator("#finder tbody tr:not([hidden])")
    assert visible.count() >= 1
    assert all(arabic["name_ar"] in visible.nth(n).text_content() for n in range(visible.count()))
    assert page.locator('#finder tbody tr:not([hidden]) a[href="blocs/' + arabic["bloc_id"] + '.html"]').count() == 1
    page.fill('form.finder input[name="q"]', "")
    page.select_option('form.finder select[name="kind"]', "claim")
    report = sources[-1]["source_id"]
    page.select_option('form.finder select[name="report"]', report)
    expected = [c for c in claims_rows if c["source_id"] == report]
    assert visible.count() == len(expected)
    assert page.locator("form.finder output").text_content().startswith(f"{len(expected)} of ")
    page.select_option('form.finder select[name="report"]', "")
    page.select_option('form.finder select[name="kind"]', "list")
    assert visible.count() == len(lists)
    election = table("elections")[0]["election_id"]
    page.select_option('form.finder select[name="election"]', election)
    assert 0 < visible.count() < len(lists)
    assert all(election in visible.nth(n).get_attribute("data-election").split() for n in range(visible.count()))
    verdict = table("claim_verdicts")[0]["verdict"]
    page.select_option('form.finder select[name="kind"]', "claim")
    page.select_option('form.finder select[name="election"]', "")
    page.select_option('form.finder select[name="verdict"]', verdict)
    assert visible.count() == sum(v["verdict"] == verdict for v in table("claim_verdicts"))

    bare = visit(viewport=PHONE, java_script_enabled=False).open("find.html?kind=claim&q=zzz")
    everything = len(blocs) + len(lists) + len(claims_rows) + len(sources) + len(table("reference_sources"))
    assert bare.locator("#finder tbody tr").count() == everything
    assert bare.locator("#finder tbody tr:not([hidden])").count() == everything
    assert not bare.locator("form.finder").is_visible()


def test_columns_sort_as_numbers_and_as_text(visit):
    page = visit(viewport=DESKTOP).open("tables/reference-results.html")
    header = page.locator("table.sortable thead th", has_text="Seats").first
    header.locator("button.sort").click()
    assert header.get_attribute("aria-sort") == "ascending"
    column = page.evaluate(
        """() => { const ths = [...document.querySelectorAll('table.sortable thead th')];
                   const i = ths.findIndex(th => th.getAttribute('aria-sort'));
                   return [...document.querySelectorAll('table.sortable tbody tr')].map(r => r.cells[i].textContent.trim()); }"""
    )
    numbers = [int(v) for v in column if v.isdigit()]
    assert numbers == sorted(numbers) and len(numbers) >= 10
    assert column[: len(numbers)] == [str(n) for n in numbers], "numbers sort before gaps"
    header.locator("button.sort").click()
    assert header.get_attribute("aria-sort") == "descending"
    glance = visit(viewport=DESKTOP).open("index.html")
    glance.locator("#glance thead tr:first-child th button.sort").first.click()
    names = glance.locator("#glance tbody tr:not([data-sort-fixed]) th").all_text_contents()
    assert (
        names == sorted(names, key=str.lower)
        and glance.locator("#glance tbody tr").first.get_attribute("data-sort-fixed") is not None
    )


def test_a_permalink_lands_on_its_row_and_names_its_citation(visit):
    row = table("reconciliation")[len(table("reconciliation")) // 2]
    rid = row["reconciliation_id"]
    page = visit(viewport=PHONE).open(f"tables/reconciliation.html#{quote(rid)}")
    target = page.locator("tr:target")
    assert target.get_attribute("id") == rid
    assert in_view(page, target.locator("td").first)
    assert f"table reconciliation, row {rid}" in target.locator("code.cite").text_content()
    cell = page.locator(f'[id="{rid}~verdict"]')
    assert cell.locator("[data-verdict]").get_attribute("data-verdict") == row["verdict"]
    page.locator(f'tr[id="{table("reconciliation")[0]["reconciliation_id"]}"] a.permalink').click()
    assert (
        page.evaluate("decodeURIComponent(location.hash.slice(1))") == table("reconciliation")[0]["reconciliation_id"]
    )
