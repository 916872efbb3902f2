"""The README's generated sections match the package."""

import subprocess
import sys

from conftest import ROOT
from tools.data_dictionary import render
from tools.readme_sections import replace_section


def test_data_dictionary_is_current():
    done = subprocess.run(
        [sys.executable, "-m", "tools.data_dictionary", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_stale_dictionary_is_detected():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert replace_section(text, "data-dictionary", render()) == text
    assert replace_section(text, "data-dictionary", "outdated") != text


def test_every_column_is_in_the_dictionary():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("seats_status", "claim_id", "ref_factor", "participation", "name_ar"):
        assert f"| `{name}` |" in text


def test_figure_is_current():
    done = subprocess.run([sys.executable, "-m", "tools.figure", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_figure_shows_gaps_as_gaps_and_both_kinds_of_bar():
    from tools.figure import bars, render
    from tools.reconcile import build

    reconciled, typed = build()
    svg = render(bars(reconciled, typed))
    assert "gap: ambiguous" in svg and "stroke-dasharray" in svg
    assert 'fill="#1f4e79"' in svg and 'fill="#9dc3e6"' in svg
    assert svg != (ROOT / "figures" / "seats.svg").read_text(encoding="utf-8").replace("73", "74")
