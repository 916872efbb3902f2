"""Draw figures/seats.svg: seats per bloc in each election, reported beside official, gaps as gaps.

    python -m tools.figure          # rewrite figures/seats.json and figures/seats.svg
    python -m tools.figure --check  # exit 1 if either is stale
    python -m tools.figure --descriptor COPY/datapackage.json  # COPY/figures/, from another copy

What the figure shows is first written to figures/seats.json, one entry per bloc and election, so a
reader (or a test) can see every plotted number and where it comes from. The SVG is drawn from that
file with Matplotlib and carries its sha256 in its metadata. The check compares the data with the
tables and the SVG's checksum with the data, never the drawing's bytes, which change with the
Matplotlib version and its fonts.
"""

import hashlib
import json
import re
import sys
from pathlib import Path

import iraq_election_seats as ies

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("figures") / "seats.json"  # beside the descriptor
FIGURE = Path("figures") / "seats.svg"
SOURCES = ["data/seat_results.csv", "data/reconciliation.csv"]
# Okabe-Ito colours, told apart with any kind of colour vision, on the figure's own white ground.
REPORTED, OFFICIAL, GAP, INK, GRID = "#0072B2", "#E69F00", "#595959", "#1a1a1a", "#d9d9d9"
# A gap: a hatched ring at zero, beside words; nothing with a length that could be read as seats.
# A final figure that only an encyclopedia or an estimate gives: hatched, and named so, never "official".
OFFICIAL_KINDS = {"official", "official_report"}
NOT_OFFICIAL = {"hatch": "xxx", "edgecolor": "white", "linewidth": 0}
GAP_MARK = {"s": 110, "marker": "o", "facecolor": "white", "edgecolor": GAP, "hatch": "////", "linewidths": 1.2}


def bars(derived: ies.Derived) -> list[dict]:
    """One entry per bloc and election that has a reported count or an official final one."""
    reconciled, typed = derived.reconciliation, derived.typed
    official = {
        (r["election_id"], r["bloc_id"]): (
            int(float(r["reference"])),
            f"{r['stage_id']} ({r['ref_source_id']})",
            r["source_kind"],
        )
        for r in reconciled
        if r["kind"] in ("value", "gap") and r["measure"] == "seats" and r["basis"] == "judged"
    }
    names = dict(zip(typed["blocs"]["bloc_id"], typed["blocs"]["name_en"]))
    years = derived.election_years()
    rows = []
    for r in typed["seat-results"].sort_values(["election_id", "bloc_id"]).itertuples(index=False):
        reference, source, kind = official.get((r.election_id, r.bloc_id), (None, None, None))
        if r.seats_status == "reported" or reference is not None:
            rows.append(
                {
                    "label": f"{names[r.bloc_id]}, {years[r.election_id]}",
                    "reported": int(r.seats) if r.seats_status == "reported" else None,
                    "status": r.seats_status,
                    "official": reference,
                    "official_source": source,
                    "official_kind": kind,
                }
            )
    return rows


def plotted(descriptor: Path) -> str:
    """The figure's data as the text of figures/seats.json."""
    version = json.loads(descriptor.read_text(encoding="utf-8"))["version"]
    derived = ies.derive(descriptor)
    data = {"version": version, "sources": SOURCES, "chamber_seats": derived.chamber_seats, "rows": bars(derived)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def figure_of(text: str):
    """The Matplotlib figure of the data of figures/seats.json, on a white ground of its own so it
    reads the same on light and dark pages; a gap is a hatched ring at zero with words, never a bar."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    data = json.loads(text)
    rows = data["rows"]
    plt.rcParams.update({"svg.hashsalt": "iraq-election-seats", "font.size": 10, "text.color": INK})
    figure, axes = plt.subplots(figsize=(9, 0.62 * len(rows) + 2.2), facecolor="white")
    axes.set_facecolor("white")
    height, top = 0.36, max(max(r["reported"] or 0, r["official"] or 0) for r in rows)
    for y, row in enumerate(rows):
        if row["reported"] is None:
            axes.scatter(top * 0.015, y - height / 2, clip_on=False, **GAP_MARK)
            axes.text(
                top * 0.04, y - height / 2, f"gap: {row['status'].replace('_', ' ')} in the reports",
                va="center", color=GAP, style="italic",
            )  # fmt: skip
        else:
            axes.barh(y - height / 2, row["reported"], height, color=REPORTED)
            axes.text(row["reported"] + top * 0.01, y - height / 2, str(row["reported"]), va="center")
        if row["official"] is None:
            axes.text(0, y + height / 2, "no count in the record for this bloc alone", va="center", color=GAP)
        else:
            official = row["official_kind"] in OFFICIAL_KINDS
            axes.barh(y + height / 2, row["official"], height, color=OFFICIAL, **({} if official else NOT_OFFICIAL))
            label = str(row["official"]) if official else f"{row['official']} ({row['official_kind']})"
            axes.text(row["official"] + top * 0.01, y + height / 2, label, va="center")
    axes.set_yticks(range(len(rows)), [r["label"] for r in rows])
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.12)
    axes.set_xlabel(f"Seats in the Council of Representatives ({chamber_words(data['chamber_seats'])})")
    axes.grid(axis="x", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK)
    figure.suptitle("Seats per bloc: as the reports give them, and the final results of the record", x=0.01, ha="left")
    others = sorted({r["official_kind"] for r in rows if r["official"] is not None} - OFFICIAL_KINDS)
    figure.legend(
        handles=[
            Patch(color=REPORTED, label="reported"),
            Patch(color=OFFICIAL, label="official final result"),
            *([Patch(facecolor=OFFICIAL, label=f"{' or '.join(others)}, not official", **NOT_OFFICIAL)] if others else []),
            axes.scatter([], [], label="gap: no count reported", **GAP_MARK),
        ],
        loc="upper left", bbox_to_anchor=(0.005, 0.965), ncol=4, frameon=False,
    )  # fmt: skip
    figure.text(
        0.01, 0.01,
        f"Source: iraq-election-seats {data['version']}, tables {' and '.join(data['sources'])} "
        "(record: the row each verdict rests on).",
        fontsize=8.5, color=GAP,
    )  # fmt: skip
    figure.tight_layout(rect=(0, 0.03, 1, 0.93))
    return figure


def chamber_words(seats: dict[str, int]) -> str:
    """'329 in all' when every election filled the same chamber, else each election's size."""
    if len(set(seats.values())) == 1:
        return f"{next(iter(seats.values()))} in all"
    return ", ".join(f"{n} in {election}" for election, n in seats.items())


def draw(text: str, target: Path) -> None:
    """Write the figure as SVG (or PNG), carrying the sha256 of the data it was drawn from."""
    import matplotlib.pyplot as plt

    figure = figure_of(text)
    metadata = {"Date": None, "Description": f"sha256 of figures/seats.json: {checksum(text)}"}
    if target.suffix == ".png":
        metadata = {"Description": metadata["Description"]}
    figure.savefig(target, facecolor="white", metadata=metadata, dpi=110)
    plt.close(figure)


def stale(text: str, root: Path) -> list[str]:
    """Why figures/seats.json or figures/seats.svg under `root` do not show the data `text` holds."""
    data, figure = root / DATA, root / FIGURE
    if not data.exists() or data.read_text(encoding="utf-8") != text:
        return ["figures/seats.json does not match the tables"]
    svg = figure.read_text(encoding="utf-8") if figure.exists() else ""
    drawn = re.search(r"sha256 of figures/seats.json: ([0-9a-f]{64})", svg)
    if not drawn or drawn.group(1) != checksum(text):
        return ["figures/seats.svg was not drawn from figures/seats.json"]
    return []


def main(argv: list[str]) -> int:
    descriptor = Path(argv[argv.index("--descriptor") + 1]) if "--descriptor" in argv else ROOT / "datapackage.json"
    try:
        text = plotted(descriptor)
    except ies.NotValid as refused:
        print("the package is not valid, so no figure is drawn; run python validate.py:", file=sys.stderr)
        print("\n".join(str(f) for f in refused.findings), file=sys.stderr)
        return 1
    root = descriptor.parent
    if "--check" in argv:
        problems = stale(text, root)
        for problem in problems:
            print(f"{problem}; run: python -m tools.figure", file=sys.stderr)
        return int(bool(problems))
    (root / DATA).parent.mkdir(exist_ok=True)
    (root / DATA).write_text(text, encoding="utf-8")
    draw(text, root / FIGURE)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
