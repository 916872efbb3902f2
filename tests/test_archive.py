"""The release archive: the same bytes from the same files, everything a reader needs, a checksum
that matches, and a package copy inside it that validates (and fails when broken)."""

import hashlib
import os
import shutil
import zipfile

import pytest

from conftest import ROOT
from tools.release import DOCUMENTS, FOLDERS, build, check, main


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return build(tmp_path_factory.mktemp("dist"))


def release_copy(package):
    """A copy of the package with the documents and figures a release holds."""
    for name in [*DOCUMENTS, *FOLDERS]:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, package.root / name)
    return package.root


def test_same_files_give_the_same_bytes(archive, package, tmp_path):
    """A copy of the same files, elsewhere and with new file times, gives the same archive."""
    root = release_copy(package)
    os.utime(root / "data" / "claims.csv", (0, 0))
    again = build(tmp_path, root=root)
    assert again.name == archive.name and again.read_bytes() == archive.read_bytes()


def test_archive_holds_the_package_and_its_documents(archive):
    folder = archive.name.removesuffix(".zip")
    names = {name.split("/", 1)[1] for name in zipfile.ZipFile(archive).namelist()}
    assert all(name.startswith(folder + "/") for name in zipfile.ZipFile(archive).namelist())
    expected = {"datapackage.json", *DOCUMENTS, "seeds/000_298e8f6d201a8252.txt", "seeds/004_c58b7ef47082a695.txt"}
    assert expected <= names
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "data").glob("*.csv")} <= names
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "schemas").glob("*.json")} <= names
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md")} <= names


def test_checksum_file_matches(archive):
    digest, name = (archive.parent / f"{archive.name}.sha256").read_text(encoding="utf-8").split()
    assert name == archive.name and digest == hashlib.sha256(archive.read_bytes()).hexdigest()


def test_package_inside_the_archive_is_valid(archive):
    valid, report = check(archive)
    assert valid, report


def test_broken_package_inside_an_archive_is_found(package, tmp_path):
    root = release_copy(package)
    package.set_cell("data/seat_results.csv", 2, "seats", "many")
    valid, report = check(build(tmp_path / "dist", root=root))
    assert not valid and "column seats" in report


def test_tag_must_name_the_version(tmp_path, capsys):
    assert main(["--tag", "v0.0.1", "--out", str(tmp_path)]) == 1
    assert "does not name the package's version" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
