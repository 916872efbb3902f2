"""The documentation's generated sections match the package."""

import json
import re

from conftest import ROOT
from tools import figure
from tools.data_dictionary import render
from tools.readme_sections import page, refresh, replace_section


def test_data_dictionary_is_current(capsys):
    assert refresh("data-dictionary", render(), ["--check"]) == 0, capsys.readouterr().err


def test_stale_dictionary_is_detected(tmp_path, capsys):
    """A dictionary page that lacks one column is stale, and --check says so without writing."""
    text = page("data-dictionary").read_text(encoding="utf-8")
    row = next(line for line in render().splitlines() if line.startswith("| `seats_status` |"))
    readme = tmp_path / "data-dictionary.md"
    readme.write_text(replace_section(text, "data-dictionary", render().replace(row + "\n", "", 1)), encoding="utf-8")
    before = readme.read_bytes()
    assert refresh("data-dictionary", render(), ["--check"], readme) == 1
    assert "'data-dictionary' section is stale" in capsys.readouterr().err
    assert readme.read_bytes() == before
    assert refresh("data-dictionary", render(), [], readme) == 0 and readme.read_text(encoding="utf-8") == text


def test_every_column_is_in_the_dictionary():
    text = page("data-dictionary").read_text(encoding="utf-8")
    for name in ("seats_status", "claim_id", "ref_factor", "participation", "name_ar"):
        assert f"| `{name}` |" in text


def test_figure_is_current(capsys):
    assert figure.main(["--check"]) == 0, capsys.readouterr().err


def test_figure_data_keeps_gaps_as_gaps(derived):
    rows = {row["label"]: row for row in figure.bars(derived)}
    assert rows["Sadrist movement, 2021"] | {"official_source": None} == {
        "label": "Sadrist movement, 2021", "reported": 73, "status": "reported", "official": 73, "official_source": None,
        "official_kind": "official_report",
    }  # fmt: skip
    fatah = rows["Fatah Alliance, 2021"]
    assert fatah["reported"] is None and fatah["status"] == "ambiguous" and fatah["official"] == 17


def test_every_value_is_a_bar_of_its_length_and_no_gap_is():
    """Bars are drawn for the values and only for them; a gap is a mark, with no length to misread."""
    text = (ROOT / figure.DATA).read_text(encoding="utf-8")
    data = json.loads(text)
    values = sorted(v for row in data["rows"] for v in (row["reported"], row["official"]) if v is not None)
    drawn = figure.figure_of(text)
    axes = drawn.axes[0]
    assert sorted(bar.get_width() for bar in axes.patches) == values
    gaps = sum(row["reported"] is None for row in data["rows"])
    assert sum(len(c.get_offsets()) for c in axes.collections) == gaps and gaps > 0
    words = [t.get_text() for t in drawn.texts]
    assert any(f"iraq-election-seats {data['version']}" in w and "data/seat_results.csv" in w for w in words)
    assert axes.get_xlabel().startswith("Seats") and drawn.get_facecolor()[:3] == (1.0, 1.0, 1.0)


def test_no_final_figure_of_an_encyclopedia_or_an_estimate_is_drawn_as_official():
    """A final figure that no official page gives is hatched and named by its source's kind."""
    text = (ROOT / figure.DATA).read_text(encoding="utf-8")
    rows = [row for row in json.loads(text)["rows"] if row["official"] is not None]
    assert {row["official_kind"] for row in rows} - figure.OFFICIAL_KINDS, "no figure to test this on"
    drawn = figure.figure_of(text)
    hatched = sorted(bar.get_width() for bar in drawn.axes[0].patches if bar.get_hatch())
    assert hatched == sorted(row["official"] for row in rows if row["official_kind"] not in figure.OFFICIAL_KINDS)
    words = [t.get_text() for t in drawn.axes[0].texts]
    for row in rows:
        if row["official_kind"] not in figure.OFFICIAL_KINDS:
            assert f"{row['official']} ({row['official_kind']})" in words
    legend = [t.get_text() for t in drawn.legends[0].get_texts()]
    assert any("not official" in w for w in legend)


def test_stale_figure_data_is_detected(package):
    with package.edited_json("datapackage.json") as descriptor:
        descriptor["version"] += "-next"
    (package.root / "figures").mkdir()
    for drawn in (figure.DATA, figure.FIGURE):
        (package.root / drawn).write_bytes((ROOT / drawn).read_bytes())
    assert figure.stale(figure.plotted(package.descriptor), package.root) == [
        "figures/seats.json does not match the tables"
    ]


def test_figure_not_drawn_from_its_data_is_detected(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / figure.DATA).write_bytes((ROOT / figure.DATA).read_bytes())
    svg = (ROOT / figure.FIGURE).read_text(encoding="utf-8")
    (tmp_path / figure.FIGURE).write_text(
        re.sub(r"(sha256 of figures/seats.json: )[0-9a-f]{64}", r"\g<1>" + "0" * 64, svg), encoding="utf-8"
    )
    assert figure.stale((ROOT / figure.DATA).read_text(encoding="utf-8"), tmp_path) == [
        "figures/seats.svg was not drawn from figures/seats.json"
    ]
