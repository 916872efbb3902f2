"""Random damage to copies of the package: whatever changes, validation ends in 0 or 1, without a
traceback, a socket or a changed file, within a time bound.

CI runs a few examples (the 'ci' Hypothesis profile); to search long, run for example
    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py
(5,000 examples; HYPOTHESIS_EXAMPLES=N for another number).
"""

import contextlib
import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PARTS, ROOT, tree_digest
from iraq_election_seats.cli import main

settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "5000")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SECONDS = 20
FILES = sorted(p.relative_to(ROOT).as_posix() for part in PARTS[1:] for p in (ROOT / part).rglob("*") if p.is_file())
TABLES = sorted(f for f in FILES if f.endswith(".csv"))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
texts = st.text(max_size=60) | st.sampled_from(["+73", "073", "\u00a0", "\u200b", '"', "\n", "::error::x", "", "NA"])


KINDS = ["byte", "cell", "descriptor"]


@st.composite
def damage(draw, kind: str):
    """One change of a kind to one copy: a byte of a file, a cell of a table, or a value of the descriptor."""
    if kind == "byte":
        return kind, draw(st.sampled_from(FILES)), draw(st.floats(0, 1)), draw(st.binary(min_size=0, max_size=4))
    if kind == "cell":
        return kind, draw(st.sampled_from(TABLES)), draw(st.floats(0, 1)), draw(st.floats(0, 1)), draw(texts)
    return (
        kind,
        draw(st.integers(0, 40)),
        draw(st.sampled_from([None, "path", "schema", "name", "type"])),
        draw(json_values),
    )


def apply(root: Path, change) -> None:
    kind, *args = change
    if kind == "byte":
        file, where, new = args
        data = (root / file).read_bytes()
        at = int(where * len(data))
        (root / file).write_bytes(data[:at] + new + data[at + 1 :])
    elif kind == "cell":
        file, row, column, text = args
        lines = (root / file).read_text(encoding="utf-8").split("\n")
        line = 1 + int(row * max(len(lines) - 3, 0))
        cells = lines[line].split(",")
        cells[int(column * (len(cells) - 1))] = text
        lines[line] = ",".join(cells)
        (root / file).write_text("\n".join(lines), encoding="utf-8")
    else:
        index, key, value = args
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        resources = descriptor["resources"]
        if index < len(resources) and key:
            resources[index][key] = value
        else:
            descriptor[f"x{index}" if index % 2 else ["name", "version", "profile", "resources"][index % 4]] = value
        (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """One copy of the package for all examples of a kind; each example damages one file of it and
    the file is restored from the shipped package afterwards."""
    root = tmp_path_factory.mktemp("fuzz") / "package"
    root.mkdir()
    for part in PARTS:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, root / part)
    return root


def damaged_file(change) -> str:
    kind, *args = change
    return "datapackage.json" if kind == "descriptor" else args[0]


# One test per kind of damage, so that the examples run on every core; together they run the
# profile's examples once.
@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=max(1, settings().max_examples // len(KINDS)))
@given(data=st.data())
def test_random_damage_ends_in_a_verdict(kind, data, copy, no_network):
    change = data.draw(damage(kind))
    file = damaged_file(change)
    try:
        apply(copy, change)
        before = tree_digest(copy)
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
            status = main([str(copy / "datapackage.json")])
        assert time.perf_counter() - start < SECONDS
        assert status in {0, 1}, out.getvalue()[-2000:]
        assert "internal error" not in err.getvalue(), err.getvalue()
        assert tree_digest(copy) == before
        assert not no_network
    finally:
        shutil.copy(ROOT / file, copy / file)
