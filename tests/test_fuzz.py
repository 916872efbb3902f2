"""Random damage to copies of the package: whatever changes, validation ends in 0 or 1, without a
traceback, a socket or a changed file, within a time bound.

CI runs a few examples (the 'ci' Hypothesis profile); to search long, run for example
    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py
(5,000 examples; HYPOTHESIS_EXAMPLES=N for another number).
"""

import contextlib
import csv
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
from iraq_election_seats.numbers import number_spans, states_date, states_number
from iraq_election_seats.text_reader import NEGATION

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
            key = f"x{index}" if index % 2 else ["name", "version", "profile", "resources"][index // 2 % 4]
            descriptor[key] = value
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


# --- readings rewritten, then every derived table regenerated: never VALID --------------------------

CLAIM_ROWS = list(csv.DictReader(io.StringIO((ROOT / "data/claims.csv").read_text(encoding="utf-8"))))
VALUE_CLAIMS = [r for r in CLAIM_ROWS if r["comparison"] == "=" and not r["ref_election_id"]]
RELATIONS = [r for r in CLAIM_ROWS if r["comparison"] in ("<", ">")]
NEGATED = [r for r in CLAIM_ROWS if NEGATION.search(r["quote"])]


def states(quote: str, claim: dict) -> bool:
    """The quote states the claim's value or day."""
    if claim["value_date"]:
        return states_date(quote, claim["value_date"])
    return states_number(quote, float(claim["value"]))


READING_ATTACKS = ["swap", "number", "flip", "cut"]


@st.composite
def reading_attack(draw, kind: str):
    """One careful change to the claims: a quote swapped with another claim's, a value changed to
    another number of its quote, a comparison flipped, the words up to a negation cut from a quote."""
    if kind == "swap":
        one = draw(st.sampled_from(VALUE_CLAIMS))
        # a quote that states the same value is a harmless swap (the date of the vote stands in two)
        other = draw(st.sampled_from([r for r in VALUE_CLAIMS if not states(r["quote"], one)]))
        return kind, one["claim_id"], {k: other[k] for k in ("source_id", "quote", "start", "end")}
    if kind == "number":
        one = draw(st.sampled_from([r for r in VALUE_CLAIMS if r["value"]]))
        others = sorted({n for *_, n, _ in number_spans(one["quote"]) if n != float(one["value"])})
        value = draw(st.sampled_from(others or [float(one["value"]) + 1]))
        return kind, one["claim_id"], {"value": f"{value:g}"}
    if kind == "flip":
        one = draw(st.sampled_from(RELATIONS))
        return kind, one["claim_id"], {"comparison": "<" if one["comparison"] == ">" else ">"}
    one = draw(st.sampled_from(NEGATED))
    at = draw(st.sampled_from([m.end() for m in NEGATION.finditer(one["quote"])]))
    at += len(one["quote"][at:]) - len(one["quote"][at:].lstrip())  # a careful cut leaves no space
    return kind, one["claim_id"], {"quote": one["quote"][at:], "start": str(int(one["start"]) + at)}


# One test per kind of attack, so that they run on every core; each example copies the package and
# validates it twice (before and after regenerating), so the profile's examples are shared among them,
# and the named attacks of test_reading_attacks.py are each run every time.
@pytest.mark.parametrize("kind", READING_ATTACKS)
@settings(max_examples=max(1, settings().max_examples // (2 * len(READING_ATTACKS))))
@given(data=st.data())
def test_a_reading_rewritten_and_regenerated_is_never_valid(kind, data, tmp_path_factory):
    from conftest import PackageCopy

    attack = data.draw(reading_attack(kind))
    _, claim_id, cells = attack
    package = PackageCopy(tmp_path_factory.mktemp("reading") / "package")
    line = package.line("data/claims.csv", claim_id=claim_id)
    for column, value in cells.items():
        package.set_cell("data/claims.csv", line, column, value)
    with contextlib.suppress(SystemExit):  # tables that no longer type cannot be regenerated
        package.regenerate()
    assert not package.validate().valid, attack
