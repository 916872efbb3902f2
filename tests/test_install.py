"""`pip install .` installs the validator alone, as a command that checks any copy of the package
named by its descriptor, and never a default path inside the installation."""

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The project installed with pip into a folder of its own, built from a copy of its sources so
    the build writes nothing into the repository."""
    source, target = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("installed")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "iraq_election_seats", source / "iraq_election_seats", ignore=shutil.ignore_patterns("__pycache__")
    )
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    done = subprocess.run(
        [*pip, "--no-deps", "--no-build-isolation", "--no-index", "--target", str(target), str(source)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return target


def run(installed, *args, cwd):
    return subprocess.run(
        [str(installed / "bin" / "iraq-election-seats-validate"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PYTHONPATH": str(installed), "PATH": ""},
    )


def test_only_the_validator_is_installed(installed):
    assert sorted(p.name for p in installed.iterdir() if not p.name.endswith(".dist-info")) == [
        "bin",
        "iraq_election_seats",
    ]


def test_installed_command_checks_a_copy_by_its_descriptor(installed, package, tmp_path):
    done = run(installed, str(package.descriptor), cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.rstrip().endswith("VALID"), done.stdout + done.stderr
    package.set_cell("data/seat_results.csv", 2, "seats", "many")
    broken = run(installed, str(package.descriptor), cwd=tmp_path)
    assert broken.returncode == 1 and "column seats" in broken.stdout


def test_installed_command_needs_a_descriptor(installed, tmp_path):
    done = run(installed, cwd=tmp_path)
    assert done.returncode == 2 and "the following arguments are required: descriptor" in done.stderr


def run_checker(installed, *args, cwd, stdin: str = ""):
    return subprocess.run(
        [str(installed / "bin" / "iraq-election-seats"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        env={"PYTHONPATH": str(installed), "PATH": ""},
    )


def test_installed_checker_must_be_told_the_package(installed, tmp_path):
    done = run_checker(installed, "check", "-", cwd=tmp_path, stdin="Sairoon won 54 seats in 2018.")
    assert done.returncode == 2 and "--package" in done.stderr


def test_installed_checker_checks_a_text_and_validates(installed, package, tmp_path):
    text = "In the 2018 election the Sairoon alliance won 54 seats."
    done = run_checker(installed, "check", "-", "--package", str(package.descriptor), cwd=tmp_path, stdin=text)
    assert done.returncode == 0 and "seats of sairoon in cor-2018: 54: agrees" in done.stdout, done.stdout + done.stderr
    done = run_checker(installed, "validate", str(package.descriptor), cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.rstrip().endswith("VALID")


def test_the_validators_requirements_are_the_packages_dependencies():
    """`make validate` installs requirements.txt and `pip install .` the pyproject's dependencies: the
    same packages, each pinned by constraints.txt at the version requirements.txt names, and each
    version within the range pyproject allows."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    def pins(file: str) -> dict:
        lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
        found = [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]
        return {canonicalize_name(r.name): next(iter(r.specifier)).version for r in found}

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    ranges = {canonicalize_name(r.name): r.specifier for r in map(Requirement, declared)}
    wanted, pinned = pins("requirements.txt"), pins("constraints.txt")
    assert sorted(wanted) == sorted(ranges)
    for name, version in wanted.items():
        assert pinned[name] == version, name
        assert version in ranges[name], (name, version, str(ranges[name]))
