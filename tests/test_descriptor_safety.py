"""Validation stays offline and inside the package: URLs, escaping paths and profiles are refused."""

import pytest

from conftest import assert_finding


def set_path(name, key, value):
    def change(descriptor):
        next(r for r in descriptor["resources"] if r["name"] == name)[key] = value

    return change


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (set_path("claims", "path", "https://example.org/claims.csv"), "is a URL"),
        (set_path("claims", "path", "../outside.csv"), "leaves the package folder"),
        (set_path("claims", "path", "/etc/passwd"), "leaves the package folder"),
        (set_path("claims", "schema", "https://example.org/claims.schema.json"), "is a URL"),
        (set_path("claims", "path", "data/no_such.csv"), "does not exist"),
        (lambda d: d.update(profile="https://example.org/profile.json"), "is not allowed"),
        (lambda d: d.update(profiles=["https://example.org/profile.json"]), "is not allowed"),
    ],
    ids=["url", "parent folder", "absolute", "remote schema", "missing file", "remote profile", "remote profiles"],
)
def test_unsafe_descriptor_is_refused_before_reading(package, change, words):
    package.edit_descriptor(change)
    result = package.validate()
    finding = assert_finding(result, layer="descriptor", rule="profile" if "allowed" in words else "path")
    assert words in finding.message
    assert [layer.status for layer in result.layers[1:]] == ["not run"] * 3


def test_descriptor_that_is_not_json(package):
    package.descriptor.write_text("{not json", encoding="utf-8")
    assert_finding(package.validate(), layer="descriptor", rule="json")


def test_descriptor_profile_error_is_reported(package):
    package.edit_descriptor(lambda d: d.update(contributors="someone"))
    finding = assert_finding(package.validate(), layer="descriptor", rule="datapackage-profile")
    assert "'contributors'" in finding.message
