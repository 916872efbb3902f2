"""The tools, the site and the benchmark use the library only through its public API."""

import ast
import re

import pytest

import iraq_election_seats as ies
from conftest import ROOT

USERS = sorted([*(ROOT / "tools").rglob("*.py"), *(ROOT / "bench").glob("*.py")])


def library_imports(path) -> list[str]:
    """Every name a file takes from the library: 'iraq_election_seats' itself, a name imported from
    it, or a submodule it reaches into (in code, or in the text of code it runs)."""
    text = path.read_text(encoding="utf-8")
    names = [f"iraq_election_seats.{m}" for m in re.findall(r"iraq_election_seats\.(\w+)", text)]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("iraq_election_seats"):
            names += [f"{node.module}:{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names if alias.name.startswith("iraq_election_seats")]
    return names


@pytest.mark.parametrize("path", USERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_public_names_are_used(path):
    allowed = {"iraq_election_seats"}
    allowed |= {f"iraq_election_seats{sep}{name}" for name in ies.__all__ for sep in ".:"}
    assert [name for name in library_imports(path) if name not in allowed] == []


def test_every_public_name_loads():
    assert all(getattr(ies, name) is not None for name in ies.__all__)
    with pytest.raises(AttributeError):
        ies.no_such_name  # noqa: B018
