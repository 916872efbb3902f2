"""Citing the package: CITATION.cff is valid Citation File Format 1.2.0, and the version and
release date agree everywhere they appear."""

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
