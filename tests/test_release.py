"""Citing the package: CITATION.cff is valid Citation File Format 1.2.0, .zenodo.json holds what
Zenodo needs to mint a DOI for a release, and the version and release date agree everywhere."""

import json
import re
import tomllib

import jsonschema
import pytest
import yaml

from conftest import ROOT

CFF_SCHEMA = ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json"


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def cff_errors(document: dict) -> list[str]:
    """What the Citation File Format 1.2.0 schema finds wrong with a CITATION.cff document."""
    validator = jsonschema.Draft7Validator(json.loads(CFF_SCHEMA.read_text(encoding="utf-8")))
    return [error.message for error in validator.iter_errors(document)]


def test_citation_file_is_valid():
    assert cff_errors(citation()) == []


@pytest.mark.parametrize(
    "change", [lambda d: d.pop("authors"), lambda d: d.update(version=[1]), lambda d: d.update(cff_version="1.2.0")]
)
def test_broken_citation_file_is_caught(change):
    document = citation()
    change(document)
    assert cff_errors(document)


def versions() -> dict[str, str]:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    latest = re.search(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})", changelog, re.MULTILINE)
    return {
        "datapackage.json": json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"],
        "CITATION.cff": str(citation()["version"]),
        ".zenodo.json": zenodo()["version"],
        "pyproject.toml": tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"],
        "CHANGELOG.md (latest entry)": latest.group(1),
        "README.md (citation)": re.search(
            r"version = \{(\d+\.\d+\.\d+)\}", (ROOT / "README.md").read_text(encoding="utf-8")
        ).group(1),
    }


def test_version_agrees_everywhere():
    found = versions()
    assert len(set(found.values())) == 1, f"the version differs between files: {found}"


def test_release_date_agrees():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    latest_date = re.search(r"^## \[\d+\.\d+\.\d+\] - (\d{4}-\d{2}-\d{2})", changelog, re.MULTILINE).group(1)
    assert citation()["date-released"] == latest_date
    assert zenodo()["publication_date"] == latest_date


def zenodo() -> dict:
    return json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))


# The deposit metadata fields Zenodo documents for a GitHub release's .zenodo.json; Zenodo rejects
# a release whose file has any other, and then mints no DOI.
ZENODO_FIELDS = {
    "upload_type", "publication_date", "title", "creators", "description", "access_right", "license",
    "embargo_date", "access_conditions", "doi", "prereserve_doi", "keywords", "notes", "related_identifiers",
    "contributors", "references", "communities", "grants", "subjects", "version", "language", "locations", "dates",
    "method",
}  # fmt: skip


def zenodo_errors(document: dict) -> list[str]:
    errors = [f"unknown field {key!r}" for key in sorted(set(document) - ZENODO_FIELDS)]
    for key in ("title", "description", "creators", "upload_type", "access_right", "license"):
        if not document.get(key):
            errors.append(f"{key!r} is missing")
    if document.get("upload_type") != "dataset":
        errors.append("upload_type must be 'dataset'")
    if any(not creator.get("name") for creator in document.get("creators", [])):
        errors.append("every creator needs a name")
    return errors


def test_zenodo_metadata_is_complete_and_agrees_with_the_citation():
    document = zenodo()
    assert zenodo_errors(document) == []
    assert document["title"] == citation()["title"]
    assert [c["name"] for c in document["creators"]] == [a["name"] for a in citation()["authors"]]
    assert document["license"] == citation()["license"]


@pytest.mark.parametrize(
    "change",
    [lambda d: d.pop("creators"), lambda d: d.update(upload_type="software"), lambda d: d.update(authors=[])],
    ids=["no creators", "not a dataset", "unknown field"],
)
def test_broken_zenodo_metadata_is_caught(change):
    document = zenodo()
    change(document)
    assert zenodo_errors(document)
