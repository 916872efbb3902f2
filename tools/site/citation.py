"""How to cite the package, a claim, or one comparison with the official record.

The package's citation is written once, in CITATION.cff; the BibTeX entry is derived from it.
A claim or a comparison is cited by its id with the version, as the README describes.
"""

import re
from pathlib import Path

import yaml


def read_cff(root: Path) -> tuple[str, dict]:
    """CITATION.cff as it stands, and as data."""
    text = (root / "CITATION.cff").read_text(encoding="utf-8")
    return text, yaml.safe_load(text)


def bibtex(cff: dict) -> str:
    """A BibTeX @dataset entry with the metadata of CITATION.cff."""
    version = str(cff["version"])
    key = re.sub(r"[^a-z0-9]+", "_", f"{cff['title'].split(':')[0]} {version}".lower()).strip("_")
    authors = " and ".join(
        "{" + a["name"] + "}" if "name" in a else f"{a.get('family-names', '')}, {a.get('given-names', '')}"
        for a in cff["authors"]
    )
    fields = {
        "title": cff["title"],
        "author": authors,
        "year": str(cff["date-released"])[:4],
        "version": version,
        "note": f"Frictionless Data Package, {cff['license']}",
    }
    fields.update({"url": cff["url"]} if cff.get("url") else {})
    width = max(map(len, fields))
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields.items())
    return f"@dataset{{{key},\n{body}\n}}"


def cite_claim(name: str, version: str, claim_id: str) -> str:
    return f"{name} {version}, claim {claim_id}"


def cite_comparison(name: str, version: str, reconciliation_id: str) -> str:
    return f"{name} {version}, reconciliation {reconciliation_id}"


def cite_row(name: str, version: str, table: str, row_id: str) -> str:
    """One value's citation: the version, the table and the row; the value is the row's cell in
    the column the reader names."""
    return f"{name} {version}, table {table}, row {row_id}"
