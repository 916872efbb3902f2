"""Draw figures/seats.svg: seats per bloc in 2018 and 2021, reported beside official, gaps as gaps.

    python -m tools.figure          # rewrite the figure
    python -m tools.figure --check  # exit 1 if it is stale

The SVG is written by hand, so the same tables always give the same bytes, with no plotting
library to install.
"""

import sys
from html import escape
from pathlib import Path

from tools.reconcile import build

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "figures" / "seats.svg"
LABEL, SCALE, ROW, TOP = 330, 4.0, 22, 58
REPORTED, OFFICIAL, GAP = "#1f4e79", "#9dc3e6", "#7f7f7f"


def bars(reconciled: list[dict], typed) -> list[dict]:
    """One entry per bloc and election that has a reported count or an official final one."""
    rows = []
    official = {
        (r["election_id"], r["bloc_id"]): float(r["reference"])
        for r in reconciled
        if r["kind"] in ("value", "gap") and r["measure"] == "seats" and r["basis"] == "judged"
    }
    names = dict(zip(typed["blocs"]["bloc_id"], typed["blocs"]["name_en"]))
    for r in typed["seat-results"].sort_values(["election_id", "bloc_id"]).itertuples(index=False):
        reference = official.get((r.election_id, r.bloc_id))
        if r.seats_status == "reported" or reference is not None:
            reported = None if r.seats_status != "reported" else int(r.seats)
            rows.append(
                {
                    "label": f"{names[r.bloc_id]}, {r.election_id[-4:]}",
                    "reported": reported,
                    "status": r.seats_status,
                    "official": reference,
                }
            )
    return rows


def render(rows: list[dict]) -> str:
    width, height = LABEL + 80 * SCALE + 120, TOP + ROW * 2 * len(rows) + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" viewBox="0 0 {width:.0f} {height}" font-family="sans-serif" font-size="12">',
        '<text x="10" y="20" font-size="14" font-weight="bold">Seats per bloc: reported by the two reports, and official final results</text>',
        f'<rect x="10" y="32" width="12" height="10" fill="{REPORTED}"/><text x="26" y="41">reported</text>',
        f'<rect x="100" y="32" width="12" height="10" fill="{OFFICIAL}"/><text x="116" y="41">official (final)</text>',
        f'<rect x="230" y="32" width="12" height="10" fill="none" stroke="{GAP}" stroke-dasharray="3,2"/><text x="246" y="41">gap in the reports</text>',
    ]
    y = TOP
    for row in rows:
        out.append(f'<text x="{LABEL - 8}" y="{y + 14}" text-anchor="end">{escape(row["label"])}</text>')
        if row["reported"] is None:
            out.append(
                f'<rect x="{LABEL}" y="{y + 3}" width="60" height="14" fill="none" stroke="{GAP}" stroke-dasharray="3,2"/>'
            )
            out.append(
                f'<text x="{LABEL + 66}" y="{y + 14}" fill="{GAP}">gap: {escape(row["status"].replace("_", " "))}</text>'
            )
        else:
            out.append(
                f'<rect x="{LABEL}" y="{y + 3}" width="{row["reported"] * SCALE:.1f}" height="14" fill="{REPORTED}"/>'
            )
            out.append(f'<text x="{LABEL + row["reported"] * SCALE + 4:.1f}" y="{y + 14}">{row["reported"]}</text>')
        y += ROW
        if row["official"] is not None:
            out.append(
                f'<rect x="{LABEL}" y="{y + 1}" width="{row["official"] * SCALE:.1f}" height="12" fill="{OFFICIAL}"/>'
            )
            out.append(f'<text x="{LABEL + row["official"] * SCALE + 4:.1f}" y="{y + 11}">{row["official"]:.0f}</text>')
        else:
            out.append(f'<text x="{LABEL}" y="{y + 11}" fill="{GAP}">no official count for this bloc alone</text>')
        y += ROW
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    reconciled, typed = build()
    text = render(bars(reconciled, typed))
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("figures/seats.svg is stale; run: python -m tools.figure", file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
