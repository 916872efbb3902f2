"""Render the evidence into static pages, and copy the package's files beside them.

Pages link to each other and to the copied files by relative addresses, so the folder works
from a web server, from GitHub Pages, and opened straight from disk.
"""

import hashlib
import json
import re
import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

import iraq_election_seats as ies
from tools import release
from tools.site import finder, markup, structured
from tools.site.citation import bibtex, cite_claim, cite_comparison, cite_row, read_cff
from tools.site.evidence import Evidence

HERE = Path(__file__).resolve().parent
MARKER = ".site-build"  # names a folder this command wrote, so a rebuild may empty it

ARABIC = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"
    "(?:[\\s\u060c]+[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+)*"
)
# verdict value -> (words, style, symbol): every verdict the schemas allow (reconciliation.csv,
# verdicts.csv, claim_verdicts.csv); the style keeps each kind visibly distinct, not by colour alone
VERDICTS = {
    "agrees": ("agrees", "ok", "✓"),
    "consistent": ("consistent with the record", "ok", "✓"),
    "holds_under_every_reading": ("holds under every reading", "ok", "✓"),
    "holds_where_judged": ("holds where judged", "ok-part", "✓"),
    "differs": ("differs", "bad", "✗"),
    "premature": ("premature", "bad", "✗"),
    "contradicted_under_every_reading": ("contradicted under every reading", "bad", "✗"),
    "contradicted_where_judged": ("contradicted where judged", "bad-part", "✗"),
    "depends_on_reading": ("depends on the reading", "reading", "◐"),
    "not_comparable": ("not comparable", "none", "–"),
    "undetermined": ("undetermined", "none", "?"),
    "not_judged": ("not judged", "unjudged", "·"),
    "relayed": ("relayed as its author made it", "ok", "✓"),
    "reference_only": ("beside a gap", "ref", "○"),
}
# reconciliation basis -> what the row is to its subject's verdict
BASIS = {
    "judged": "judged by this row",
    "alternative": "alternative: another stage or source",
    "superseded": "superseded: an earlier version of a revised source",
}
# reference source kind (reference_sources.kind) -> (what a figure from it is called, style): an
# estimate or an encyclopedia's figure is never called official
SOURCE_KINDS = {
    "official": ("official", "official"),
    "official_report": ("official, as reported", "official"),
    "estimate": ("analysts' estimate, not official", "estimate"),
    "encyclopedia": ("encyclopedia, not official", "encyclopedia"),
}
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
# identifier scheme -> the address of an identifier's own page (identifiers.csv); a scheme not
# named here is shown as text, not linked to a guessed address
IDENTIFIER_PAGES = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "partyfacts": "https://partyfacts.herokuapp.com/data/partycodes/{}/",
}


def arabic(text) -> Markup:
    """Escaped text with each Arabic run set right to left in its own span, so it shapes and orders correctly."""
    if text is None:
        return Markup("")
    return Markup(ARABIC.sub(lambda m: f'<span dir="rtl" lang="ar">{m.group(0)}</span>', str(escape(str(text)))))


def source_kind(kind) -> dict:
    words, style = SOURCE_KINDS.get(kind, (str(kind).replace("_", " "), "other"))
    return {"value": kind, "words": words, "style": style}


def verdict(value) -> dict:
    words, style, symbol = VERDICTS.get(value, (str(value).replace("_", " "), "other", "•"))
    return {"value": value, "words": words, "style": style, "symbol": symbol}


def claim_summary(overall: str, readings: list[dict]) -> str:
    """The claim's verdict as a sentence naming the readings it rests on (the relay of an attributed
    statement is judged apart, and shown as its own item)."""
    readings = [r for r in readings if r.get("verdict_about") != "relay"]

    def named(found: set) -> str:
        return ", ".join(r["reading_id"] for r in readings if r["verdict"] in found) or "none"

    judged = ies.HOLDS | ies.FAILS
    rest = {r["verdict"] for r in readings} - judged
    unjudged = f"; not judged under {named(rest)}" if rest else ""
    return {
        "holds_under_every_reading": f"It holds under every reading: {named(ies.HOLDS)}.",
        "contradicted_under_every_reading": f"It is contradicted under every reading: {named(ies.FAILS)}.",
        "depends_on_reading": f"It depends on the reading: it holds under {named(ies.HOLDS)} and is contradicted under {named(ies.FAILS)}{unjudged}.",
        "holds_where_judged": f"It holds where judged, under {named(ies.HOLDS)}{unjudged}.",
        "contradicted_where_judged": f"It is contradicted where judged, under {named(ies.FAILS)}{unjudged}.",
    }.get(
        overall,
        f"No reading is judged true or false: {', '.join(r['reading_id'] + ' ' + verdict(r['verdict'])['words'] for r in readings)}.",
    )


def row_id(schema: dict, row: dict, number: int = 0) -> str:
    """A row's anchor: its primary key (fields joined by '|'), so a key's value links to its row;
    a table without a key numbers its rows from 1 (row-1), in the order of its CSV."""
    key = schema.get("primaryKey", [])
    if not key:
        return f"row-{number}" if number else ""
    return "|".join(str(row[k]) for k in ([key] if isinstance(key, str) else key))


def value(cell) -> str:
    """A value as the site writes it: numbers by the library's one rule (ies.show), text as it is."""
    return cell if isinstance(cell, str) else ies.show(cell)


def identifier_link(scheme: str, identifier: str) -> str | None:
    page = IDENTIFIER_PAGES.get(scheme)
    return page.format(identifier) if page else None


def referenced(schemas: dict, schema: dict, name: str) -> str | None:
    """The resource a column points to: by a foreign key of its own, or else the one table whose
    single-column primary key has the column's name (so `stage_id` links to its stage even in a
    table that declares no key for it)."""
    for fk in schema.get("foreignKeys", []):
        if fk["fields"] in (name, [name]):
            return fk["reference"]["resource"]
    owners = [
        resource
        for resource, other in schemas.items()
        if other is not schema and other.get("primaryKey") in (name, [name])
    ]
    return owners[0] if len(owners) == 1 else None


def legend() -> list[dict]:
    """One entry per style of verdict, naming every verdict drawn in it."""
    groups = {}
    for words, style, symbol in VERDICTS.values():
        group = groups.setdefault(style, {"style": style, "symbol": symbol, "words": []})
        if words not in group["words"]:
            group["words"].append(words)
    return list(groups.values())


def readme_figures(root: Path) -> list[dict]:
    """The figures the README shows, as local files: the site shows the same ones."""
    text = (root / "README.md").read_text(encoding="utf-8")
    return [
        {"alt": alt, "path": path} for alt, path in IMAGE.findall(text) if "://" not in path and (root / path).is_file()
    ]


def files_to_copy(ev: Evidence, figures: list[dict]) -> list[str]:
    """Every file the pages link to or download, relative to the package root."""
    paths = ["datapackage.json", "CITATION.cff", "LICENSE"]
    for resource in ev.descriptor["resources"]:
        paths.append(resource["path"])
        if isinstance(resource.get("schema"), str):
            paths.append(resource["schema"])
    return [*dict.fromkeys(paths + [f["path"] for f in figures])]


def prepare(out: Path) -> None:
    """An empty folder to write to; one this command did not write is never emptied."""
    if out.exists():
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise SystemExit(f"{out} is not empty and was not written by this command; choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("written by python -m tools.site; rebuilt from scratch each time\n", encoding="utf-8")


def environment(ev: Evidence, cff_text: str, cff: dict, release_url: str | None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        arabic=arabic, verdict=verdict, source_kind=source_kind, words=lambda s: str(s).replace("_", " "), value=value
    )
    name = ev.descriptor["name"]
    env.globals.update(
        ev=ev,
        name=name,
        version=ev.version,
        bibtex=bibtex(cff),
        cff_text=cff_text,
        release_url=release_url,
        cite_claim=lambda claim_id: cite_claim(name, ev.version, claim_id),
        cite_comparison=lambda row_id: cite_comparison(name, ev.version, row_id),
        cite_row=lambda table, row_id: cite_row(name, ev.version, table, row_id),
        identifier_link=identifier_link,
        legend=legend(),
        claim_summary=claim_summary,
        basis_words=BASIS,
        row_id=row_id,
        referenced=lambda schema, name: referenced(ev.schemas, schema, name),
    )
    return env


def write(out: Path, relative: str, text: str) -> None:
    target = out / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def package_archive(ev: Evidence, out: Path) -> dict | None:
    """The release archive of the package (tools.release builds it, byte for byte as released),
    in the site's download folder with its sha256; None when the version has no release entry yet."""
    try:
        archive = release.build(out / "download", ev.root)
    except (SystemExit, FileNotFoundError):  # no changelog dates a release of this version: nothing to offer
        return None
    data = archive.read_bytes()
    return {
        "path": archive.relative_to(out).as_posix(),
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "checksum": f"{archive.relative_to(out).as_posix()}.sha256",
    }


def write_json(out: Path, ev: Evidence) -> None:
    """Each table as a JSON array of its rows, typed as validation typed them (null for a gap)."""
    for resource in ev.resources:
        write(
            out, f"json/{resource['name']}.json", json.dumps(ev.tables[resource["name"]], ensure_ascii=False, indent=1)
        )


def render_site(ev: Evidence, out: Path, release_url: str | None = None, site_url: str = "") -> list[str]:
    """Write every page and copy every linked file into `out`; return the pages written.

    `site_url` is the address the site is published at, for the addresses search engines read in
    its JSON-LD; without it they are relative to the page."""
    prepare(out)
    cff_text, cff = read_cff(ev.root)
    env = environment(ev, cff_text, cff, release_url)
    figures = readme_figures(ev.root)
    archive = package_archive(ev, out)
    base = site_url.rstrip("/") + "/" if site_url else ""
    found = finder.rows(ev)
    pages = {
        "index.html": env.get_template("index.html").render(
            root="",
            figures=figures,
            archive=archive,
            finder=found,
            facets=finder.options(found),
            jsonld=structured.script(structured.dataset(ev, cff, base, archive)),
        )
    }
    pages["values.html"] = env.get_template("values.html").render(root="")
    pages["claims.html"] = env.get_template("claims.html").render(root="")
    pages["find.html"] = env.get_template("find.html").render(root="", finder=found, facets=finder.options(found))
    claim_page = env.get_template("claim.html")
    for claim_id, claim in ev.claims.items():
        text = ev.texts[claim["source_id"]]
        review = structured.claim_review(
            ev, cff, base, claim_id, claim_summary(ev.claim_verdict(claim_id), ev.readings_of(claim_id))
        )
        pages[f"claims/{claim_id}.html"] = claim_page.render(
            root="../",
            claim=claim,
            report_html=markup.render(
                text, claim["start"], claim["end"], f' id="quote" data-claim="{escape(claim_id)}" tabindex="-1"', arabic
            ),
            quote_html=markup.render(claim["quote"], escape_run=arabic),
            jsonld=structured.script(review) if review else "",
        )
    table_page = env.get_template("table.html")
    for resource in ev.resources:
        pages[f"tables/{resource['name']}.html"] = table_page.render(
            root="../", resource=resource, schema=ev.schemas[resource["name"]], rows=ev.tables[resource["name"]]
        )
    for kind, template in (("bloc", "bloc.html"), ("list", "list.html")):
        page = env.get_template(template)
        for entry in found:
            if entry["kind"] == kind:
                pages[f"{kind}s/{entry['id']}.html"] = page.render(root="../", key=entry["id"], entry=entry)
    election_page = env.get_template("election.html")
    for election_id in ev.elections:
        pages[f"elections/{election_id}.html"] = election_page.render(
            root="../", key=election_id, entry={"kind": "election"}
        )
    write_json(out, ev)
    for relative, text in pages.items():
        write(out, relative, text)
    for relative in files_to_copy(ev, figures):
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ev.root / relative, out / relative)
    for asset in (HERE / "assets").iterdir():
        (out / "assets").mkdir(exist_ok=True)
        shutil.copyfile(asset, out / "assets" / asset.name)
    (out / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages serves the files as they are
    return sorted(pages)
