"""The website in a real browser (headless Chromium from the system's packages): a value leads to
its quote in one click, nothing outside the site's folder is requested, no script errs, the core
content reads with scripts off, and the pages fit a phone. Screenshots at phone and desktop
widths, light and dark, are written to _screenshots/ (ignored by git) for a person to look at."""

import csv
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

# The system's Chromium (Debian: apt-get install chromium), or Chrome where a CI image ships it instead
CHROMIUM = os.environ.get("CHROMIUM") or next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
    "/usr/bin/chromium",
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(os.environ.get("SITE_SCREENSHOTS", ROOT / "_screenshots"))
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason="Chromium is not installed (apt-get install chromium); .ci/run installs it, so CI runs these tests",
)


def claims() -> dict[str, dict]:
    with open(ROOT / "data" / "claims.csv", encoding="utf-8", newline="") as handle:
        return {row["claim_id"]: row for row in csv.DictReader(handle)}


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
        self.context.route("**/*", self.guard)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def guard(self, route):
        if route.request.url.startswith(self.site_url):
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
    page = visit(viewport=DESKTOP).open("index.html")
    count = page.locator("table.seats a.value").count()
    assert count >= 4
    expected = claims()
    for n in sorted({0, count // 2, count - 1}):  # test_site.py checks every link's target without a browser
        link = page.locator("table.seats a.value").nth(n)
        claim_id = link.get_attribute("href").removeprefix("claims/").removesuffix(".html#quote")
        link.click()
        page.wait_for_load_state("load")
        mark = page.locator("mark#quote")
        assert mark.text_content() == expected[claim_id]["quote"]
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
    page = visit(viewport=DESKTOP).open("index.html")
    names = page.locator('table.seats [lang="ar"]')
    assert names.count() >= 5
    assert names.first.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_pages_fit_a_phone_and_screenshots_are_taken(visit):
    SHOTS.mkdir(parents=True, exist_ok=True)
    claim_id = "rasanah-taqaddum-2021-seats"
    for scheme in ("light", "dark"):
        for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            session = visit(viewport=viewport, color_scheme=scheme)
            for name, relative in (("index", "index.html"), ("claim", f"claims/{claim_id}.html#quote")):
                page = session.open(relative)
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{name} at {width} width scrolls sideways by {overflow}px"
                target = SHOTS / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=str(target))
                assert target.stat().st_size > 10_000


def test_core_content_reads_with_scripts_off(visit):
    session = visit(viewport=PHONE, java_script_enabled=False)
    page = session.open("index.html")
    assert page.locator("table.seats a.value").count() >= 4
    assert page.locator("table.seats .gap").count() >= 10
    assert page.locator("#theme-slot button").count() == 0  # the toggle exists only where it works
    claim_id = page.locator("table.seats a.value").first.get_attribute("href")
    page = session.open(claim_id)
    claim = claims()[claim_id.removeprefix("claims/").removesuffix(".html#quote")]
    assert page.locator("mark#quote").text_content() == claim["quote"]
