"""A writable copy of the package for each test, and small tools to corrupt it."""

import contextlib
import csv
import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic import make_copy
from iraq_election_seats.run import validate

ROOT = Path(__file__).resolve().parent.parent
PARTS = ["datapackage.json", "data", "schemas", "seeds"]


class PackageCopy:
    """A copy of the package; with `rows`, one whose seat-results table is enlarged with synthetic gaps."""

    def __init__(self, root: Path, rows: int = 0):
        self.root = root
        root.mkdir(parents=True)
        if rows:
            make_copy(root, rows)
            return
        for part in PARTS:
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)

    @property
    def descriptor(self) -> Path:
        return self.root / "datapackage.json"

    def validate(self):
        return validate(str(self.descriptor))

    def rows(self, file: str) -> list[dict]:
        return list(csv.DictReader(io.StringIO((self.root / file).read_text(encoding="utf-8"))))

    def line(self, file: str, **match) -> int:
        """The line number (header = 1) of the one row whose cells equal `match`."""
        lines = [n for n, row in enumerate(self.rows(file), 2) if all(row[k] == v for k, v in match.items())]
        assert len(lines) == 1, f"{match} matches {len(lines)} rows of {file}"
        return lines[0]

    def set_cell(self, file: str, line: int, column: str, value: str) -> None:
        rows = self.rows(file)
        rows[line - 2][column] = value
        self.write_rows(file, rows)

    def write_rows(self, file: str, rows: list[dict]) -> None:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (self.root / file).write_text(out.getvalue(), encoding="utf-8")

    def replace_bytes(self, file: str, old: bytes, new: bytes, count: int = 1) -> None:
        path = self.root / file
        data = path.read_bytes()
        assert old in data, f"{old!r} not in {file}"
        path.write_bytes(data.replace(old, new, count))

    @contextlib.contextmanager
    def edited_json(self, file: str):
        """A JSON file of the copy, read for the block to change and written back after it."""
        path = self.root / file
        data = json.loads(path.read_text(encoding="utf-8"))
        yield data
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")

    def regenerate(self) -> None:
        """Rewrite the copy's derived tables from its other tables, as `python -m tools.reconcile` does,
        with the copy's own paths, so that a change reaches every table that follows from it. Unlike
        the tool, it writes them whatever the provenance layer finds, as a contributor could by hand;
        tables that do not type (the rules never ran) cannot be regenerated: SystemExit."""
        result = validate(str(self.descriptor))
        if result.derived is None:
            raise SystemExit("the copy's tables do not type, so nothing is derived")
        paths = {r["name"]: r["path"] for r in json.loads(self.descriptor.read_text(encoding="utf-8"))["resources"]}
        for name, text in result.derived.texts.items():
            (self.root / paths[name]).write_text(text, encoding="utf-8")

    def edit_descriptor(self, change) -> None:
        with self.edited_json("datapackage.json") as data:
            change(data)


@pytest.fixture(scope="session")
def shipped():
    """The shipped package validated once per test process, for the tests that only read the result."""
    return validate(str(ROOT / "datapackage.json"))


@pytest.fixture(scope="session")
def derived():
    """What the shipped package derives (reconciliation, verdicts, typed tables), built once; tests only read it."""
    import iraq_election_seats as ies

    return ies.derive(ROOT / "datapackage.json")


@pytest.fixture
def package(tmp_path) -> PackageCopy:
    return PackageCopy(tmp_path / "package")


@pytest.fixture
def large_package(tmp_path) -> PackageCopy:
    """2,000 seat-results rows, the synthetic gaps after the shipped rows: the last row stands far
    from the first."""
    return PackageCopy(tmp_path / "package", rows=2000)


@pytest.fixture
def deep_package(large_package) -> PackageCopy:
    """The large copy with the shipped seat-results rows moved after the synthetic ones (the order of
    rows means nothing to the package): a corruption of a shipped row stands some 2,000 lines down."""
    path = large_package.root / "data" / "seat_results.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    shipped = len((ROOT / "data" / "seat_results.csv").read_text(encoding="utf-8").splitlines()) - 1
    path.write_text(header + "".join(rows[shipped:] + rows[:shipped]), encoding="utf-8")
    return large_package


def findings(result) -> list:
    return [f for layer in result.layers for f in layer.findings]


def assert_finding(
    result,
    *,
    layer: str,
    rule: str,
    file: str | None = None,
    row: int | None = None,
    column: str | None = None,
    **named,
):
    """The package is invalid, and among its findings is exactly this one (file, row, column, rule;
    and the resource and property, where given)."""
    assert not result.valid
    found = findings(result)
    wanted = dict(layer=layer, rule=rule, file=file, row=row, column=column, **named)
    matches = [
        f
        for f in found
        if all(getattr(f, k) == v for k, v in wanted.items() if v is not None or k in ("row", "column"))
    ]
    assert matches, f"no finding {wanted}; found:\n" + "\n".join(f"{f.layer}: {f}" for f in found)
    return matches[0]


# No test may open a socket: an audit hook sees every socket the interpreter creates, however
# it is reached, and records it while `no_network` is in force.
SOCKETS: list[str] = []
_GUARD = {"on": False}


def _audit(event, args):
    if _GUARD["on"] and event in ("socket.__new__", "socket.connect", "socket.getaddrinfo"):
        SOCKETS.append(event)
        raise ConnectionRefusedError(f"the test refuses {event}")


sys.addaudithook(_audit)


@pytest.fixture
def no_network(monkeypatch):
    """While the test runs, any socket is refused and recorded; the test fails if one was tried."""

    def refuse(*args, **kwargs):
        SOCKETS.append("socket.socket")
        raise ConnectionRefusedError("the test refuses sockets")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    SOCKETS.clear()
    _GUARD["on"] = True
    try:
        yield SOCKETS
    finally:
        _GUARD["on"] = False
    assert not SOCKETS, f"a socket was opened: {SOCKETS}"


SANDBOX = Path(__file__).resolve().parent / "sandbox"


def run_cli(*args, cwd=ROOT, env=None, **options):
    """validate.py as a user runs it, in a process that ends with status 99 if it opens a socket
    or starts a process (tests/sandbox/sitecustomize.py)."""
    environment = {**os.environ, **(env or {}), "PYTHONPATH": str(SANDBOX)}
    options.setdefault("capture_output", True)
    return subprocess.run(
        [sys.executable, str(ROOT / "validate.py"), *map(str, args)], cwd=cwd, env=environment, **options
    )


# git's folder, and the folders (ignored by git) that the environments, the tools and other tests
# write to as they run
TOOL_FOLDERS = {
    ".git",
    ".venv",
    ".venv-v1",
    ".venv-cff",
    ".hypothesis",
    ".pytest_cache",
    ".ruff_cache",
    "__pycache__",
    "_screenshots",
    "_site",
}


def tree_digest(folder: Path) -> dict:
    """Every file and folder under `folder`, with the sha256 of each file; the folders of the
    repository's tools are left out (and not walked), as tests running beside this one write there."""
    digest = {}
    for here, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if f not in TOOL_FOLDERS and not (Path(here) / f).is_symlink()]
        for name in folders:
            digest[(Path(here) / name).relative_to(folder).as_posix()] = "dir"
        for name in files:
            path = Path(here) / name
            if not path.is_symlink():
                digest[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(digest.items()))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The website, built once per test run by the command the Makefile runs: in the folder the
    test processes share (each has its own under it), by the first of them to ask, under a lock
    that the others wait on. Tests only read it."""
    import fcntl

    shared = tmp_path_factory.getbasetemp().parent if os.environ.get("PYTEST_XDIST_WORKER") else None
    folder = (shared or tmp_path_factory.mktemp("site")) / "built-site"
    folder.mkdir(exist_ok=True)
    out = folder / "_site"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "built").exists():
            done = subprocess.run(
                [sys.executable, "-m", "tools.site", "--out", str(out)], cwd=ROOT, capture_output=True, text=True
            )
            assert done.returncode == 0, done.stderr
            (folder / "built").touch()
    return out


def require_r() -> None:
    """Skip the calling test when Rscript with the R frictionless package is not installed, unless
    REQUIRE_R_READER is set (as CI sets it): then the missing reader is a failure."""
    found = shutil.which("Rscript") and subprocess.run(["Rscript", "-e", "library(frictionless)"], capture_output=True)
    if found and found.returncode == 0:
        return
    if os.environ.get("REQUIRE_R_READER"):
        pytest.fail("REQUIRE_R_READER is set, but Rscript with the R frictionless package is not available")
    pytest.skip("Rscript with the R frictionless package is not installed")
